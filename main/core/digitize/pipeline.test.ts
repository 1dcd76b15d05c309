import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanPdf } from '../../../test/fixtures/hostile';
import { makeVietnamesePdf, requireTools } from '../../../test/fixtures/scan-fixtures';
import { binarize, g4Strip, otsu } from './bilevel';
import { measureInk, measureInkRgb } from './ink';
import { pngPixelStream } from './page-encoder';
import { digitize, PdfAssembler } from './pipeline';
import { imageDicts } from '../../../test/fixtures/pdf-images';

const { skip, reason } = requireTools(['pdftoppm', 'pdfinfo', 'pdfimages']);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'motcua-pipeline-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A small A4 page at 50 dpi with a few dark bars, so pages are cheap and not blank. */
async function smallPage(i: number): Promise<Buffer> {
  const w = 413;
  const h = 585;
  const raw = Buffer.alloc(w * h, 245);
  for (let y = 60 + (i % 7) * 10; y < 400; y += 25) raw.fill(20, y * w + 40, y * w + 370);
  return sharp(raw, { raw: { width: w, height: h, channels: 1 } }).png().toBuffer();
}

function pdfinfoPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

describe.skipIf(skip)(`page pipeline output${skip ? ` (skipped: ${reason})` : ''}`, () => {
  it('keeps a clean page as its own lossless PNG pixels when that is smaller than JPEG, and JPEG-codes a noisy one', async () => {
    writeFileSync(join(dir, 'doc.pdf'), await makeVietnamesePdf(1));
    execFileSync('pdftoppm', ['-r', '100', '-gray', '-png', join(dir, 'doc.pdf'), join(dir, 'clean')]);
    // 1 channel, as scanimage writes a grey page (pdftoppm's PNG carries grey in RGB).
    const clean = await sharp(readFileSync(join(dir, 'clean-1.png'))).toColourspace('b-w').png().toBuffer();
    const { data: px, info } = await sharp(clean).raw().toBuffer({ resolveWithObject: true });
    // The same page as a scanner sees it: sensor noise makes lossless PNG much bigger than JPEG.
    let seed = 7;
    const noisyPx = Buffer.from(px.map((v) => Math.max(0, Math.min(255, v + (((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24) % 13) - 6))));
    const noisy = await sharp(noisyPx, { raw: { width: info.width, height: info.height, channels: 1 } }).png().toBuffer();
    const res = await digitize(
      [
        { kind: 'image', image: clean, dpi: 100 },
        { kind: 'image', image: noisy, dpi: 100 },
      ],
      { dpi: 100, mode: 'gray' },
    );
    const [first, second] = imageDicts(await PDFDocument.load(res.pdf));
    expect(first!.lookup(PDFName.of('Filter'))?.toString()).toBe('/FlateDecode');
    expect(first!.lookup(PDFName.of('DecodeParms'), PDFDict).lookup(PDFName.of('Predictor'), PDFNumber).asNumber()).toBe(15);
    expect(res.pages[0]!.bytes).toBe(pngPixelStream(clean, 1)!.length);
    expect(second!.lookup(PDFName.of('Filter'))?.toString()).toBe('/DCTDecode');
    // Lossless really is lossless: the PDF's first page decodes to the scanner's pixels exactly.
    writeFileSync(join(dir, 'out.pdf'), res.pdf);
    execFileSync('pdfimages', ['-f', '1', '-l', '1', '-png', join(dir, 'out.pdf'), join(dir, 'img')]);
    const back = await sharp(readFileSync(join(dir, 'img-000.png'))).raw().toBuffer();
    expect(createHash('sha256').update(back).digest('hex')).toBe(createHash('sha256').update(px).digest('hex'));
    // What PDF cannot show unchanged is refused: a colour PNG for a grey page, an interlaced one.
    expect(pngPixelStream(clean, 3)).toBeNull();
    expect(pngPixelStream(await sharp(clean).png({ progressive: true }).toBuffer(), 1)).toBeNull();
  });

  it('bw pages are CCITT Group 4 that decode back to the thresholded pixels, black text on white', async () => {
    // A real Vietnamese page (diacritics are the small strokes a bad threshold loses), rendered grey at 100 dpi.
    writeFileSync(join(dir, 'doc.pdf'), await makeVietnamesePdf(1));
    execFileSync('pdftoppm', ['-r', '100', '-gray', '-png', join(dir, 'doc.pdf'), join(dir, 'src')]);
    const png = readFileSync(join(dir, 'src-1.png'));
    const res = await digitize([{ kind: 'image', image: png, dpi: 100 }], { dpi: 100, mode: 'bw' });

    const d = imageDicts(await PDFDocument.load(res.pdf))[0]!;
    expect(d.lookup(PDFName.of('Filter'))?.toString()).toBe('/CCITTFaxDecode');
    const parms = d.lookup(PDFName.of('DecodeParms'), PDFDict);
    expect(parms.lookup(PDFName.of('K'), PDFNumber).asNumber()).toBe(-1);
    expect(parms.lookup(PDFName.of('Columns'), PDFNumber).asNumber()).toBe(res.pages[0]!.widthPx);
    expect(parms.lookup(PDFName.of('Rows'), PDFNumber).asNumber()).toBe(res.pages[0]!.heightPx);
    const pdfPath = join(dir, 'bw.pdf');
    writeFileSync(pdfPath, res.pdf);
    expect(execFileSync('pdfimages', ['-list', pdfPath], { encoding: 'utf8' })).toMatch(new RegExp(`image\\s+${res.pages[0]!.widthPx}\\s+${res.pages[0]!.heightPx}\\s+gray\\s+1\\s+1\\s+ccitt`));

    // poppler's own CCITT decoder gives back exactly the bits the pipeline meant to keep…
    const { data: grey, info } = await sharp(png).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    const t = Math.min(200, Math.max(100, otsu(grey)));
    const expected = binarize(Buffer.from(grey), info.width, info.height, t);
    execFileSync('pdfimages', ['-png', pdfPath, join(dir, 'img')]);
    const decoded = await sharp(join(dir, 'img-000.png')).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    expect([decoded.info.width, decoded.info.height]).toEqual([info.width, info.height]);
    const differing = (px: Buffer) => {
      let n = 0;
      for (let i = 0; i < expected.length; i++) if ((px[i]! > 127 ? 255 : 0) !== expected[i]) n++;
      return n;
    };
    expect(differing(decoded.data)).toBe(0);
    // …and the page as a reader draws it is black text on white (an inverted /BlackIs1 would flip nearly every pixel).
    // Splash resamples the image a little, so edges may differ; the polarity may not.
    execFileSync('pdftoppm', ['-r', '100', '-gray', '-png', pdfPath, join(dir, 'back')]);
    const back = await sharp(join(dir, 'back-1.png')).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    expect([back.info.width, back.info.height]).toEqual([info.width, info.height]);
    expect(differing(back.data) / expected.length).toBeLessThan(0.03);
    let black = 0;
    for (let i = 0; i < expected.length; i++) if (expected[i] === 0) black++;
    expect(black / expected.length).toBeGreaterThan(0.01);
    expect(black / expected.length).toBeLessThan(0.2);
  });

  it('streams a 200-page component to a valid file without a whole-PDF buffer or leftover temp files', async () => {
    const spillDir = join(dir, 'spill');
    mkdirSync(spillDir);
    const asm = new PdfAssembler({ dpi: 50, mode: 'bw', title: 'Hồ sơ 200 trang', spillAboveBytes: 64 * 1024, tempDir: spillDir });
    const pages = await Promise.all(Array.from({ length: 7 }, (_, i) => smallPage(i)));
    for (let i = 0; i < 200; i++) await asm.addImage({ image: pages[i % 7]!, dpi: 50, name: `trang ${i + 1}` });
    expect(readdirSync(spillDir)).toHaveLength(1); // past 64 KB the pages live in a temp file
    const out = join(dir, 'big.pdf');
    const res = await asm.finishToFile(out);
    expect(readdirSync(spillDir)).toEqual([]);
    const bytes = readFileSync(out);
    expect(res).toMatchObject({ path: out, pageCount: 200, bytes: bytes.length, mode: 'bw', passthrough: false });
    expect(res.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(pdfinfoPages(out)).toBe(200);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(200);
    expect(doc.getTitle()).toBe('Hồ sơ 200 trang');
    // The last page renders (its objects sit after 199 pages' worth of offsets).
    execFileSync('pdftoppm', ['-r', '20', '-f', '200', '-l', '200', '-png', out, join(dir, 'last')]);
    expect(readdirSync(dir).some((f) => f.startsWith('last'))).toBe(true);
    expect(execFileSync('pdfimages', ['-list', out], { encoding: 'utf8' }).match(/ccitt/g)).toHaveLength(200);
  });

  it('finish() and finishToFile() give the same bytes, spilled or not', async () => {
    const pages = await Promise.all(Array.from({ length: 5 }, (_, i) => smallPage(i)));
    const run = async (spillAboveBytes: number) => {
      const asm = new PdfAssembler({ dpi: 50, mode: 'gray', title: 'Tờ khai', spillAboveBytes, tempDir: dir });
      for (const p of pages) await asm.addImage({ image: p, dpi: 50 });
      return asm;
    };
    const inMemory = await (await run(1 << 30)).finish();
    const spilled = await (await run(1000)).finish();
    const file = join(dir, 'f.pdf');
    const toFile = await (await run(1000)).finishToFile(file);
    expect(spilled.pdf.equals(inMemory.pdf)).toBe(true);
    expect(readFileSync(file).equals(inMemory.pdf)).toBe(true);
    expect([toFile.sha256, spilled.sha256]).toEqual([inMemory.sha256, inMemory.sha256]);
    expect(pdfinfoPages(file)).toBe(5);
  });

  it('moves streamed pages into pdf-lib when a PDF is merged, and keeps pages after it as CCITT', async () => {
    const asm = new PdfAssembler({ dpi: 50, mode: 'bw', title: 'Ghép', spillAboveBytes: 1000, tempDir: dir });
    await asm.addImage({ image: await smallPage(0), dpi: 50, name: 'a' });
    await asm.addImage({ image: await smallPage(1), dpi: 50, name: 'b' });
    await asm.addPdf(await cleanPdf(2), 'c.pdf');
    await asm.addImage({ image: await smallPage(2), dpi: 50, name: 'd' });
    const res = await asm.finish();
    expect(readdirSync(dir)).toEqual([]);
    expect(res.pages.map((p) => [p.name, p.fromPdf])).toEqual([
      ['a', false],
      ['b', false],
      ['c.pdf (trang 1)', true],
      ['c.pdf (trang 2)', true],
      ['d', false],
    ]);
    const doc = await PDFDocument.load(res.pdf);
    expect(doc.getPageCount()).toBe(5);
    expect(doc.getTitle()).toBe('Ghép');
    expect(imageDicts(doc).map((d) => d.lookup(PDFName.of('Filter'))?.toString())).toEqual(['/CCITTFaxDecode', '/CCITTFaxDecode', '/CCITTFaxDecode']);
    const file = join(dir, 'merged.pdf');
    writeFileSync(file, res.pdf);
    expect(pdfinfoPages(file)).toBe(5);
    execFileSync('pdftoppm', ['-r', '20', '-f', '5', '-l', '5', '-png', file, join(dir, 'p5')]);
  });

  it('drops the temp file when a page fails and digitize() gives up', async () => {
    const good = await smallPage(0);
    const broken = good.subarray(0, 200);
    async function* inputs() {
      for (let i = 0; i < 30; i++) yield { kind: 'image' as const, image: good, dpi: 50 };
      yield { kind: 'image' as const, image: broken, dpi: 50, name: 'hỏng.png' };
    }
    await expect(digitize(inputs(), { dpi: 50, mode: 'gray', spillAboveBytes: 1000, tempDir: dir })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('binarize', () => {
  it('removes specks, holes and spurs but keeps one-pixel strokes', () => {
    const w = 12;
    const h = 9;
    const g = Buffer.alloc(w * h, 250);
    const set = (x: number, y: number, v: number) => (g[y * w + x] = v);
    set(2, 2, 10); // lone speck
    for (let x = 1; x < 11; x++) set(x, 6, 10); // one-pixel horizontal stroke
    for (let y = 1; y < 5; y++) for (let x = 6; x < 10; x++) set(x, y, 10); // a block…
    set(7, 2, 250); // …with a one-pixel hole
    const out = binarize(g, w, h, 128);
    const at = (x: number, y: number) => out[y * w + x];
    expect(at(2, 2)).toBe(255);
    expect(at(7, 2)).toBe(0);
    for (let x = 2; x < 10; x++) expect(at(x, 6)).toBe(0);
    expect(at(8, 3)).toBe(0);
    expect(at(0, 0)).toBe(255);
  });
});

describe('g4Strip', () => {
  it('lifts the single strip out of a G4 TIFF and refuses a multi-strip one', async () => {
    const w = 300;
    const h = 700;
    const bin = Buffer.alloc(w * h, 255);
    for (let y = 100; y < 600; y += 10) bin.fill(0, y * w + 20, y * w + 280);
    const encode = (tileHeight?: number) =>
      sharp(bin, { raw: { width: w, height: h, channels: 1 } })
        .toColourspace('b-w')
        .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true, ...(tileHeight ? { tileWidth: w, tileHeight } : {}) })
        .toBuffer();
    const one = await encode(h);
    const strip = g4Strip(one, w, h);
    expect(strip?.blackIs1).toBe(false);
    expect(strip!.data.length).toBeGreaterThan(50);
    expect(strip!.data.length).toBeLessThan(one.length);
    // libvips' default strip height (256 rows) splits a 700-row page: those strips are not one G4 stream.
    expect(g4Strip(await encode(), w, h)).toBeNull();
    expect(g4Strip(one, w + 1, h)).toBeNull();
    expect(g4Strip(Buffer.from('not a tiff at all'), w, h)).toBeNull();
  });
});

describe('measureInkRgb', () => {
  it('agrees with measureInk on the same page converted to grey', () => {
    const w = 240;
    const h = 320;
    const rgb = Buffer.alloc(w * h * 3);
    for (let i = 0; i < w * h; i++) {
      const x = i % w;
      const y = Math.floor(i / w);
      const inked = (x > 40 && x < 200 && y % 20 < 6) || Math.hypot(x - 150, y - 250) < 30;
      rgb[i * 3] = inked ? 200 : 240 + (i % 7);
      rgb[i * 3 + 1] = inked ? 30 : 238;
      rgb[i * 3 + 2] = inked ? 40 : 236 + (i % 5);
    }
    const grey = Buffer.alloc(w * h);
    for (let i = 0; i < w * h; i++) grey[i] = (rgb[i * 3]! * 299 + rgb[i * 3 + 1]! * 587 + rgb[i * 3 + 2]! * 114) / 1000;
    const ink = measureInk(grey, w, h);
    expect(ink).toBeGreaterThan(0.05);
    expect(measureInkRgb(rgb, w, h)).toBe(ink);
  });
});
