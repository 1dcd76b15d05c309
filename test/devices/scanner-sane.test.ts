import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SaneScanner } from '../../main/adapters/scanner/sane';
import { parseDeviceList, parseOptions, pickResolution } from '../../main/adapters/scanner/sane-parse';
import { isScanInterrupted, type ScannedPage } from '../../main/core/ports/scanner';
import { AppError } from '../../shared/errors';
import { REPO_ROOT, requireTools, SANE_DIR, tempDir } from '../fixtures/scan-fixtures';

// Real SANE backends (`test`, `pnm`) from the repo's own config dir: no /etc edits, no network probing.
const env = { ...process.env, SANE_CONFIG_DIR: SANE_DIR };
const { skip, reason } = requireTools(['scanimage']);

function catchErr(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe.skipIf(skip)(`SANE adapter on the real test backend${skip ? ` (skipped: ${reason})` : ''}`, () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir('motcua-sane-');
  });
  afterEach(() => tmp.cleanup());

  it('lists the virtual devices with vendor, model and type', async () => {
    const devices = await new SaneScanner({ env }).list();
    const test0 = devices.find((d) => d.id === 'test:0');
    expect(test0).toEqual({ id: 'test:0', vendor: 'Noname', model: 'frontend-tester', type: 'virtual device' });
    expect(devices.map((d) => d.id)).toEqual(expect.arrayContaining(['test:1', 'pnm:0']));
  });

  it('parses live `scanimage -L` output the same way', () => {
    const out = execFileSync('scanimage', ['-L'], { env, encoding: 'utf8' });
    expect(out).toContain("device `test:0' is a Noname frontend-tester virtual device");
    const parsed = parseDeviceList(out);
    expect(parsed).toContainEqual({ id: 'test:0', vendor: 'Noname', model: 'frontend-tester', type: 'virtual device' });
    expect(parsed).toContainEqual({ id: 'pnm:0', vendor: 'Noname', model: 'PNM file reader', type: 'virtual device' });
  });

  it('reads sources, modes, resolutions and the 200×200 mm limit from `scanimage -A`', async () => {
    const s = new SaneScanner({ env });
    const caps = await s.capabilities('test:0');
    expect(caps.sources).toEqual(['flatbed', 'adf']);
    expect(caps.modes).toEqual(expect.arrayContaining(['color', 'gray', 'bw']));
    expect(caps.resolutions).toEqual({ min: 1, max: 1200 });
    expect(caps.maxAreaMm).toEqual({ width: 200, height: 200 });
    const pnm = await s.capabilities('pnm:0');
    expect(pnm.sources).toEqual(['flatbed']);
    expect(pnm.resolutions).toEqual(expect.arrayContaining([75, 200, 300]));
    // pnm offers a fixed list: 250 dpi is not in it, the next finer one is chosen.
    const opts = parseOptions(execFileSync('scanimage', ['-d', 'pnm:0', '-A'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    expect(pickResolution(opts, 250)).toBe(255);
    expect(pickResolution(opts, 200)).toBe(200);
  });

  it('scans one flatbed page to PNG at the requested resolution, clipped to the device area', async () => {
    const s = new SaneScanner({ env, deviceArgs: () => ['--test-picture', 'Color pattern'] });
    const seen: [number, number, number | null][] = [];
    const pages = await s.scan({ device: 'test:0', source: 'flatbed', dpi: 100, mode: 'color' }, { onPage: (p, done, total) => seen.push([p.index, done, total]) });
    expect(pages).toHaveLength(1);
    const p = pages[0]!;
    // A4 requested, the test backend stops at 200 mm: 200 mm at 100 dpi = 787 px.
    expect([p.width, p.height, p.dpi]).toEqual([787, 787, 100]);
    expect(seen).toEqual([[0, 1, 1]]);
    const meta = await sharp(p.image).metadata();
    expect(meta.format).toBe('png');
    expect(meta.channels).toBe(3);
    // A colour pattern, not a black frame: strongly saturated pixels exist.
    const raw = await sharp(p.image).raw().toBuffer();
    let saturated = 0;
    for (let i = 0; i < raw.length; i += 3) if (Math.max(raw[i]!, raw[i + 1]!, raw[i + 2]!) - Math.min(raw[i]!, raw[i + 1]!, raw[i + 2]!) > 150) saturated++;
    expect(saturated / (raw.length / 3)).toBeGreaterThan(0.05);
  });

  it('runs an ADF batch and reports each page as it comes off the feeder', async () => {
    // read-delay makes every page take ~0.3 s, so "as it appears" is observable.
    const s = new SaneScanner({ env, tmpDir: tmp.dir, deviceArgs: () => ['--test-picture', 'Grid', '--read-delay=yes', '--read-delay-duration=15000'] });
    const events: { index: number; done: number; total: number | null; at: number }[] = [];
    const start = Date.now();
    const pages = await s.scan({ device: 'test:0', source: 'adf', dpi: 100, mode: 'gray', pages: 4 }, {
      onPage: (p, done, total) => events.push({ index: p.index, done, total, at: Date.now() - start }),
    });
    const end = Date.now() - start;
    expect(pages.map((p) => p.index)).toEqual([0, 1, 2, 3]);
    expect(events.map((e) => [e.index, e.done, e.total])).toEqual([
      [0, 1, 4],
      [1, 2, 4],
      [2, 3, 4],
      [3, 4, 4],
    ]);
    expect(events[0]!.at).toBeLessThan(end - 400);
    expect(events[1]!.at - events[0]!.at).toBeGreaterThan(100);
    for (const p of pages) expect((await sharp(p.image).metadata()).channels).toBe(1);
    // The batch dir is removed afterwards.
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it('scans until the feeder is empty when no page count is given (10 sheets in the test feeder)', async () => {
    const s = new SaneScanner({ env, deviceArgs: () => ['--test-picture', 'Grid'] });
    let last = 0;
    const pages = await s.scan({ device: 'test:0', source: 'adf', dpi: 50, mode: 'gray' }, { onPage: (_p, done, total) => {
      expect(total).toBeNull();
      last = done;
    } });
    expect(pages).toHaveLength(10);
    expect(last).toBe(10);
  });

  it('does not hold pages when retainPages is false (they still reach onPage)', async () => {
    const s = new SaneScanner({ env });
    const got: ScannedPage[] = [];
    const pages = await s.scan({ device: 'test:0', source: 'adf', dpi: 50, mode: 'gray', pages: 3 }, { retainPages: false, onPage: (p) => got.push(p) });
    expect(pages).toEqual([]);
    expect(got.map((p) => p.index)).toEqual([0, 1, 2]);
  });

  it('cancels on abort: kills scanimage, cleans the temp dir, keeps the pages already scanned', async () => {
    const s = new SaneScanner({ env, tmpDir: tmp.dir, deviceArgs: () => ['--read-delay=yes', '--read-delay-duration=50000'] });
    const ac = new AbortController();
    const t0 = Date.now();
    const err = await catchErr(
      s.scan({ device: 'test:0', source: 'adf', dpi: 100, mode: 'gray', pages: 10 }, { signal: ac.signal, onPage: (_p, done) => done === 1 && ac.abort() }),
    );
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(isScanInterrupted(err)).toBe(true);
    if (!isScanInterrupted(err)) return;
    expect(err.reason).toBe('cancelled');
    expect(err.pagesScanned).toBe(1);
    expect(err.pages).toHaveLength(1);
    expect(err.message).toBe('Đã dừng quét theo yêu cầu. 1 trang đã quét vẫn được giữ.');
    expect(readdirSync(tmp.dir)).toEqual([]);
    // No scanimage is left running on our temp dir.
    const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    expect(ps).not.toContain(tmp.dir);
  });

  it('keeps the pages and says so when the scanner stops mid-batch (cable pulled after 3 pages)', async () => {
    const s = new SaneScanner({ env: { ...env, UNPLUG_AFTER: '3' }, bin: join(REPO_ROOT, 'test/fixtures/scanimage-unplug.sh'), tmpDir: tmp.dir });
    const reported: number[] = [];
    const err = await catchErr(s.scan({ device: 'test:0', source: 'adf', dpi: 50, mode: 'gray', pages: 8 }, { onPage: (p) => reported.push(p.index) }));
    expect(isScanInterrupted(err)).toBe(true);
    if (!isScanInterrupted(err)) return;
    expect(err.code).toBe('device_unavailable');
    expect(err.message).toBe('Máy quét ngừng giữa chừng sau 3 trang. Các trang đã quét vẫn được giữ; kiểm tra máy rồi quét tiếp.');
    expect(err.pages.map((p) => p.index)).toEqual([0, 1, 2]);
    expect(reported).toEqual([0, 1, 2]);
    expect(err.toPayload().details).toMatchObject({ pagesScanned: 3, reason: 'device' });
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it('maps a busy device to device_busy', async () => {
    const s = new SaneScanner({ env, deviceArgs: () => ['--read-return-value', 'SANE_STATUS_DEVICE_BUSY'] });
    const err = await catchErr(s.scan({ device: 'test:0', source: 'flatbed', dpi: 50, mode: 'gray' }));
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('device_busy');
    expect((err as AppError).message).toContain('Máy quét đang bận');
  });

  it('maps a paper jam to device_unavailable with what to do', async () => {
    const s = new SaneScanner({ env, deviceArgs: () => ['--read-return-value', 'SANE_STATUS_JAMMED'] });
    const err = (await catchErr(s.scan({ device: 'test:0', source: 'adf', dpi: 50, mode: 'gray', pages: 2 }))) as AppError;
    expect(err.code).toBe('device_unavailable');
    expect(err.message).toBe('Kẹt giấy. Hãy gỡ giấy kẹt rồi quét lại.');
  });

  it('maps an unknown device to device_unavailable', async () => {
    const err = (await catchErr(new SaneScanner({ env }).scan({ device: 'test:7', source: 'flatbed', dpi: 100, mode: 'gray' }))) as AppError;
    expect(err.code).toBe('device_unavailable');
    expect(err.message).toContain('Không tìm thấy máy quét "test:7"');
  });

  it('refuses a source the device does not have and a resolution out of range', async () => {
    const s = new SaneScanner({ env });
    const noAdf = (await catchErr(s.scan({ device: 'pnm:0', source: 'adf', dpi: 200, mode: 'gray' }))) as AppError;
    expect(noAdf.code).toBe('invalid_input');
    expect(noAdf.message).toContain('khay nạp giấy (ADF)');
    const badDpi = (await catchErr(s.scan({ device: 'test:0', source: 'flatbed', dpi: 20, mode: 'gray' }))) as AppError;
    expect(badDpi.code).toBe('invalid_input');
    expect(badDpi.issues?.[0]?.path).toBe('dpi');
  });

  it('says the scanner software is missing when scanimage is not installed', async () => {
    const err = (await catchErr(new SaneScanner({ env, bin: '/nonexistent/scanimage' }).list())) as AppError;
    expect(err.code).toBe('device_unavailable');
    expect(err.message).toContain('SANE/scanimage');
  });
});

describe('scanimage output parsers (captured text)', () => {
  it('parses -L lines from real drivers, including ids with spaces and quotes', () => {
    const out = [
      "device `escl:https://192.168.1.20:443' is a HP OfficeJet Pro 9010 series [E2A1B3] flatbed scanner",
      "device `hpaio:/usb/Deskjet_2540_series?serial=CN3A' is a Hewlett-Packard Deskjet_2540_series all-in-one",
      'garbage line',
    ].join('\n');
    expect(parseDeviceList(out)).toEqual([
      { id: 'escl:https://192.168.1.20:443', vendor: 'HP', model: 'OfficeJet Pro 9010 series [E2A1B3]', type: 'flatbed scanner' },
      { id: 'hpaio:/usb/Deskjet_2540_series?serial=CN3A', vendor: 'Hewlett-Packard', model: 'Deskjet_2540_series', type: 'all-in-one' },
    ]);
  });

  it('parses list, range and duplex source options of a document scanner', () => {
    const out = [
      "All options specific to device `fujitsu:fi-7160:1234':",
      '  Standard:',
      '    --source Flatbed|ADF Front|ADF Back|ADF Duplex [ADF Front]',
      '    --mode Lineart|Halftone|Gray|Color [Lineart]',
      '    --resolution 50..600dpi (in steps of 1) [300]',
      '    -x 0..215.872mm (in steps of 0.0211639) [215.872]',
      '    -y 0..355.6mm (in steps of 0.0211639) [279.364]',
    ].join('\n');
    const opts = parseOptions(out);
    expect(opts.get('--source')?.values).toEqual(['Flatbed', 'ADF Front', 'ADF Back', 'ADF Duplex']);
    expect(opts.get('--resolution')?.range).toEqual({ min: 50, max: 600, step: 1 });
    expect(opts.get('-x')?.range?.max).toBeCloseTo(215.872);
    expect(opts.get('--mode')?.current).toBe('Lineart');
  });
});
