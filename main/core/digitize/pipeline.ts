import { createHash } from 'node:crypto';
import { PDFDocument, popGraphicsState, pushGraphicsState, concatTransformationMatrix, drawObject } from 'pdf-lib';
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { AppError } from '../../../shared/errors';
import type { ColourMode } from '../ports/scanner';
import { digitizeVi } from './messages';
import { checkPdf } from './pdf-check';
import { RECOMMENDED_MIN_DPI } from './profiles';
import { requireKind } from './sniff';

/**
 * The page pipeline ("số hóa"): page images from a scanner or imported files in, ONE PDF per dossier
 * component out. Pages are decoded, oriented, checked for blankness, compressed and embedded one at a
 * time, so a 200-page batch holds at most one decoded bitmap plus the compressed pages.
 */

/** One encoded page image: PNG, JPEG or (one page of) a TIFF. */
export interface PageImageInput {
  kind: 'image';
  image: Buffer;
  /** Page of a multi-page TIFF (0-based). */
  page?: number;
  /** Resolution the device scanned at, when known (it beats whatever the file claims). */
  dpi?: number;
  /** Shown in messages ("ảnh.jpg", "trang 3"). */
  name?: string;
}

/** A whole PDF (imported, or dropped by a scan-to-folder device). */
export interface PdfInput {
  kind: 'pdf';
  bytes: Buffer;
  name?: string;
}

export type DigitizeInput = PageImageInput | PdfInput;

export interface PipelineOptions {
  /** Target resolution; pages scanned finer are downsampled to it, coarser pages are kept (and warned). */
  dpi: number;
  mode: ColourMode;
  jpegQuality?: number;
  /** 0–255 cut for 'bw'; 'auto' (default) picks Otsu's threshold per page, kept within 100–200. */
  bwThreshold?: number | 'auto';
  /** Ink fraction below which a page is flagged blank (default 0.0001 = 0.01 %: one short pen stroke is more). */
  blankInkRatio?: number;
  /** Refuse decoded images above this many pixels (decompression bombs). Default 40 M = A4 at 600 dpi plus margin. */
  maxInputPixels?: number;
  /** Refuse components above this many pages. Default 500. */
  maxPages?: number;
  /** Warn when the result is not colour (profiles for sealed papers set it). */
  colourRecommended?: boolean;
  /** PDF /Title (the component's name). */
  title?: string;
}

export interface PageReport {
  /** 0-based page index in the output PDF. */
  index: number;
  name: string;
  widthPx: number;
  heightPx: number;
  /** Resolution of the page in the output (≤ target dpi). */
  dpi: number;
  widthMm: number;
  heightMm: number;
  /** EXIF orientation applied (1 = none). */
  orientation: number;
  /** Fraction of the page (margins excluded) covered by ink, 0–1. */
  inkRatio: number;
  /** Flagged as blank: the clerk confirms before the page is dropped; nothing is dropped here. */
  blank: boolean;
  /** Bytes of the compressed page image in the PDF. */
  bytes: number;
  /** True when the page came from a PDF and was copied, not re-encoded. */
  fromPdf: boolean;
}

export interface DigitizedPdf {
  pdf: Buffer;
  pageCount: number;
  /** Lowest page resolution; null when the PDF is born-digital (no page images). */
  dpi: number | null;
  mode: ColourMode | null;
  sha256: string;
  bytes: number;
  /** Vietnamese, for the clerk (low dpi, not colour, blank pages…). */
  warnings: string[];
  pages: PageReport[];
  /** 0-based indexes of pages flagged blank (see PageReport.blank). */
  blankPages: number[];
  /** The input was a single PDF stored byte for byte (keeps any digital signature valid). */
  passthrough: boolean;
}

const MM_PER_INCH = 25.4;
const DEFAULT_MAX_PIXELS = 40_000_000;

/**
 * Incremental assembler: feed pages as they come off the scanner, then `finish()`.
 * A single PDF input given alone is passed through unchanged after validation.
 */
