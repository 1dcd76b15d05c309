/**
 * The store-opening part of every host and CLI start on a large SQLite file (issue 16): after a clean
 * close the full-file `quick_check` is skipped (main/core/admin/clean-close.ts), so opening stays flat
 * in data size; baseline: the same open after a crash, which checks every page first.
 * The file is filled with incompressible rows up to BENCH_START_MB (default 300 MB; 40 MB quick).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { rmSync, statSync } from 'node:fs';
import { sql } from 'kysely';
import { openStoreOrRecover } from '../../main/core/admin/health';
import { median, type BenchContext, type BenchResult } from './bench-types';

/** Time one open; `afterCrash` first removes the clean-close marker, as a crash of the last run would. */
async function openOnce(file: string, afterCrash: boolean): Promise<number> {
  if (afterCrash) rmSync(`${file}.clean-close.json`, { force: true });
  const t0 = performance.now();
  const r = await openStoreOrRecover({ kind: 'sqlite', file });
  if (r.status !== 'ok') throw new Error(`store not ok: ${r.reason}`);
  if (r.integrity !== (afterCrash ? 'checked' : 'clean-close')) throw new Error(`unexpected integrity ${r.integrity}`);
  await sql`select 1`.execute(r.store.db);
  const ms = performance.now() - t0;
  await r.store.close();
  return ms;
}

export async function bench(ctx: BenchContext): Promise<BenchResult[]> {
  const mb = Number(process.env.BENCH_START_MB ?? (ctx.quick ? 40 : 300));
  const file = path.join(ctx.tmpDir, 'big.sqlite');
  const first = await openStoreOrRecover({ kind: 'sqlite', file });
  if (first.status !== 'ok') throw new Error('cannot create the bench store');
  await sql`create table filler (id integer primary key, body blob)`.execute(first.store.db);
  const rowBytes = 3000;
  const rows = Math.ceil((mb * 1024 * 1024) / rowBytes);
  for (let done = 0; done < rows; done += 2000) {
    await first.store.db.transaction().execute(async (trx) => {
      for (let i = done; i < Math.min(rows, done + 2000); i++) await sql`insert into filler (body) values (${randomBytes(rowBytes)})`.execute(trx);
    });
  }
  await first.store.close();
  const sizeMb = statSync(file).size / 1024 / 1024;
  ctx.log(`store of ${sizeMb.toFixed(0)} MB ready`);
  const n = ctx.quick ? 3 : 7;
  const clean: number[] = [];
  const crashed: number[] = [];
  for (let i = 0; i < n; i++) {
    crashed.push(await openOnce(file, true));
    clean.push(await openOnce(file, false));
  }
  return [
    {
      name: `open the store after a clean close, ${sizeMb.toFixed(0)} MB SQLite file (median of ${n})`,
      value: median(clean),
      unit: 'ms',
      baseline: { name: 'the same open after a crash (quick_check of every page)', value: median(crashed) },
      notes: 'part of every host and CLI start; flat in data size after a clean close',
    },
  ];
}
