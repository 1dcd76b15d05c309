import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { median } from '../bench/bench-types';
import { runCrashCampaign, type CrashSummary } from './crash-harness';

/**
 * The long campaign: at least 100 SIGKILLs of the real host during intake, printing, page imports,
 * CSV imports and backups. The runs are spread over MOTCUA_STRESS_LANES independent desks (own data
 * folder, own host process) working side by side; MOTCUA_STRESS_RUNS changes the total and
 * MOTCUA_STRESS_SEED replays a campaign (each lane's seed is printed too).
 */
const runs = Number(process.env.MOTCUA_STRESS_RUNS ?? 100);
const lanes = Math.max(1, Math.min(runs, Number(process.env.MOTCUA_STRESS_LANES ?? 4)));
const seed = Number(process.env.MOTCUA_STRESS_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe('crash safety under SIGKILL (long)', () => {
  it(`loses nothing acknowledged over ${runs} kill/restart runs (seed ${seed})`, async () => {
    process.stdout.write(`crash stress: ${runs} runs on ${lanes} lanes, seed ${seed} (replay with MOTCUA_STRESS_SEED=${seed} MOTCUA_STRESS_LANES=${lanes})\n`);
    const started = performance.now();
    const results: CrashSummary[] = await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        const laneRuns = Math.floor(runs / lanes) + (lane < runs % lanes ? 1 : 0);
        const laneSeed = (seed + lane * 1_000_003) >>> 0;
        const dataDir = mkdtempSync(join(tmpdir(), `motcua-stress-${lane}-`));
        const s = await runCrashCampaign({ runs: laneRuns, seed: laneSeed, dataDir, log: (l) => process.stdout.write(`  lane ${lane} (seed ${laneSeed}): ${l}\n`) });
        if (s.problems.length === 0) rmSync(dataDir, { recursive: true, force: true });
        else process.stdout.write(`  lane ${lane}: data kept in ${dataDir}\n`);
        return s;
      }),
    );
    const sum = (f: (s: CrashSummary) => number) => results.reduce((a, s) => a + f(s), 0);
    const problems = results.flatMap((s, lane) => s.problems.map((p) => `lane ${lane}: ${p}`));
    const line =
      `crash stress summary: runs ${sum((s) => s.runs)}, kills ${sum((s) => s.kills)} (${sum((s) => s.bootKills)} during start-up), ` +
      `acknowledged ${sum((s) => s.acknowledged.dossiers)} dossiers / ${sum((s) => s.acknowledged.prints)} receipts / ${sum((s) => s.acknowledged.scans)} scans / ` +
      `${sum((s) => s.acknowledged.imports)} CSV imports / ${sum((s) => s.acknowledged.backups)} backups, in flight at kill ${sum((s) => s.inFlightAtKill)}, ` +
      `retried after restart ${sum((s) => s.retriedAfterRestart)}, losses ${sum((s) => s.losses)}, problems ${problems.length}, ` +
      `median restart ${Math.round(median(results.flatMap((s) => s.restartMs)))} ms, ${((performance.now() - started) / 60_000).toFixed(1)} min, seed ${seed}`;
    process.stdout.write(`${line}\n`);
    expect(problems, problems.join('\n')).toEqual([]);
    expect(sum((s) => s.losses)).toBe(0);
    expect(sum((s) => s.runs)).toBe(runs);
    expect(sum((s) => s.kills)).toBe(runs);
    expect(sum((s) => s.acknowledged.dossiers)).toBeGreaterThan(runs / 2);
  });
});
