/**
 * One page image → one PDF image: decode, orient, downsample to the target dpi, measure ink (blank
 * pages), compress (JPEG for colour/grey, CCITT G4 for black and white). One bitmap alive at a time.
 */
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { AppError } from '../../../shared/errors';
import { digitizeVi } from '../../../shared/i18n/vi/digitize';
import { type PdfImage } from './pdf-writer';
import { requireKind } from '../../../shared/domain/file-kind';
import { binarize, encodeBw, otsu } from './bilevel';
import { measureInk, measureInkRgb } from './ink';
import { MM_PER_INCH, type PageImageInput, type ResolvedPipelineOptions } from './pipeline-types';

export interface EncodedPage {
  image: PdfImage;
  width: number;
  height: number;
  dpi: number;
  dpiGuessed: boolean;
  orientation: number;
  inkRatio: number;
}

/** Decode → orient → downsample to the target dpi → measure ink → compress. One bitmap alive at a time. */
export async function encodePage(input: Omit<PageImageInput, 'kind'>, name: string, opts: ResolvedPipelineOptions): Promise<EncodedPage> {
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

