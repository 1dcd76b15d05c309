/**
 * The desk host's form-drawing threads (main/app/render-pool.ts): the PDF drawn on a thread reads
 * back exactly as the one drawn in process, a form error comes back as the same Vietnamese AppError,
 * jobs sent at once all come back to their own caller, and a desk runtime with threads prints through
 * them and closes without leaving a thread behind.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startRenderPool, type RenderPool } from '../../main/app/render-pool';
import { startDeskRuntime } from '../../main/app/runtime';
import { renderForm } from '../../main/core/documents/render-form';
import { silentLogger } from '../../main/core/ports/logger';
import { isAppError } from '../../shared/errors';
import { DOSSIER, SAMPLES } from '../fixtures/forms';
import { SAMPLE_UNIT } from '../support/app';
import { FakePrinter } from '../../main/adapters/printer/fake';
import { pdfText } from '../support/pdf-tools';

describe('render threads', () => {
  const pool = startRenderPool(silentLogger, { threads: 1 });
  afterAll(() => pool.close());

  it('draws in process while its thread is still starting, so the first receipt never waits for it', async () => {
    const starting = startRenderPool(silentLogger, { threads: 1 });
    try {
      const pdf = await starting.render('01', SAMPLES['01'], { paper: 'A4' });
      expect(pdfText(pdf)).toContain(DOSSIER.code);
      expect(starting.drawn).toEqual({ onThreads: 0, inProcess: 1 });
    } finally {
      await starting.close();
    }
  });

  it('draws the receipt on a thread, reading back exactly as the one drawn in process', async () => {
    await pool.ready();
    expect(pool.threads).toBe(1);
    const [threaded, local] = await Promise.all([pool.render('01', SAMPLES['01'], { paper: 'A4' }), renderForm('01', SAMPLES['01'], { paper: 'A4' })]);
    expect(threaded.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(threaded)).toBe(pdfText(local));
    expect(pdfText(threaded)).toContain(DOSSIER.code);
    expect(pool.drawn).toEqual({ onThreads: 1, inProcess: 0 });
  });

  it('gives each of several jobs sent at once its own form', async () => {
    const codes = ['H50.12.34-260213-0007', 'H50.12.34-260213-0008', 'H50.12.34-260213-0009', 'H50.12.34-260213-0010'];
    const pdfs = await Promise.all(codes.map((code) => pool.render('01', { ...SAMPLES['01'], dossier: { ...DOSSIER, code } }, { paper: 'A5' })));
    pdfs.forEach((pdf, i) => {
      const text = pdfText(pdf);
      expect(text).toContain(codes[i]);
      for (const other of codes.filter((_, j) => j !== i)) expect(text).not.toContain(other);
    });
    expect(pool.drawn).toEqual({ onThreads: 5, inProcess: 0 });
    expect(pool.threads).toBe(1);
  });

  it('returns a form error as the same AppError as in process', async () => {
    const bad = { ...SAMPLES['01'], dossier: { ...DOSSIER, applicant: { ...DOSSIER.applicant, name: '' } } };
    const local = await renderForm('01', bad, { paper: 'A4' }).catch((e: unknown) => e);
    const threaded = await pool.render('01', bad, { paper: 'A4' }).catch((e: unknown) => e);
    expect(isAppError(local) && isAppError(threaded)).toBe(true);
    if (!isAppError(local) || !isAppError(threaded)) return;
    expect(threaded.code).toBe('invalid_input');
    expect(threaded.message).toBe(local.message);
    expect(threaded.issues).toEqual(local.issues);
  });
});

describe('a desk runtime with render threads', () => {
  it('prints the receipt of a new dossier through its threads and closes cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'motcua-pool-'));
    const runtime = await startDeskRuntime({ dataDir, renderThreads: true, printer: new FakePrinter() });
    try {
      const pool = runtime.app()!.deps.formRenderer as RenderPool | undefined;
      expect(pool?.threads).toBe(1);
      await pool!.ready();
      const c = runtime.app()!.client();
      await c.invoke('unit.save', SAMPLE_UNIT);
      const d = await c.invoke('dossiers.create', {
        requestId: randomUUID(),
        procedureCode: '1.001731',
        applicant: { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '0912345678', address: 'Thôn Cợp, xã Hướng Phùng' },
        components: [0, 1, 2].map((position) => ({ position, received: true })),
      });
      const doc = await c.invoke('documents.save', { target: { kind: 'dossier', code: d.code, form: '01' } });
      expect(doc.pages).toBeGreaterThan(0);
      expect((runtime.app()!.deps.formRenderer as RenderPool).drawn).toEqual({ onThreads: 1, inProcess: 0 });
    } finally {
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
