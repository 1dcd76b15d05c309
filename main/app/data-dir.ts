import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const PRODUCT_NAME = 'MotCua Desk';

/**
 * The folder that holds the store, documents, logs and config. In the desktop app it is Electron's
 * userData; the host and CLI use the same place by default, so `motcua` on an installed machine
 * works on the app's own data. `--data-dir` or MOTCUA_DATA_DIR override it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env.MOTCUA_DATA_DIR;
  return chosen && chosen.trim() !== '' ? resolve(chosen) : defaultDataDir(env);
}
