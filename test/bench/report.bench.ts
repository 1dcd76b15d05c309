import { judge } from '../../main/core/reports/report.service';
import { dossiersForPeriod } from '../../main/store/reports.repository';
import type { BenchContext, BenchResult } from './bench-types';
import { percentile, seededStore } from './dossier-seed';

/**
 * Table 06a for a whole year at district scale (issue 7): 200,000 dossiers over 18 months, the 2026
 * report (rows, totals, summary, indicators) through `reports.run`, and the XLSX/PDF exports.
 * SQLite always; PostgreSQL when DATABASE_URL is set. BENCH_QUICK=1 seeds 20,000.
 */
export async function bench(ctx: BenchContext): Promise<BenchResult[]> {
  const count = ctx.quick ? 20_000 : 200_000;
  const kinds: Array<'sqlite' | 'postgres'> = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  const results: BenchResult[] = [];
  for (const kind of kinds) {
    const store = await seededStore(kind, ctx.tmpDir, count, ctx.log);
    try {
      const client = store.app.client();
      const times: number[] = [];
      let handled = 0;
      for (let i = 0; i < (ctx.quick ? 3 : 7); i++) {
        const t0 = performance.now();
        const report = await client.invoke('reports.run', { from: '2026-01-01', to: '2026-12-31' });
        times.push(performance.now() - t0);
        handled = report.totals.received.total;
      }
      // Baseline: every dossier of the year read into JavaScript and judged one by one (the reference
      // the grouped SQL is tested against), without even building the table.
      const baseline: number[] = [];
      for (let i = 0; i < (ctx.quick ? 2 : 3); i++) {
        const t0 = performance.now();
        const rows = await dossiersForPeriod(store.app.store.db, '2026-01-01T00:00', '2027-01-01T00:00');
        for (const r of rows) judge(r, { fromLocal: '2026-01-01T00:00', endLocal: '2027-01-01T00:00', refLocal: '2027-01-01T00:00', rule: 'product' });
        baseline.push(performance.now() - t0);
      }
      const q = performance.now();
      await client.invoke('reports.run', { from: '2025-12-15', to: '2026-03-14' });
      const quarter = performance.now() - q;
      const x = performance.now();
      await client.invoke('reports.export', { from: '2026-01-01', to: '2026-12-31', format: 'xlsx' });
      const xlsx = performance.now() - x;
      const p = performance.now();
      await client.invoke('reports.export', { from: '2026-01-01', to: '2026-12-31', format: 'pdf' });
      const pdf = performance.now() - p;
      results.push(
        { name: `${kind}: 06a for year 2026, median`, value: percentile(times, 50), unit: 'ms', baseline: { name: 'every dossier judged in JS', value: percentile(baseline, 50) }, notes: `${count.toLocaleString('en')} dossiers in store, ${handled.toLocaleString('en')} handled in the year` },
        { name: `${kind}: 06a for Q1/2026 (cut-off)`, value: quarter, unit: 'ms' },
        { name: `${kind}: 06a year → XLSX stored`, value: xlsx, unit: 'ms' },
        { name: `${kind}: 06a year → PDF stored`, value: pdf, unit: 'ms' },
      );
    } finally {
      await store.close();
    }
  }
  return results;
}
