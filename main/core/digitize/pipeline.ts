import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { PDFDocument, popGraphicsState, pushGraphicsState, concatTransformationMatrix, drawObject } from 'pdf-lib';
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { AppError } from '../../../shared/errors';
import type { ColourMode } from '../ports/scanner';
import { digitizeVi } from '../../../shared/i18n/vi/digitize';
import { checkPdf } from './pdf-check';
import { RECOMMENDED_MIN_DPI } from './profiles';
import { StreamingPdfWriter, type PdfImage } from './pdf-writer';
import { requireKind } from '../../../shared/domain/file-kind';

/**
 * The page pipeline ("số hóa"): page images from a scanner or imported files in, ONE PDF per dossier
 * component out. Pages are decoded, oriented, checked for blankness, compressed and written out one at
 * a time: image-only components go through a streaming PDF writer (spilling to a temp file), so a
 * 200-page batch holds one decoded bitmap plus bookkeeping. Once a PDF input is merged the component
 * moves to pdf-lib, which keeps the whole document until save.
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
  /** Image-only output stays in memory up to this many bytes, then goes to a temp file. Default 4 MiB. */
  spillAboveBytes?: number;
  /** Folder for that temp file (default: the OS temp folder). */
  tempDir?: string;
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

/** `finishToFile()`'s result: the same report, the PDF being in `path` instead of memory. */
export type DigitizedFile = Omit<DigitizedPdf, 'pdf'> & { path: string };

type Opts = Required<Omit<PipelineOptions, 'title' | 'tempDir'>> & { title?: string; tempDir?: string };

const MM_PER_INCH = 25.4;
const DEFAULT_MAX_PIXELS = 40_000_000;

// libvips' operation cache (100 operations by default) keeps recent pages' pixel buffers alive: measured
// on 200 grey A4 pages, peak RSS grew ~40 MB with it and stayed flat (+9 MB) without. Every sharp call in
// this process (pages, thumbnails, imports) sees a new image each time, so the cache never hits anyway.
sharp.cache(false);

/**
 * Incremental assembler: feed pages as they come off the scanner, then `finish()`.
 * A single PDF input given alone is passed through unchanged after validation.
 */
