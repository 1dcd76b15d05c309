import { test as base, expect } from '@playwright/test';
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

export const test = base.extend<{ host: HostHandle; hostEnv: NodeJS.ProcessEnv }>({
  /** Extra environment for the host process, e.g. `test.use({ hostEnv: { MOTCUA_NOW: '2026-04-24T15:20:00+07:00' } })`. */
  hostEnv: [{}, { option: true }],
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
