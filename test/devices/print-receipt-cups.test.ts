/**
 * A receipt (Mẫu 01) of a stored dossier printed through the whole app onto the REAL CUPS queue
 * `MotCuaPDF` (cups-pdf backend, `.ci/services/cups.sh`). cups-pdf writes what the "printer"
 * received into MOTCUA_CUPS_PDF_DIR (default /var/spool/cups-pdf/motcua); the job must be there
 * with the receipt's 2 A4 pages (Liên 1, Liên 2), looking like the stored original.
 *
 * cups-pdf re-renders through Ghostscript and re-encodes the fonts (FEASIBILITY gotcha 7), so the
 * pages are compared as low-resolution images, never by their text.
 *
 * Without CUPS (a developer laptop) the suite is skipped with the reason; in CI it must run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CupsPrinter } from '../../main/adapters/printer/cups';
import { createApp, type App } from '../../main/app/create-app';
import { readFileBytes } from '../../main/core/files/files.service';
import { fixedClock } from '../../main/core/ports/clock';
import { SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

const QUEUE = 'MotCuaPDF';
const OUT_DIR = process.env.MOTCUA_CUPS_PDF_DIR || '/var/spool/cups-pdf/motcua';
const C_ENV = { ...process.env, LANG: 'C', LC_ALL: 'C' };

function cupsAvailability(): { ok: true } | { ok: false; reason: string } {
  const running = spawnSync('lpstat', ['-r'], { encoding: 'utf8', env: C_ENV, timeout: 10_000 });
  if (running.error) return { ok: false, reason: 'lpstat not found; install cups-client' };
  if (!/is running/.test(running.stdout)) return { ok: false, reason: 'cupsd is not running; run .ci/services/cups.sh as root' };
  if (spawnSync('lpstat', ['-p', QUEUE], { env: C_ENV, timeout: 10_000 }).status !== 0) return { ok: false, reason: `CUPS queue ${QUEUE} is missing; run .ci/services/cups.sh` };
  return { ok: true };
}
const availability = cupsAvailability();

if (!availability.ok) {
  describe('receipt on the real CUPS queue', () => {
    if (process.env.CI === 'true') {
      it('needs a running cupsd with the MotCuaPDF queue', () => {
        throw new Error(`CUPS is required in CI: ${availability.reason}`);
      });
    } else {
      it.skip(`skipped: ${availability.reason}`, () => {});
    }
  });
}

interface Gray {
  width: number;
  height: number;
  pixels: Buffer;
}

/**
 * One page as an 8-bit gray image on a fixed pixel grid (cups-pdf rounds the page size to whole
 * points, so rendering by dpi could give a 1-px different size and a skewed comparison).
 * `pdftoppm -gray` writes a binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
 */
function renderGray(pdfPath: string, page: number, width = 248, height = 351): Gray {
  const buf = execFileSync('pdftoppm', ['-q', '-gray', '-scale-to-x', String(width), '-scale-to-y', String(height), '-f', String(page), '-l', String(page), '-singlefile', pdfPath], {
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!m) throw new Error('pdftoppm did not write an 8-bit PGM');
  return { width: Number(m[1]), height: Number(m[2]), pixels: buf.subarray(m[0].length) };
}

/**
 * Mean absolute difference in 0..1 of the two pages averaged over 4×4-pixel cells (about 7 dpi):
 * glyph anti-aliasing after Ghostscript's font re-encoding averages out, a moved block does not.
 */
function diff(a: Gray, b: Gray, cell = 4): number {
  const w = Math.min(a.width, b.width);
  const h = Math.min(a.height, b.height);
  let sum = 0;
  let cells = 0;
  for (let cy = 0; cy + cell <= h; cy += cell) {
    for (let cx = 0; cx + cell <= w; cx += cell) {
      let sa = 0;
      let sb = 0;
      for (let y = cy; y < cy + cell; y++) {
        for (let x = cx; x < cx + cell; x++) {
          sa += a.pixels[y * a.width + x]!;
          sb += b.pixels[y * b.width + x]!;
        }
      }
      sum += Math.abs(sa - sb) / (cell * cell);
      cells++;
    }
  }
  return sum / (cells * 255);
}

function ink(a: Gray): number {
  let sum = 0;
  for (const v of a.pixels) sum += 255 - v;
  return sum / (a.pixels.length * 255);
}

function pdfInfo(file: string): { pages: number; pageSize: string } {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8', env: C_ENV, stdio: ['ignore', 'pipe', 'ignore'] });
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]), pageSize: /^Page size:\s+(.*)$/m.exec(out)?.[1] ?? '' };
}

