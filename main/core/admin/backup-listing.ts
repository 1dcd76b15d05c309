/** Our backups in a folder (newest first, read from their names and manifests) and the rotation that keeps the newest N. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { folderError } from './errors';
import { removeQuietly, sizeOf } from './files';
import { manifestPathFor, readManifest, type BackupManifest } from './manifest';
import { parseBackupName, TEMP_NAME, type BackupEngine } from './names';


export interface BackupListing {
  name: string;
  path: string;
  engine: BackupEngine;
  /** ISO instant: the manifest's createdAt, or the time in the name when there is no manifest. */
  createdAt: string;
  bytes: number;
  manifest: BackupManifest | null;
  /** A manifest exists, parses and its size matches the file (cheap check; `verifyBackupFile` is the deep one). */
  complete: boolean;
  sortKey: string;
}

/** Our backups in a folder, newest first. A missing folder lists nothing. */
export async function listBackups(folder: string): Promise<BackupListing[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw folderError(e, folder);
  }
  const out: BackupListing[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const path = join(folder, name);
    const bytes = await sizeOf(path);
    const m = await readManifest(path);
    const manifest = m && !('error' in m) ? m : null;
    out.push({
      name,
      path,
      engine: parsed.engine,
      createdAt: manifest?.createdAt ?? parsed.at.toISOString(),
      bytes,
      manifest,
      complete: manifest !== null && manifest.bytes === bytes && manifest.file === name,
      sortKey: parsed.sortKey,
    });
  }
  return out.sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0));
}

/**
 * Keep the newest `keep` backups in `folder` and delete the older ones with their manifests.
 * Only names matching our pattern are considered; anything else in the folder is left alone.
 * Also removes our own orphaned temp files and manifests (from a crash) older than a day.
 */
export async function rotateBackups(folder: string, keep: number, opts: { protect?: string[]; now?: Date } = {}): Promise<string[]> {
  if (!Number.isInteger(keep) || keep < 1) throw new AppError('invalid_input', 'Số bản sao lưu giữ lại phải là số nguyên từ 1 trở lên.', { issues: [{ path: 'keep', message: 'Phải là số nguyên ≥ 1.' }] });
  const backups = await listBackups(folder);
  const protect = new Set(opts.protect ?? []);
  const removed: string[] = [];
  let kept = 0;
  for (const b of backups) {
    if (protect.has(b.name) || kept < keep) {
      kept += 1;
      continue;
    }
    await removeQuietly(manifestPathFor(b.path));
    await removeQuietly(b.path);
    removed.push(b.name);
  }
  const names = await readdir(folder).catch(() => [] as string[]);
  const dayAgo = (opts.now ?? new Date()).getTime() - 24 * 3600_000;
  for (const name of names) {
    const orphanManifest = name.endsWith('.json') && parseBackupName(name.slice(0, -5)) !== null && !names.includes(name.slice(0, -5));
    const staleTemp = TEMP_NAME.test(name) || /^\.motcua-[0-9a-z-]+\.json\.tmp$/.test(name);
    if (!orphanManifest && !staleTemp) continue;
    const s = await stat(join(folder, name)).catch(() => null);
    if (s && s.mtimeMs < dayAgo) await removeQuietly(join(folder, name));
  }
  return removed;
}

// ─── checking an existing backup ──────────────────────────────────────────────
