/** How much ink a page carries, from 4×4 block means of its luminance: tells blank pages from written ones. */

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

