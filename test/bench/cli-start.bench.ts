/**
 * The `motcua` command's cost for a quick question (`calendar due`): wall time and peak RSS of the
 * whole process, from the shipped bundle (dist/node/cli.mjs, what bin/motcua.js runs when it is fresh)
 * against the same command from source through tsx, in the same run. Goal: ≤ 300 ms, ≤ 80 MB.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildNodeBundles } from '../../scripts/build-node.js';
import { median, type BenchContext, type BenchResult } from './bench-types';

const ARGS = ['calendar', 'due', '--received', '2026-02-13T10:00', '--limit', '3'];

export async function bench(ctx: BenchContext): Promise<BenchResult[]> {
  await buildNodeBundles();
  const n = ctx.quick ? 3 : 9;
  const dataDir = mkdtempSync(path.join(ctx.tmpDir, 'cli-'));
  // Reports the process's own peak RSS on exit (the CLI ends with process.exit).
  const probe = path.join(ctx.tmpDir, 'maxrss.cjs');
  writeFileSync(probe, "process.on('exit', () => process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + '\\n'));\n");
  const runOnce = (entry: string[], env: NodeJS.ProcessEnv) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--require', probe, ...entry, '--data-dir', dataDir, ...ARGS], { cwd: ctx.root, encoding: 'utf8', env: { ...process.env, ...env } });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`motcua exited ${r.status}: ${r.stderr}`);
    const kb = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? NaN);
    return { ms, mb: kb / 1024 };
  };
  runOnce([path.join(ctx.root, 'dist/node/cli.mjs')], {}); // creates the data folder's store once
  const bundle: Array<{ ms: number; mb: number }> = [];
  const source: Array<{ ms: number; mb: number }> = [];
  for (let i = 0; i < n; i++) {
    bundle.push(runOnce([path.join(ctx.root, 'bin/motcua.js')], {}));
    source.push(runOnce([path.join(ctx.root, 'bin/motcua.js')], { MOTCUA_CLI_FROM_SOURCE: '1' }));
    ctx.log(`round ${i + 1}/${n}: bundle ${bundle.at(-1)!.ms.toFixed(0)} ms, source ${source.at(-1)!.ms.toFixed(0)} ms`);
  }
  return [
    { name: `motcua calendar due, wall (median of ${n})`, value: median(bundle.map((r) => r.ms)), unit: 'ms', baseline: { name: 'the same through tsx (MOTCUA_CLI_FROM_SOURCE=1)', value: median(source.map((r) => r.ms)) }, notes: 'goal ≤ 300 ms' },
    { name: `motcua calendar due, peak RSS (median of ${n})`, value: median(bundle.map((r) => r.mb)), unit: 'MB', baseline: { name: 'the same through tsx', value: median(source.map((r) => r.mb)) }, notes: 'goal ≤ 80 MB' },
  ];
}
