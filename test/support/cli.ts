import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sqliteChildEnv } from './stores';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Run the real `motcua` command (bin/motcua.js) as a user would, on its own SQLite data folder. */
export function motcua(args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string } = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/motcua.js'), ...args], {
    cwd: ROOT,
    env: sqliteChildEnv(opts.env),
    encoding: 'utf8',
    input: opts.input,
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
