import { createHash } from 'node:crypto';
import { PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../main/core/digitize/file-import';
import { profileFor } from '../../main/core/digitize/profiles';
import { packBits } from '../../main/core/digitize/bilevel';
import { measureInk } from '../../main/core/digitize/ink';
import { digitize, PdfAssembler } from '../../main/core/digitize/pipeline';
import { cleanPdf } from '../fixtures/hostile';
import { imageDicts } from '../fixtures/pdf-images';

/** A synthetic page: white paper (optionally tinted), with optional "text" lines and specks of dust. */
async function page(opts: { w?: number; h?: number; dpi?: number; text?: boolean; specks?: number; stroke?: boolean; paper?: number; fill?: number } = {}): Promise<Buffer> {
  const w = opts.w ?? 1654;
  const h = opts.h ?? 2339;
  const raw = Buffer.alloc(w * h, opts.fill ?? opts.paper ?? 250);
  const dot = (x: number, y: number, v = 20) => {
    if (x >= 0 && y >= 0 && x < w && y < h) raw[y * w + x] = v;
  };
  if (opts.text) {
    for (let line = 0; line < 40; line++) {
      const y0 = 200 + line * 50;
      for (let x = 170; x < w - 120; x++) if (x % 9 < 5) for (let y = y0; y < y0 + 22; y++) if ((x + y) % 3 !== 0) dot(x, y);
    }
  }
  // A small signature-like stroke: 3 px wide, ~40 mm long.
  if (opts.stroke) for (let x = 900; x < 1215; x++) for (let t = 0; t < 3; t++) dot(x, Math.round(1900 + 40 * Math.sin(x / 25)) + t);
  // Dust: isolated single dark pixels.
  for (let i = 0; i < (opts.specks ?? 0); i++) dot((i * 7919) % w, (i * 104729) % h, 60);
  return sharp(raw, { raw: { width: w, height: h, channels: 1 } }).withMetadata({ density: opts.dpi ?? 200 }).png().toBuffer();
}

describe('page pipeline', () => {
  it('assembles one PDF with the physical page size taken from the dpi', async () => {
    const res = await digitize([{ kind: 'image', image: await page({ text: true }), dpi: 200 }], { dpi: 200, mode: 'gray' });
    const doc = await PDFDocument.load(res.pdf);
    const { width, height } = doc.getPage(0).getSize();
    expect((width / 72) * 25.4).toBeCloseTo(210, 0);
    expect((height / 72) * 25.4).toBeCloseTo(297, 0);
    expect(res).toMatchObject({ pageCount: 1, dpi: 200, mode: 'gray', passthrough: false, bytes: res.pdf.length });
    expect(res.sha256).toBe(createHash('sha256').update(res.pdf).digest('hex'));
    // Grey is a 1-channel JPEG (not the 3-channel one sharp's grayscale() gives).
    const [img] = imageDicts(doc);
    expect(img?.lookup(PDFName.of('ColorSpace'))?.toString()).toBe('/DeviceGray');
    expect(img?.lookup(PDFName.of('Filter'))?.toString()).toBe('/DCTDecode');
  });

  it('downsamples a 300-dpi scan to the 200-dpi target, never upsamples a 150-dpi one (and warns)', async () => {
    const hi = await page({ w: 2480, h: 3508, dpi: 300, text: true });
    const r1 = await digitize([{ kind: 'image', image: hi }], { dpi: 200, mode: 'gray' });
    expect([r1.pages[0]!.widthPx, r1.pages[0]!.heightPx, r1.dpi]).toEqual([1653, 2339, 200]);
    expect(r1.warnings).toEqual([]);
    const lo = await page({ w: 1240, h: 1754, dpi: 150, text: true });
    const r2 = await digitize([{ kind: 'image', image: lo }], { dpi: 200, mode: 'gray' });
    expect([r2.pages[0]!.widthPx, r2.dpi]).toEqual([1240, 150]);
    expect(r2.pages[0]!.widthMm).toBeCloseTo(210, 0);
    expect(r2.warnings).toContain(
      'Độ phân giải 150 dpi thấp hơn mức khuyến nghị 200 dpi; chữ nhỏ, con dấu và chữ ký có thể không rõ. Nên quét lại ở 200 dpi trở lên.',
    );
  });

  it('bw is a 1-bit CCITT Group 4 image, far smaller than grey', async () => {
    const img = await page({ text: true });
    const grey = await digitize([{ kind: 'image', image: img, dpi: 200 }], { dpi: 200, mode: 'gray' });
    const bw = await digitize([{ kind: 'image', image: img, dpi: 200 }], { dpi: 200, mode: 'bw' });
    const d = imageDicts(await PDFDocument.load(bw.pdf))[0]!;
    expect(d.lookupMaybe(PDFName.of('BitsPerComponent'), PDFNumber)?.asNumber()).toBe(1);
    expect(d.lookup(PDFName.of('Filter'))?.toString()).toBe('/CCITTFaxDecode');
    expect(bw.bytes).toBeLessThan(grey.bytes / 2);
    expect(bw.mode).toBe('bw');
  });

  it('packs 1 = white, rows padded to a byte', () => {
    const grey = Buffer.from([255, 0, 255, 0, 255, 0, 255, 0, 0, /* row 2 */ 0, 0, 0, 0, 0, 0, 0, 0, 255]);
    expect([...packBits(grey, 9, 2, 128)]).toEqual([0b10101010, 0b00000000, 0b00000000, 0b10000000]);
  });

  it('applies the EXIF orientation (a phone photo taken sideways comes out upright)', async () => {
    // Stored landscape 400×300 with a black bar on the left edge; orientation 6 = rotate 90° clockwise.
    const raw = Buffer.alloc(400 * 300 * 3, 255);
    for (let y = 0; y < 300; y++) for (let x = 0; x < 40; x++) raw.fill(0, (y * 400 + x) * 3, (y * 400 + x) * 3 + 3);
    const jpeg = await sharp(raw, { raw: { width: 400, height: 300, channels: 3 } }).jpeg().withMetadata({ orientation: 6, density: 100 }).toBuffer();
    const res = await digitize([{ kind: 'image', image: jpeg }], { dpi: 200, mode: 'color' });
    const p = res.pages[0]!;
    expect([p.widthPx, p.heightPx, p.orientation]).toEqual([300, 400, 6]);
    // After rotating clockwise the bar is at the top of the page.
    const out = await PDFDocument.load(res.pdf);
    expect(out.getPage(0).getSize().height).toBeGreaterThan(out.getPage(0).getSize().width);
  });

  it('flags blank pages with a score and keeps them (the clerk confirms before dropping)', async () => {
    const inputs = [
      { kind: 'image' as const, image: await page({ text: true }), dpi: 200, name: 'chữ' },
      { kind: 'image' as const, image: await page({ specks: 400 }), dpi: 200, name: 'trắng có bụi' },
      { kind: 'image' as const, image: await page({ stroke: true }), dpi: 200, name: 'chỉ có chữ ký' },
      { kind: 'image' as const, image: await page({ paper: 215 }), dpi: 200, name: 'giấy tái chế trắng' },
      { kind: 'image' as const, image: await page({ fill: 10 }), dpi: 200, name: 'trang đen' },
    ];
    const res = await digitize(inputs, { dpi: 200, mode: 'gray' });
    expect(res.pageCount).toBe(5);
    expect(res.pages.map((p) => p.blank)).toEqual([false, true, false, true, false]);
    expect(res.blankPages).toEqual([1, 3]);
    expect(res.pages[0]!.inkRatio).toBeGreaterThan(0.05);
    expect(res.pages[1]!.inkRatio).toBeLessThan(0.0001);
    expect(res.pages[2]!.inkRatio).toBeGreaterThan(0.0001);
    expect(res.warnings).toContain('Trang 2, 4 có vẻ là trang trắng. Hãy xem lại và xác nhận trước khi bỏ các trang này.');
  });

  it('measureInk ignores the margins (scanner edge shadows)', () => {
    const w = 400;
    const h = 400;
    const g = Buffer.alloc(w * h, 250);
    for (let y = 0; y < h; y++) for (let x = 0; x < 10; x++) g[y * w + x] = 0; // black left edge
    expect(measureInk(g, w, h)).toBe(0);
  });

  it('passes a single clean PDF through byte for byte (a digital signature stays valid)', async () => {
    const pdf = await cleanPdf(3);
    const file = await importFile(pdf, 'Quyết định.pdf');
    const res = await digitize(file.inputs, profileFor('sealed'));
    expect(res.passthrough).toBe(true);
    expect(res.pdf.equals(pdf)).toBe(true);
    expect(res.pageCount).toBe(3);
    expect(res.dpi).toBeNull(); // born-digital
    expect(res.pages[0]!.widthMm).toBeCloseTo(210, 0);
  });

  it('merges PDFs and images into one PDF per component, in order', async () => {
    const asm = new PdfAssembler({ dpi: 200, mode: 'gray' });
    await asm.add({ kind: 'pdf', bytes: await cleanPdf(2), name: 'a.pdf' });
    await asm.add({ kind: 'image', image: await page({ text: true }), dpi: 200, name: 'b.png' });
    const res = await asm.finish();
    expect(res.pageCount).toBe(3);
    expect(res.passthrough).toBe(false);
    expect(res.pages.map((p) => p.fromPdf)).toEqual([true, true, false]);
    expect((await PDFDocument.load(res.pdf)).getPageCount()).toBe(3);
    expect(res.warnings.some((w) => w.includes('chữ ký số'))).toBe(true);
  });

  it('is deterministic: the same pages give the same SHA-256', async () => {
    const img = await page({ text: true });
    const a = await digitize([{ kind: 'image', image: img, dpi: 200 }], { dpi: 200, mode: 'color' });
    const b = await digitize([{ kind: 'image', image: img, dpi: 200 }], { dpi: 200, mode: 'color' });
    expect(a.sha256).toBe(b.sha256);
  });

  it('warns when a sealed paper is not scanned in colour', async () => {
    const res = await digitize([{ kind: 'image', image: await page({ text: true }), dpi: 200 }], { ...profileFor('sealed'), mode: 'gray' });
    expect(res.warnings).toContain('Bản quét không phải ảnh màu; nếu giấy tờ có con dấu đỏ hoặc chữ ký, nên quét màu để thấy rõ dấu.');
  });

  it('imports a multi-page TIFF as one page each, and guesses dpi from A4 when the file says 72', async () => {
    const p1 = await page({ w: 827, h: 1169, text: true });
    const p2 = await page({ w: 827, h: 1169, stroke: true });
    // sharp's animated join writes a real multi-page TIFF (two IFDs), like a document scanner's output.
    const tall = await sharp([p1, p2], { join: { animated: true } }).tiff({ compression: 'lzw' }).withMetadata({ density: 72 }).toBuffer();
    const file = await importFile(tall, 'nhiều-trang.tif');
    expect(file.kind).toBe('tiff');
    expect(file.pageCount).toBe(2);
    const res = await digitize(file.inputs, { dpi: 200, mode: 'gray' });
    expect(res.pageCount).toBe(2);
    expect(res.dpi).toBe(100); // 1169 px on 297 mm
    expect(res.warnings.some((w) => w.includes('đã ước tính khoảng 100 dpi'))).toBe(true);
  });
});
