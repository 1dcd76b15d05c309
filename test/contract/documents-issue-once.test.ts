/**
 * Issue 14 items 1 and 18, counted in the store (SQLite and, with DATABASE_URL, PostgreSQL): looking
 * never writes, a document is stored once when issued, every print adds exactly one print record,
 * a reprint days later sends the identical bytes (same code, dates, QR) and is recorded as a reprint
 * with time, officer and printer.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FakePrinter } from '../../main/adapters/printer/fake';
import { createApp } from '../../main/app/create-app';
import { fixedClock } from '../../main/core/ports/clock';
import type { Input } from '../../shared/contract/channels';
import { SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

const vn = (local: string) => new Date(`${local}:00+07:00`).toISOString();
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const APPLICANT = { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '+84912345678', address: 'Thôn Cợp' };

function dossierInput(): Input<'dossiers.create'> {
  return { requestId: randomUUID(), procedureCode: '1.001731', applicant: APPLICANT, components: [0, 1, 2].map((position) => ({ position, received: true })) };
}

for (const target of storeTargets()) {
  describe(`issuing documents once on ${target.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });

    async function desk() {
      const { config, dataDir, cleanup } = target.fresh();
      const clock = fixedClock(vn('2026-02-13T10:00'));
      const printer = new FakePrinter({ printers: [{ name: 'Quay-1', isDefault: true, state: 'idle' }, { name: 'Quay-2', isDefault: false, state: 'idle' }] });
      const app = await createApp({ dataDir, store: config, clock, validateOutputs: true, printer, pollChangesMs: 0 });
      cleanups.push(async () => {
        await app.close();
        await cleanup();
      });
      await app.client().invoke('unit.save', SAMPLE_UNIT);
      const changes: string[] = [];
      app.events.subscribe((name, payload) => {
        if (name === 'data.changed') changes.push((payload as { entity: string }).entity);
      });
      const n = async (table: 'files' | 'printed_documents' | 'audit_log') => Number((await app.store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const counts = async () => ({ files: await n('files'), records: await n('printed_documents'), audit: await n('audit_log') });
      return { app, clock, printer, changes, counts };
    }

    it('writes nothing for 40 previews of every kind, and announces nothing', async () => {
      const { app, changes, counts } = await desk();
      const c = app.client();
      const d = await c.invoke('dossiers.create', dossierInput());
      const n = await c.invoke('intake.notice', { kind: 'supplement', procedureCode: '1.001731', applicant: APPLICANT, missing: ['Bản sao giấy chứng tử'], reason: 'Thiếu' });
      const before = await counts();
      changes.length = 0;
      for (let i = 0; i < 10; i++) {
        await c.invoke('documents.render', { target: { kind: 'dossier', code: d.code, form: '01' } });
        await c.invoke('documents.render', { target: { kind: 'dossier', code: d.code, form: '01' }, paper: 'A5' });
        await c.invoke('documents.render', { target: { kind: 'notice', id: n.id } });
        await c.invoke('documents.render', { target: { kind: 'book', from: '2026-02-13', to: '2026-02-13' } });
      }
      expect(await counts()).toEqual(before);
      expect(changes).toEqual([]);
      expect(await c.invoke('documents.history', { subject: d.code })).toEqual([]);
    });

    it('stores a receipt once over 1 save and 4 prints: 1 file, 1 original + 4 print records, identical bytes days later', async () => {
      const { app, clock, printer, changes, counts } = await desk();
      await app.store.db
        .insertInto('users')
        .values({ id: randomUUID(), name: 'lan', display_name: 'Hồ Thị Lan', role: 'clerk', secret_hash: 'x', created_at: vn('2026-02-01T08:00'), updated_at: vn('2026-02-01T08:00') })
        .execute();
      const c = app.client({ actor: 'lan' });
      const d = await c.invoke('dossiers.create', dossierInput());
      const receipt = { kind: 'dossier' as const, code: d.code, form: '01' as const };
      const before = await counts();
      changes.length = 0;

      const saved = await c.invoke('documents.save', { target: receipt });
      expect(saved).toMatchObject({ status: 'saved', reprintOf: null, officer: 'Hồ Thị Lan', actor: 'lan' });
      // Saving again is not a second document.
      expect((await c.invoke('documents.save', { target: receipt })).id).toBe(saved.id);
      expect(await counts()).toEqual({ files: before.files + 1, records: before.records + 1, audit: before.audit + 1 });

      const first = await c.invoke('documents.print', { target: receipt });
      expect(first).toMatchObject({ id: saved.id, status: 'printed', printer: 'Quay-1', reprintOf: null });
      clock.set(vn('2026-02-16T15:30'));
      const second = await c.invoke('documents.print', { target: receipt, printer: 'Quay-2' });
      const third = await c.invoke('documents.reprint', { documentId: second.id });
      clock.set(vn('2026-03-02T08:10'));
      const fourth = await c.invoke('documents.print', { target: receipt });
      for (const r of [second, third, fourth]) expect(r).toMatchObject({ status: 'printed', reprintOf: saved.id, fileId: saved.fileId, sha256: saved.sha256, officer: 'Hồ Thị Lan' });

      // One file; the original + 3 reprints = 4 records; audit: issue, print, then reprint + print for each reprint.
      expect(await counts()).toEqual({ files: before.files + 1, records: before.records + 4, audit: before.audit + 1 + 1 + 3 * 2 });
      expect(printer.jobs).toHaveLength(4);
      expect(new Set(printer.jobs.map((j) => sha(j.pdf)))).toEqual(new Set([saved.sha256]));
      expect(printer.jobs.map((j) => j.printer)).toEqual(['Quay-1', 'Quay-2', 'Quay-1', 'Quay-1']);
      expect(changes.every((e) => e === 'printed_document')).toBe(true);

      const history = await c.invoke('documents.history', { subject: d.code });
      expect(history.map((h) => [h.at, h.printer, h.reprintOf === null ? 'original' : 'reprint', h.officer])).toEqual([
        [vn('2026-03-02T08:10'), 'Quay-1', 'reprint', 'Hồ Thị Lan'],
        [vn('2026-02-16T15:30'), 'Quay-1', 'reprint', 'Hồ Thị Lan'],
        [vn('2026-02-16T15:30'), 'Quay-2', 'reprint', 'Hồ Thị Lan'],
        [vn('2026-02-13T10:00'), 'Quay-1', 'original', 'Hồ Thị Lan'],
      ]);
    });

    it('stores one copy when the same receipt is printed 5 times at once', async () => {
      const { app, printer, counts } = await desk();
      const c = app.client();
      const d = await c.invoke('dossiers.create', dossierInput());
      const before = await counts();
      const all = await Promise.all(Array.from({ length: 5 }, () => c.invoke('documents.print', { target: { kind: 'dossier', code: d.code, form: '01' } })));
      expect(new Set(all.map((r) => r.fileId)).size).toBe(1);
      expect(all.filter((r) => r.reprintOf === null)).toHaveLength(1);
      expect(printer.jobs).toHaveLength(5);
      expect((await counts()).files).toBe(before.files + 1);
      expect((await counts()).records).toBe(before.records + 5);
    });

    it('issues a new copy only when what the form shows changed (a later hand-over on Mẫu 06)', async () => {
      const { app, counts } = await desk();
      const c = app.client();
      const d = await c.invoke('dossiers.create', dossierInput());
      const a = await c.invoke('documents.save', { target: { kind: 'dossier', code: d.code, form: '06' } });
      await app.store.db
        .insertInto('dossier_events')
        .values({
          id: randomUUID(), dossier_id: d.id, kind: 'handover', from_status: 'received', to_status: 'in_progress', actor: 'Hồ Thị Lan', at: vn('2026-02-13T14:00'), at_local: '2026-02-13T14:00', note: '',
          data_json: JSON.stringify({ agency: 'Công chức Tư pháp - Hộ tịch', givenAt: '2026-02-13T14:00', receivedAt: '2026-02-13T14:05', giver: 'Hồ Thị Lan', receiver: 'Lê Văn Hải', result: 'Đúng hạn' }),
        })
        .execute();
      const preview = await c.invoke('documents.render', { target: { kind: 'dossier', code: d.code, form: '06' } });
      expect(preview.status).toBe('preview');
      const b = await c.invoke('documents.save', { target: { kind: 'dossier', code: d.code, form: '06' }, previewId: preview.id });
      expect(b.id).not.toBe(a.id);
      expect(b.sha256).not.toBe(a.sha256);
      expect((await counts()).records).toBeGreaterThanOrEqual(2);
    });
  });
}
