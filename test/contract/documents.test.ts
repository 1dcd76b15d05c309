/**
 * Documents and printing through the contract, on SQLite and (with DATABASE_URL) PostgreSQL:
 * render + store + history, a dead printer keeps the document, a reprint sends identical bytes,
 * per-form settings, intake notices, the book and the forms fed by tracking data.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FakePrinter } from '../../main/adapters/printer/fake';
import { createApp } from '../../main/app/create-app';
import { countPdfPages } from '../../main/core/documents/documents.service';
import { pdfText, saveArtifacts } from '../support/pdf-tools';
import { serveFileBytes } from '../../main/app/files';
import { readFileBytes } from '../../main/core/files/files.service';
import { fixedClock } from '../../main/core/ports/clock';
import type { Input } from '../../shared/contract/channels';
import { SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

const vn = (local: string) => new Date(`${local}:00+07:00`).toISOString();
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const HUONG = { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '+84912345678', address: 'Thôn Cợp, xã Hướng Phùng' };
const PRINTERS = [
  { name: 'Quay-1', isDefault: true, state: 'idle' as const },
  { name: 'Quay-2', isDefault: false, state: 'idle' as const },
];

function dossierInput(procedureCode: string, components: number, extra: Partial<Input<'dossiers.create'>> = {}): Input<'dossiers.create'> {
  return {
    requestId: randomUUID(),
    procedureCode,
    applicant: HUONG,
    components: Array.from({ length: components }, (_, position) => ({ position, received: true })),
    ...extra,
  };
}

for (const target of storeTargets()) {
  describe(`documents on ${target.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });

    async function desk(nowLocal: string) {
      const { config, dataDir, cleanup } = target.fresh();
      const clock = fixedClock(vn(nowLocal));
      const printer = new FakePrinter({ printers: PRINTERS });
      const app = await createApp({ dataDir, store: config, clock, validateOutputs: true, printer });
      cleanups.push(async () => {
        await app.close();
        await cleanup();
      });
      const c = app.client();
      await c.invoke('unit.save', SAMPLE_UNIT);
      return { app, c, clock, printer };
    }

    async function counts(app: Awaited<ReturnType<typeof desk>>['app']) {
      const n = async (table: 'files' | 'printed_documents' | 'audit_log') => Number((await app.store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      return { files: await n('files'), records: await n('printed_documents'), audit: await n('audit_log') };
    }

    async function bytesOf(app: Awaited<ReturnType<typeof desk>>['app'], fileId: string): Promise<Buffer> {
      const f = await readFileBytes(app.store.db, fileId);
      if (!f) throw new Error(`file ${fileId} missing`);
      return f.bytes;
    }

    it('previews the receipt without storing anything, then stores exactly the previewed bytes once when it is printed', async () => {
      const { app, c, printer } = await desk('2026-02-13T10:00');
      const d = await c.invoke('dossiers.create', dossierInput('1.001731', 3));
      const before = await counts(app);
      const doc = await c.invoke('documents.render', { target: { kind: 'dossier', code: d.code, form: '01' } });
      expect(doc).toMatchObject({ subject: d.code, dossierId: d.id, formKind: '01', status: 'preview', pages: 2, paper: 'A4', printer: null, error: null });
      const bytes = (await serveFileBytes(app, doc.fileId))!.bytes;
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(countPdfPages(bytes)).toBe(2);
      expect(doc.size).toBe(bytes.length);
      expect(doc.fileName).toBe(`Mau01-${d.code}.pdf`);

      const a5 = await c.invoke('documents.render', { target: { kind: 'dossier', code: d.code, form: '01' }, paper: 'A5' });
      expect(a5.paper).toBe('A5');
      const a5bytes = (await serveFileBytes(app, a5.fileId))!.bytes;
      expect(a5bytes.equals(bytes)).toBe(false);
      // Looking wrote nothing: no file, no print record, no audit entry.
      expect(await counts(app)).toEqual(before);

      // Printing the previewed document issues exactly those bytes.
      const printed = await c.invoke('documents.print', { target: { kind: 'dossier', code: d.code, form: '01' }, paper: 'A5', previewId: a5.id });
      expect(printed).toMatchObject({ status: 'printed', printer: 'Quay-1', copies: 1, reprintOf: null, sha256: sha(a5bytes) });
      expect(printer.jobs[0]!.pdf.equals(a5bytes)).toBe(true);
      expect(printer.jobs[0]!.paper).toBe('A5');

      // Previewing it again shows the issued copy, still without writing.
      const again = await c.invoke('documents.render', { target: { kind: 'dossier', code: d.code, form: '01' }, paper: 'A5' });
      expect(again).toMatchObject({ id: printed.id, status: 'printed', fileId: printed.fileId });
      const history = await c.invoke('documents.history', { subject: d.code.toLowerCase() });
      expect(history.map((h) => h.id)).toEqual([printed.id]);
      expect(await counts(app)).toEqual({ files: before.files + 1, records: before.records + 1, audit: before.audit + 2 });
      const audit = await app.store.db.selectFrom('audit_log').select('action').where('entity', '=', 'printed_document').execute();
      expect(audit.map((a) => a.action)).toEqual(['document.issue', 'document.print']);
    });

    it('prints on the default printer and sends exactly the stored bytes', async () => {
      const { app, c, printer } = await desk('2026-02-13T10:00');
      const d = await c.invoke('dossiers.create', dossierInput('1.001731', 3));
      const doc = await c.invoke('documents.print', { target: { kind: 'dossier', code: d.code, form: '01' }, copies: 2 });
      expect(doc).toMatchObject({ status: 'printed', printer: 'Quay-1', copies: 2, jobId: 'fake-1', error: null });
      expect(printer.jobs).toHaveLength(1);
      const job = printer.jobs[0]!;
      expect(job).toMatchObject({ printer: 'Quay-1', copies: 2, paper: 'A4' });
      expect(job.title).toContain(d.code);
      expect(job.pdf.equals(await bytesOf(app, doc.fileId))).toBe(true);
    });

    it('keeps the document with status failed and the Vietnamese message when the printer is dead, and reprints identical bytes', async () => {
      const { app, c, printer } = await desk('2026-02-13T10:00');
      const d = await c.invoke('dossiers.create', dossierInput('1.001731', 3));
      printer.setState('Quay-1', 'stopped');
      const failed = await c.invoke('documents.print', { target: { kind: 'dossier', code: d.code, form: '01' } });
      expect(failed.status).toBe('failed');
      expect(failed.error?.code).toBe('device_unavailable');
      expect(failed.error?.message).toContain('Máy in "Quay-1" đang tạm dừng');
      expect(printer.jobs).toHaveLength(0);
      const stored = await bytesOf(app, failed.fileId);
      expect(countPdfPages(stored)).toBe(2);

      // A printer that does not exist at all is the same story, with its own message.
      const missing = await c.invoke('documents.print', { target: { kind: 'dossier', code: d.code, form: '01' }, printer: 'Không-có' });
      // Same content again: a reprint of the stored copy, not a second document.
      expect(missing).toMatchObject({ status: 'failed', printer: 'Không-có', reprintOf: failed.id, fileId: failed.fileId });
      expect(missing.error?.message).toContain('không tồn tại hoặc đang tắt');

      printer.setState('Quay-1', 'idle');
      // Time passes: a later reprint must not re-render (the receipt would otherwise carry a new date).
      const again = await c.invoke('documents.reprint', { documentId: failed.id });
      expect(again).toMatchObject({ status: 'printed', printer: 'Quay-1', reprintOf: failed.id, fileId: failed.fileId, error: null });
      expect(again.id).not.toBe(failed.id);
      expect(printer.jobs).toHaveLength(1);
      expect(printer.jobs[0]!.pdf.equals(stored)).toBe(true);
      expect(printer.jobs[0]!.title).toContain('in lại');

      // A reprint of a reprint still points at the first rendering, on another printer if asked.
      const third = await c.invoke('documents.reprint', { documentId: again.id, printer: 'Quay-2', copies: 3 });
      expect(third).toMatchObject({ status: 'printed', printer: 'Quay-2', copies: 3, reprintOf: failed.id });
      expect(sha(printer.jobs[1]!.pdf)).toBe(failed.sha256);

      const history = await c.invoke('documents.history', { subject: d.code });
      expect(history.map((h) => h.status)).toEqual(['printed', 'printed', 'failed', 'failed']);
      expect(new Set(history.map((h) => h.sha256)).size).toBe(1);
      const files = await app.store.db.selectFrom('files').select('id').execute();
      expect(files).toHaveLength(1);
    });

    it('reports an unknown dossier or document as not found and a missing notice of supplement as bad input', async () => {
      const { c } = await desk('2026-02-13T10:00');
      const none = await c.call('documents.print', { target: { kind: 'dossier', code: 'H50.12.34-260213-0099', form: '01' } });
      expect(none.ok).toBe(false);
      if (!none.ok) expect(none.error.code).toBe('not_found');
      const d = await c.invoke('dossiers.create', dossierInput('1.001731', 3));
      const f02 = await c.call('documents.render', { target: { kind: 'dossier', code: d.code, form: '02' } });
      expect(f02.ok).toBe(false);
      if (!f02.ok) {
        expect(f02.error.code).toBe('invalid_input');
        expect(f02.error.message).toContain('chưa có yêu cầu bổ sung');
      }
      const re = await c.call('documents.reprint', { documentId: 'khong-co' });
      expect(re.ok).toBe(false);
      if (!re.ok) expect(re.error.code).toBe('not_found');
      const bad = await c.call('documents.render', { target: { kind: 'book', from: '2026-03-01', to: '2026-02-01' } });
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.error.code).toBe('invalid_input');
    });

    it('uses the per-form printer, copies and paper settings', async () => {
      const { c, printer } = await desk('2026-02-13T10:00');
      const defaults = await c.invoke('printers.getSettings');
      expect(defaults.forms['01']).toEqual({ printer: null, copies: 1, paper: 'A4' });
      await c.invoke('printers.saveSettings', { forms: { ...defaults.forms, '01': { printer: 'Quay-2', copies: 2, paper: 'A5' } } });
      expect((await c.invoke('printers.getSettings')).forms['01']).toEqual({ printer: 'Quay-2', copies: 2, paper: 'A5' });
      const d = await c.invoke('dossiers.create', dossierInput('1.001731', 3));
      const doc = await c.invoke('documents.print', { target: { kind: 'dossier', code: d.code, form: '01' } });
      expect(doc).toMatchObject({ status: 'printed', printer: 'Quay-2', copies: 2, paper: 'A5' });
      expect(printer.jobs[0]).toMatchObject({ printer: 'Quay-2', copies: 2, paper: 'A5' });
      const list = await c.invoke('printers.list');
      expect(list).toEqual({ adapter: 'fake', printers: PRINTERS, problem: null });
    });

    it('prints Mẫu 02 for a supplement request given at the desk, found by the notice id', async () => {
      const { app, c, printer } = await desk('2026-03-17T09:00');
      const n = await c.invoke('intake.notice', { kind: 'supplement', procedureCode: '1.001731', applicant: HUONG, missing: ['Bản sao giấy chứng tử'], reason: 'Thiếu giấy chứng tử' });
      const doc = await c.invoke('documents.print', { target: { kind: 'notice', id: n.id } });
      expect(doc).toMatchObject({ formKind: '02', status: 'printed', subject: n.id, noticeId: n.id, dossierId: null, pages: 1 });
      expect(printer.jobs[0]!.pdf.equals(await bytesOf(app, doc.fileId))).toBe(true);
      const r = await c.invoke('intake.notice', { kind: 'refusal', procedureCode: '1.001731', applicant: HUONG, reason: 'Không thuộc thẩm quyền của xã' });
      const refusal = await c.invoke('documents.render', { target: { kind: 'notice', id: r.id } });
      expect(refusal.formKind).toBe('03');
      expect((await c.invoke('documents.history', { subject: n.id })).map((h) => h.id)).toEqual([doc.id]);
    });

    it('prints the book (Mẫu 07) for a date range and the forms fed by tracking data (04, 06)', async () => {
      const { app, c, clock } = await desk('2026-03-17T09:00');
      const d1 = await c.invoke('dossiers.create', dossierInput('1.001731', 3));
      clock.set(vn('2026-03-18T10:00'));
      const d2 = await c.invoke('dossiers.create', dossierInput('1.001731', 3));
      const book = await c.invoke('documents.render', { target: { kind: 'book', from: '2026-03-17', to: '2026-03-18' } });
      expect(book).toMatchObject({ formKind: '07', subject: 'book:2026-03-17..2026-03-18', dossierId: null });
      expect(book.pages).toBeGreaterThanOrEqual(1);

      // What tracking writes: an extension appointment (Mẫu 04) and hand-over events (Mẫu 06).
      await app.store.db
        .insertInto('dossier_appointments')
        .values({ id: randomUUID(), dossier_id: d2.id, kind: 'extension', due_local: '2026-03-30T10:00', previous_due_local: d2.dueLocal, reason: 'Cần xác minh thêm', actor: 'Hồ Thị Lan', at: vn('2026-03-20T08:00') })
        .execute();
      const f04 = await c.invoke('documents.render', { target: { kind: 'dossier', code: d2.code, form: '04' } });
      expect(f04.formKind).toBe('04');
      await app.store.db
        .insertInto('dossier_events')
        .values({
          id: randomUUID(),
          dossier_id: d1.id,
          kind: 'handover',
          from_status: 'received',
          to_status: 'in_progress',
          actor: 'Hồ Thị Lan',
          at: vn('2026-03-17T14:00'),
          at_local: '2026-03-17T14:00',
          note: '',
          data_json: JSON.stringify({ agency: 'Công chức Tư pháp - Hộ tịch', givenAt: '2026-03-17T14:00', receivedAt: '2026-03-17T14:05', giver: 'Hồ Thị Lan', receiver: 'Lê Văn Hải', result: 'Đúng hạn' }),
        })
        .execute();
      const f06 = await c.invoke('documents.render', { target: { kind: 'dossier', code: d1.code, form: '06' } });
      expect(f06.formKind).toBe('06');
      const f05 = await c.call('documents.render', { target: { kind: 'dossier', code: d1.code, form: '05' } });
      expect(f05.ok).toBe(false);
    });

    it('prints Mẫu 02, 04, 05 and 06 from what tracking recorded (supplement, hand-overs, extension, stop)', async () => {
      const { app, c, clock } = await desk('2026-03-17T09:00');
      const d = await c.invoke('dossiers.create', dossierInput('1.001731', 3));
      const bytes = async (fileId: string) => (await readFileBytes(app.store.db, fileId))!.bytes;
      const text = async (fileId: string) => pdfText(await bytes(fileId)).replace(/\s+/g, ' ');
      clock.set(vn('2026-03-17T10:00'));
      await c.invoke('tracking.handOver', { code: d.code, stepName: 'Thẩm định hồ sơ', agency: 'Công chức Lao động - Thương binh và Xã hội', giver: 'Hồ Thị Lan', receiver: 'Lê Văn Hải', allowedDays: 1 });
      clock.set(vn('2026-03-17T14:00'));
      await c.invoke('tracking.requestSupplement', { code: d.code, missing: ['Giấy báo tử hoặc trích lục khai tử'], reason: 'Bản sao chưa chứng thực' });
      const f02 = await c.invoke('documents.save', { target: { kind: 'dossier', code: d.code, form: '02' } });
      expect(f02.formKind).toBe('02');
      expect(await text(f02.fileId)).toContain('Bản sao chưa chứng thực');
      clock.set(vn('2026-03-18T08:00'));
      await c.invoke('tracking.supplySupplement', { code: d.code });
      await c.invoke('tracking.handOver', { code: d.code, stepName: 'Trình ký', agency: 'Lãnh đạo UBND xã', giver: 'Lê Văn Hải', receiver: 'Nguyễn Văn Phó' });
      const f06 = await c.invoke('documents.save', { target: { kind: 'dossier', code: d.code, form: '06' } });
      const slip = await text(f06.fileId);
      // One row per hand-over step, from tracking's dossier_handovers.
      expect(slip).toContain('Giao: 10 giờ 00 phút,');
      expect(slip).toContain('ngày 17 tháng 3 năm');
      expect(slip).toContain('Giao: 08 giờ 00 phút,');
      expect(slip).toContain('ngày 18 tháng 3 năm');
      expect(slip).toContain('Trình ký');
      expect(slip).toContain('Trước hạn');
      const due = (await c.invoke('dossiers.get', { code: d.code })).dueLocal;
      const [y, m, day] = due.slice(0, 10).split('-').map(Number) as [number, number, number];
      const later = new Date(Date.UTC(y, m - 1, day + 7)).toISOString().slice(0, 10);
      await c.invoke('tracking.extend', { code: d.code, newDue: `${later}T16:00`, reason: 'Cần xác minh thêm tại thôn', signer: 'Nguyễn Văn Phó' });
      const f04 = await c.invoke('documents.save', { target: { kind: 'dossier', code: d.code, form: '04' } });
      expect(f04.formKind).toBe('04');
      const letter = await text(f04.fileId);
      expect(letter).toContain('Cần xác minh thêm tại thôn');
      expect(letter).toContain('Nguyễn Văn Phó');
      if (target.name === 'sqlite') saveArtifacts('printed-mau-04-extension', await bytes(f04.fileId));
      await c.invoke('tracking.stop', { code: d.code, reason: 'Người nộp đề nghị dừng giải quyết', signer: 'Nguyễn Văn Phó' });
      const f05 = await c.invoke('documents.save', { target: { kind: 'dossier', code: d.code, form: '05' } });
      expect(f05.formKind).toBe('05');
      expect(await text(f05.fileId)).toContain('Người nộp đề nghị dừng giải quyết');
      if (target.name === 'sqlite') saveArtifacts('printed-mau-05-stop', await bytes(f05.fileId));
      const history = await c.invoke('documents.history', { subject: d.code });
      expect(history.map((h) => h.formKind)).toEqual(['05', '04', '06', '02']);
    });
  });
}