export class PdfAssembler {
  private readonly opts: Opts;
  /** Image-only so far: pages stream out. */
  private writer: StreamingPdfWriter | null = null;
  /** A PDF input was merged: pdf-lib holds the document (streamed pages were moved in). */
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
      spillAboveBytes: 4 * 1024 * 1024,
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
    if (this.finished) throw new AppError('internal', 'PdfAssembler used after finish()');
    await this.flushHeldPdf();
    const name = input.name ?? `trang ${this.pageCount + 1}`;
    if (this.pageCount + 1 > this.opts.maxPages) throw new AppError('invalid_input', digitizeVi.tooManyPages(name, this.pageCount + 1, this.opts.maxPages));
    const page = await encodePage(input, name, this.opts);
    const wPt = (page.width / page.dpi) * 72;
    const hPt = (page.height / page.dpi) * 72;
    if (this.doc) embedInPdfLib(this.doc, page.image, wPt, hPt);
    else {
      this.writer ??= new StreamingPdfWriter({ title: this.opts.title, spillAboveBytes: this.opts.spillAboveBytes, tempDir: this.opts.tempDir });
      this.writer.addImagePage(page.image, wPt, hPt);
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
      bytes: page.image.data.length,
      fromPdf: false,
    };
    if (page.dpiGuessed) this.warnings.add(digitizeVi.dpiGuessed(page.dpi));
    this.pages.push(report);
    return report;
  }

  async addPdf(bytes: Buffer, name: string): Promise<PageReport[]> {
    if (this.finished) throw new AppError('internal', 'PdfAssembler used after finish()');
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
    if (this.doc) return this.doc;
    if (this.writer) {
      // Pages already streamed move into pdf-lib: it has to hold the merged document anyway.
      const streamed = this.writer.finishToBuffer();
      this.writer = null;
      this.doc = await PDFDocument.load(streamed.pdf, { updateMetadata: false });
      return this.doc;
    }
    this.doc = await PDFDocument.create({ updateMetadata: false });
    this.doc.setProducer('MotCua Desk');
    this.doc.setCreator('MotCua Desk');
    if (this.opts.title) this.doc.setTitle(this.opts.title.normalize('NFC'));
    return this.doc;
  }

  /** The PDF in memory (what callers storing bytes need). */
  async finish(): Promise<DigitizedPdf> {
    this.startFinish();
    try {
      if (this.heldPdf && this.pages.length === 0) {
        const pdf = this.heldPdf.bytes;
        return { pdf, ...this.summary(pdfReports(this.heldPdf.checked, this.heldPdf.name, 0), true, pdf.length, sha256(pdf)) };
      }
      await this.flushHeldPdf();
      if (this.writer) {
        const out = this.writer.finishToBuffer();
        return { pdf: out.pdf, ...this.summary(this.pages, false, out.bytes, out.sha256) };
      }
      if (!this.doc || this.pages.length === 0) throw new AppError('invalid_input', digitizeVi.noPages);
      // Creation date stays out so the same pages give the same bytes (and SHA-256).
      const pdf = Buffer.from(await this.doc.save({ useObjectStreams: true }));
      return { pdf, ...this.summary(this.pages, false, pdf.length, sha256(pdf)) };
    } finally {
      this.release();
    }
  }

  /**
   * The PDF written to `path`. An image-only component goes from the temp file (or memory) to `path`
   * without ever being one buffer, so memory stays flat however many pages there are.
   */
  async finishToFile(path: string): Promise<DigitizedFile> {
    this.startFinish();
    try {
      if (this.heldPdf && this.pages.length === 0) {
        const pdf = this.heldPdf.bytes;
        writeFileSync(path, pdf);
        return { path, ...this.summary(pdfReports(this.heldPdf.checked, this.heldPdf.name, 0), true, pdf.length, sha256(pdf)) };
      }
      await this.flushHeldPdf();
      if (this.writer) {
        const out = this.writer.finishToFile(path);
        return { path, ...this.summary(this.pages, false, out.bytes, out.sha256) };
      }
      if (!this.doc || this.pages.length === 0) throw new AppError('invalid_input', digitizeVi.noPages);
      const pdf = Buffer.from(await this.doc.save({ useObjectStreams: true }));
      writeFileSync(path, pdf);
      return { path, ...this.summary(this.pages, false, pdf.length, sha256(pdf)) };
    } finally {
      this.release();
    }
  }

  /** Gives up on the component: drops the pages written so far (and any temp file). */
  abort(): void {
    this.finished = true;
    this.release();
  }

  private startFinish(): void {
    if (this.finished) throw new AppError('internal', 'PdfAssembler.finish() called twice');
    this.finished = true;
  }

  private release(): void {
    this.writer?.abort();
    this.writer = null;
    this.doc = null;
    this.heldPdf = null;
  }

  private summary(reports: PageReport[], passthrough: boolean, bytes: number, sha: string): Omit<DigitizedPdf, 'pdf'> {
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
    return { pageCount: reports.length, dpi, mode, sha256: sha, bytes, warnings, pages: reports, blankPages, passthrough };
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The pdf-lib twin of StreamingPdfWriter.addImagePage, for components that merged a PDF. */
function embedInPdfLib(doc: PDFDocument, image: PdfImage, wPt: number, hPt: number): void {
  const stream = doc.context.stream(image.data, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: image.width,
    Height: image.height,
    ColorSpace: image.colorSpace,
    BitsPerComponent: image.bitsPerComponent,
    Filter: image.filter,
    ...(image.decodeParms ? { DecodeParms: image.decodeParms } : {}),
  });
  const ref = doc.context.register(stream);
  const pdfPage = doc.addPage([wPt, hPt]);
  const xName = pdfPage.node.newXObject('Scan', ref);
  pdfPage.pushOperators(pushGraphicsState(), concatTransformationMatrix(wPt, 0, 0, hPt, 0, 0), drawObject(xName), popGraphicsState());
}

