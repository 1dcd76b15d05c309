/** Black-and-white pages: Otsu threshold, binarisation, 1-bit packing and the CCITT G4 strip. */
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { type PdfImage } from './pdf-writer';

/**
 * 1-bit page as CCITT Group 4 (the fax code PDF readers decode natively): about a third smaller than
 * Flate on text pages. libtiff does the coding; the single strip is lifted out of the TIFF as is.
 * `bin` holds 0 (black) / 255 (white).
 */
export async function encodeBw(bin: Buffer, width: number, height: number): Promise<PdfImage> {
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