export class PdfAssembler {
  private readonly opts: Required<Omit<PipelineOptions, 'title'>> & { title?: string };
  private doc: PDFDocument | null = null;
  private readonly pages: PageReport[] = [];
  private readonly warnings = new Set<string>();
  private heldPdf: { bytes: Buffer; name: string; checked: Awaited<ReturnType<typeof checkPdf>> } | null = null;
  private inputs = 0;
  private pdfMerged = false;
  private pdfModes: (ColourMode | null)[] = [];
  private pdfDpis: (number | null)[] = [];
  private finished = false;

  constructor(options: PipelineOptions) {
    if (!Number.isFinite(options.dpi) || options.dpi < 50 || options.dpi > 1200) {
      throw new AppError('invalid_input', `Độ phân giải ${options.dpi} dpi không hợp lệ (50–1200).`);
    }
    this.opts = {
      jpegQuality: 60,
      bwThreshold: 'auto',
      blankInkRatio: 0.0001,
      maxInputPixels: DEFAULT_MAX_PIXELS,
      maxPages: 500,
      colourRecommended: false,
      ...options,
    };
  }

  get pageCount(): number {
    return this.pages.length + (this.heldPdf ? this.heldPdf.checked.pageCount : 0);
  }

  async add(input: DigitizeInput): Promise<PageReport[]> {
    if (this.finished) throw new AppError('internal', 'PdfAssembler used after finish()');
    this.inputs++;
    if (input.kind === 'pdf') return this.addPdf(input.bytes, input.name ?? `tệp ${this.inputs}`);
    return [await this.addImage(input)];
  }

  async addImage(input: Omit<PageImageInput, 'kind'>): Promise<PageReport> {
    await this.flushHeldPdf();
    const name = input.name ?? `trang ${this.pageCount + 1}`;
    if (this.pageCount + 1 > this.opts.maxPages) throw new AppError('invalid_input', digitizeVi.tooManyPages(name, this.pageCount + 1, this.opts.maxPages));
    const page = await encodePage(input, name, this.opts);
    const doc = await this.ensureDoc();
    const wPt = (page.width / page.dpi) * 72;
    const hPt = (page.height / page.dpi) * 72;
    const pdfPage = doc.addPage([wPt, hPt]);
    if (page.kind === 'jpeg') {
      const img = await doc.embedJpg(page.data);
      pdfPage.drawImage(img, { x: 0, y: 0, width: wPt, height: hPt });
    } else {
      // pdf-lib has no CCITT encoder; a 1-bit Flate image is within ~40 % of G4 (FEASIBILITY 7c/7d).
      const stream = doc.context.flateStream(page.data, {
        Type: 'XObject',
        Subtype: 'Image',
        Width: page.width,
        Height: page.height,
        BitsPerComponent: 1,
        ColorSpace: 'DeviceGray',
      });
      const ref = doc.context.register(stream);
      const xName = pdfPage.node.newXObject('Scan', ref);
      pdfPage.pushOperators(pushGraphicsState(), concatTransformationMatrix(wPt, 0, 0, hPt, 0, 0), drawObject(xName), popGraphicsState());
    }
    const report: PageReport = {
      index: this.pages.length,
      name,
      widthPx: page.width,
      heightPx: page.height,
      dpi: page.dpi,
      widthMm: (page.width / page.dpi) * MM_PER_INCH,
      heightMm: (page.height / page.dpi) * MM_PER_INCH,
      orientation: page.orientation,
      inkRatio: page.inkRatio,
      blank: page.inkRatio < this.opts.blankInkRatio,
      bytes: page.data.length,
      fromPdf: false,
    };
    if (page.dpiGuessed) this.warnings.add(digitizeVi.dpiGuessed(page.dpi));
    this.pages.push(report);
    return report;
  }

