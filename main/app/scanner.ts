import { watchScanFolder } from '../adapters/scanner/folder';
import { SaneScanner } from '../adapters/scanner/sane';
import { WiaScanner } from '../adapters/scanner/wia';
import type { ScanFolderPort } from '../core/ports/scan-folder';
import type { Scanner } from '../core/ports/scanner';
import { AppError } from '../../shared/errors';
import { scanVi } from '../core/digitize/scan-messages';

export type ScannerBackend = 'sane' | 'wia' | 'none';

/** No scanner configured: lists nothing and says so when asked to scan (imports still work). */
export const noScanner: Scanner = {
  kind: 'none',
  list: async () => [],
  scan: async () => {
    throw new AppError('device_unavailable', scanVi.noScanner);
  },
};

/**
 * Which driver the desk uses: `MOTCUA_SCANNER` (tests, admins trying a driver) beats the saved
 * setting, which beats the platform default (WIA on Windows, SANE elsewhere).
 */
export function chooseScannerBackend(setting: unknown, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ScannerBackend {
  const valid = (v: unknown): v is ScannerBackend => v === 'sane' || v === 'wia' || v === 'none';
  if (valid(env.MOTCUA_SCANNER)) return env.MOTCUA_SCANNER;
  const fromSetting = (setting as { backend?: unknown } | undefined)?.backend;
  if (valid(fromSetting)) return fromSetting;
  return platform === 'win32' ? 'wia' : 'sane';
}

export function createScanner(backend: ScannerBackend): Scanner {
  if (backend === 'sane') return new SaneScanner();
  if (backend === 'wia') return new WiaScanner();
  return noScanner;
}

export const folderWatcher: ScanFolderPort = {
  watch: (dir, onFile, onError) => watchScanFolder(dir, (f) => onFile({ name: f.name, kind: f.kind, bytes: f.bytes }), { onError }),
};
