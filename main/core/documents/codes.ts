import bwipjs from 'bwip-js';
import QRCode from 'qrcode';

/**
 * QR (TCVN 7322:2009 = ISO/IEC 18004) and Code 128 drawn as filled rectangles. Raster PNGs from qrcode/bwip-js carry
 * an alpha channel, which makes pdfkit write an SMask and CUPS rasterise the whole page (FEASIBILITY.md gotcha 6);
 * vectors also stay sharp at any printer resolution.
 */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

// Mask selection makes QRCode.create cost tens of milliseconds; the two copies of a receipt and the dry layout runs
// ask for the same symbol, so the last few are kept.
const qrCache = new Map<string, { size: number; runs: Rect[] }>();
const barCache = new Map<string, { width: number; bars: Rect[] }>();
function remember<V>(cache: Map<string, V>, key: string, make: () => V): V {
  const hit = cache.get(key);
  if (hit) return hit;
  const value = make();
  if (cache.size >= 32) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

/** Dark modules of a QR symbol as horizontal runs, in module units (quiet zone not included). */
export function qrRuns(text: string): { size: number; runs: Rect[] } {
  return remember(qrCache, text, () => makeQrRuns(text));
}

function makeQrRuns(text: string): { size: number; runs: Rect[] } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const runs: Rect[] = [];
  for (let r = 0; r < size; r++) {
    let c = 0;
    while (c < size) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < size && qr.modules.get(r, c)) c++;
      runs.push({ x: start, y: r, w: c - start, h: 1 });
    }
  }
  return { size, runs };
}

/** Bars of a Code 128 symbol, in module units; `width` is the symbol width without quiet zones. */
export function code128Bars(text: string): { width: number; bars: Rect[] } {
  return remember(barCache, text, () => makeCode128Bars(text));
}

function makeCode128Bars(text: string): { width: number; bars: Rect[] } {
  const raw = bwipjs.raw('code128', text, {});
  const sbs = raw[0]?.sbs;
  if (!sbs) throw new Error('bwip-js returned no Code 128 bars');
  const bars: Rect[] = [];
  let x = 0;
  sbs.forEach((w, i) => {
    // sbs alternates bar, space, bar, … starting with a bar.
    if (i % 2 === 0) bars.push({ x, y: 0, w, h: 1 });
    x += w;
  });
  return { width: x, bars };
}