  async addPdf(bytes: Buffer, name: string): Promise<PageReport[]> {
    requireKind(bytes, name);
    const checked = await checkPdf(bytes, name, { maxPages: this.opts.maxPages });
    if (this.pageCount + checked.pageCount > this.opts.maxPages) {
      throw new AppError('invalid_input', digitizeVi.tooManyPages(name, this.pageCount + checked.pageCount, this.opts.maxPages));
    }
    this.pdfModes.push(checked.mode);
    this.pdfDpis.push(checked.dpi);
    if (this.pages.length === 0 && !this.heldPdf && this.inputs <= 1) {
      // Possibly the only input: keep the original bytes until we know.
      this.heldPdf = { bytes, name, checked };
      return pdfReports(checked, name, 0);
    }
    await this.flushHeldPdf();
    return this.copyPdf(checked, name);
  }

  private async flushHeldPdf(): Promise<void> {
    if (!this.heldPdf) return;
    const held = this.heldPdf;
    this.heldPdf = null;
    await this.copyPdf(held.checked, held.name);
  }

  private async copyPdf(checked: Awaited<ReturnType<typeof checkPdf>>, name: string): Promise<PageReport[]> {
    const doc = await this.ensureDoc();
    const copied = await doc.copyPages(checked.doc, checked.doc.getPageIndices());
    const reports = pdfReports(checked, name, this.pages.length);
    for (const p of copied) doc.addPage(p);
    this.pages.push(...reports);
    this.pdfMerged = true;
    return reports;
  }

  private async ensureDoc(): Promise<PDFDocument> {
    if (!this.doc) {
      this.doc = await PDFDocument.create({ updateMetadata: false });
      this.doc.setProducer('MotCua Desk');
      this.doc.setCreator('MotCua Desk');
      if (this.opts.title) this.doc.setTitle(this.opts.title.normalize('NFC'));
    }
    return this.doc;
  }

  async finish(): Promise<DigitizedPdf> {
    if (this.finished) throw new AppError('internal', 'PdfAssembler.finish() called twice');
    this.finished = true;
    let pdf: Buffer;
    let passthrough = false;
    let reports: PageReport[];
    if (this.heldPdf && this.pages.length === 0) {
      pdf = this.heldPdf.bytes;
      passthrough = true;
      reports = pdfReports(this.heldPdf.checked, this.heldPdf.name, 0);
    } else {
      await this.flushHeldPdf();
      if (!this.doc || this.pages.length === 0) throw new AppError('invalid_input', digitizeVi.noPages);
      // Creation date stays out so the same pages give the same bytes (and SHA-256).
      pdf = Buffer.from(await this.doc.save({ useObjectStreams: true }));
      reports = this.pages;
    }

    const warnings = [...this.warnings];
    const imageDpis = [...reports.filter((p) => !p.fromPdf).map((p) => p.dpi), ...this.pdfDpis.filter((d): d is number => d !== null)];
    const dpi = imageDpis.length > 0 ? Math.min(...imageDpis) : null;
    const rasterModes: (ColourMode | null)[] = [...(reports.some((p) => !p.fromPdf) ? [this.opts.mode] : []), ...this.pdfModes];
    const mode = rasterModes.includes('color') ? 'color' : rasterModes.includes('gray') ? 'gray' : rasterModes.includes('bw') ? 'bw' : null;
    if (dpi !== null && dpi < RECOMMENDED_MIN_DPI) warnings.push(digitizeVi.lowDpi(dpi));
    if (this.opts.colourRecommended && mode !== null && mode !== 'color') warnings.push(digitizeVi.notColour);
    if (this.pdfMerged && this.pdfModes.length > 0 && !passthrough) warnings.push(digitizeVi.pdfMerged);
    const blankPages = reports.filter((p) => p.blank).map((p) => p.index);
    if (blankPages.length > 0) warnings.push(digitizeVi.blankPages(blankPages.map((i) => i + 1)));

    this.doc = null;
    return {
      pdf,
      pageCount: reports.length,
      dpi,
      mode,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      bytes: pdf.length,
      warnings,
      pages: reports,
      blankPages,
      passthrough,
    };
  }
}

/** Convenience: run a whole component through the assembler (inputs may be an async generator). */
export async function digitize(inputs: Iterable<DigitizeInput> | AsyncIterable<DigitizeInput>, options: PipelineOptions): Promise<DigitizedPdf> {
  const asm = new PdfAssembler(options);
  for await (const input of inputs) await asm.add(input);
  return asm.finish();
}

