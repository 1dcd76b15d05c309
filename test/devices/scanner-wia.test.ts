import { describe, expect, it } from 'vitest';
import { buildWiaListArgs, buildWiaScanArgs, mapWiaError, parseWiaLine, WIA, WIA_SCRIPT, WiaScanner } from '../../main/adapters/scanner/wia';
import { AppError } from '../../shared/errors';

// Windows is not available here: these pin the generated PowerShell and its arguments.
function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

describe('WIA adapter (generated PowerShell)', () => {
  it('drives the WIA.DeviceManager COM object and sets resolution, intent, data type and ADF properties by id', () => {
    expect(WIA_SCRIPT).toContain('New-Object -ComObject WIA.DeviceManager');
    expect(WIA_SCRIPT).toContain('Set-WiaProp $item.Properties 6146 $Intent'); // WIA_IPS_CUR_INTENT
    expect(WIA_SCRIPT).toContain('Set-WiaProp $item.Properties 4103 $DataType'); // WIA_IPA_DATATYPE
    expect(WIA_SCRIPT).toContain('Set-WiaProp $item.Properties 6147 $Dpi'); // WIA_IPS_XRES
    expect(WIA_SCRIPT).toContain('Set-WiaProp $item.Properties 6148 $Dpi'); // WIA_IPS_YRES
    expect(WIA_SCRIPT).toContain('Set-WiaProp $dev.Properties 3088 $Handling'); // DOCUMENT_HANDLING_SELECT
    expect(WIA_SCRIPT).toContain('Set-WiaProp $dev.Properties 3096 1'); // WIA_DPS_PAGES
    expect(WIA_SCRIPT).toContain('Get-WiaProp $dev.Properties 3087'); // DOCUMENT_HANDLING_STATUS
    expect(WIA_SCRIPT).toContain("$png = '{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}'");
    // Feeder empty after a page ends the batch; before the first page it is an error.
    expect(WIA_SCRIPT).toMatch(/\$n -gt 0 -and \(Get-Inner \$_\)\.HResult -eq 0x80210003\) \{ break \}/);
    // No JS interpolation leaked as text, no stray template markers.
    expect(WIA_SCRIPT).not.toMatch(/\$\{WIA\./);
    expect(WIA_SCRIPT).not.toContain('undefined');
    // PowerShell parses "$T0x" as a variable named T0x; the tab must be written $($T).
    expect(WIA_SCRIPT).not.toMatch(/\$T[0-9A-Za-z{]/);
  });

  it('maps colour intents to WIA values', () => {
    const base = { device: '{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001', source: 'flatbed' as const, dpi: 200 };
    const color = buildWiaScanArgs({ ...base, mode: 'color' }, 'C:\\t\\s.ps1', 'C:\\t');
    expect([argValue(color, '-Intent'), argValue(color, '-DataType')]).toEqual([String(WIA.INTENT_COLOR), String(WIA.DATA_COLOR)]);
    expect([argValue(color, '-Intent'), argValue(color, '-DataType')]).toEqual(['1', '3']);
    const gray = buildWiaScanArgs({ ...base, mode: 'gray' }, 's.ps1', 'o');
    expect([argValue(gray, '-Intent'), argValue(gray, '-DataType')]).toEqual(['2', '2']);
    const bw = buildWiaScanArgs({ ...base, mode: 'bw' }, 's.ps1', 'o');
    expect([argValue(bw, '-Intent'), argValue(bw, '-DataType')]).toEqual(['4', '0']);
  });

  it('builds the exact command line for an ADF batch, a duplex batch and a flatbed page', () => {
    const dev = 'Canon DR-C225 "TWAIN" ; & rm -rf'; // values are separate argv entries, never script text
    const adf = buildWiaScanArgs({ device: dev, source: 'adf', dpi: 300, mode: 'gray', pages: 5 }, 'C:\\tmp\\wia-scan.ps1', 'C:\\tmp');
    expect(adf).toEqual([
      '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', 'C:\\tmp\\wia-scan.ps1',
      '-Action', 'scan', '-DeviceId', dev, '-Dpi', '300', '-Intent', '2', '-DataType', '2',
      '-Handling', '1', '-Pages', '5', '-WidthMm', '210', '-HeightMm', '297', '-OutDir', 'C:\\tmp',
    ]);
    const duplex = buildWiaScanArgs({ device: 'x', source: 'adf-duplex', dpi: 200, mode: 'color' }, 's', 'o');
    expect(argValue(duplex, '-Handling')).toBe(String(WIA.FEEDER | WIA.DUPLEX));
    expect(argValue(duplex, '-Pages')).toBe('0'); // until the feeder is empty
    const flat = buildWiaScanArgs({ device: 'x', source: 'flatbed', dpi: 200, mode: 'color', pages: 9 }, 's', 'o');
    expect([argValue(flat, '-Handling'), argValue(flat, '-Pages')]).toEqual(['2', '1']);
    expect(buildWiaListArgs('s.ps1').slice(-3)).toEqual(['s.ps1', '-Action', 'list']);
  });

  it('parses the script output protocol', () => {
    expect(parseWiaLine('DEVICE\t{6BDD}\\0001\tCanon\tCanoScan LiDE 300\tscanner\r')).toEqual({
      type: 'device',
      device: { id: '{6BDD}\\0001', vendor: 'Canon', model: 'CanoScan LiDE 300', type: 'scanner' },
    });
    expect(parseWiaLine('PAGE\tC:\\Users\\Thu\\AppData\\Local\\Temp\\motcua-wia-1\\p0003.png')).toEqual({
      type: 'page',
      path: 'C:\\Users\\Thu\\AppData\\Local\\Temp\\motcua-wia-1\\p0003.png',
    });
    expect(parseWiaLine('ERROR\t0x80210006\tThe device is busy.')).toEqual({ type: 'error', hresult: 0x80210006, message: 'The device is busy.' });
  });

  it('maps WIA HRESULTs to the error vocabulary with Vietnamese messages', () => {
    expect(mapWiaError(0x80210006, 0).code).toBe('device_busy');
    expect(mapWiaError(0x80210003, 0).message).toBe('Khay nạp giấy không có giấy. Hãy đặt giấy vào khay rồi quét lại.');
    expect(mapWiaError(0x80210002, 2).message).toContain('Kẹt giấy sau 2 trang');
    expect(mapWiaError(0x8021000a, 3).message).toBe('Máy quét ngừng giữa chừng sau 3 trang. Các trang đã quét vẫn được giữ; kiểm tra máy rồi quét tiếp.');
    expect(mapWiaError(0x80210015, 0).code).toBe('device_unavailable');
  });

  it('refuses to run off Windows with a clear message', async () => {
    const s = new WiaScanner({ platform: 'linux' });
    await expect(s.list()).rejects.toBeInstanceOf(AppError);
    await expect(s.scan({ device: 'x', source: 'flatbed', dpi: 200, mode: 'color' })).rejects.toMatchObject({ code: 'device_unavailable', message: 'Chức năng quét WIA chỉ dùng được trên Windows.' });
  });
});
