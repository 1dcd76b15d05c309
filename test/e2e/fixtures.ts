import { test as base, expect, type Route } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const ARTIFACTS = join(ROOT, 'test', 'artifacts');

export interface HostHandle {
  url: string;
  openUrl: string;
  token: string;
  dataDir: string;
  process: ChildProcess;
  /** Stop the host (as a clean shutdown) and start it again on the same data folder. */
  restart(): Promise<HostHandle>;
}

/** Start `main/host/main.ts --json` on a data folder and wait for its address line. */
export async function startHostProcess(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<Omit<HostHandle, 'restart'>> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  // The e2e desks run on their own SQLite file, as a newcomer's would (the store suite covers PostgreSQL).
  delete childEnv.DATABASE_URL;
  // Office keys outside the data folder, as on a real desk, but in a folder of the test's own.
  childEnv.MOTCUA_KEY_DIR ??= `${dataDir}.keys`;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'main/host/main.ts'), '--json', '--data-dir', dataDir], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const line = await new Promise<string>((res, rej) => {
    const rl = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => rej(new Error(`host did not start in time: ${stderr}`)), 30_000);
    rl.once('line', (l) => {
      clearTimeout(timer);
      res(l);
    });
    child.once('exit', (code) => rej(new Error(`host exited with ${code}: ${stderr}`)));
  });
  const info = JSON.parse(line) as { url: string; openUrl: string; token: string };
  return { ...info, dataDir, process: child };
}

export async function stopHostProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((res) => {
    child.once('exit', () => res());
    child.kill('SIGTERM');
  });
}

/** The officer the fixture signs in when a test does not manage sign-in itself. */
export const E2E_ADMIN = { name: 'quantri', displayName: 'Quản trị thử nghiệm', pin: '246810' };

/** One RPC call to a running host over HTTP (Node side), optionally as a signed-in officer. */
export async function hostCall<T = any>(host: Pick<HostHandle, 'url' | 'token'>, channel: string, data: unknown = {}, session?: string | null): Promise<T> {
  const res = await fetch(`${host.url}/rpc/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', ...(session ? { 'X-Motcua-Session': session } : {}) },
    body: JSON.stringify(data),
  });
  const envelope = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error?.code} ${envelope.error?.message}`);
  return envelope.value as T;
}

/** Create an officer (as `adminSession`) and sign them in; returns their session token. */
export async function createUserAndSignIn(
  host: Pick<HostHandle, 'url' | 'token'>,
  adminSession: string,
  user: { name: string; displayName: string; role: 'clerk' | 'leader' | 'admin'; pin: string },
): Promise<string> {
  await hostCall(host, 'users.create', user, adminSession);
  return (await hostCall<{ token: string }>(host, 'auth.signIn', { name: user.name, pin: user.pin })).token;
}

/** Open the app in `page` already signed in with `session` (the renderer takes it from the fragment). */
export function signedInUrl(host: Pick<HostHandle, 'url' | 'token'>, session: string): string {
  return `${host.url}/#token=${host.token}&session=${session}`;
}

export const test = base.extend<{ host: HostHandle; hostEnv: NodeJS.ProcessEnv; autoSignIn: boolean }>({
  /** Extra environment for the host process, e.g. `test.use({ hostEnv: { MOTCUA_NOW: '2026-04-24T15:20:00+07:00' } })`. */
  hostEnv: [{}, { option: true }],
  /**
   * Sign-in (users and roles): unless a test opts out with `test.use({ autoSignIn: false })`, the
   * first RPC the page makes on a desk without officers creates E2E_ADMIN, and every page request
   * and `page.request` call without a session of its own then carries that admin's session. A test
   * that creates its own officers (auth.setupAdmin) keeps full control: nothing is injected then.
   */
  autoSignIn: [true, { option: true }],
  page: async ({ page, host, autoSignIn }, use) => {
    if (autoSignIn) {
      let session: string | null = null;
      // Once the test's own officers exist before ours, it manages sessions itself: stand aside.
      let standAside = false;
      let pending: Promise<string | null> | null = null;
      const ensureSession = () =>
        (pending ??= (async () => {
          if (session || standAside) return session;
          const status = await hostCall<{ hasUsers: boolean }>(host, 'auth.status');
          standAside = status.hasUsers;
          if (status.hasUsers) return null;
          session = (await hostCall<{ token: string }>(host, 'auth.setupAdmin', E2E_ADMIN)).token;
          await page.context().setExtraHTTPHeaders({ 'X-Motcua-Session': session });
          return session;
        })().finally(() => (pending = null)));
      const inject = async (route: Route) => {
        const headers = route.request().headers();
        if (!headers['x-motcua-session']) {
          const s = await ensureSession().catch(() => null);
          if (s) headers['x-motcua-session'] = s;
        }
        await route.continue({ headers });
      };
      await page.route('**/rpc/**', inject);
      await page.route('**/files/**', inject);
    }
    await use(page);
  },
  host: async ({ hostEnv }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'motcua-e2e-'));
    let current = await startHostProcess(dataDir, hostEnv);
    const handle: HostHandle = {
      ...current,
      async restart() {
        await stopHostProcess(current.process);
        current = await startHostProcess(dataDir, hostEnv);
        Object.assign(handle, current);
        return handle;
      },
    };
    await use(handle);
    await stopHostProcess(current.process);
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

export { expect };