function pdfReports(checked: Awaited<ReturnType<typeof checkPdf>>, name: string, start: number): PageReport[] {
  return checked.pagesMm.map((mm, i) => ({
    index: start + i,
    name: `${name} (trang ${i + 1})`,
    widthPx: 0,
    heightPx: 0,
    dpi: checked.dpi ?? 0,
    widthMm: mm.width,
    heightMm: mm.height,
    orientation: 1,
    inkRatio: 1,
    blank: false,
    bytes: 0,
    fromPdf: true,
  }));
}

interface EncodedPage {
  kind: 'jpeg' | 'bits';
  data: Buffer;
  width: number;
  height: number;
  dpi: number;
  dpiGuessed: boolean;
  orientation: number;
  inkRatio: number;
}

/** Decode → orient → downsample to the target dpi → measure ink → compress. One bitmap alive at a time. */
async function encodePage(input: Omit<PageImageInput, 'kind'>, name: string, opts: Required<Omit<PipelineOptions, 'title'>>): Promise<EncodedPage> {
  const kind = requireKind(input.image, name);
  if (kind === 'pdf') throw new AppError('invalid_input', digitizeVi.unsupportedType(name));
  const sharpOpts = { limitInputPixels: opts.maxInputPixels, failOn: 'warning' as const, page: input.page ?? 0, pages: 1 };

  let meta: Metadata;
  try {
    // Header only: a 60000×60000 "PNG" is refused here before any pixel is allocated.
    meta = await sharp(input.image, { ...sharpOpts, limitInputPixels: false }).metadata();
  } catch (e) {
    throw new AppError('invalid_input', digitizeVi.corruptImage(name), { cause: e });
  }
  const w0 = meta.width ?? 0;
  const h0 = meta.height ?? 0;
  if (w0 <= 0 || h0 <= 0) throw new AppError('invalid_input', digitizeVi.corruptImage(name));
  if (w0 * h0 > opts.maxInputPixels) {
    throw new AppError('invalid_input', digitizeVi.tooManyPixels(name, Math.round((w0 * h0) / 1e6), Math.round(opts.maxInputPixels / 1e6)), {
      details: { width: w0, height: h0 },
    });
  }
  const orientation = meta.orientation ?? 1;
  const [w, h] = orientation >= 5 ? [h0, w0] : [w0, h0];

  let srcDpi: number;
  let dpiGuessed = false;
  if (input.dpi && input.dpi > 0) srcDpi = input.dpi;
  else {
    // Files often carry 72 dpi as a placeholder; below 100 it is no information, so fit the long side to A4.
    if (meta.density && meta.density >= 100) srcDpi = meta.density;
    else {
      srcDpi = Math.max(1, Math.round(Math.max(w, h) / (297 / MM_PER_INCH)));
      dpiGuessed = true;
    }
  }
  const dpi = Math.min(srcDpi, opts.dpi);
  const scale = dpi / srcDpi;
  const outW = Math.max(1, Math.round(w * scale));
  const outH = Math.max(1, Math.round(h * scale));
  const channels = opts.mode === 'color' ? 3 : 1;

  let raw: Buffer;
  let info: OutputInfo;
  try {
    let img = sharp(input.image, sharpOpts).autoOrient();
    if (outW !== w || outH !== h) img = img.resize(outW, outH, { fit: 'fill', kernel: 'lanczos3' });
    img = img.flatten({ background: '#ffffff' });
    img = channels === 3 ? img.toColourspace('srgb') : img.toColourspace('b-w');
    ({ data: raw, info } = await img.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true }));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('invalid_input', digitizeVi.corruptImage(name), { cause: e });
  }
  if (info.channels !== channels) throw new AppError('internal', `unexpected channel count ${info.channels}`);

  const grey = channels === 1 ? raw : luminance(raw, info.width, info.height);
  const inkRatio = measureInk(grey, info.width, info.height);

  if (opts.mode === 'bw') {
    const t = opts.bwThreshold === 'auto' ? Math.min(200, Math.max(100, otsu(grey))) : opts.bwThreshold;
    const data = packBits(grey, info.width, info.height, t);
    return { kind: 'bits', data, width: info.width, height: info.height, dpi, dpiGuessed, orientation, inkRatio };
  }
  // A 1-channel raw input still encodes as 3-channel JPEG unless told 'b-w' (FEASIBILITY gotcha 9).
  const data = await sharp(raw, { raw: { width: info.width, height: info.height, channels } })
    .toColourspace(channels === 1 ? 'b-w' : 'srgb')
    // mozjpeg's trellis quantisation makes text pages ~15% smaller but costs ~1.5 s a page (measured);
    // a scanner feeding 20 pages a minute needs the fast path: baseline JPEG with the ImageMagick-tuned
    // quantisation table (3) and optimised Huffman codes, which is still smaller than ImageMagick's or img2pdf's output.
    .jpeg({ quality: opts.jpegQuality, optimiseCoding: true, quantisationTable: 3, trellisQuantisation: false, overshootDeringing: false, optimiseScans: false })
    .toBuffer();
  return { kind: 'jpeg', data, width: info.width, height: info.height, dpi, dpiGuessed, orientation, inkRatio };
}

