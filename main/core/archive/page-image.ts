/**
 * The image of one page of a stored scan, for OCR: the largest image XObject on the page, handed to
 * the engine in a format it reads (JPEG as stored; CCITT G4 wrapped in a one-strip TIFF; Flate
 * pixels re-encoded as PNG). No rendering, no extra tool: a scan PDF is pictures, so the picture is
 * the page. A page without a picture (a born-digital PDF) is reported, not guessed at.
 */
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFBool, type PDFPage } from 'pdf-lib';
import sharp from 'sharp';

export interface PageImage {
  image: Buffer;
  format: 'jpeg' | 'tiff' | 'png';
  width: number;
  height: number;
}

export class PageImageError extends Error {
  constructor(
    readonly code: 'unreadable_page' | 'no_image',
    message: string,
  ) {
    super(message);
    this.name = 'PageImageError';
  }
}

/** Parse a stored PDF once for several pages. */
export async function openScanPdf(bytes: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: false });
  } catch (e) {
    throw new PageImageError('unreadable_page', `pdf: ${(e as Error).message}`);
  }
}

/** The picture of page `page` (1-based). */
export async function pageImage(doc: PDFDocument, page: number): Promise<PageImage> {
  let p: PDFPage;
  try {
    p = doc.getPage(page - 1);
  } catch (e) {
    throw new PageImageError('unreadable_page', `page ${page}: ${(e as Error).message}`);
  }
  const xobjects = p.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  let best: PDFRawStream | null = null;
  let bestArea = 0;
  for (const [, ref] of xobjects?.entries() ?? []) {
    const s = doc.context.lookup(ref);
    if (!(s instanceof PDFRawStream)) continue;
    if (s.dict.lookupMaybe(PDFName.of('Subtype'), PDFName)?.decodeText() !== 'Image') continue;
    const area = num(s.dict, 'Width') * num(s.dict, 'Height');
    if (area > bestArea) {
      best = s;
      bestArea = area;
    }
  }
  if (!best) throw new PageImageError('no_image', `page ${page} has no image`);
  try {
    return await decodeImage(best);
  } catch (e) {
    if (e instanceof PageImageError) throw e;
    throw new PageImageError('unreadable_page', `page ${page}: ${(e as Error).message}`);
  }
}

function num(d: PDFDict, key: string): number {
  return d.lookupMaybe(PDFName.of(key), PDFNumber)?.asNumber() ?? 0;
}

function filters(d: PDFDict): string[] {
  const f = d.lookup(PDFName.of('Filter'));
  if (f instanceof PDFName) return [f.decodeText()];
  if (f instanceof PDFArray) return f.asArray().map((x) => (x instanceof PDFName ? x.decodeText() : '?'));
  return [];
}

function decodeParms(d: PDFDict): PDFDict | undefined {
  const p = d.lookup(PDFName.of('DecodeParms'));
  if (p instanceof PDFDict) return p;
  if (p instanceof PDFArray) {
    const first = p.lookup(0);
    return first instanceof PDFDict ? first : undefined;
  }
  return undefined;
}

async function decodeImage(s: PDFRawStream): Promise<PageImage> {
  const d = s.dict;
  const width = num(d, 'Width');
  const height = num(d, 'Height');
  if (width <= 0 || height <= 0) throw new PageImageError('unreadable_page', 'image without a size');
  const data = Buffer.from(s.contents);
  const fs = filters(d);
  if (fs.length === 1 && fs[0] === 'DCTDecode') {
    // Check the JPEG really decodes: a damaged stream should fail here with a clear reason, not in the engine.
    await sharp(data, { failOn: 'error' }).metadata();
    return { image: data, format: 'jpeg', width, height };
  }
  if (fs.length === 1 && fs[0] === 'CCITTFaxDecode') {
    const parms = decodeParms(d);
    const k = parms?.lookupMaybe(PDFName.of('K'), PDFNumber)?.asNumber() ?? 0;
    const blackIs1 = parms?.lookupMaybe(PDFName.of('BlackIs1'), PDFBool)?.asBoolean() ?? false;
    return { image: g4Tiff(data, width, height, k, blackIs1), format: 'tiff', width, height };
  }
  if (fs.length === 1 && fs[0] === 'FlateDecode') {
    const parms = decodeParms(d);
    const predictor = parms?.lookupMaybe(PDFName.of('Predictor'), PDFNumber)?.asNumber() ?? 1;
    const bpc = num(d, 'BitsPerComponent') || 8;
    const cs = d.lookup(PDFName.of('ColorSpace'));
    const channels = cs instanceof PDFName && cs.decodeText() === 'DeviceGray' ? 1 : 3;
    let raw: Buffer = inflateSync(data);
    if (predictor >= 10) raw = unPng(raw, width, channels, bpc);
    if (bpc === 1) raw = unpackBits(raw, width, height);
    else if (bpc !== 8) throw new PageImageError('unreadable_page', `unsupported ${bpc} bits per component`);
    const image = await sharp(raw, { raw: { width, height, channels: bpc === 1 ? 1 : channels } }).png().toBuffer();
    return { image, format: 'png', width, height };
  }
  throw new PageImageError('unreadable_page', `unsupported image filter ${fs.join('+') || 'none'}`);
}