/** Convenience: run a whole component through the assembler (inputs may be an async generator). */
export async function digitize(inputs: Iterable<DigitizeInput> | AsyncIterable<DigitizeInput>, options: PipelineOptions): Promise<DigitizedPdf> {
  const asm = new PdfAssembler(options);
  try {
    for await (const input of inputs) await asm.add(input);
  } catch (e) {
    asm.abort();
    throw e;
  }
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
  image: PdfImage;
  width: number;
  height: number;
  dpi: number;
  dpiGuessed: boolean;
  orientation: number;
  inkRatio: number;
}

/** Decode → orient → downsample to the target dpi → measure ink → compress. One bitmap alive at a time. */
async function encodePage(input: Omit<PageImageInput, 'kind'>, name: string, opts: Opts): Promise<EncodedPage> {
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
  const { width, height } = info;
  const base = { width, height, dpi, dpiGuessed, orientation };

  if (opts.mode === 'bw') {
    const t = opts.bwThreshold === 'auto' ? Math.min(200, Math.max(100, otsu(raw))) : opts.bwThreshold;
    const inkRatio = measureInk(raw, width, height);
    // In place: the grey bitmap is not needed afterwards, and a second 4 MB buffer is avoided.
    binarize(raw, width, height, t);
    return { ...base, inkRatio, image: await encodeBw(raw, width, height) };
  }
  // The JPEG is encoded on libuv's thread pool while the ink is measured here, on the main thread.
  // A 1-channel raw input still encodes as 3-channel JPEG unless told 'b-w' (FEASIBILITY gotcha 9).
  const jpeg = sharp(raw, { raw: { width, height, channels } })
    .toColourspace(channels === 1 ? 'b-w' : 'srgb')
    // mozjpeg's trellis quantisation makes text pages ~15% smaller but costs ~1.5 s a page (measured);
    // a scanner feeding 20 pages a minute needs the fast path: baseline JPEG with the ImageMagick-tuned
    // quantisation table (3) and optimised Huffman codes, which is still smaller than ImageMagick's or img2pdf's output.
    .jpeg({ quality: opts.jpegQuality, optimiseCoding: true, quantisationTable: 3, trellisQuantisation: false, overshootDeringing: false, optimiseScans: false })
    .toBuffer();
  let inkRatio: number;
  try {
    inkRatio = channels === 1 ? measureInk(raw, width, height) : measureInkRgb(raw, width, height);
  } catch (e) {
    await jpeg.catch(() => undefined);
    throw e;
  }
  const data = await jpeg;
  const colorSpace = channels === 1 ? 'DeviceGray' : 'DeviceRGB';
  // A clean page (a printout through a scanner with little noise, a "virtual" scanner) is often smaller
  // as the scanner's own lossless PNG than as JPEG: then that PNG's compressed pixels go in as they are
  // (PDF's Flate with the PNG predictor reads them directly), smaller and without JPEG's blur.
  const lossless = width === w0 && height === h0 && orientation === 1 ? pngPixelStream(input.image, channels) : null;
  if (lossless && lossless.length < data.length) {
    return {
      ...base,
      inkRatio,
      image: { data: lossless, width, height, filter: 'FlateDecode', colorSpace, bitsPerComponent: 8, decodeParms: { Predictor: 15, Colors: channels, BitsPerComponent: 8, Columns: width } },
    };
  }
  return { ...base, inkRatio, image: { data, width, height, filter: 'DCTDecode', colorSpace, bitsPerComponent: 8 } };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The zlib stream of a PNG's pixels (its IDAT chunks joined), when PDF can show it unchanged: 8 bits
 * per sample, grey (1 channel) or RGB (3) as wanted, not interlaced, no transparency. Null otherwise.
 */
export function pngPixelStream(png: Buffer, channels: 1 | 3): Buffer | null {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  const idat: Buffer[] = [];
  let headerOk = false;
  for (let at = 8; at + 12 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = at + 8;
    if (body + length + 4 > png.length) return null;
    if (type === 'IHDR') {
      const bitDepth = png[body + 8];
      const colourType = png[body + 9];
      const interlace = png[body + 12];
      headerOk = length === 13 && bitDepth === 8 && colourType === (channels === 1 ? 0 : 2) && interlace === 0;
      if (!headerOk) return null;
    } else if (type === 'tRNS' || type === 'PLTE') return null;
    else if (type === 'IDAT') idat.push(png.subarray(body, body + length));
    else if (type === 'IEND') break;
    at = body + length + 4;
  }
  return headerOk && idat.length > 0 ? Buffer.concat(idat) : null;
}

/**
 * 1-bit page as CCITT Group 4 (the fax code PDF readers decode natively): about a third smaller than
 * Flate on text pages. libtiff does the coding; the single strip is lifted out of the TIFF as is.
 * `bin` holds 0 (black) / 255 (white).
 */
async function encodeBw(bin: Buffer, width: number, height: number): Promise<PdfImage> {
  // One strip (strip height = page height), so the strip is one G4 stream; min-is-white makes paper
  // the "white" runs the G4 code tables favour and matches PDF's default /BlackIs1 false.
  const strip = await sharp(bin, { raw: { width, height, channels: 1 } })
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true, tileWidth: width, tileHeight: height })
    .toBuffer()
    .then((tiff) => g4Strip(tiff, width, height))
    // A libvips/libtiff build without the fax codec: Flate below.
    .catch(() => null);
  if (strip) {
    return {
      data: strip.data,
      width,
      height,
      filter: 'CCITTFaxDecode',
      colorSpace: 'DeviceGray',
      bitsPerComponent: 1,
      decodeParms: { K: -1, Columns: width, Rows: height, BlackIs1: strip.blackIs1 },
    };
  }
  // No G4 from this build, or not the TIFF layout asked for: 1-bit Flate is always valid (and ~30 % larger).
  const packed = packBits(bin, width, height, 127);
  return { data: deflateSync(packed), width, height, filter: 'FlateDecode', colorSpace: 'DeviceGray', bitsPerComponent: 1 };
}