/** cups-pdf's file for a job ends in "-job_N.pdf" (Label 2 in cups.sh); the title part is transliterated. */
async function outputFor(jobId: string, timeoutMs = 20_000): Promise<string> {
  const n = /-(\d+)$/.exec(jobId)?.[1];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = readdirSync(OUT_DIR).find((f) => f.endsWith(`-job_${n}.pdf`));
    if (hit) return path.join(OUT_DIR, hit);
    if (Date.now() > deadline) throw new Error(`no cups-pdf output for ${jobId} in ${OUT_DIR}: ${readdirSync(OUT_DIR).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!availability.ok)('receipt printed through the real CUPS queue MotCuaPDF', () => {
  const cups = new CupsPrinter({ pollIntervalMs: 100 });
  let app: App;
  let cleanup: () => Promise<void>;
  let work: string;
  let code: string;

  beforeAll(async () => {
    const fresh = storeTargets()[0]!.fresh();
    work = mkdtempSync(path.join(os.tmpdir(), 'motcua-receipt-cups-'));
    app = await createApp({ dataDir: fresh.dataDir, store: fresh.config, clock: fixedClock('2026-02-13T03:00:00.000Z'), printer: cups });
    cleanup = async () => {
      await app.close();
      await fresh.cleanup();
    };
    const c = app.client();
    await c.invoke('unit.save', SAMPLE_UNIT);
    const d = await c.invoke('dossiers.create', {
      requestId: randomUUID(),
      procedureCode: '1.001731',
      applicant: { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '0912345678', address: 'Thôn Cợp, xã Hướng Phùng' },
      components: [0, 1, 2].map((position) => ({ position, received: true })),
    });
    code = d.code;
  });
  afterAll(async () => {
    await cleanup?.();
    rmSync(work, { recursive: true, force: true });
  });

  it('lists the CUPS queue through the app', async () => {
    const list = await app.client().invoke('printers.list');
    expect(list.adapter).toBe('cups');
    expect(list.problem).toBeNull();
    expect(list.printers.map((p) => p.name)).toContain(QUEUE);
  });

  it('prints the A4 receipt: the job comes out of cups-pdf with 2 A4 pages that look like the stored original', async () => {
    const doc = await app.client().invoke('documents.print', { target: { kind: 'dossier', code, form: '01' }, printer: QUEUE, paper: 'A4', copies: 1 });
    expect(doc).toMatchObject({ status: 'printed', printer: QUEUE, pages: 2, error: null });
    expect(doc.jobId).toMatch(new RegExp(`^${QUEUE}-\\d+$`));
    await cups.waitForJob(doc.jobId!, { timeoutMs: 60_000 });

    const printed = await outputFor(doc.jobId!);
    const info = pdfInfo(printed);
    expect(info.pages).toBe(2);
    expect(info.pageSize).toContain('(A4)');

    const original = path.join(work, 'original.pdf');
    writeFileSync(original, (await readFileBytes(app.store.db, doc.fileId))!.bytes);
    for (const page of [1, 2]) {
      const a = renderGray(original, page);
      const b = renderGray(printed, page);
      // A receipt page carries real ink (text, tables, QR, bar code), and the printed copy the same amount.
      expect(ink(a)).toBeGreaterThan(0.03);
      expect(Math.abs(ink(a) - ink(b))).toBeLessThan(0.01);
      // Measured here: 0.011 for the printed copy, 0.076 for the same page moved down 10 px.
      expect(diff(a, b)).toBeLessThan(0.02);
    }
    // The test would notice a shifted layout: the same page moved by 10 px differs far more.
    const a = renderGray(original, 1);
    const shifted = { ...a, pixels: Buffer.concat([Buffer.alloc(a.width * 10, 255), a.pixels.subarray(0, a.pixels.length - a.width * 10)]) };
    expect(diff(a, shifted)).toBeGreaterThan(0.03);
  });

  it('keeps the receipt with status failed for a queue that does not exist, then reprints the same bytes on the real queue', async () => {
    const c = app.client();
    const failed = await c.invoke('documents.print', { target: { kind: 'dossier', code, form: '01' }, printer: 'MotCuaPDF-khong-co' });
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('device_unavailable');
    expect(failed.error?.message).toContain('không tồn tại hoặc đang tắt');

    const again = await c.invoke('documents.reprint', { documentId: failed.id, printer: QUEUE });
    // The receipt was issued by the earlier print: both are print records of that one stored copy.
    expect(again).toMatchObject({ status: 'printed', printer: QUEUE, fileId: failed.fileId, reprintOf: failed.reprintOf ?? failed.id });
    await cups.waitForJob(again.jobId!, { timeoutMs: 60_000 });
    const printed = await outputFor(again.jobId!);
    expect(pdfInfo(printed).pages).toBe(2);
    const original = path.join(work, 'failed.pdf');
    writeFileSync(original, (await readFileBytes(app.store.db, failed.fileId))!.bytes);
    expect(diff(renderGray(original, 2), renderGray(printed, 2))).toBeLessThan(0.02);
  });
});
