import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tesseractCliEngine, parseTsv } from '../../main/adapters/ocr/tesseract-cli';
import { OcrQueue } from '../../main/core/archive/ocr-queue';
import { OcrEngineError, type OcrEngine } from '../../main/core/ports/ocr';
import { attachPages, ocrDesk, textPage } from '../support/ocr-pages';
import { storeTargets } from '../support/stores';

const dir = mkdtempSync(join(tmpdir(), 'motcua-ocr-engine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in `tesseract` that reports the niceness it runs at as its one word. */
function fakeTesseract(body: string): string {
  const p = join(dir, `t-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

describe('tesseract CLI engine', { timeout: 60_000 }, () => {
  it('runs each page as a child process at the lowest CPU priority', async () => {
    const cmd = fakeTesseract(`cat >/dev/null; n=$(ps -o ni= -p $$ | tr -d ' '); printf '5\\t1\\t1\\t1\\t1\\t1\\t3\\t4\\t50\\t20\\t91\\tnice%s\\n' "$n"`);
    const r = await tesseractCliEngine({ command: cmd }).recognize(Buffer.from('img'), { lang: 'vie' });
    expect(r).toEqual({ text: 'nice19', confidence: 91, words: [{ text: 'nice19', x: 3, y: 4, w: 50, h: 20, conf: 91, line: 0 }] });
  });

  it('a crash, a hang and a missing program end with their own code', async () => {
    const crash = tesseractCliEngine({ command: fakeTesseract('cat >/dev/null; echo "Segmentation fault" >&2; exit 139') });
    await expect(crash.recognize(Buffer.from('x'), { lang: 'vie' })).rejects.toMatchObject({ code: 'engine_failed' });
    const hang = tesseractCliEngine({ command: fakeTesseract('sleep 30') });
    await expect(hang.recognize(Buffer.from('x'), { lang: 'vie', timeoutMs: 300 })).rejects.toMatchObject({ code: 'timeout' });
    const missing = tesseractCliEngine({ command: join(dir, 'nope') });
    await expect(missing.recognize(Buffer.from('x'), { lang: 'vie' })).rejects.toBeInstanceOf(OcrEngineError);
    expect(await missing.probe()).toMatchObject({ available: false });
    // The real one: garbage bytes are an unreadable image, not a crash of the queue.
    await expect(tesseractCliEngine().recognize(Buffer.from('not an image at all'), { lang: 'vie' })).rejects.toMatchObject({ code: 'unreadable_image' });
  });

  it('rebuilds lines and paragraphs from the TSV', () => {
    const row = (b: number, p: number, l: number, w: number, text: string) => `5\t1\t${b}\t${p}\t${l}\t${w}\t0\t0\t1\t1\t90\t${text}`;
    const tsv = ['level\tpage_num', row(1, 1, 1, 1, 'Họ'), row(1, 1, 1, 2, 'tên'), row(1, 1, 2, 1, 'Đức'), row(2, 1, 1, 1, 'Hết'), '5\t1\t2\t1\t1\t2\t0\t0\t1\t1\t-1\t '].join('\n');
    expect(parseTsv(tsv).text).toBe('Họ tên\nĐức\n\nHết');
  });
});

const [sqlite] = storeTargets();
describe('OCR queue concurrency', { timeout: 120_000 }, () => {
  it('never runs more engine processes than its workers', async () => {
    const desk = await ocrDesk(sqlite!);
    try {
      const page = await textPage(['Trang thử']);
      await attachPages(desk.app, desk.code, 0, [page, page, page, page, page]);
      let now = 0;
      let peak = 0;
      const engine: OcrEngine = {
        kind: 'counting',
        probe: async () => ({ available: true, detail: '' }),
        recognize: async () => {
          peak = Math.max(peak, ++now);
          await new Promise((r) => setTimeout(r, 30));
          now--;
          return { text: 'Trang thử', confidence: 90, words: [] };
        },
      };
      for (const workers of [1, 2]) {
        await desk.app.store.db.updateTable('ocr_pages').set({ status: 'queued' }).execute();
        peak = 0;
        const q = new OcrQueue(desk.app.deps, { engine, workers });
        const stats = await q.runUntilIdle();
        await q.close();
        expect(stats.processed).toBe(5);
        expect(peak).toBe(workers);
      }
    } finally {
      await desk.cleanup();
    }
  });
});