/**
 * The G4 data of a single-strip, single-page CCITT Group 4 TIFF, or null when the TIFF is laid out
 * differently (several strips, reversed bit order, other size) and cannot be embedded as one stream.
 */
export function g4Strip(tiff: Buffer, width: number, height: number): { data: Buffer; blackIs1: boolean } | null {
  if (tiff.length < 8) return null;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  if (ifd + 2 + count * 12 > tiff.length) return null;
  const tags = new Map<number, { type: number; n: number; value: number }>();
  for (let k = 0; k < count; k++) {
    const e = ifd + 2 + k * 12;
    const type = u16(e + 2);
    const n = u32(e + 4);
    // SHORT (3) or LONG (4) with one value sits in the entry itself.
    const value = type === 3 ? u16(e + 8) : u32(e + 8);
    tags.set(u16(e), { type, n, value });
  }
  const one = (tag: number) => {
    const t = tags.get(tag);
    return t && t.n === 1 && (t.type === 3 || t.type === 4) ? t.value : undefined;
  };
  if (one(256) !== width || one(257) !== height || one(259) !== 4 || (one(258) ?? 1) !== 1) return null;
  if ((one(266) ?? 1) !== 1) return null; // FillOrder 2 (LSB first) is not what PDF's filter reads
  const photometric = one(262);
  if (photometric !== 0 && photometric !== 1) return null;
  const offset = one(273);
  const length = one(279);
  if (offset === undefined || length === undefined || offset + length > tiff.length) return null;
  // Photometric 0 (min-is-white): 0 bits are white, the G4 convention, so PDF's default BlackIs1 false fits.
  return { data: tiff.subarray(offset, offset + length), blackIs1: photometric === 1 };
}

/** measureInk on an RGB bitmap, with the same luminance (and rounding) as a grey conversion. */
export function measureInkRgb(rgb: Buffer, width: number, height: number): number {
  return inkFromBlocks(blockMeans(rgb, width, height, 3));
}

