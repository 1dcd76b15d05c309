/**
 * Eight desks at once: intake → receipt print → search, a fixed number of rounds per desk, against
 * real host processes (SQLite: one host; with DATABASE_URL: 8 host processes sharing the PostgreSQL
 * server). Baseline from the same run: one desk alone doing the same rounds. Errors and duplicate
 * codes must be zero; the module fails otherwise.
 */
import { runLoad, type LoadResult } from '../stress/load';
import type { BenchContext, BenchResult } from './bench-types';

function check(r: LoadResult): void {
  if (r.errors.length > 0) throw new Error(`${r.errors.length} errors, first: ${r.errors[0]}`);
  if (r.duplicateCodes > 0 || r.sequenceProblems.length > 0) throw new Error(`duplicate or skipped codes: ${r.duplicateCodes} ${r.sequenceProblems.join('; ')}`);
}

export async function bench(ctx: BenchContext): Promise<BenchResult[]> {
  const rounds = ctx.quick ? 3 : 10;
  const databaseUrl = process.env.DATABASE_URL;
  const one = await runLoad({ desks: 1, roundsPerDesk: rounds * 2, processes: 1, databaseUrl });
  check(one);
  ctx.log(`1 desk: ${one.throughput.toFixed(1)} ops/s`);
  const eight = await runLoad({ desks: 8, roundsPerDesk: rounds, processes: databaseUrl ? 8 : 1, databaseUrl });
  check(eight);
  ctx.log(`8 desks: ${eight.throughput.toFixed(1)} ops/s`);
  // Baseline: the same eight desks with every form drawn on the host's main thread (before the render threads).
  const inline = await runLoad({ desks: 8, roundsPerDesk: rounds, processes: databaseUrl ? 8 : 1, databaseUrl, env: { MOTCUA_RENDER_THREADS: '0' } });
  check(inline);
  ctx.log(`8 desks, forms drawn on the main thread: ${inline.throughput.toFixed(1)} ops/s`);
  const where = `${eight.store}${eight.processes > 1 ? `, ${eight.processes} host processes` : ', one host'}`;
  const ops = `${eight.operations} operations, 0 errors, 0 duplicate codes`;
  return [
    { name: `8 desks throughput (${where})`, value: eight.throughput, unit: 'ops/s', baseline: { name: '1 desk alone', value: one.throughput }, notes: ops },
    { name: '8 desks p95 intake latency', value: eight.latencyMs.intake.p95, unit: 'ms', baseline: { name: '1 desk alone', value: one.latencyMs.intake.p95 }, notes: `p50 ${eight.latencyMs.intake.p50.toFixed(0)} ms; goal ≤ 100 ms` },
    { name: '8 desks p95 intake latency, forms drawn on render threads', value: eight.latencyMs.intake.p95, unit: 'ms', baseline: { name: 'forms drawn on the main thread (MOTCUA_RENDER_THREADS=0)', value: inline.latencyMs.intake.p95 }, notes: `receipt print p95 ${eight.latencyMs.print.p95.toFixed(0)} ms vs ${inline.latencyMs.print.p95.toFixed(0)} ms on the main thread` },
    { name: '8 desks p95 receipt print latency', value: eight.latencyMs.print.p95, unit: 'ms', baseline: { name: '1 desk alone', value: one.latencyMs.print.p95 }, notes: `p50 ${eight.latencyMs.print.p50.toFixed(0)} ms; pdf-file printer` },
    { name: '8 desks p95 search latency', value: eight.latencyMs.search.p95, unit: 'ms', baseline: { name: '1 desk alone', value: one.latencyMs.search.p95 }, notes: `p50 ${eight.latencyMs.search.p50.toFixed(0)} ms` },
  ];
}
