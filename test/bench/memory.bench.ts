/**
 * Memory of a long-running desk: resident set size (RSS) of the host process after 10 intakes and
 * after 1,000 (200 with BENCH_QUICK=1), each a real dossiers.create over HTTP. The baseline is the
 * same process after 10 intakes, in the same run: the figure that matters is the growth, which
 * should stay flat (no per-dossier leak in the core, the store or the host).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { SAMPLE_UNIT } from '../support/app';
import { DeskClient, killHard, launchHost, signInAdmin } from '../stress/host-process';
import type { BenchContext, BenchResult } from './bench-types';

function rssKiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // not Linux: ask ps (macOS); Windows has neither and the module reports it failed.
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
}

async function settle(): Promise<void> {
  // Let the host finish background work (search indexing, GC) before reading RSS.
  await new Promise((r) => setTimeout(r, 1500));
}

export async function bench(ctx: BenchContext): Promise<BenchResult[]> {
  const total = ctx.quick ? 200 : 1000;
  const host = launchHost(ctx.tmpDir);
  try {
    const client = new DeskClient(await host.ready);
    await signInAdmin(client);
    await client.invoke('unit.save', SAMPLE_UNIT);
    const pid = host.child.pid!;
    await settle();
    const atStart = rssKiB(pid);
    let done = 0;
    const intake = () =>
      client.invoke('dossiers.create', {
        requestId: randomUUID(),
        procedureCode: '2.000815',
        applicant: { fullName: `Trần Thị Mai ${done}`, idNumber: `0453010${String(done % 100000).padStart(5, '0')}`, dateOfBirth: '2001-05-04', phone: '0912345678', address: 'Thôn Cợp, xã Hướng Phùng' },
        components: [
          { position: 0, received: true },
          { position: 1, received: true },
        ],
        fee: { pages: 2, copies: 1 },
      });
    while (done < 10) {
      await intake();
      done++;
    }
    await settle();
    const after10 = rssKiB(pid);
    const t0 = performance.now();
    while (done < total) {
      await intake();
      done++;
      if (done % 200 === 0) ctx.log(`${done}/${total} intakes, RSS ${(rssKiB(pid) / 1024).toFixed(0)} MB`);
    }
    const seconds = (performance.now() - t0) / 1000;
    await settle();
    const afterAll = rssKiB(pid);
    const mb = (k: number) => k / 1024;
    return [
      { name: `host RSS after ${total} intakes`, value: mb(afterAll), unit: 'MB', baseline: { name: 'same host after 10 intakes', value: mb(after10) }, notes: `RSS at start ${mb(atStart).toFixed(0)} MB` },
      { name: `RSS growth per 1,000 intakes`, value: ((mb(afterAll) - mb(after10)) / (total - 10)) * 1000, unit: 'MB', baseline: null, notes: 'near 0 = no per-dossier leak' },
      { name: `sequential intake rate during the run`, value: (total - 10) / seconds, unit: 'dossiers/s', baseline: null, notes: 'one desk, HTTP, SQLite synchronous=FULL' },
    ];
  } finally {
    await killHard(host);
  }
}