/** Undo PNG row predictors (Flate /Predictor ≥ 10). */
function unPng(buf: Buffer, width: number, channels: number, bpc: number): Buffer {
  const bpp = Math.max(1, Math.ceil((channels * bpc) / 8));
  const stride = Math.ceil((width * channels * bpc) / 8);
  const rows = Math.floor(buf.length / (stride + 1));
  const out = Buffer.alloc(rows * stride);
  for (let r = 0; r < rows; r++) {
    const type = buf[r * (stride + 1)]!;
    const src = r * (stride + 1) + 1;
    const dst = r * stride;
    for (let i = 0; i < stride; i++) {
      const x = buf[src + i]!;
      const a = i >= bpp ? out[dst + i - bpp]! : 0;
      const b = r > 0 ? out[dst - stride + i]! : 0;
      const c = i >= bpp && r > 0 ? out[dst - stride + i - bpp]! : 0;
      let v: number;
      if (type === 0) v = x;
      else if (type === 1) v = x + a;
      else if (type === 2) v = x + b;
      else if (type === 3) v = x + ((a + b) >> 1);
      else {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}

/** 1-bit rows (1 = white in DeviceGray) → 8-bit grey. */
function unpackBits(buf: Buffer, width: number, height: number): Buffer {
  const stride = Math.ceil(width / 8);
  const out = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = (buf[y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
  return out;
}

/**
 * A single-strip TIFF around CCITT data, so libtiff (tesseract's leptonica, sharp) decodes it.
 * G4 (K < 0) → Compression 4; G3 (K ≥ 0) → 3 with T4Options 2-D when K > 0. PDF's BlackIs1 false
 * means the fax convention (0 = white) = TIFF Photometric 0 (min-is-white).
 */
export function g4Tiff(data: Buffer, width: number, height: number, k: number, blackIs1: boolean): Buffer {
  const entries: Array<[tag: number, type: number, value: number]> = [
    [256, 4, width],
    [257, 4, height],
    [258, 3, 1],
    [259, 3, k < 0 ? 4 : 3],
    [262, 3, blackIs1 ? 1 : 0],
    [273, 4, 0], // StripOffsets, patched below
    [277, 3, 1],
    [278, 4, height],
    [279, 4, data.length],
  ];
  if (k > 0) entries.push([292, 4, 1]);
  entries.sort((a, b) => a[0] - b[0]);
  const ifdSize = 2 + entries.length * 12 + 4;
  const dataOffset = 8 + ifdSize;
  const head = Buffer.alloc(dataOffset);
  head.write('II', 0, 'latin1');
  head.writeUInt16LE(42, 2);
  head.writeUInt32LE(8, 4);
  head.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, value], i) => {
    const o = 10 + i * 12;
    head.writeUInt16LE(tag, o);
    head.writeUInt16LE(type, o + 2);
    head.writeUInt32LE(1, o + 4);
    if (type === 3) head.writeUInt16LE(value, o + 8);
    else head.writeUInt32LE(tag === 273 ? dataOffset : value, o + 8);
  });
  head.writeUInt32LE(0, 10 + entries.length * 12);
  return Buffer.concat([head, data]);
}
