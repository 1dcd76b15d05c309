/**
 * Whether the SQLite file needs its structure check (`quick_check`) before this start (issue 16).
 *
 * `quick_check` reads every page: ~1 s on a 700 MB desk database, on every start of the host and of
 * every CLI command. It only finds something when the file changed outside a clean run of this app:
 * a crash or power cut mid-write, a copy over it, a disk fault, someone editing bytes. So on a clean
 * close we write a small marker next to the file recording exactly what the file looked like then
 * (size, inode, modification and change times, to the nanosecond) and when it was last checked. The next
 * start skips the check only if the marker is there, still describes the file exactly, no WAL is left
 * over, and the last check is recent; it then consumes the marker, so a crash during this run leaves
 * none and the following start checks. `motcua verify` always checks.
 *
 * What it cannot see: a fault that changes bytes without touching the file's times (a failing disk).
 * The weekly re-check (CHECK_EVERY_MS) bounds how long such damage goes unnoticed.
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';

export const CHECK_EVERY_MS = 7 * 24 * 3600 * 1000;

interface Marker {
  size: number;
  ino: string;
  mtimeNs: string;
  ctimeNs: string;
  /** When `quick_check` last said "ok" for this file (epoch ms). */
  checkedAt: number;
}

const markerPath = (file: string) => `${file}.clean-close.json`;

function fingerprint(file: string): Omit<Marker, 'checkedAt'> {
  const s = statSync(file, { bigint: true });
  return { size: Number(s.size), ino: String(s.ino), mtimeNs: String(s.mtimeNs), ctimeNs: String(s.ctimeNs) };
}

/**
 * Read and remove the marker. Returns when the file was last checked if the check can be skipped
 * now, else null (no marker, a different file, a WAL left by a crash, or a check due).
 */
export function consumeCleanClose(file: string, now: number): number | null {
  const path = markerPath(file);
  if (!existsSync(path)) return null;
  let marker: Marker | null;
  try {
    marker = JSON.parse(readFileSync(path, 'utf8')) as Marker;
  } catch {
    marker = null;
  }
  rmSync(path, { force: true });
  if (!marker || existsSync(`${file}-wal`)) return null;
  const now_ = fingerprint(file);
  const same = now_.size === marker.size && now_.ino === marker.ino && now_.mtimeNs === marker.mtimeNs && now_.ctimeNs === marker.ctimeNs;
  if (!same || typeof marker.checkedAt !== 'number' || now - marker.checkedAt > CHECK_EVERY_MS || marker.checkedAt > now) return null;
  return marker.checkedAt;
}

/** After the store closed cleanly (the WAL checkpointed and gone): record what the file is now. */
export function recordCleanClose(file: string, checkedAt: number): void {
  if (!existsSync(file) || existsSync(`${file}-wal`)) return;
  try {
    writeFileSync(markerPath(file), JSON.stringify({ ...fingerprint(file), checkedAt } satisfies Marker), { mode: 0o600 });
  } catch {
    // No marker only means the next start checks the file: never a reason to fail a close.
  }
}
