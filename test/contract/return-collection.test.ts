import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../main/app/create-app';
import type { SessionUser } from '../../shared/contract/auth.schema';
import type { Input } from '../../shared/contract/channels';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

// Issue 14 item 14: the return confirms the fee was collected (when the procedure has one) and who
// collected the result — the applicant, or an authorised person with ID number and the paper noted.
const LAN: SessionUser = { id: 'u-lan', name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk' };
const HUONG = { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '0912345678', address: 'Thôn Cợp' };
const PAPER = 'Giấy ủy quyền số 15/UQ ngày 02/12/2026, chứng thực tại UBND xã Hướng Phùng';

for (const target of storeTargets()) {
  describe(`return: collector and fee on ${target.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });
    async function readyDossier(procedure: 'paid' | 'free') {
      const env = await freshApp(target);
      cleanups.push(env.cleanup);
      await env.app.client().invoke('unit.save', SAMPLE_UNIT);
      await env.app.client().invoke('users.create', { name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk', pin: '246810' });
      const c = env.app.client({ user: LAN });
      const input: Input<'dossiers.create'> =
        procedure === 'paid'
          ? { requestId: randomUUID(), procedureCode: '2.000815', applicant: HUONG, components: [0, 1].map((position) => ({ position, received: true })), fee: { pages: 3, copies: 2 } }
          : { requestId: randomUUID(), procedureCode: '1.001731', applicant: HUONG, components: [0, 1, 2].map((position) => ({ position, received: true })) };
      const d = await c.invoke('dossiers.create', input);
      const t = await c.invoke('tracking.resultReady', { code: d.code });
      return { app: env.app, c, code: d.code, t, fee: d.fee.amount };
    }
    const written = async (app: App) => ({
      returns: Number((await app.store.db.selectFrom('dossier_returns').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
      events: Number((await app.store.db.selectFrom('dossier_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
      audit: Number((await app.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    });

    it('refuses to return a dossier with a fee until the clerk confirms it was collected, and writes nothing meanwhile', async () => {
      const { app, c, code, t, fee } = await readyDossier('paid');
      expect(fee).toBeGreaterThan(0);
      expect(t.feeAmount).toBe(fee);
      const before = await written(app);
      const refused = await c.call('tracking.return', { code, version: t.version, collector: { isApplicant: true } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'feeCollected' }] } });
      expect(refused.ok ? '' : refused.error.message).toContain('xác nhận đã thu lệ phí');
      expect(await written(app)).toEqual(before);
      expect((await c.invoke('tracking.get', { code })).status).toBe('result_ready');

      const done = await c.invoke('tracking.return', { code, version: t.version, collector: { isApplicant: true }, feeCollected: true });
      expect(done.collector).toEqual({
        isApplicant: true,
        fullName: HUONG.fullName,
        idNumber: HUONG.idNumber,
        relation: '',
        authorisation: '',
        officer: 'lan',
        officerName: 'Hồ Thị Lan',
        returnedLocal: done.returnedLocal,
        feeAmount: fee,
        feeCollected: true,
      });
      expect(await written(app)).toEqual({ returns: 1, events: before.events + 1, audit: before.audit + 1 });
    });

    it('an authorised person needs name, ID, relation and the authorisation paper; all of it is stored and shown in the timeline', async () => {
      const { app, c, code, t } = await readyDossier('free');
      expect(t.feeAmount).toBe(0);
      const noPaper = await c.call('tracking.return', { code, collector: { isApplicant: false, fullName: 'Nguyễn Văn Hùng', idNumber: '045201001111', relation: 'Chồng' } });
      expect(noPaper).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'collector.authorisation' }] } });

      const done = await c.invoke('tracking.return', { code, collector: { isApplicant: false, fullName: 'Nguyễn Văn Hùng', idNumber: '045201001111', relation: 'Chồng', authorisation: PAPER } });
      expect(done.collector).toMatchObject({ isApplicant: false, fullName: 'Nguyễn Văn Hùng', idNumber: '045201001111', relation: 'Chồng', authorisation: PAPER, feeAmount: 0, feeCollected: false, officerName: 'Hồ Thị Lan' });
      const row = await app.store.db.selectFrom('dossier_returns').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ collector_name: 'Nguyễn Văn Hùng', collector_id_number: '045201001111', is_applicant: 0, relation: 'Chồng', authorisation: PAPER, fee_amount: 0, fee_collected: 0, officer: 'lan' });

      const entry = (await c.invoke('dossiers.history', { code })).find((h) => h.kind === 'return')!;
      expect(entry).toMatchObject({ title: 'Trả kết quả (Có kết quả, chờ trả → Đã trả kết quả)', actorName: 'Hồ Thị Lan' });
      expect(entry.note).toBe(`Nguyễn Văn Hùng (CCCD 045201001111, Chồng) nhận thay theo ${PAPER}; Lệ phí không thu`);
    });
  });
}
