import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { digitize, type DigitizeInput } from '../../main/core/digitize/pipeline';

// 200 A4 pages at 200 dpi: holding every decoded bitmap would take 200 × 3.9 MB ≈ 770 MB (grey/bw)
// or 2.3 GB (colour). The pipeline decodes one page at a time and keeps only the compressed pages.
// bw runs by default (~40 s); colour spends ~0.45 s/page in mozjpeg, so it runs with MOTCUA_STRESS=1 (~90 s).
const PAGES = 200;
const MODES = process.env.MOTCUA_STRESS === '1' ? (['bw', 'color'] as const) : (['bw'] as const);

async function a4Page(): Promise<Buffer> {
  const w = 1654;
  const h = 2339;
  const raw = Buffer.alloc(w * h * 3, 248);
  // A block of "text" and a red stamp, so the page is not trivially compressible.
  for (let y = 200; y < 700; y++) for (let x = 170; x < w - 150; x++) if (x % 9 < 5 && y % 30 < 20) raw.fill(30, (y * w + x) * 3, (y * w + x) * 3 + 3);
  for (let y = 1800; y < 2000; y++)
    for (let x = 1000; x < 1200; x++) {
      const d = Math.hypot(x - 1100, y - 1900);
      if (d > 80 && d < 95) raw.set([210, 20, 20], (y * w + x) * 3);
    }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
}

describe('page pipeline memory', () => {
  it.each(MODES)(`stays bounded over ${PAGES} A4 pages (%s)`, async (mode) => {
    const png = await a4Page();
    let peak = 0;
    const base = process.memoryUsage().rss;
    let fed = 0;
    async function* pages(): AsyncGenerator<DigitizeInput> {
      for (let i = 0; i < PAGES; i++) {
        peak = Math.max(peak, process.memoryUsage().rss);
        fed++;
        // A copy per page, as a scanner delivers fresh bytes each time.
        yield { kind: 'image', image: Buffer.from(png), dpi: 200, name: `trang ${i + 1}` };
      }
    }
    const t0 = performance.now();
    const res = await digitize(pages(), { dpi: 200, mode });
    const secs = (performance.now() - t0) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    const growthMb = (peak - base) / 1e6;
    console.log(JSON.stringify({ mode, pages: res.pageCount, pdfMB: +(res.bytes / 1e6).toFixed(1), growthMb: Math.round(growthMb), pagesPerSec: +(PAGES / secs).toFixed(2) }));
    expect(fed).toBe(PAGES);
    expect(res.pageCount).toBe(PAGES);
    expect(growthMb).toBeLessThan(mode === 'bw' ? 300 : 600);
  }, 300_000);
});
