/**
 * The first receipt a desk prints after starting (issue 16: 330–970 ms, plus module loading, against
 * ~25 ms warm). A host from the shipped bundle is started, the unit set up, and after the few seconds a
 * clerk takes to sign in the first dossier's receipt is rendered and stored (`documents.save`): with
 * the host's render thread (main/app/render-pool.ts, warmed up as it starts), and, as the baseline,
 * drawn on the main thread without any warm-up (MOTCUA_WARM_UP=0, MOTCUA_RENDER_THREADS=0). Each round
 * is a fresh process and a fresh data folder.
 */
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { buildNodeBundles } from '../../scripts/build-node.js';
import { DeskClient, killHard, launchHost, signInAdmin } from '../stress/host-process';
import { intake } from '../stress/load';
import { SAMPLE_UNIT } from '../support/app';
import { median, type BenchContext, type BenchResult } from './bench-types';

const SIGN_IN_PAUSE_MS = 3000;

async function firstReceiptMs(dir: string, warmUp: boolean): Promise<number> {
  const host = launchHost(dir, { entry: 'bundle', env: warmUp ? {} : { MOTCUA_WARM_UP: '0', MOTCUA_RENDER_THREADS: '0' } });
  try {
    const c = new DeskClient(await host.ready);
    await signInAdmin(c);
    await c.invoke('unit.save', SAMPLE_UNIT);
    const { code } = await c.invoke<{ code: string }>('dossiers.create', intake(1, 1));
    await new Promise((r) => setTimeout(r, SIGN_IN_PAUSE_MS));
    const t0 = performance.now();
    await c.invoke('documents.save', { target: { kind: 'dossier', code, form: '01' } });
    return performance.now() - t0;
  } finally {
    await killHard(host);
  }
}

export async function bench(ctx: BenchContext): Promise<BenchResult[]> {
  await buildNodeBundles();
  const n = ctx.quick ? 2 : 5;
  const warm: number[] = [];
  const cold: number[] = [];
  for (let i = 0; i < n; i++) {
    cold.push(await firstReceiptMs(mkdtempSync(path.join(ctx.tmpDir, `cold-${i}-`)), false));
    warm.push(await firstReceiptMs(mkdtempSync(path.join(ctx.tmpDir, `warm-${i}-`)), true));
    ctx.log(`round ${i + 1}/${n}: first receipt ${warm.at(-1)!.toFixed(0)} ms warmed, ${cold.at(-1)!.toFixed(0)} ms not`);
  }
  return [
    {
      name: `first receipt after the desk starts, warmed in the background (median of ${n})`,
      value: median(warm),
      unit: 'ms',
      baseline: { name: 'the same drawn on the main thread, not warmed (MOTCUA_WARM_UP=0, MOTCUA_RENDER_THREADS=0)', value: median(cold) },
      notes: `documents.save of Mẫu 01 through the host, ${SIGN_IN_PAUSE_MS / 1000} s after start-up; goal ≤ 150 ms`,
    },
  ];
}