function luminance(rgb: Buffer, width: number, height: number): Buffer {
  const out = Buffer.allocUnsafe(width * height);
  for (let i = 0, j = 0; j < out.length; i += 3, j++) {
    out[j] = (rgb[i]! * 299 + rgb[i + 1]! * 587 + rgb[i + 2]! * 114) / 1000;
  }
  return out;
}

/**
 * Share of the page covered by ink, margins excluded (scanner edges, punch holes, lid shadows).
 * Measured on 4×4 block means so lone dust specks fade while strokes of a signature or a seal stay dark;
 * "ink" is darker than three quarters of the paper's own brightness, so grey recycled paper is not ink.
 */
export function measureInk(grey: Buffer, width: number, height: number): number {
  const B = 4;
  const bw = Math.floor(width / B);
  const bh = Math.floor(height / B);
  if (bw < 4 || bh < 4) return 1;
  const means = new Uint8Array(bw * bh);
  const hist = new Uint32Array(256);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let sum = 0;
      for (let y = by * B; y < by * B + B; y++) {
        const row = y * width + bx * B;
        for (let x = 0; x < B; x++) sum += grey[row + x]!;
      }
      const m = sum >> 4;
      means[by * bw + bx] = m;
      hist[m]!++;
    }
  }
  // Paper brightness: the 90th percentile of block means.
  let acc = 0;
  let paper = 255;
  const target = means.length * 0.9;
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!;
    if (acc >= target) {
      paper = v;
      break;
    }
  }
  if (paper < 96) return 1; // mostly dark: a photo, a black page or a cover, never "blank"
  const cut = paper * 0.75;
  const mx = Math.floor(bw * 0.04);
  const my = Math.floor(bh * 0.04);
  let ink = 0;
  let total = 0;
  for (let by = my; by < bh - my; by++) {
    for (let bx = mx; bx < bw - mx; bx++) {
      total++;
      if (means[by * bw + bx]! < cut) ink++;
    }
  }
  return total === 0 ? 1 : ink / total;
}

/** Otsu's threshold over the grey histogram. */
export function otsu(grey: Buffer): number {
  const hist = new Float64Array(256);
  for (let i = 0; i < grey.length; i++) hist[grey[i]!]!++;
  const total = grey.length;
  let sumAll = 0;
  for (let v = 0; v < 256; v++) sumAll += v * hist[v]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let bestT = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sumAll - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      bestT = t;
    }
  }
  return bestT;
}

/** 1 bit per pixel, rows padded to a byte, 1 = white (DeviceGray, no Decode array). */
export function packBits(grey: Buffer, width: number, height: number, threshold: number): Buffer {
  const rowBytes = (width + 7) >> 3;
  const out = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const src = y * width;
    const dst = y * rowBytes;
    for (let x = 0; x < width; x++) {
      if (grey[src + x]! > threshold) out[dst + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return out;
}
