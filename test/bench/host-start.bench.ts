/**
 * Host cold start to first answer: spawn `node --import tsx main/host/main.ts --json` and time until
 * it has answered its first call (app.info over HTTP), on a fresh data folder (migrations included)
 * and again on an existing one (a restart). Baselines from the same run: a bare `node -e ''` and
 * `node --import tsx -e ''`, i.e. what any Node program and any tsx program pay before doing anything.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { buildNodeBundles } from '../../scripts/build-node.js';
import { DeskClient, killHard, launchHost } from '../stress/host-process';
import { median, type BenchContext, type BenchResult } from './bench-types';

async function timeToFirstAnswer(dataDir: string, entry: 'source' | 'bundle' = 'source'): Promise<number> {
  const t0 = performance.now();
  const host = launchHost(dataDir, { entry });
  try {
    const info = await host.ready;
    const { envelope } = await new DeskClient(info).call('app.info');
    if (!envelope.ok) throw new Error(`app.info failed: ${JSON.stringify(envelope.error)}`);
    return performance.now() - t0;
  } finally {
    await killHard(host);
  }
}

function timeProcess(args: string[], cwd: string): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return performance.now() - t0;
}

export async function bench(ctx: BenchContext): Promise<BenchResult[]> {
  const n = ctx.quick ? 3 : 7;
  const bare: number[] = [];
  const tsx: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  const bundled: number[] = [];
  await buildNodeBundles();
  const reused = mkdtempSync(path.join(ctx.tmpDir, 'existing-'));
  await timeToFirstAnswer(reused); // creates and migrates the store once
  for (let i = 0; i < n; i++) {
    bare.push(timeProcess(['-e', ''], ctx.root));
    tsx.push(timeProcess(['--import', 'tsx', '-e', ''], ctx.root));
    cold.push(await timeToFirstAnswer(mkdtempSync(path.join(ctx.tmpDir, `fresh-${i}-`))));
    warm.push(await timeToFirstAnswer(reused));
    bundled.push(await timeToFirstAnswer(reused, 'bundle'));
    ctx.log(`round ${i + 1}/${n}: fresh ${cold.at(-1)!.toFixed(0)} ms, restart ${warm.at(-1)!.toFixed(0)} ms, node -e ${bare.at(-1)!.toFixed(0)} ms`);
  }
  const range = (xs: number[]) => `min ${Math.min(...xs).toFixed(0)} / max ${Math.max(...xs).toFixed(0)} ms`;
  return [
    { name: `host start to first answer, fresh data folder (median of ${n})`, value: median(cold), unit: 'ms', baseline: { name: "node -e '' (bare Node start)", value: median(bare) }, notes: `${range(cold)}; includes creating and migrating the SQLite store` },
    { name: `host start to first answer, existing data folder (median of ${n})`, value: median(warm), unit: 'ms', baseline: { name: "node --import tsx -e '' (tsx start)", value: median(tsx) }, notes: range(warm) },
    { name: `host start to first answer from the shipped bundle, existing data folder (median of ${n})`, value: median(bundled), unit: 'ms', baseline: { name: 'the same from source through tsx', value: median(warm) }, notes: `${range(bundled)}; goal ≤ 400 ms` },
    { name: 'host restart over bare Node start', value: median(warm) / median(bare), unit: '×', baseline: null, notes: 'how many bare Node starts one desk restart costs' },
  ];
}
