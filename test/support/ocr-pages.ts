/**
 * Test pages for OCR (issue 18): Vietnamese text rendered with Liberation Serif (fonts-liberation2)
 * at 200 dpi through sharp's SVG renderer, so the ground truth is known; optionally rotated or
 * skewed. Kept small (half an A4 page) because OCR is CPU-heavy on the shared machine.
 */
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { createApp, type App } from '../../main/app/create-app';
import { fixedClock } from '../../main/core/ports/clock';
import type { OcrEngine } from '../../main/core/ports/ocr';
import type { Input } from '../../shared/contract/channels';
import { SAMPLE_UNIT } from './app';
import type { StoreTarget } from './stores';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A 200-dpi page (A4 width, half its height) with these lines; `rotate` 90/270 turns it, `skew` tilts it by degrees. */
export async function textPage(lines: string[], opts: { rotate?: 0 | 90 | 180 | 270; skew?: number; size?: number } = {}): Promise<Buffer> {
  const W = 1654;
  const H = 1169;
  const size = opts.size ?? 40;
  const body = lines.map((l, i) => `<text x="120" y="${160 + i * size * 1.8}" font-family="Liberation Serif" font-size="${size}" fill="#111">${esc(l.normalize('NFC'))}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#fff"/>${body}</svg>`;
  let img = sharp(Buffer.from(svg)).flatten({ background: '#fff' }).grayscale();
  let buf = await img.png().toBuffer();
  if (opts.skew) buf = await sharp(buf).rotate(opts.skew, { background: '#fff' }).png().toBuffer();
  if (opts.rotate) buf = await sharp(buf).rotate(opts.rotate).png().toBuffer();
  img = sharp(buf).withMetadata({ density: 200 });
  return img.png().toBuffer();
}

export async function blankPage(): Promise<Buffer> {
  return sharp({ create: { width: 1654, height: 1169, channels: 3, background: '#ffffff' } }).withMetadata({ density: 200 }).png().toBuffer();
}

/** Character error rate: Levenshtein distance over the truth's length, whitespace collapsed, NFC. */
export function cer(truth: string, got: string): number {
  const a = [...truth.normalize('NFC').replace(/\s+/g, ' ').trim()];
  const b = [...got.normalize('NFC').replace(/\s+/g, ' ').trim()];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]! / Math.max(1, a.length);
}

/** A fresh app on `target` (or reopened on `reuse`) with the unit saved and one dossier of two components. */
export async function ocrDesk(target: StoreTarget, opts: { ocrEngine?: OcrEngine } = {}) {
  const fresh = target.fresh();
  const clock = fixedClock('2026-03-17T02:00:00.000Z');
  const open = (engine?: OcrEngine) => createApp({ dataDir: fresh.dataDir, store: fresh.config, clock, validateOutputs: true, ...(engine ? { ocrEngine: engine } : {}) });
  let app: App = await open(opts.ocrEngine);
  await app.client().invoke('unit.save', SAMPLE_UNIT);
  const code = await newDossier(app);
  return {
    get app() {
      return app;
    },
    code,
    clock,
    /** Close and open the same store again (a restart of the desk). */
    async reopen(engine?: OcrEngine) {
      await app.close();
      app = await open(engine);
      return app;
    },
    async cleanup() {
      await app.close();
      await fresh.cleanup();
    },
  };
}

export async function newDossier(app: App, fullName = 'Nguyễn Thị Hường', idNumber = '045301001234'): Promise<string> {
  const input: Input<'dossiers.create'> = {
    requestId: randomUUID(),
    procedureCode: '2.000815',
    applicant: { fullName, idNumber, dateOfBirth: '2001-05-04', phone: '+84912345678', address: 'Thôn Cợp, xã Hướng Phùng' },
    components: [
      { position: 0, received: true },
      { position: 1, received: true },
    ],
    fee: { pages: 1, copies: 1 },
  };
  return (await app.client().invoke('dossiers.create', input)).code;
}

/** Import these page images into one component and attach them as its stored PDF. */
export async function attachPages(app: App, code: string, component: number, pages: Buffer[], profile: 'plain_text' | 'text_bw' = 'plain_text') {
  const c = app.client();
  let batchId: string | undefined;
  for (const [i, png] of pages.entries()) {
    const b = await c.invoke('scans.import', { dossierCode: code, component, profile, ...(batchId ? { batchId } : {}), name: `trang${i + 1}.png`, dataBase64: png.toString('base64') });
    batchId = b.id;
  }
  return (await c.invoke('scans.attach', { batchId: batchId! })).scan;
}
