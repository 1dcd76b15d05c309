import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { buildWiaListArgs, buildWiaScanArgs, mapWiaError, parseWiaLine, WIA, WiaScanner } from '../../main/adapters/scanner/wia';
import { ScanInterruptedError } from '../../main/core/ports/scanner';
import { AppError } from '../../shared/errors';

// Windows is not available here: the adapter runs against a stand-in powershell replaying the script's
// recorded output protocol, and the argument building is checked value by value.
function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

describe('WIA adapter (generated PowerShell)', () => {
  it('runs a real process speaking the script protocol: pages streamed, temp files removed, a jam keeps the pages already scanned', async () => {
    // A stand-in for powershell.exe that replays what the WIA script prints on a real scanner (recorded
    // protocol lines), writing real PNG pages into -OutDir the way the script's Transfer() does.
    const work = mkdtempSync(join(tmpdir(), 'motcua-wia-replay-'));
    try {
      const page = await sharp({ create: { width: 40, height: 56, channels: 3, background: '#ffffff' } }).png().toBuffer();
      writeFileSync(join(work, 'page.png'), page);
      const fakePs = join(work, 'powershell');
      writeFileSync(
        fakePs,
        `#!/usr/bin/env node
const fs = require('node:fs'), path = require('node:path');
const a = process.argv.slice(2), v = (n) => a[a.indexOf(n) + 1];
const script = fs.readFileSync(v('-File'));
if (script[0] !== 0xef || script[1] !== 0xbb || script[2] !== 0xbf) { console.log('ERROR\\t0x80004005\\tno BOM'); process.exit(1); }
if (v('-Action') === 'list') {
  console.log('DEVICE\\t{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\\\0001\\tCanon\\tCanoScan LiDE 300\\tscanner\\r');
  console.log('DEVICE\\t{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\\\0002\\tFujitsu\\tfi-7160\\tscanner\\r');
  process.exit(0);
}
const pages = process.env.JAM_AFTER ? Number(process.env.JAM_AFTER) : Number(v('-Pages'));
for (let i = 1; i <= pages; i++) {
  const out = path.join(v('-OutDir'), 'p' + String(i).padStart(4, '0') + '.png');
  fs.copyFileSync(${JSON.stringify(join(work, 'page.png'))}, out);
  console.log('PAGE\\t' + out + '\\r');
}
if (process.env.JAM_AFTER) console.log('ERROR\\t0x80210002\\tPaper is jammed.\\r');
`,
        { mode: 0o755 },
      );
      const scanner = new WiaScanner({ powershell: fakePs, platform: 'win32', tmpDir: work });
      expect((await scanner.list()).map((d) => d.model)).toEqual(['CanoScan LiDE 300', 'fi-7160']);

      const seen: number[] = [];
      const pages = await scanner.scan({ device: 'x', source: 'adf', dpi: 200, mode: 'gray', pages: 3 }, { onPage: (_p, done) => seen.push(done) });
      expect(pages.map((p) => [p.index, p.width, p.height, p.dpi])).toEqual([[0, 40, 56, 200], [1, 40, 56, 200], [2, 40, 56, 200]]);
      expect(seen).toEqual([1, 2, 3]);
      // The per-scan temp folder (script and pages) is gone.
      expect(readdirSync(work).filter((f) => f.startsWith('motcua-wia-'))).toEqual([]);

      process.env.JAM_AFTER = '2';
      const jam = await scanner.scan({ device: 'x', source: 'adf', dpi: 200, mode: 'gray', pages: 5 }).catch((e: unknown) => e);
      expect(jam).toBeInstanceOf(ScanInterruptedError);
      expect(jam).toMatchObject({ code: 'device_unavailable', pagesScanned: 2 });
      expect((jam as ScanInterruptedError).message).toContain('Kẹt giấy sau 2 trang');
      expect((jam as ScanInterruptedError).pages).toHaveLength(2);
    } finally {
      delete process.env.JAM_AFTER;
      rmSync(work, { recursive: true, force: true });
    }
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
