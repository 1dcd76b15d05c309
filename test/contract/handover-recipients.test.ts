import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../shared/contract/auth.schema';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

// Issue 14 item 13: the admin keeps the list of departments and recipients; a hand-over picks from
// it; the giver is the signed-in officer, whatever the caller sends.
const LAN: SessionUser = { id: 'u-lan', name: 'lan', displayName: 'Hồ Thị Lan', role: 'clerk' };
const ADMIN: SessionUser = { id: 'u-admin', name: 'quantri', displayName: 'Trần Quản Trị', role: 'admin' };

for (const target of storeTargets()) {
  describe(`hand-over recipients on ${target.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });
    async function desk() {
      const env = await freshApp(target);
      cleanups.push(env.cleanup);
      await env.app.client().invoke('unit.save', SAMPLE_UNIT);
      return { ...env, admin: env.app.client({ user: ADMIN }), lan: env.app.client({ user: LAN }) };
    }
    const countRows = async (app: Awaited<ReturnType<typeof desk>>['app'], table: 'handover_recipients' | 'audit_log') =>
      Number((await app.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    it('only an admin writes the list; a person is listed once per department, even when two saves race', async () => {
      const { app, admin, lan } = await desk();
      const nam = await admin.invoke('recipients.save', { department: 'Công chức Tư pháp - Hộ tịch', fullName: 'Lê Văn Nam', position: 'Công chức' });
      expect(nam).toMatchObject({ department: 'Công chức Tư pháp - Hộ tịch', fullName: 'Lê Văn Nam', position: 'Công chức', active: true });
      expect(await lan.call('recipients.save', { department: 'Lãnh đạo UBND xã', fullName: 'Kẻ Lạ' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await lan.invoke('recipients.list', {})).toEqual([nam]);

      const audit0 = await countRows(app, 'audit_log');
      const race = await Promise.all([1, 2, 3].map(() => admin.call('recipients.save', { department: 'Lãnh đạo UBND xã', fullName: 'Trần Văn Bình', position: 'Phó Chủ tịch' })));
      expect(race.filter((r) => r.ok)).toHaveLength(1);
      expect(race.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(['conflict', 'conflict']);
      expect(await countRows(app, 'handover_recipients')).toBe(2);
      expect(await countRows(app, 'audit_log')).toBe(audit0 + 1);

      // Deactivated: no longer offered, still listed for the admin.
      await admin.invoke('recipients.save', { id: nam.id, department: nam.department, fullName: nam.fullName, position: nam.position, active: false });
      expect((await lan.invoke('recipients.list', {})).map((r) => r.fullName)).toEqual(['Trần Văn Bình']);
      expect((await admin.invoke('recipients.list', { includeInactive: true })).map((r) => [r.fullName, r.active])).toEqual([
        ['Lê Văn Nam', false],
        ['Trần Văn Bình', true],
      ]);
    });

    it('hands over to a picked recipient with the signed-in officer as giver; a forged giver or an inactive entry does not pass', async () => {
      const { app, admin, lan } = await desk();
      const nam = await admin.invoke('recipients.save', { department: 'Công chức Tư pháp - Hộ tịch', fullName: 'Lê Văn Nam' });
      const binh = await admin.invoke('recipients.save', { department: 'Lãnh đạo UBND xã', fullName: 'Trần Văn Bình', active: false });
      const d = await lan.invoke('dossiers.create', {
        requestId: randomUUID(),
        procedureCode: '1.001731',
        applicant: { fullName: 'Nguyễn Thị Hường', idNumber: '045301001234', dateOfBirth: '2001-05-04', phone: '0912345678', address: 'Thôn Cợp' },
        components: [0, 1, 2].map((position) => ({ position, received: true })),
      });

      const missing = await lan.call('tracking.handOver', { code: d.code, stepName: 'Thẩm định' });
      expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(missing.ok ? [] : missing.error.issues?.map((i) => i.path)).toEqual(['agency', 'receiver']);
      expect(await lan.call('tracking.handOver', { code: d.code, stepName: 'Trình ký', recipientId: binh.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(await lan.call('tracking.handOver', { code: d.code, stepName: 'Trình ký', recipientId: 'no-such-id' })).toMatchObject({ ok: false, error: { code: 'not_found' } });

      const t = await lan.invoke('tracking.handOver', { code: d.code, stepName: 'Thẩm định', recipientId: nam.id, giver: 'Người mạo danh', agency: 'Bộ phận khác', receiver: 'Ai đó' });
      expect(t.handovers).toEqual([expect.objectContaining({ position: 1, agency: 'Công chức Tư pháp - Hộ tịch', receiver: 'Lê Văn Nam', giver: 'Hồ Thị Lan' })]);
      const row = await app.store.db.selectFrom('dossier_handovers').select(['recipient_id', 'giver']).executeTakeFirstOrThrow();
      expect(row).toEqual({ recipient_id: nam.id, giver: 'Hồ Thị Lan' });
      // The refused attempts wrote nothing.
      expect(Number((await app.store.db.selectFrom('dossier_handovers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(1);
    });
  });
}
