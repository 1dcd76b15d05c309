/**
 * KeyStore port over files with owner-only rights (folder 0700, files 0600), kept in the OS config
 * folder — never in the data folder, so a copied data folder or a backup never carries the keys.
 * The Electron shell may later put safeStorage behind the same port; this adapter is the fallback
 * everywhere (CLI, browser-mode host, tests through MOTCUA_KEY_DIR).
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import type { KeyStore } from '../../core/ports/key-store';

/** The OS's per-user config folder for MotCua Desk's keys (MOTCUA_KEY_DIR overrides it). */
export function defaultKeyDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MOTCUA_KEY_DIR) return resolve(env.MOTCUA_KEY_DIR);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'MotCua Desk', 'keys');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'MotCua Desk', 'keys');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'motcua-desk', 'keys');
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(resolve(parent), resolve(child));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,100}$/;

/**
 * `dir` must not lie inside `dataDir`: keys next to the data they protect protect nothing
 * (the folder is what gets copied, backed up and carried away).
 */
export function fileKeyStore(dir: string, opts: { dataDir?: string } = {}): KeyStore {
  const root = resolve(dir);
  if (opts.dataDir && isInside(root, opts.dataDir)) {
    throw new AppError('invalid_input', vi.trust.keyDirInsideData(root), { details: { keyDir: root, dataDir: resolve(opts.dataDir) } });
  }
  const fileOf = (name: string) => {
    if (!NAME.test(name)) throw new AppError('internal', `invalid key name ${JSON.stringify(name)}`);
    return join(root, `${name}.key`);
  };
  async function ensureDir(): Promise<void> {
    await mkdir(root, { recursive: true, mode: 0o700 });
    // mkdir's mode is masked by umask and leaves an existing folder as it was: set it explicitly.
    if (process.platform !== 'win32') await chmod(root, 0o700);
  }
  return {
    async read(name) {
      try {
        const text = await readFile(fileOf(name), 'utf8');
        return Buffer.from(text.trim(), 'base64');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw new AppError('device_unavailable', vi.trust.keyUnreadable(root), { cause: e });
      }
    },
    async write(name, secret) {
      try {
        await ensureDir();
        const target = fileOf(name);
        const tmp = join(root, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
        const fh = await open(tmp, 'wx', 0o600);
        try {
          await fh.writeFile(secret.toString('base64') + '\n', 'utf8');
          await fh.sync();
        } finally {
          await fh.close();
        }
        if (process.platform !== 'win32') await chmod(tmp, 0o600);
        await rename(tmp, target);
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw new AppError('device_unavailable', vi.trust.keyUnwritable(root), { cause: e });
      }
    },
    async remove(name) {
      await rm(fileOf(name), { force: true });
    },
    describe: () => root,
  };
}

/** Owner-only rights as SECURITY.md promises them (POSIX): for status screens and tests. */
export async function keyDirRights(dir: string): Promise<{ dir: number; exists: boolean }> {
  const s = await stat(dir).catch(() => null);
  return { dir: s ? s.mode & 0o777 : 0, exists: s !== null };
}
