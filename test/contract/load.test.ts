import { describe, expect, it } from 'vitest';
import { runLoad } from '../stress/load';

/**
 * Eight desks at once (issue 9 "Load"), small enough for the regular suite: intake, receipt print
 * and search from 8 clients, with zero errors and no duplicate or missing dossier numbers. With
 * DATABASE_URL the desks are split over 2 host processes sharing the PostgreSQL server. The
 * figures (throughput, p95) come from `npm run bench -- load`.
 */
describe('8 concurrent desks', () => {
  it('make no errors and no duplicate or skipped codes', { timeout: 240_000 }, async () => {
    const r = await runLoad({ desks: 8, roundsPerDesk: 3, processes: 2, databaseUrl: process.env.DATABASE_URL });
    process.stdout.write(
      `load (${r.store}, ${r.processes} host process(es)): ${r.operations} operations in ${r.seconds.toFixed(1)} s = ${r.throughput.toFixed(1)} ops/s; p95 intake ${r.latencyMs.intake.p95.toFixed(0)} ms, print ${r.latencyMs.print.p95.toFixed(0)} ms, search ${r.latencyMs.search.p95.toFixed(0)} ms\n`,
    );
    expect(r.errors).toEqual([]);
    expect(r.operations).toBe(8 * 3 * 3);
    expect(r.codes).toHaveLength(24);
    expect(r.duplicateCodes).toBe(0);
    expect(r.sequenceProblems).toEqual([]);
  });
});
