/**
 * Backup file names: `motcua-YYYYMMDD-HHmmss.sqlite` (or `.pgdump`) in Vietnam time, which is what
 * the clerk sees on the wall clock, with `-2`, `-3`… when two backups land in the same second.
 * Rotation deletes only names matching BACKUP_NAME, so nothing else in a USB folder is ever touched.
 */
export type BackupEngine = 'sqlite' | 'postgres';

export const BACKUP_NAME = /^motcua-(\d{8})-(\d{6})(?:-(\d{1,4}))?\.(sqlite|pgdump)$/;
/** Our own in-progress files (and SQLite's side files of them), never a finished backup. */
export const TEMP_NAME = /^\.motcua-[0-9a-z-]+\.tmp(?:-journal|-wal|-shm)?$/;
export const MANIFEST_SUFFIX = '.json';

const VIETNAM_OFFSET_MS = 7 * 3600_000; // UTC+7 all year, no daylight saving.

export function extensionFor(engine: BackupEngine): 'sqlite' | 'pgdump' {
  return engine === 'sqlite' ? 'sqlite' : 'pgdump';
}

/** `20260317-090000` for 2026-03-17T02:00:00Z. */
export function vietnamStamp(at: Date): string {
  const v = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(v.getUTCFullYear(), 4)}${p(v.getUTCMonth() + 1)}${p(v.getUTCDate())}-${p(v.getUTCHours())}${p(v.getUTCMinutes())}${p(v.getUTCSeconds())}`;
}

export function backupFileName(at: Date, engine: BackupEngine, seq = 1): string {
  return `motcua-${vietnamStamp(at)}${seq > 1 ? `-${seq}` : ''}.${extensionFor(engine)}`;
}

export interface ParsedBackupName {
  name: string;
  engine: BackupEngine;
  /** The instant encoded in the name (Vietnam wall clock → UTC). */
  at: Date;
  seq: number;
  /** Sorts newest last when compared as strings. */
  sortKey: string;
}

export function parseBackupName(name: string): ParsedBackupName | null {
  const m = BACKUP_NAME.exec(name);
  if (!m) return null;
  const [d, t] = [m[1]!, m[2]!];
  const utc = Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +t.slice(0, 2), +t.slice(2, 4), +t.slice(4, 6)) - VIETNAM_OFFSET_MS;
  if (Number.isNaN(utc)) return null;
  const seq = m[3] ? Number(m[3]) : 1;
  return { name, engine: m[4] === 'sqlite' ? 'sqlite' : 'postgres', at: new Date(utc), seq, sortKey: `${d}${t}-${String(seq).padStart(4, '0')}` };
}

/** "17/03/2026 09:00:00" (Vietnam time) for messages. */
export function vietnamDateTime(at: Date): string {
  const s = vietnamStamp(at);
  return `${s.slice(6, 8)}/${s.slice(4, 6)}/${s.slice(0, 4)} ${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}`;
}
