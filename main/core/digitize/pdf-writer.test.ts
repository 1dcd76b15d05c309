import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StreamingPdfWriter, type PdfImage } from './pdf-writer';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'motcua-pdfw-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function jpegImage(shade: number): Promise<PdfImage> {
  const data = await sharp({ create: { width: 40, height: 60, channels: 3, background: { r: shade, g: 20, b: 20 } } }).jpeg().toBuffer();
  return { data, width: 40, height: 60, filter: 'DCTDecode', colorSpace: 'DeviceRGB', bitsPerComponent: 8 };
}

describe('StreamingPdfWriter', () => {
  it('writes an xref whose every offset lands on its object, readable by pdf-lib and poppler', async () => {
    const w = new StreamingPdfWriter({ title: 'Tờ khai đăng ký khai sinh' });
    // Page 2 is landscape: pages of one size share a content stream, other sizes get their own.
    const size = (i: number): [number, number] => (i === 1 ? [200, 100] : [100.5, 150.25]);
    for (let i = 0; i < 3; i++) w.addImagePage(await jpegImage(60 * i), ...size(i));
    const { pdf, bytes, sha256, pageCount } = w.finishToBuffer();
    expect([bytes, pageCount]).toEqual([pdf.length, 3]);
    expect(sha256).toBe(createHash('sha256').update(pdf).digest('hex'));

    const text = pdf.toString('latin1');
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
    const entries = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(entries).toHaveLength(3 + 3 * 2 + 2); // catalog, pages, info + (image, page) per page + 2 content streams
    entries.forEach((off, i) => expect(text.slice(off, off + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));

    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(3);
    expect(doc.getPages().map((p) => p.getSize())).toEqual([
      { width: 100.5, height: 150.25 },
      { width: 200, height: 100 },
      { width: 100.5, height: 150.25 },
    ]);
    expect(doc.getPage(0).node.get(PDFName.of('Contents'))).toBe(doc.getPage(2).node.get(PDFName.of('Contents')));
    const file = join(dir, 'a.pdf');
    const written = new StreamingPdfWriter({ title: 'Tờ khai đăng ký khai sinh' });
    for (let i = 0; i < 3; i++) written.addImagePage(await jpegImage(60 * i), ...size(i));
    written.finishToFile(file);
    // Same pages, same bytes: the /ID comes from the content, not from a clock.
    expect(readFileSync(file).equals(pdf)).toBe(true);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toContain('Title:           Tờ khai đăng ký khai sinh');
    expect(info).toMatch(/Pages:\s+3\n/);
  });

  it('spills to a temp file past the limit and leaves nothing behind, whether finished or aborted', async () => {
    const img = await jpegImage(200);
    const spilled = new StreamingPdfWriter({ spillAboveBytes: 2000, tempDir: dir });
    const inMemory = new StreamingPdfWriter();
    for (let i = 0; i < 20; i++) {
      spilled.addImagePage(img, 30, 45);
      inMemory.addImagePage(img, 30, 45);
    }
    expect(readdirSync(dir)).toHaveLength(1); // the spill folder exists while pages come in
    const a = spilled.finishToBuffer();
    expect(readdirSync(dir)).toEqual([]);
    expect(a.pdf.equals(inMemory.finishToBuffer().pdf)).toBe(true);

    const dropped = new StreamingPdfWriter({ spillAboveBytes: 2000, tempDir: dir });
    for (let i = 0; i < 5; i++) dropped.addImagePage(img, 30, 45);
    expect(readdirSync(dir)).toHaveLength(1);
    dropped.abort();
    expect(readdirSync(dir)).toEqual([]);
    expect(() => dropped.addImagePage(img, 30, 45)).toThrow();
  });

  it('refuses to close a document without pages', () => {
    expect(() => new StreamingPdfWriter().finishToBuffer()).toThrow(/no pages/);
  });
});
