import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SaneScanner } from '../../main/adapters/scanner/sane';
import { PdfAssembler, type DigitizedPdf } from '../../main/core/digitize/pipeline';
import type { ColourMode } from '../../main/core/ports/scanner';
import { makeVietnamesePdf, rasterize, requireTools, SANE_DIR, tempDir } from '../fixtures/scan-fixtures';

// Realistic pages: a Vietnamese A4 document (pdfkit + Tinos) → pdftoppm -r 200 → SANE `pnm` backend
// ("scanned" through the real scanimage) → page pipeline → one PDF.
const { skip, reason } = requireTools(['scanimage', 'pdftoppm']);
const env = { ...process.env, SANE_CONFIG_DIR: SANE_DIR };
const PAGES = 3;

describe.skipIf(skip)(`A4 pages through the pnm backend and the pipeline${skip ? ` (skipped: ${reason})` : ''}`, () => {
  let tmp: ReturnType<typeof tempDir>;
  let ppms: string[] = [];
  let sourcePdf: Buffer;
  let current = '';
  const scanner = new SaneScanner({ env, deviceArgs: (d) => (d.startsWith('pnm') ? ['--filename', current] : []) });
  const metrics: Record<string, unknown>[] = [];

  beforeAll(async () => {
    tmp = tempDir('motcua-pnm-');
    sourcePdf = await makeVietnamesePdf(PAGES);
    ppms = rasterize(sourcePdf, tmp.dir, 200);
  });
  afterAll(() => {
    // The numbers the report quotes (printed so a CI log keeps them).
    console.log(JSON.stringify(metrics, null, 1));
    tmp.cleanup();
  });

  async function scanComponent(mode: ColourMode): Promise<{ res: DigitizedPdf; scanMs: number; pipeMs: number }> {
    const asm = new PdfAssembler({ dpi: 200, mode, title: 'Giấy tiếp nhận hồ sơ' });
    let scanMs = 0;
    let pipeMs = 0;
    for (const file of ppms) {
      current = file;
      const t0 = performance.now();
      const [page] = await scanner.scan({ device: 'pnm:0', source: 'flatbed', dpi: 200, mode });
      const t1 = performance.now();
      await asm.addImage({ image: page!.image, dpi: page!.dpi, name: `trang ${page!.index + 1}` });
      scanMs += t1 - t0;
      pipeMs += performance.now() - t1;
    }
    const t2 = performance.now();
    const res = await asm.finish();
    pipeMs += performance.now() - t2;
    return { res, scanMs, pipeMs };
  }

  async function render(pdf: Buffer, name: string, dpi = 50): Promise<{ data: Buffer; width: number; height: number; channels: number }> {
    const path = join(tmp.dir, `${name}.pdf`);
    writeFileSync(path, pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', '-png', path, join(tmp.dir, name)]);
    const { data, info } = await sharp(join(tmp.dir, `${name}-1.png`)).raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels };
  }

  for (const mode of ['gray', 'color', 'bw'] as const) {
    it(`${mode}: ${PAGES} scanned A4 pages → one PDF with ${PAGES} A4 pages that look like the original`, async () => {
      const { res, scanMs, pipeMs } = await scanComponent(mode);
      expect(res.pageCount).toBe(PAGES);
      expect(res.dpi).toBe(200);
      expect(res.mode).toBe(mode);
      expect(res.warnings).toEqual([]);
      expect(res.blankPages).toEqual([]);

      // Page count and physical size, read back from the PDF itself.
      const doc = await PDFDocument.load(res.pdf);
      expect(doc.getPageCount()).toBe(PAGES);
      for (const p of doc.getPages()) {
        const { width, height } = p.getSize();
        expect(Math.abs((width / 72) * 25.4 - 210)).toBeLessThanOrEqual(2);
        expect(Math.abs((height / 72) * 25.4 - 297)).toBeLessThanOrEqual(2);
      }
      // poppler agrees, independently of pdf-lib.
      const outPath = join(tmp.dir, `check-${mode}.pdf`);
      writeFileSync(outPath, res.pdf);
      const info = execFileSync('pdfinfo', [outPath], { encoding: 'utf8' });
      expect(info).toMatch(new RegExp(`Pages:\\s+${PAGES}\\n`));
      expect(info).toMatch(/Page size:\s+595\.\d+ x 84[12]\.\d+ pts \(A4\)/);

      // The content survived: the rendered output is close to the rendered original.
      const a = await render(sourcePdf, `src-${mode}`);
      const b = await render(res.pdf, `out-${mode}`);
      expect([b.width, b.height]).toEqual([a.width, a.height]);
      // Compare 1/5-scale grey thumbnails: glyph edges (vector vs image rasterization) average out, layout does not.
      const thumb = (r: typeof a) => sharp(r.data, { raw: { width: r.width, height: r.height, channels: r.channels as 3 } }).toColourspace('b-w').resize(Math.round(r.width / 5)).raw().toBuffer();
      const [ta, tb] = [await thumb(a), await thumb(b)];
      let diff = 0;
      let control = 0; // the same comparison against an empty page: what "nothing alike" scores
      for (let i = 0; i < ta.length; i++) {
        diff += Math.abs(ta[i]! - tb[i]!);
        control += Math.abs(ta[i]! - 255);
      }
      const meanDiff = diff / ta.length;
      expect(meanDiff).toBeLessThan(control / ta.length / 4);
      expect(meanDiff).toBeLessThan(mode === 'bw' ? 10 : 6);

      // The red seal stays red in colour, and only in colour.
      let red = 0;
      for (let i = 0; i < b.data.length; i += b.channels) if (b.data[i]! > 150 && b.data[i + 1]! < 90 && b.data[i + 2]! < 90) red++;
      if (mode === 'color') expect(red).toBeGreaterThan(50);
      else expect(red).toBe(0);

      metrics.push({
        mode,
        pages: res.pageCount,
        bytesPerPageKB: Math.round(res.bytes / res.pageCount / 1024),
        pdfKB: Math.round(res.bytes / 1024),
        scanSecPerPage: +(scanMs / 1000 / PAGES).toFixed(3),
        pipelinePagesPerSec: +(PAGES / (pipeMs / 1000)).toFixed(2),
        endToEndPagesPerSec: +(PAGES / ((scanMs + pipeMs) / 1000)).toFixed(2),
        meanDiff: +meanDiff.toFixed(2),
      });
    }, 60_000);
  }
});
