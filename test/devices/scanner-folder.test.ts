import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchScanFolder, type FolderFile, type ScanFolderWatch } from '../../main/adapters/scanner/folder';
import { cleanPdf, exeBytes } from '../fixtures/hostile';
import { tempDir } from '../fixtures/scan-fixtures';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(25);
  }
}

describe('scan-to-folder watcher (chokidar)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let w: ScanFolderWatch | null = null;
  beforeEach(() => {
    tmp = tempDir('motcua-folder-');
  });
  afterEach(async () => {
    await w?.close();
    w = null;
    tmp.cleanup();
  });

  it('emits each new complete file once, by content type, after its size is stable', async () => {
    writeFileSync(join(tmp.dir, 'old.pdf'), await cleanPdf(1)); // already there: not new
    const got: FolderFile[] = [];
    const skipped: [string, string][] = [];
    w = await watchScanFolder(tmp.dir, (f) => got.push(f), { stableMs: 300, onSkip: (p, why) => skipped.push([p, why]) });

    // A PNG written in two halves with a pause shorter than stableMs, like a slow network copier.
    const png = await sharp({ create: { width: 200, height: 300, channels: 3, background: '#fff' } }).png().toBuffer();
    const target = join(tmp.dir, 'Scan_0001.png');
    writeFileSync(target, png.subarray(0, 100));
    await sleep(120);
    appendFileSync(target, png.subarray(100));
    writeFileSync(join(tmp.dir, 'Scan_0002.pdf'), await cleanPdf(2));
    writeFileSync(join(tmp.dir, 'virus.pdf'), exeBytes()); // wrong content for its name
    writeFileSync(join(tmp.dir, 'Scan_0003.pdf.part'), 'half'); // temp name: ignored

    await until(() => got.length >= 2 && skipped.length >= 1);
    await sleep(500);
    const byName = Object.fromEntries(got.map((f) => [f.name, f]));
    expect(Object.keys(byName).sort()).toEqual(['Scan_0001.png', 'Scan_0002.pdf']);
    expect(byName['Scan_0001.png']!.kind).toBe('png');
    expect(byName['Scan_0001.png']!.bytes.equals(png)).toBe(true); // the whole file, not the first half
    expect(byName['Scan_0002.pdf']!.kind).toBe('pdf');
    expect(skipped).toEqual([[join(tmp.dir, 'virus.pdf'), 'unsupported']]);
  });

  it('refuses a folder that does not exist with a Vietnamese message', async () => {
    await expect(watchScanFolder(join(tmp.dir, 'khong-co'), () => {})).rejects.toMatchObject({
      code: 'device_unavailable',
      message: expect.stringContaining('Không mở được thư mục nhận bản quét'),
    });
  });
});
