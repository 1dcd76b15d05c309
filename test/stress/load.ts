import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SAMPLE_UNIT } from '../support/app';
import { DeskClient, killHard, launchHost, percentile, signInAdmin, STRESS_ADMIN, type LaunchedHost } from './host-process';

/**
 * Several desks working at once (issue 9 "Load"): each desk loops intake → receipt print → search
 * for a fixed number of rounds against real host processes. On SQLite the desks share one host (one
 * office machine, several browser tabs); with DATABASE_URL every desk group runs its own host
 * process on one PostgreSQL schema, as desks sharing an office server do.
 */
export interface LoadOptions {
  desks: number;
  roundsPerDesk: number;
  /** Host processes; >1 needs PostgreSQL (DATABASE_URL). */
  processes?: number;
  databaseUrl?: string;
  log?: (line: string) => void;
  /** Extra environment for the host processes (e.g. MOTCUA_RENDER_THREADS=0 for the in-process baseline). */
  env?: NodeJS.ProcessEnv;
}

export interface LoadResult {
  store: 'sqlite' | 'postgres';
  desks: number;
  processes: number;
  operations: number;
  errors: string[];
  seconds: number;
  throughput: number;
  latencyMs: Record<'intake' | 'print' | 'search', { p50: number; p95: number; max: number }>;
  codes: string[];
  duplicateCodes: number;
  /** Day sequence numbers not 1..N without gaps. */
  sequenceProblems: string[];
}

const PROCEDURE = '2.000815';

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const processes = opts.databaseUrl ? Math.max(1, opts.processes ?? 1) : 1;
  const schema = opts.databaseUrl ? `load_${randomBytes(5).toString('hex')}` : undefined;
  const dirs: string[] = [];
  const hosts: LaunchedHost[] = [];
  const env = { ...opts.env, ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl, MOTCUA_PG_SCHEMA: schema } : {}) };
  try {
    // The first host migrates the store; the others start after it, as desks joining an office server do.
    for (let p = 0; p < processes; p++) {
      const dir = mkdtempSync(join(tmpdir(), 'motcua-load-'));
      dirs.push(dir);
      const h = launchHost(dir, { env, keepDatabaseUrl: Boolean(opts.databaseUrl) });
      hosts.push(h);
      if (p === 0) {
        const c = new DeskClient(await h.ready);
        await signInAdmin(c);
        await c.invoke('unit.save', SAMPLE_UNIT);
      }
    }
    const infos = await Promise.all(hosts.map((h) => h.ready));
    const clients: DeskClient[] = [];
    for (let d = 0; d < opts.desks; d++) {
      const c = new DeskClient(infos[d % infos.length]!);
      c.session = (await c.invoke<{ token: string }>('auth.signIn', { name: STRESS_ADMIN.name, pin: STRESS_ADMIN.pin })).token;
      clients.push(c);
    }
    // One warm-up round per host, so the figures are about steady work, not first-call module loading.
    for (const info of infos) {
      const c = clients.find((x) => x.host === info)!;
      const w = await c.invoke<{ code: string }>('dossiers.create', intake(0, 0));
      await c.invoke('documents.print', { target: { kind: 'dossier', code: w.code, form: '01' } });
      await c.invoke('dossiers.search', { query: 'nguyen' });
    }

    const lat = { intake: [] as number[], print: [] as number[], search: [] as number[] };
    const errors: string[] = [];
    const codes: string[] = [];
    const timed = async <T>(kind: keyof typeof lat, work: () => Promise<T>): Promise<T | null> => {
      const t = performance.now();
      try {
        const v = await work();
        lat[kind].push(performance.now() - t);
        return v;
      } catch (e) {
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        const dead = hosts.filter((h) => h.child.exitCode !== null || h.child.signalCode !== null).map((h) => `host exited ${h.child.exitCode ?? h.child.signalCode}: ${h.stderr().slice(-500)}`);
        errors.push(`${kind}: ${(e as Error).message}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''} after ${(performance.now() - t).toFixed(0)} ms${dead.length ? `; ${dead.join('; ')}` : ''}`);
        return null;
      }
    };
    const started = performance.now();
    await Promise.all(
      clients.map(async (c, d) => {
        for (let r = 1; r <= opts.roundsPerDesk; r++) {
          const created = await timed('intake', () => c.invoke<{ code: string }>('dossiers.create', intake(d + 1, r)));
          if (!created) continue;
          codes.push(created.code);
          await timed('print', () => c.invoke('documents.print', { target: { kind: 'dossier', code: created.code, form: '01' } }));
          const found = await timed('search', () => c.invoke<{ rows: Array<{ code: string }> }>('dossiers.search', { query: `Bàn ${d + 1} Lượt ${r}` }));
          if (found && !found.rows.some((x) => x.code === created.code)) errors.push(`search: ${created.code} not found right after intake`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const operations = lat.intake.length + lat.print.length + lat.search.length;
    const stats = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), max: Math.max(...xs) });
    // Numbering over the whole day (warm-up included) must be 1..N: read it back from one desk.
    const dayCodes: string[] = [];
    for (let page = 1; ; page++) {
      const p = await clients[0]!.invoke<{ total: number; rows: Array<{ code: string }> }>('dossiers.search', { pageSize: 200, page });
      dayCodes.push(...p.rows.map((r) => r.code));
      if (p.rows.length === 0 || dayCodes.length >= p.total) break;
    }
    const seqs = dayCodes.map((c) => Number(c.slice(-4))).sort((a, b) => a - b);
    const sequenceProblems = seqs.every((n, i) => n === i + 1) ? [] : [`day numbers are not 1..${seqs.length}: ${seqs.join(',')}`];
    return {
      store: opts.databaseUrl ? 'postgres' : 'sqlite',
      desks: opts.desks,
      processes,
      operations,
      errors,
      seconds,
      throughput: operations / seconds,
      latencyMs: { intake: stats(lat.intake), print: stats(lat.print), search: stats(lat.search) },
      codes,
      duplicateCodes: codes.length - new Set(codes).size,
      sequenceProblems,
    };
  } finally {
    await Promise.all(hosts.map((h) => killHard(h)));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    if (opts.databaseUrl && schema) {
      const client = new pg.Client({ connectionString: opts.databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }
}

/** One realistic intake of desk `desk`, round `round` (unique ID number per pair). */
export function intake(desk: number, round: number) {
  return {
    requestId: randomUUID(),
    procedureCode: PROCEDURE,
    applicant: { fullName: `Nguyễn Bàn ${desk} Lượt ${round}`, idNumber: `0453010${String(desk * 1000 + round).padStart(5, '0')}`, dateOfBirth: '2001-05-04', phone: '0912345678', address: 'Thôn Cợp, xã Hướng Phùng' },
    components: [
      { position: 0, received: true },
      { position: 1, received: true },
    ],
    fee: { pages: 1 + (round % 4), copies: 1 },
  };
}
