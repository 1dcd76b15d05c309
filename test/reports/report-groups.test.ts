import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMonthly, computeReport, judge } from '../../main/core/reports/report.service';
import { dossiersForPeriod, readSnapshot } from '../../main/store/reports.repository';
import { nextDay } from '../../shared/domain/report-period';
import { rng, seededStore, type SeededStore } from '../bench/dossier-seed';
import { storeTargets } from '../support/stores';

/**
 * 06a counts plain dossiers in SQL (reportGroups) and judges the rest one by one. This checks the
 * report against every dossier judged one by one with timeliness.ts, on a store with supplement
 * waits (finished and open), repeated supplement requests, same-day procedures and a same-day limit
 * written with its keys in another order, for both early/on-time rules and periods with carried-over
 * dossiers and a period that has not ended.
 */
for (const target of storeTargets()) {
  describe(`06a grouped in SQL equals dossier-by-dossier judgement on ${target.name}`, () => {
    let store: SeededStore;
    let tmp: string;
    beforeAll(async () => {
      tmp = mkdtempSync(join(tmpdir(), 'motcua-06a-groups-'));
      store = await seededStore(target.name === 'sqlite' ? 'sqlite' : 'postgres', tmp, 3000, () => {});
      const db = store.app.store.db;
      const r = rng(7);
      const all = await db.selectFrom('dossiers').select(['code', 'received_local']).where('result_local', 'is not', null).orderBy('code').execute();
      for (const { code, received_local: received } of all) {
        const x = r();
        const day = received.slice(0, 10);
        // Edges of the plain case: a same-day procedure done the day it came (early), a result at the
        // appointment minute (on time), one later that day (late by the product rule, on time by date).
        if (x < 0.05) {
          await db.updateTable('dossiers').set({ limit_json: '{"kind":"same-day","cutoff":"15:00"}', received_local: `${day}T08:00`, due_local: `${day}T17:00`, result_local: `${day}T10:00`, closed_local: null }).where('code', '=', code).execute();
          continue;
        }
        if (x < 0.1) {
          await db.updateTable('dossiers').set({ due_local: `${day}T16:30`, result_local: `${day}T16:30`, closed_local: null }).where('code', '=', code).execute();
          continue;
        }
        if (x < 0.15) {
          await db.updateTable('dossiers').set({ due_local: `${day}T11:00`, result_local: `${day}T15:45`, closed_local: null }).where('code', '=', code).execute();
          continue;
        }
        if (x < 0.05) await db.updateTable('dossiers').set({ paused_minutes: 60 * (1 + Math.floor(r() * 72)) }).where('code', '=', code).execute();
        else if (x < 0.08) await db.updateTable('dossiers').set({ paused_since: '2026-06-10T02:00:00.000Z', result_local: null, closed_local: null }).where('code', '=', code).execute();
        else if (x < 0.1) await db.updateTable('dossiers').set({ supplement_count: 2 }).where('code', '=', code).execute();
        else if (x < 0.12) await db.updateTable('dossiers').set({ limit_json: '{"cutoff":"15:00","kind":"same-day"}' }).where('code', '=', code).execute();
      }
      await sql`analyze`.execute(db);
    }, 180_000);
    afterAll(async () => {
      await store?.close();
      rmSync(tmp, { recursive: true, force: true });
    });

    // SQLite has one writer and no isolation levels to pick: the snapshot rule is PostgreSQL's alone.
    if (target.name === 'postgres') it('reads grouped and judged dossiers from one snapshot (REPEATABLE READ on PostgreSQL)', async () => {
      const db = store.app.store.db;
      const victim = await db.selectFrom('dossiers').select(['code', 'supplement_count']).orderBy('code').limit(1).executeTakeFirstOrThrow();
      const seen = await readSnapshot(db, async (trx) => {
        const before = await trx.selectFrom('dossiers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
        // Another desk changes a dossier in the middle of the report…
        await db.updateTable('dossiers').set({ supplement_count: 3 }).where('code', '=', victim.code).execute();
        const during = await trx.selectFrom('dossiers').select((eb) => eb.fn.countAll().as('n')).where('supplement_count', '=', 3).executeTakeFirstOrThrow();
        const level = (await sql<{ l: string }>`select current_setting('transaction_isolation') as l`.execute(trx)).rows[0]!.l;
        return { before: Number(before.n), during: Number(during.n), level };
      });
      // …and the report's later reads still see the state it started from.
      expect(seen).toMatchObject({ during: 0, level: 'repeatable read' });
      expect(seen.before).toBeGreaterThan(0);
      await db.updateTable('dossiers').set({ supplement_count: victim.supplement_count }).where('code', '=', victim.code).execute();
    });

    const periods = [
      ['2026-03-01', '2026-03-31'],
      ['2025-12-15', '2026-03-14'],
      ['2026-01-01', '2026-12-31'],
      ['2026-12-01', '2027-02-28'], // not over at "now" (2027-01-05)
    ] as const;
    for (const rule of ['product', 'date'] as const) {
      for (const [from, to] of periods) {
        it(`${rule} rule, ${from} … ${to}`, async () => {
          const db = store.app.store.db;
          const nowLocal = '2027-01-05T10:00';
          const report = await computeReport(db, { from, to, rule, nowLocal });
          const fromLocal = `${from}T00:00`;
          const endLocal = `${nextDay(to)}T00:00`;
          const refLocal = nowLocal < endLocal ? nowLocal : endLocal;
          const judged = (await dossiersForPeriod(db, fromLocal, endLocal)).map((row) => judge(row, { fromLocal, endLocal, refLocal, rule }));
          expect(judged.length).toBeGreaterThan(100);
          for (const row of report.rows) {
            const mine = judged.filter((j) => j.field === row.field);
            const n = (p: (j: (typeof mine)[number]) => boolean) => mine.filter(p).length;
            expect([row.received.total, row.received.online, row.received.directOrPostal, row.received.carriedOver], row.field).toEqual([
              mine.length,
              n((j) => j.isNew && j.online),
              n((j) => j.isNew && !j.online),
              n((j) => !j.isNew),
            ]);
            expect([row.resolved.early, row.resolved.onTime, row.resolved.late, row.inProgress.withinDeadline, row.inProgress.overdue], row.field).toEqual(
              (['early', 'onTime', 'late', 'withinDeadline', 'overdue'] as const).map((cls) => n((j) => j.cls === cls)),
            );
          }
          expect(report.totals.received.total).toBe(judged.length);
          expect(judged.filter((j) => j.cls === 'late').length).toBeGreaterThan(0);
          expect(report.indicators.digitizationShare.numerator).toBe(judged.filter((j) => j.isNew && j.digitized).length);
          expect(report.indicators.reuseShare.numerator).toBe(judged.filter((j) => j.isNew && j.reused).length);

          // The charts: received per month and field, resolved and early-or-on-time per month finished.
          const monthly = await computeMonthly(db, { from, to, rule, nowLocal });
          const rows = await dossiersForPeriod(db, fromLocal, endLocal);
          for (const m of monthly.months) {
            const got = rows.map((row, i) => ({ row, j: judged[i]! }));
            const received = got.filter(({ j, row }) => j.isNew && row.received_local.startsWith(m.month));
            const resolved = got.filter(({ j, row }) => j.cls !== 'withinDeadline' && j.cls !== 'overdue' && (row.result_local ?? row.closed_local)!.startsWith(m.month));
            expect(m.receivedTotal, m.month).toBe(received.length);
            for (const [field, n] of Object.entries(m.received)) expect(n, `${m.month} ${field}`).toBe(received.filter(({ j }) => j.field === field).length);
            expect([m.resolved, m.earlyOrOnTime], m.month).toEqual([resolved.length, resolved.filter(({ j }) => j.cls !== 'late').length]);
          }
        });
      }
    }
  });
}
