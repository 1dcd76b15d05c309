import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../main/core/audit/audit';
import type { Input } from '../../shared/contract/channels';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

/** Vietnam local time → the UTC instant the fixed clock is set to. */
const vn = (local: string) => new Date(`${local}:00+07:00`).toISOString();

const HUONG = { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '0912345678', address: 'Thôn Cợp' };

/** Xác nhận tình trạng hôn nhân-like procedure of the seed catalogue: 3 working days, 3 components. */
function dossierInput(extra: Partial<Input<'dossiers.create'>> = {}): Input<'dossiers.create'> {
  return { requestId: randomUUID(), procedureCode: '1.001731', applicant: HUONG, components: [0, 1, 2].map((position) => ({ position, received: true })), ...extra };
}

const HAND = { stepName: 'Thẩm định hồ sơ', agency: 'Công chức Tư pháp - Hộ tịch', giver: 'Hồ Thị Lan', receiver: 'Lê Văn Nam' };

for (const target of storeTargets()) {
  describe(`tracking on ${target.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });
    async function desk(nowLocal: string) {
      const env = await freshApp(target, { now: vn(nowLocal) });
      cleanups.push(env.cleanup);
      await env.app.client().invoke('unit.save', SAMPLE_UNIT);
      return { ...env, c: env.app.client({ actor: 'lan' }), at: (local: string) => env.clock.set(vn(local)) };
    }

    it('walks a dossier from intake to return: hand-overs, a paused supplement, result, collector, rating', async () => {
      const { app, c, at } = await desk('2026-03-17T09:00');
      const d = await c.invoke('dossiers.create', dossierInput());
      expect(d.dueLocal).toBe('2026-03-20T09:00');
      let t = await c.invoke('tracking.get', { code: d.code });
      expect(t.actions).toEqual(['resultReady', 'handOver', 'requestSupplement', 'extend', 'refuse', 'stop', 'withdraw']);

      t = await c.invoke('tracking.handOver', { code: d.code, version: t.version, ...HAND, allowedDays: 1 });
      expect(t.status).toBe('in_progress');
      expect(t.handovers[0]).toMatchObject({ position: 1, givenLocal: '2026-03-17T09:00', dueLocal: '2026-03-18T09:00', finishedLocal: null });

      at('2026-03-17T10:00');
      t = await c.invoke('tracking.requestSupplement', { code: d.code, version: t.version, missing: ['Bản sao CCCD'], reason: 'Thiếu bản sao CCCD' });
      expect(t).toMatchObject({ status: 'waiting_supplement', supplementCount: 1, pausedSinceLocal: '2026-03-17T10:00', overdue: false });
      expect(t.actions).toEqual(['supplySupplement', 'extend', 'refuse', 'stop', 'withdraw']);

      // A full day waiting: 1440 minutes are not counted. Fri 20/3 09:00 + 24h = Sat 21/3 → next working day Mon 23/3.
      at('2026-03-18T10:00');
      t = await c.invoke('tracking.supplySupplement', { code: d.code, version: t.version });
      expect(t).toMatchObject({ status: 'in_progress', pausedMinutes: 1440, pausedSinceLocal: null, effectiveDueLocal: '2026-03-23T09:00' });

      // Step 1 was due Wed 18/3 09:00, with the 1440 minutes paused Thu 19/3 09:00; finished Thu 08:30 → on time.
      at('2026-03-19T08:30');
      t = await c.invoke('tracking.handOver', { code: d.code, version: t.version, stepName: 'Trình ký', agency: 'Lãnh đạo UBND xã', giver: 'Lê Văn Nam', receiver: 'Trần Văn Bình', allowedDays: 0 });
      expect(t.handovers.map((h) => [h.position, h.result, h.pausedMinutes])).toEqual([
        [1, 'Đúng hạn', 1440],
        [2, '', 0],
      ]);

      // The leader signs the next morning: a same-day step finished the next day is late.
      at('2026-03-20T08:00');
      t = await c.invoke('tracking.resultReady', { code: d.code, version: t.version, hasElectronicResult: true });
      expect(t).toMatchObject({ status: 'result_ready', resultLocal: '2026-03-20T08:00', timeliness: 'early', timelinessLabel: 'Trước hạn', hasElectronicResult: true });
      expect(t.handovers[1]).toMatchObject({ result: 'Quá hạn', finishedLocal: '2026-03-20T08:00' });
      expect(t.controlRows).toEqual([
        { agency: 'Công chức Tư pháp - Hộ tịch (Thẩm định hồ sơ)', givenAt: '2026-03-17T09:00', receivedAt: '2026-03-17T09:00', giver: 'Hồ Thị Lan', receiver: 'Lê Văn Nam', result: 'Đúng hạn', note: '' },
        { agency: 'Lãnh đạo UBND xã (Trình ký)', givenAt: '2026-03-19T08:30', receivedAt: '2026-03-19T08:30', giver: 'Lê Văn Nam', receiver: 'Trần Văn Bình', result: 'Quá hạn', note: '' },
      ]);
      expect(t.actions).toEqual(['return']);

      at('2026-03-20T14:00');
      const noRelation = await c.call('tracking.return', { code: d.code, version: t.version, collector: { isApplicant: false, fullName: 'Nguyễn Văn Hùng', idNumber: '045201001111' } });
      expect(noRelation).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'collector.relation' }, { path: 'collector.authorisation' }] } });
      t = await c.invoke('tracking.return', {
        code: d.code,
        version: t.version,
        collector: { isApplicant: false, fullName: 'Nguyễn Văn Hùng', idNumber: '045201001111', relation: 'Chồng', authorisation: 'Giấy ủy quyền số 15/UQ ngày 19/03/2026' },
      });
      expect(t).toMatchObject({ status: 'returned', returnedLocal: '2026-03-20T14:00', collector: { isApplicant: false, fullName: 'Nguyễn Văn Hùng', relation: 'Chồng', officer: 'lan' } });
      expect(await c.invoke('tracking.pendingRating')).toMatchObject({ code: d.code, applicantName: 'Nguyễn Thị Hường' });

      t = await c.invoke('tracking.rate', { code: d.code, rating: 'rat_hai_long', criteria: [{ criterion: 'thai_do', rating: 'rat_hai_long' }], source: 'citizen' });
      expect(t.rating).toMatchObject({ rating: 'rat_hai_long', ratingLabel: 'Rất hài lòng', criteria: [{ criterion: 'thai_do', rating: 'rat_hai_long' }], source: 'citizen' });
      expect(t.actions).toEqual([]);
      expect(await c.invoke('tracking.pendingRating')).toBeNull();
      const again = await c.call('tracking.rate', { code: d.code, rating: 'khong_hai_long' });
      expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('chỉ đánh giá một lần') } });

      const row = await app.store.db.selectFrom('dossiers').selectAll().where('code', '=', d.code).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'returned', satisfaction: 'rat_hai_long', paused_minutes: 1440, paused_since: null, supplement_count: 1, has_electronic_result: 1 });
      const events = await app.store.db.selectFrom('dossier_events').select(['kind', 'from_status', 'to_status', 'actor']).where('dossier_id', '=', row.id).orderBy('at').execute();
      expect(events.map((e) => `${e.kind}:${e.from_status}>${e.to_status}`)).toEqual([
        'handOver:received>in_progress',
        'requestSupplement:in_progress>waiting_supplement',
        'supplySupplement:waiting_supplement>in_progress',
        'handOver:in_progress>in_progress',
        'resultReady:in_progress>result_ready',
        'return:result_ready>returned',
        'rate:returned>returned',
      ]);
      expect(new Set(events.map((e) => e.actor))).toEqual(new Set(['lan']));
      const audit = await app.store.db.selectFrom('audit_log').select('action').where('entity_id', '=', d.code).orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(['dossier.create', ...events.map((e) => `dossier.${e.kind}`)]);
      expect(await verifyAuditChain(app.store.db)).toMatchObject({ ok: true });

      const history = await c.invoke('dossiers.history', { code: d.code });
      expect(history[0]).toMatchObject({ source: 'audit', title: 'Tiếp nhận hồ sơ' });
      expect(history.filter((h) => h.source === 'event')).toHaveLength(7);
      expect(history.filter((h) => h.source === 'appointment').map((h) => h.kind)).toEqual(['computed']);
      expect(history.map((h) => h.at)).toEqual([...history.map((h) => h.at)].sort());
      expect(history.find((h) => h.kind === 'requestSupplement')).toMatchObject({ title: 'Yêu cầu bổ sung (Đang giải quyết → Chờ bổ sung)', note: 'Thiếu bản sao CCCD' });
    });

    it('rejects invalid transitions with a message naming the current status, and changes nothing', async () => {
      const { app, c } = await desk('2026-03-17T09:00');
      const d = await c.invoke('dossiers.create', dossierInput());
      const neverResolved = await c.call('tracking.return', { code: d.code, collector: { isApplicant: true } });
      expect(neverResolved).toMatchObject({ ok: false, error: { code: 'conflict' } });
      if (!neverResolved.ok) {
        expect(neverResolved.error.message).toContain('«Mới tiếp nhận»');
        expect(neverResolved.error.message).toContain('«Có kết quả, chờ trả»');
      }
      expect(await c.call('tracking.supplySupplement', { code: d.code })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(await c.call('tracking.rate', { code: d.code, rating: 'hai_long' })).toMatchObject({ ok: false, error: { code: 'conflict' } });

      await c.invoke('tracking.refuse', { code: d.code, reason: 'Hồ sơ không thuộc thẩm quyền của xã' });
      const resolveRefused = await c.call('tracking.resultReady', { code: d.code });
      expect(resolveRefused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('«Từ chối giải quyết»') } });
      for (const channel of ['tracking.stop', 'tracking.withdraw', 'tracking.refuse'] as const) {
        expect(await c.call(channel, { code: d.code, reason: 'Thử lại' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      }
      expect(await c.call('tracking.handOver', { code: d.code, ...HAND })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(await c.call('tracking.extend', { code: d.code, newDue: '2026-03-25T09:00', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'conflict' } });

      const t = await c.invoke('tracking.get', { code: d.code });
      expect(t).toMatchObject({ status: 'refused', actions: [], closedLocal: '2026-03-17T09:00', version: 2 });
      const events = await app.store.db.selectFrom('dossier_events').select('kind').execute();
      expect(events.map((e) => e.kind)).toEqual(['refuse']);
      expect(await c.call('tracking.get', { code: 'H50.12.34-260317-0099' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await c.call('tracking.get', { code: 'xin chào' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('không phải là mã hồ sơ') } });
    });

    it('stops, withdraws and refuses only open dossiers, ending a running supplement wait', async () => {
      const { c, at } = await desk('2026-03-17T09:00');
      const a = await c.invoke('dossiers.create', dossierInput());
      const b = await c.invoke('dossiers.create', dossierInput());
      await c.invoke('tracking.requestSupplement', { code: a.code, reason: 'Thiếu giấy' });
      at('2026-03-17T11:30');
      const stopped = await c.invoke('tracking.stop', { code: a.code, reason: 'Người nộp không bổ sung', signer: 'Chủ tịch UBND xã' });
      expect(stopped).toMatchObject({ status: 'stopped', pausedMinutes: 150, pausedSinceLocal: null, closedLocal: '2026-03-17T11:30' });
      const withdrawn = await c.invoke('tracking.withdraw', { code: b.code, reason: 'Người nộp xin rút' });
      expect(withdrawn.status).toBe('withdrawn');
      const d = await c.invoke('dossiers.create', dossierInput());
      await c.invoke('tracking.resultReady', { code: d.code });
      expect(await c.call('tracking.withdraw', { code: d.code, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('«Có kết quả, chờ trả»') } });
    });

    it('gives the second desk a clear conflict when two desks change the same dossier', async () => {
      const { app, c } = await desk('2026-03-17T09:00');
      const d = await c.invoke('dossiers.create', dossierInput());
      const seen = (await c.invoke('tracking.get', { code: d.code })).version;
      const other = app.client({ actor: 'nam' });
      await other.invoke('tracking.handOver', { code: d.code, version: seen, ...HAND });
      const stale = await c.call('tracking.requestSupplement', { code: d.code, version: seen, reason: 'Thiếu giấy' });
      expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('vừa được cập nhật ở máy khác') } });
      if (!stale.ok) expect(stale.error.message).toContain('«Đang giải quyết»');

      // Truly at once: exactly one of the two saves based on the same version wins.
      const now = (await c.invoke('tracking.get', { code: d.code })).version;
      const results = await Promise.all([
        c.call('tracking.requestSupplement', { code: d.code, version: now, reason: 'Thiếu giấy A' }),
        other.call('tracking.resultReady', { code: d.code, version: now }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.error.code === 'conflict')).toHaveLength(1);
      const events = await app.store.db.selectFrom('dossier_events').select('kind').execute();
      expect(events).toHaveLength(2);
      expect(await verifyAuditChain(app.store.db)).toMatchObject({ ok: true });
    });

    it('allows a second supplement request but marks it, and it counts late even when finished early', async () => {
      const { app, c, at } = await desk('2026-03-17T09:00');
      const d = await c.invoke('dossiers.create', dossierInput());
      await c.invoke('tracking.requestSupplement', { code: d.code, reason: 'Thiếu giấy A' });
      at('2026-03-17T10:00');
      let t = await c.invoke('tracking.supplySupplement', { code: d.code });
      expect(t.status).toBe('received');
      await c.invoke('tracking.requestSupplement', { code: d.code, reason: 'Thiếu giấy B' });
      at('2026-03-17T10:30');
      t = await c.invoke('tracking.supplySupplement', { code: d.code });
      expect(t).toMatchObject({ supplementCount: 2, pausedMinutes: 90 });
      t = await c.invoke('tracking.resultReady', { code: d.code });
      expect(t).toMatchObject({ timeliness: 'late', timelinessLabel: 'Quá hạn' });
      const second = await app.store.db.selectFrom('dossier_events').select('data_json').where('kind', '=', 'requestSupplement').orderBy('at', 'desc').executeTakeFirstOrThrow();
      expect(JSON.parse(second.data_json)).toMatchObject({ count: 2, countsLate: true, warning: expect.stringContaining('QĐ 766') });
    });

    it('classifies completion against the appointment: late after it, on time on its day', async () => {
      const { c, at } = await desk('2026-03-17T09:00');
      const late = await c.invoke('dossiers.create', dossierInput());
      const onTime = await c.invoke('dossiers.create', dossierInput());
      at('2026-03-20T08:59');
      expect((await c.invoke('tracking.resultReady', { code: onTime.code })).timeliness).toBe('on_time');
      at('2026-03-20T09:01');
      const t = await c.invoke('tracking.get', { code: late.code });
      expect(t.overdue).toBe(true);
      expect((await c.invoke('tracking.resultReady', { code: late.code })).timeliness).toBe('late');
    });

    it('extends with an apology (Mẫu 04) before the deadline, keeps the history, refuses a day off and warns after the deadline', async () => {
      const { c, at } = await desk('2026-03-17T09:00');
      const d = await c.invoke('dossiers.create', dossierInput());
      const weekend = await c.call('tracking.extend', { code: d.code, newDue: '2026-03-22T09:00', reason: 'Cần xác minh' });
      expect(weekend).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'newDue' }], message: expect.stringContaining('Chủ nhật') } });
      const earlier = await c.call('tracking.extend', { code: d.code, newDue: '2026-03-19T09:00', reason: 'Cần xác minh' });
      expect(earlier).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'newDue' }] } });

      at('2026-03-19T16:00');
      let t = await c.invoke('tracking.extend', { code: d.code, newDue: '2026-03-24T16:00', reason: 'Cần xác minh tại thôn', signer: 'Chủ tịch UBND xã' });
      expect(t.dueLocal).toBe('2026-03-24T16:00');
      expect(t.appointments.map((a) => [a.kind, a.dueLocal, a.previousDueLocal, a.reason])).toEqual([
        ['computed', '2026-03-20T09:00', null, '03 ngày làm việc'],
        ['extension', '2026-03-24T16:00', '2026-03-20T09:00', 'Cần xác minh tại thôn'],
      ]);

      at('2026-03-25T08:00');
      const tooLate = await c.call('tracking.extend', { code: d.code, newDue: '2026-03-27T16:00', reason: 'Chưa có ý kiến' });
      expect(tooLate).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('phải gửi trước khi hết hạn') } });
      t = await c.invoke('tracking.extend', { code: d.code, newDue: '2026-03-27T16:00', reason: 'Chưa có ý kiến', lateAcknowledged: true });
      expect(t.appointments).toHaveLength(3);
      const history = await c.invoke('dossiers.history', { code: d.code });
      expect(history.filter((h) => h.kind === 'extend').map((h) => h.data.afterDeadline)).toEqual([false, true]);
    });

    it('finds a dossier from a scanned code with stray spaces, lower case or a QR payload', async () => {
      const { c } = await desk('2026-03-17T09:00');
      const d = await c.invoke('dossiers.create', dossierInput());
      for (const text of [` ${d.code.toLowerCase()}\n`, 'h50.12.34 - 260317 - 0001', `${d.code}|1.001731|045301001234`]) {
        expect((await c.invoke('tracking.get', { code: text })).code).toBe(d.code);
      }
      const t = await c.invoke('tracking.resultReady', { code: `  ${d.code.toLowerCase()} ` });
      expect(t.status).toBe('result_ready');
    });

    it('counts the deadlines board with the pause deducted and the working calendar', async () => {
      const { c, at } = await desk('2026-03-16T09:00');
      // Mon 16/3 09:00, 3 working days → due Thu 19/3 09:00.
      const overdue = await c.invoke('dossiers.create', dossierInput());
      const paused = await c.invoke('dossiers.create', dossierInput());
      const ready = await c.invoke('dossiers.create', dossierInput());
      at('2026-03-17T09:00'); // due Fri 20/3
      const nextDay = await c.invoke('dossiers.create', dossierInput());
      at('2026-03-18T10:00'); // due Mon 23/3: beyond the next working day
      const later = await c.invoke('dossiers.create', dossierInput());
      await c.invoke('tracking.requestSupplement', { code: paused.code, reason: 'Thiếu giấy' });
      await c.invoke('tracking.resultReady', { code: ready.code });

      at('2026-03-19T08:00');
      let b = await c.invoke('board.today');
      expect(b).toMatchObject({ today: '2026-03-19', nextWorkingDay: '2026-03-20' });
      expect(b.counts).toEqual({ receivedToday: 0, dueToday: 1, dueNextWorkingDay: 1, overdue: 0, waitingSupplement: 1, resultReady: 1 });
      expect(b.lists.dueToday.map((i) => i.code)).toEqual([overdue.code]);
      expect(b.lists.dueToday[0]).toMatchObject({ canExtend: true, applicantName: 'Nguyễn Thị Hường', statusLabel: 'Mới tiếp nhận' });
      expect(b.lists.dueNextWorkingDay.map((i) => i.code)).toEqual([nextDay.code]);
      expect(b.lists.waitingSupplement[0]).toMatchObject({ code: paused.code, supplementCount: 1, pausedSinceLocal: '2026-03-18T10:00' });

      // 09:30: the first is overdue. The paused one is not (its clock stopped on Wed 10:00).
      at('2026-03-19T09:30');
      const c2 = await c.invoke('dossiers.create', dossierInput());
      b = await c.invoke('board.today');
      expect(b.counts).toEqual({ receivedToday: 1, dueToday: 0, dueNextWorkingDay: 1, overdue: 1, waitingSupplement: 1, resultReady: 1 });
      expect(b.lists.overdue[0]).toMatchObject({ code: overdue.code, canExtend: false });
      expect(b.lists.receivedToday.map((i) => i.code)).toEqual([c2.code]);

      // Supplied Thu 09:30 after 23.5 h: Thu 19/3 09:00 + 1410 min = Fri 20/3 08:30 → due next working day.
      await c.invoke('tracking.supplySupplement', { code: paused.code });
      at('2026-03-19T09:31');
      b = await c.invoke('board.today');
      expect(b.counts.waitingSupplement).toBe(0);
      expect(b.lists.dueNextWorkingDay.map((i) => [i.code, i.effectiveDueLocal])).toEqual([
        [paused.code, '2026-03-20T08:30'],
        [nextDay.code, '2026-03-20T09:00'],
      ]);
      await c.invoke('tracking.return', { code: ready.code, collector: { isApplicant: true } });
      b = await c.invoke('board.today');
      expect(b.counts.resultReady).toBe(0);
      // Fri 20/3 after 17:00: next working day is Mon 23/3, where `later` is due.
      at('2026-03-20T17:30');
      b = await c.invoke('board.today');
      expect(b.nextWorkingDay).toBe('2026-03-23');
      expect(b.lists.dueNextWorkingDay.map((i) => i.code)).toEqual([later.code]);
      expect(b.counts.overdue).toBe(3);
    });
  });
}