/**
 * Share of the page covered by ink, margins excluded (scanner edges, punch holes, lid shadows).
 * Measured on 4×4 block means so lone dust specks fade while strokes of a signature or a seal stay dark;
 * "ink" is darker than three quarters of the paper's own brightness, so grey recycled paper is not ink.
 */
export function measureInk(grey: Buffer, width: number, height: number): number {
  return inkFromBlocks(blockMeans(grey, width, height, 1));
}

const B = 4;

/** Means of 4×4 blocks of the page's luminance (the ragged right and bottom edges are left out). */
function blockMeans(px: Buffer, width: number, height: number, channels: 1 | 3): { means: Uint8Array; bw: number; bh: number } {
  const bw = Math.floor(width / B);
  const bh = Math.floor(height / B);
  const means = new Uint8Array(Math.max(0, bw * bh));
  if (bw < 4 || bh < 4) return { means, bw, bh };
  // Row sums of 4 pixels accumulate per block column, then 4 rows close a block row: one pass over the bitmap.
  const sums = new Uint32Array(bw);
  for (let by = 0; by < bh; by++) {
    sums.fill(0);
    for (let y = by * B; y < by * B + B; y++) {
      const row = y * width;
      if (channels === 1) {
        for (let bx = 0, i = row; bx < bw; bx++, i += B) sums[bx]! += px[i]! + px[i + 1]! + px[i + 2]! + px[i + 3]!;
      } else {
        for (let bx = 0, i = row * 3; bx < bw; bx++) {
          let s = 0;
          for (let x = 0; x < B; x++, i += 3) s += ((px[i]! * 299 + px[i + 1]! * 587 + px[i + 2]! * 114) / 1000) | 0;
          sums[bx]! += s;
        }
      }
    }
    const o = by * bw;
    for (let bx = 0; bx < bw; bx++) means[o + bx] = sums[bx]! >> 4;
  }
  return { means, bw, bh };
}

/** measureInk's verdict from the block means. */
function inkFromBlocks({ means, bw, bh }: { means: Uint8Array; bw: number; bh: number }): number {
  if (bw < 4 || bh < 4) return 1;
  const hist = new Uint32Array(256);
  for (let i = 0; i < means.length; i++) hist[means[i]!]!++;
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

/**
 * Threshold (`> t` is white) and smooth in place, leaving 0 (black) / 255 (white). The smoothing flips
 * pixels that agree with at most one of their 8 neighbours: dust specks, one-pixel holes and the
 * one-pixel spurs a threshold leaves on glyph edges. Strokes one pixel wide keep two agreeing
 * neighbours and stay; the cleaner edges also make the Group 4 code about 3 % shorter (measured).
 */
export function binarize(grey: Buffer, width: number, height: number, t: number): Buffer {
  for (let i = 0; i < grey.length; i++) grey[i] = grey[i]! > t ? 255 : 0;
  if (width < 3 || height < 3) return grey;
  // Decisions use the thresholded rows before smoothing: the row above is kept as it was.
  let above = Buffer.from(grey.subarray(0, width));
  let here = Buffer.allocUnsafe(width);
  for (let y = 1; y < height - 1; y++) {
    const row = y * width;
    grey.copy(here, 0, row, row + width);
    const below = row + width;
    for (let x = 1; x < width - 1; x++) {
      const v = here[x]!;
      const same =
        (above[x - 1] === v ? 1 : 0) + (above[x] === v ? 1 : 0) + (above[x + 1] === v ? 1 : 0) +
        (here[x - 1] === v ? 1 : 0) + (here[x + 1] === v ? 1 : 0) +
        (grey[below + x - 1] === v ? 1 : 0) + (grey[below + x] === v ? 1 : 0) + (grey[below + x + 1] === v ? 1 : 0);
      if (same <= 1) grey[row + x] = 255 - v;
    }
    [above, here] = [here, above];
  }
  return grey;
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
