import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * The real host process (`main/host/main.ts --json`) for the stress, fuzz and load suites and the
 * benchmarks: spawned with `node --import tsx` exactly as `npm run host` runs it, so a SIGKILL
 * here is what a power cut or a killed task does to the desk.
 */
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface HostInfo {
  url: string;
  port: number;
  token: string;
  dataDir: string;
  store: string | null;
  mode: string;
}

export interface LaunchedHost {
  child: ChildProcess;
  /** Resolves with the address line; rejects if the process dies or stays silent too long. */
  ready: Promise<HostInfo>;
  /** Resolves when the process has exited (code or signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** A fixed working morning in Vietnam, so every run numbers dossiers on one day and nothing depends on the wall clock. */
export const STRESS_NOW = '2026-03-17T08:30:00+07:00';

export interface LaunchOptions {
  env?: NodeJS.ProcessEnv;
  /** Keep DATABASE_URL from the environment (load on PostgreSQL); by default the host uses SQLite in dataDir. */
  keepDatabaseUrl?: boolean;
  timeoutMs?: number;
  /** 'source' (default): the TypeScript through tsx, as the tests run it; 'bundle': dist/node/host.mjs, as shipped. */
  entry?: 'source' | 'bundle';
}

export function launchHost(dataDir: string, opts: LaunchOptions = {}): LaunchedHost {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MOTCUA_PRINTER: 'pdf-file',
    MOTCUA_PRINTER_DIR: join(dataDir, 'printed-pdf'),
    MOTCUA_SCANNER: 'none',
    MOTCUA_NOW: STRESS_NOW,
    ...opts.env,
  };
  if (!opts.keepDatabaseUrl) {
    delete env.DATABASE_URL;
    delete env.MOTCUA_PG_SCHEMA;
  }
  const entry = opts.entry === 'bundle' ? [join(ROOT, 'dist/node/host.mjs')] : ['--import', 'tsx', join(ROOT, 'main/host/main.ts')];
  const child = spawn(process.execPath, [...entry, '--json', '--data-dir', dataDir], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 20_000) stderr = stderr.slice(-20_000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.once('exit', (code, signal) => res({ code, signal })));
  const ready = new Promise<HostInfo>((res, rej) => {
    const rl = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => rej(new Error(`host did not start within ${opts.timeoutMs ?? 90_000} ms: ${stderr}`)), opts.timeoutMs ?? 90_000);
    rl.once('line', (line) => {
      clearTimeout(timer);
      try {
        res(JSON.parse(line) as HostInfo);
      } catch {
        rej(new Error(`host printed an unexpected first line: ${line}\n${stderr}`));
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      rej(new Error(`host exited (code ${code}, signal ${signal}) before answering: ${stderr}`));
    });
  });
  // A kill during start-up is expected in the stress runs; the rejection is read there, never left unhandled.
  ready.catch(() => undefined);
  return { child, ready, exited, stderr: () => stderr };
}

/** SIGKILL: no shutdown hook runs, nothing is flushed but what the store already made durable. */
export async function killHard(host: LaunchedHost): Promise<void> {
  if (host.child.exitCode === null && host.child.signalCode === null) host.child.kill('SIGKILL');
  await host.exited;
}

export async function stopGently(host: LaunchedHost): Promise<void> {
  if (host.child.exitCode === null && host.child.signalCode === null) host.child.kill('SIGTERM');
  const timer = setTimeout(() => host.child.kill('SIGKILL'), 15_000);
  await host.exited;
  clearTimeout(timer);
}

export interface Envelope<T = any> {
  ok: boolean;
  value?: T;
  error?: { code: string; message: string; issues?: Array<{ path: string; message: string }>; details?: Record<string, unknown> };
}

export class RpcError extends Error {
  constructor(
    readonly channel: string,
    readonly code: string,
    message: string,
  ) {
    super(`${channel}: ${code} ${message}`);
  }
}

/** One desk talking to a host over HTTP, as the browser page does (token + officer session header). */
export class DeskClient {
  session: string | null = null;
  constructor(public host: Pick<HostInfo, 'url' | 'token'>) {}

  /** The raw answer: HTTP status and envelope. Network failures (a killed host) reject. */
  async call<T = any>(channel: string, input: unknown = {}, opts: { timeoutMs?: number } = {}): Promise<{ status: number; envelope: Envelope<T> }> {
    const res = await fetch(`${this.host.url}/rpc/${channel}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${this.host.token}`,
        'Content-Type': 'application/json',
        ...(this.session ? { 'X-Motcua-Session': this.session } : {}),
      },
      body: JSON.stringify(input),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 120_000),
    });
    const text = await res.text();
    let envelope: Envelope<T>;
    try {
      envelope = JSON.parse(text) as Envelope<T>;
    } catch {
      throw new Error(`${channel}: HTTP ${res.status} answered something that is not an envelope: ${text.slice(0, 200)}`);
    }
    return { status: res.status, envelope };
  }

  async invoke<T = any>(channel: string, input: unknown = {}): Promise<T> {
    const { envelope } = await this.call<T>(channel, input);
    if (!envelope.ok) throw new RpcError(channel, envelope.error?.code ?? '?', envelope.error?.message ?? '');
    return envelope.value as T;
  }

  /** Bytes from the files route, as the PDF preview fetches them. */
  async file(fileId: string): Promise<{ status: number; bytes: Buffer; type: string | null }> {
    const res = await fetch(`${this.host.url}/files/${fileId}?token=${encodeURIComponent(this.host.token)}`, {
      headers: this.session ? { 'X-Motcua-Session': this.session } : {},
    });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') };
  }
}

export const STRESS_ADMIN = { name: 'quantri', displayName: 'Quản trị kiểm thử', pin: '246810' };

/** First run: create the admin; later runs (or after a kill mid set-up): sign in with the same PIN. */
export async function signInAdmin(client: DeskClient, previousSession: string | null = null): Promise<void> {
  // Sessions live in the store, so one from before a restart (or a kill) may still be good: no PIN hashing then.
  if (previousSession) {
    client.session = previousSession;
    const me = await client.call('auth.me');
    if (me.envelope.ok && me.envelope.value) return;
    client.session = null;
  }
  const status = await client.invoke<{ hasUsers: boolean }>('auth.status');
  if (!status.hasUsers) {
    const { envelope } = await client.call<{ token: string }>('auth.setupAdmin', STRESS_ADMIN);
    if (envelope.ok) {
      client.session = envelope.value!.token;
      return;
    }
  }
  client.session = (await client.invoke<{ token: string }>('auth.signIn', { name: STRESS_ADMIN.name, pin: STRESS_ADMIN.pin })).token;
}

/** Seeded PRNG (mulberry32): a failing run is replayed with MOTCUA_STRESS_SEED=<printed seed>. */
export function prng(seed: number): { next(): number; int(min: number, max: number): number; pick<T>(xs: readonly T[]): T } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
