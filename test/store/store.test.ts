import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../main/core/audit/audit';
import { openStore } from '../../main/store/dialect';
import { migrateToLatest } from '../../main/store/migrations';
import { freshApp, SAMPLE_UNIT } from '../support/app';
import { storeTargets } from '../support/stores';

for (const target of storeTargets()) {
  describe(`store on ${target.name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });

    it('migrates a fresh store, and running the migrations again changes nothing', async () => {
      const { config, cleanup } = target.fresh();
      cleanups.push(cleanup);
      const first = await openStore(config);
      expect(await migrateToLatest(first.db, first.kind)).toContain('0001-initial');
      expect(await migrateToLatest(first.db, first.kind)).toEqual([]);
      await first.close();
      // A second process opening the same store finds it up to date too.
      const second = await openStore(config);
      expect(await migrateToLatest(second.db, second.kind)).toEqual([]);
      const head = await second.db.selectFrom('audit_head').selectAll().execute();
      expect(head).toHaveLength(1);
      await second.close();
    });

    it('keeps the unit profile with its Vietnamese text intact across a reopen', async () => {
      const { app, cleanup } = await freshApp(target);
      cleanups.push(cleanup);
      const client = app.client();
      expect(await client.invoke('unit.get')).toBeNull();
      // Decomposed (NFD) input, as pasted from some portals, is stored composed (NFC).
      const saved = await client.invoke('unit.save', { ...SAMPLE_UNIT, place: 'Hướng Phùng'.normalize('NFD') });
      expect(saved.place).toBe('Hướng Phùng'.normalize('NFC'));
      const row = await app.store.db.selectFrom('unit_profile').select('place').executeTakeFirstOrThrow();
      expect(row.place).toBe('Hướng Phùng'.normalize('NFC'));
      expect(row.place.length).toBe('Hướng Phùng'.normalize('NFC').length);
      expect(await client.invoke('app.info')).toMatchObject({ setUp: true, store: target.name });
    });

    it('refuses an invalid profile and writes nothing, not even an audit entry', async () => {
      const { app, cleanup } = await freshApp(target);
      cleanups.push(cleanup);
      const auditBefore = await app.store.db.selectFrom('audit_log').selectAll().execute();
      const result = await app.client().call('unit.save', { ...SAMPLE_UNIT, agencyCode: 'H50..12' });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.issues?.map((i) => i.path)).toEqual(['agencyCode']);
      }
      expect(await app.store.db.selectFrom('unit_profile').selectAll().execute()).toHaveLength(0);
      expect(await app.store.db.selectFrom('audit_log').selectAll().execute()).toEqual(auditBefore);
    });

    it('records every change in a hash chain that detects edits and deletions', async () => {
      const { app, cleanup } = await freshApp(target);
      cleanups.push(cleanup);
      const client = app.client({ actor: 'admin-lan' });
      // A fresh store already holds one entry: the shipped catalogue being seeded.
      const seeded = await app.store.db.selectFrom('audit_log').selectAll().execute();
      expect(seeded.map((r) => r.action)).toEqual(['catalog.seed']);
      await client.invoke('unit.save', SAMPLE_UNIT);
      await client.invoke('unit.save', { ...SAMPLE_UNIT, phone: '0233 3880 999' });
      await client.invoke('unit.save', { ...SAMPLE_UNIT, place: 'Khe Sanh' });
      expect(await verifyAuditChain(app.store.db)).toEqual({ ok: true, entries: 4 });
      const rows = (await app.store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute()).slice(1);
      expect(rows.map((r) => r.action)).toEqual(['unit.create', 'unit.update', 'unit.update']);
      expect(rows[1]!.actor).toBe('admin-lan');
      expect(JSON.parse(rows[1]!.before_json!).phone).toBe('0233 3880 123');
      expect(JSON.parse(rows[1]!.after_json!).phone).toBe('0233 3880 999');

      // Someone edits entry 3 (the phone change) directly in the database.
      await sql`update audit_log set after_json = ${'{"phone":"0000"}'} where seq = 3`.execute(app.store.db);
      expect(await verifyAuditChain(app.store.db)).toMatchObject({ ok: false, brokenAt: 3, reason: 'hash_mismatch' });
      // Restore it, then delete the last entry instead.
      await sql`update audit_log set after_json = ${rows[1]!.after_json} where seq = 3`.execute(app.store.db);
      expect((await verifyAuditChain(app.store.db)).ok).toBe(true);
      await sql`delete from audit_log where seq = 4`.execute(app.store.db);
      expect(await verifyAuditChain(app.store.db)).toMatchObject({ ok: false, reason: 'head_mismatch' });
    });

    it('keeps the chain linear when many saves race', async () => {
      const { app, cleanup } = await freshApp(target);
      cleanups.push(cleanup);
      const client = app.client();
      await Promise.all(Array.from({ length: 12 }, (_, i) => client.invoke('unit.save', { ...SAMPLE_UNIT, phone: `0233 3880 ${String(100 + i)}` })));
      expect(await verifyAuditChain(app.store.db)).toEqual({ ok: true, entries: 13 });
    });
  });
}
