import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../main/core/audit/audit';
import type { Input } from '../../shared/contract/channels';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

/** Vietnam local time → the UTC instant the fixed clock is set to. */
const vn = (local: string) => new Date(`${local}:00+07:00`).toISOString();

const HUONG = { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '+84912345678', address: 'Thôn Cợp, xã Hướng Phùng' };

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
  describe(`intake on ${target.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });
    async function desk(nowLocal: string) {
      const env = await freshApp(target, { now: vn(nowLocal) });
      cleanups.push(env.cleanup);
      await env.app.client().invoke('unit.save', { ...SAMPLE_UNIT, agencyCode: 'H50.12.34' });
      return env;
    }

    it('numbers dossiers per day from 0001 and restarts the next day (worked example 11)', async () => {
      const { app, clock } = await desk('2026-03-17T09:00');
      const c = app.client();
      const codes: string[] = [];
      for (let i = 0; i < 3; i++) codes.push((await c.invoke('dossiers.create', dossierInput('2.000815', 2, { fee: { pages: 1, copies: 1 } }))).code);
      clock.set(vn('2026-03-18T08:00'));
      codes.push((await c.invoke('dossiers.create', dossierInput('2.000815', 2, { fee: { pages: 1, copies: 1 } }))).code);
      expect(codes).toEqual(['H50.12.34-260317-0001', 'H50.12.34-260317-0002', 'H50.12.34-260317-0003', 'H50.12.34-260318-0001']);
    });

    it('uses the Vietnam date for the code: 23:30 UTC on the 16th is the 17th in Vietnam', async () => {
      const { app, clock } = await desk('2026-03-17T06:30');
      clock.set('2026-03-16T23:30:00.000Z');
      const d = await app.client().invoke('dossiers.create', dossierInput('2.000815', 2, { fee: { pages: 1, copies: 1 } }));
      expect(d.code).toBe('H50.12.34-260317-0001');
      expect(d.receivedLocal).toBe('2026-03-17T06:30');
    });

    it('gives a same-day chứng thực received after 15:00 the next working day, and computes its fee (example 15)', async () => {
      const { app } = await desk('2026-04-24T15:20');
      const d = await app.client().invoke('dossiers.create', dossierInput('2.000815', 2, { fee: { pages: 5, copies: 2 } }));
      // Mon 27/4 is the compensatory day for Giỗ Tổ, so the next working day is Tue 28/4.
      expect(d.dueLocal).toBe('2026-04-28T15:20');
      expect(d.fee.amount).toBe(14_000);
      expect(d.procedure.limitText).toContain('Trong ngày');
    });

    it('gives a same-day chứng thực received before 15:00 the same day', async () => {
      const { app } = await desk('2026-04-24T14:59');
      const d = await app.client().invoke('dossiers.create', dossierInput('2.000815', 2, { fee: { pages: 1, copies: 1 } }));
      expect(d.dueLocal).toBe('2026-04-24T17:00');
    });

    it('counts a 3-working-day procedure across Tết (worked example 1)', async () => {
      const { app } = await desk('2026-02-13T10:00');
      const d = await app.client().invoke('dossiers.create', dossierInput('1.001731', 3));
      expect(d.dueLocal).toBe('2026-02-25T10:00');
      expect(d.appointments).toEqual([expect.objectContaining({ kind: 'computed', dueLocal: '2026-02-25T10:00' })]);
      expect(d.bookLine).toBe(1);
      expect(d.bookNumber).toBe('01/2026');
    });

    it('returns the same dossier for a retried call and never makes two', async () => {
      const { app } = await desk('2026-03-17T09:00');
      const input = dossierInput('1.001731', 3);
      const [a, b] = await Promise.all([app.client().invoke('dossiers.create', input), app.client().invoke('dossiers.create', input)]);
      const c = await app.client().invoke('dossiers.create', input);
      expect(new Set([a.code, b.code, c.code]).size).toBe(1);
      expect(await app.store.db.selectFrom('dossiers').select('code').execute()).toHaveLength(1);
    });

    it('hands out unique, gap-free codes when many saves race', async () => {
      const { app } = await desk('2026-03-17T09:00');
      const results = await Promise.all(Array.from({ length: 25 }, () => app.client().invoke('dossiers.create', dossierInput('1.001731', 3))));
      const seqs = results.map((d) => d.seq).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(new Set(results.map((d) => d.bookLine)).size).toBe(25);
      expect(await verifyAuditChain(app.store.db)).toMatchObject({ ok: true });
    });

    it('reuses an applicant instead of duplicating, and finds them without diacritics', async () => {
      const { app } = await desk('2026-03-17T09:00');
      const c = app.client();
      const first = await c.invoke('dossiers.create', dossierInput('1.001731', 3));
      const second = await c.invoke('dossiers.create', dossierInput('1.001731', 3, { applicant: { ...HUONG, phone: '0987 654 321' } }));
      expect(second.applicant.id).toBe(first.applicant.id);
      expect(second.applicant.phone).toBe('0987654321');
      expect(first.applicant.phone).toBe('0912345678');
      expect(first.applicant.idSummary).toBe('Quảng Trị, nữ, sinh năm 2001');
      const found = await c.invoke('applicants.search', { query: 'nguyen thi huong' });
      expect(found.map((a) => a.fullName)).toEqual(['Nguyễn Thị Hường']);
      expect((await c.invoke('applicants.search', { query: '0453010' }))[0]?.id).toBe(first.applicant.id);
      expect(await c.invoke('applicants.search', { query: 'tran van' })).toEqual([]);
    });

    it('keeps each dossier\'s applicant as declared when the person comes back with new details', async () => {
      const { app, clock } = await desk('2026-03-17T09:00');
      const c = app.client();
      const first = await c.invoke('dossiers.create', dossierInput('1.001731', 3));
      clock.set(vn('2026-05-04T09:00'));
      const moved = { ...HUONG, fullName: 'Nguyễn Thị Hương', phone: '0987 654 321', address: 'Bản Làng Cát, xã Hướng Phùng' };
      const second = await c.invoke('dossiers.create', dossierInput('1.001731', 3, { applicant: moved }));
      expect(second.applicant.id).toBe(first.applicant.id);
      // Re-read later: the first dossier still says what was declared in March.
      const again = await c.invoke('dossiers.get', { code: first.code });
      expect([again.applicant.fullName, again.applicant.address, again.applicant.phone]).toEqual(['Nguyễn Thị Hường', 'Thôn Cợp, xã Hướng Phùng', '0912345678']);
      expect((await c.invoke('dossiers.get', { code: second.code })).applicant.address).toBe('Bản Làng Cát, xã Hướng Phùng');
      const found = await c.invoke('dossiers.search', { query: '045301001234', sort: 'received', dir: 'asc' });
      expect(found.rows.map((r) => [r.applicantName, r.phone])).toEqual([
        ['Nguyễn Thị Hường', '0912345678'],
        ['Nguyễn Thị Hương', '0987654321'],
      ]);
      const listed = await c.invoke('dossiers.list', { from: '2026-03-01', to: '2026-05-31' });
      expect(Object.fromEntries(listed.map((d) => [d.code, d.applicantName]))).toEqual({ [first.code]: 'Nguyễn Thị Hường', [second.code]: 'Nguyễn Thị Hương' });
      // The tracking book (Mẫu 07) keeps the March address on the March line.
      const { bookRows } = await import('../../main/store/reports.repository');
      const book = await bookRows(app.store.db, '2026-03-01T00:00', '2026-06-01T00:00');
      expect(book.map((b) => b.address)).toEqual(['Thôn Cợp, xã Hướng Phùng', 'Bản Làng Cát, xã Hướng Phùng']);
    });

    it('refuses bad input with a clear error at the field and writes nothing', async () => {
      const { app } = await desk('2026-03-17T09:00');
      const before = (await app.store.db.selectFrom('audit_log').select('seq').execute()).length;
      const c = app.client();
      const badCccd = await c.call('dossiers.create', dossierInput('1.001731', 3, { applicant: { ...HUONG, idNumber: '04530100123' } }));
      expect(badCccd).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'applicant.idNumber' }] } });
      if (!badCccd.ok) expect(badCccd.error.issues![0]!.message).toContain('12 chữ số');
      const unknown = await c.call('dossiers.create', dossierInput('9.999999', 1));
      expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const missingPaper = await c.call('dossiers.create', { ...dossierInput('1.001731', 3), components: [{ position: 0, received: false }, { position: 1, received: true }, { position: 2, received: true }] });
      expect(missingPaper).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Mẫu 02') } });
      const noPages = await c.call('dossiers.create', dossierInput('2.000815', 2));
      expect(noPages).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'fee.pages' }] } });
      const badPhone = await c.call('dossiers.create', dossierInput('1.001731', 3, { applicant: { ...HUONG, phone: '01212345678' } }));
      expect(badPhone).toMatchObject({ ok: false, error: { issues: [{ path: 'applicant.phone' }] } });
      for (const table of ['dossiers', 'applicants', 'dossier_components', 'dossier_appointments', 'dossier_counters'] as const) {
        expect(await app.store.db.selectFrom(table).selectAll().execute(), table).toHaveLength(0);
      }
      expect((await app.store.db.selectFrom('audit_log').select('seq').execute()).length).toBe(before);
    });

    it('overrides an appointment with a reason, keeps the history, and refuses a day off', async () => {
      const { app } = await desk('2026-02-13T10:00');
      const c = app.client({ actor: 'lanh-dao' });
      const d = await c.invoke('dossiers.create', dossierInput('1.001731', 3));
      const holiday = await c.call('dossiers.overrideDue', { code: d.code, due: '2026-02-17T09:00', reason: 'Thử' });
      expect(holiday).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'due' }] } });
      const moved = await c.invoke('dossiers.overrideDue', { code: d.code, due: '2026-02-26T14:00', reason: 'Cần xác minh thêm tại thôn' });
      expect(moved.dueLocal).toBe('2026-02-26T14:00');
      expect(moved.computedDueLocal).toBe('2026-02-25T10:00');
      expect(moved.appointments.map((a) => [a.kind, a.dueLocal, a.previousDueLocal])).toEqual([
        ['computed', '2026-02-25T10:00', null],
        ['override', '2026-02-26T14:00', '2026-02-25T10:00'],
      ]);
      const audit = await app.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'dossier.overrideDue').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actor).toBe('lanh-dao');
    });

    it('applies an admin calendar edit to dossiers received afterwards', async () => {
      const { app } = await desk('2026-03-17T09:00');
      const c = app.client();
      const before = await c.invoke('dossiers.create', dossierInput('1.001731', 3));
      expect(before.dueLocal).toBe('2026-03-20T09:00');
      const year = await c.invoke('calendar.year', { year: 2026 });
      await c.invoke('calendar.saveYear', { ...year, days: [...year.days, { date: '2026-03-19', kind: 'holiday', name: 'Nghỉ đột xuất (thử)' }] });
      expect(await c.invoke('calendar.day', { date: '2026-03-19' })).toEqual({ date: '2026-03-19', working: false, reason: 'Nghỉ đột xuất (thử)' });
      const after = await c.invoke('dossiers.create', dossierInput('1.001731', 3));
      expect(after.dueLocal).toBe('2026-03-23T09:00');
      expect((await c.invoke('dossiers.get', { code: before.code })).dueLocal).toBe('2026-03-20T09:00');
    });

    it('records a supplement request (Mẫu 02) with what is missing, without a dossier code', async () => {
      const { app } = await desk('2026-03-17T09:00');
      const n = await app.client().invoke('intake.notice', { kind: 'supplement', procedureCode: '1.001731', applicant: HUONG, missing: ['Bản sao giấy chứng tử'], reason: 'Thiếu giấy chứng tử' });
      expect(n).toMatchObject({ kind: 'supplement', procedureCode: '1.001731', missing: ['Bản sao giấy chứng tử'], officer: 'Hồ Thị Lan' });
      expect(await app.store.db.selectFrom('dossiers').selectAll().execute()).toHaveLength(0);
      expect((await app.client().invoke('intake.noticeGet', { id: n.id })).reason).toBe('Thiếu giấy chứng tử');
    });

    it('catalog.get answers the version of a procedure in force on the date asked', async () => {
      const { app } = await desk('2026-03-17T09:00');
      const c = app.client();
      const current = await c.invoke('catalog.get', { code: '1.001731' });
      expect(current).toMatchObject({ code: '1.001731', limit: { kind: 'working-days', days: 3 } });
      await c.invoke('catalog.retire', { code: current.code, effectiveFrom: current.effectiveFrom, retiredAt: '2026-04-01' });
      await c.invoke('catalog.save', { ...current, effectiveFrom: '2026-04-01', limit: { kind: 'working-days', days: 5 } });
      expect((await c.invoke('catalog.get', { code: '1.001731', onDate: '2026-03-31' })).limit).toEqual({ kind: 'working-days', days: 3 });
      expect((await c.invoke('catalog.get', { code: '1.001731', onDate: '2026-04-01' })).limit).toEqual({ kind: 'working-days', days: 5 });
      expect(await c.call('catalog.get', { code: '9.999999' })).toMatchObject({
        ok: false,
        error: { code: 'not_found', message: 'Không có thủ tục mã 9.999999 đang có hiệu lực ngày 17/03/2026 trong danh mục.' },
      });
      expect(await c.call('catalog.get', { code: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    });

    it('keeps the catalogue version a dossier was received under', async () => {
      const { app } = await desk('2026-03-17T09:00');
      const c = app.client();
      const d = await c.invoke('dossiers.create', dossierInput('1.001731', 3));
      const current = (await c.invoke('catalog.list')).find((p) => p.code === '1.001731')!;
      await c.invoke('catalog.retire', { code: current.code, effectiveFrom: current.effectiveFrom, retiredAt: '2026-04-01' });
      await c.invoke('catalog.save', { ...current, effectiveFrom: '2026-04-01', limit: { kind: 'working-days', days: 5 } });
      const again = await c.invoke('dossiers.get', { code: d.code });
      expect(again.procedure.limit).toEqual({ kind: 'working-days', days: 3 });
      const overlapping = await c.call('catalog.save', { ...current, effectiveFrom: '2026-03-01' });
      expect(overlapping).toMatchObject({ ok: false, error: { code: 'conflict' } });
      await sql`select 1`.execute(app.store.db);
    });
  });
}
