import { foldVietnamese } from '../../shared/domain/text';
import { searchByLikeScan } from '../../main/store/search.repository';
import type { BenchContext, BenchResult } from './bench-types';
import { GIVEN, nameMaker, percentile, rng, seededStore } from './dossier-seed';

/**
 * Name search at district scale (issue 7): 200,000 dossiers, p50/p95 of `dossiers.search` for what
 * clerks type (a full name, family + given name, a given name, a given-name prefix, without
 * diacritics), beside a plain LIKE '%…%' scan of the same words. SQLite always; PostgreSQL when
 * DATABASE_URL is set. BENCH_QUICK=1 seeds 20,000.
 */
export async function bench(ctx: BenchContext): Promise<BenchResult[]> {
  const count = ctx.quick ? 20_000 : 200_000;
  const r = rng(99);
  const name = nameMaker(r);
  const queries: string[] = [];
  for (let i = 0; i < (ctx.quick ? 60 : 200); i++) {
    const full = foldVietnamese(name()).split(' ');
    const given = foldVietnamese(GIVEN[Math.floor(r() * GIVEN.length)]!);
    const k = i % 4;
    queries.push(k === 0 ? full.join(' ') : k === 1 ? `${full[0]} ${full[full.length - 1]}` : k === 2 ? given : given.slice(0, Math.max(3, given.length - 2)));
  }
  const kinds: Array<'sqlite' | 'postgres'> = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  const results: BenchResult[] = [];
  for (const kind of kinds) {
    const store = await seededStore(kind, ctx.tmpDir, count, ctx.log);
    try {
      const client = store.app.client();
      for (const q of queries.slice(0, 5)) await client.invoke('dossiers.search', { query: q }); // warm caches
      const times: number[] = [];
      let hits = 0;
      for (const q of queries) {
        const t0 = performance.now();
        const res = await client.invoke('dossiers.search', { query: q, pageSize: 50 });
        times.push(performance.now() - t0);
        hits += res.total;
      }
      const likeTimes: number[] = [];
      for (const q of queries.slice(0, ctx.quick ? 15 : 40)) {
        const t0 = performance.now();
        await searchByLikeScan(store.app.store.db, q.split(' '), 50);
        likeTimes.push(performance.now() - t0);
      }
      const common = performance.now();
      await client.invoke('dossiers.search', { query: 'nguyen', pageSize: 50 });
      const commonMs = performance.now() - common;
      const note = `${count.toLocaleString('en')} dossiers, ${queries.length} queries (full name, family+given, given name, given-name prefix), page of 50 + total; mean ${Math.round(hits / queries.length)} hits`;
      results.push(
        { name: `${kind}: name search p50`, value: percentile(times, 50), unit: 'ms', baseline: { name: 'LIKE %…% scan p50', value: percentile(likeTimes, 50) }, notes: note },
        { name: `${kind}: name search p95`, value: percentile(times, 95), unit: 'ms', baseline: { name: 'LIKE %…% scan p95', value: percentile(likeTimes, 95) }, notes: 'target < 50 ms' },
        { name: `${kind}: "nguyen" alone (≈38% of names)`, value: commonMs, unit: 'ms', notes: 'matches ~80k dossiers: the page is found walking newest first and the count stops at 1,000 ("Hơn 1.000 hồ sơ khớp")' },
        { name: `${kind}: seed ${count.toLocaleString('en')} dossiers`, value: store.seconds, unit: 's' },
      );
    } finally {
      await store.close();
    }
  }
  return results;
}
