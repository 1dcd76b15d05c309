/**
 * A full disk, whoever reports it: SQLite (SQLITE_FULL, "database or disk is full"), PostgreSQL
 * (53100 disk_full, "could not extend file …: No space left on device"), or the file system
 * (ENOSPC, EDQUOT) while writing a PDF, a scan or a temporary file. All of them become one
 * `disk_full` error with a sentence saying what to free, never `internal` or `store_unavailable`.
 *
 * While the disk is full the desk is in effect read-only: SQLite and PostgreSQL refuse each write
 * atomically (nothing half-saved, see the rollback note in main/store/dialect.ts), reads still work,
 * and writes succeed again by themselves once space returns; no restart, no state to reset.
 */
import { AppError, isAppError } from '../../shared/errors';
import { vi } from '../../shared/i18n/vi';

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL', '53100']);
const DISK_FULL_TEXT = /database or disk is full|no space left on device|could not extend file|disk quota exceeded/i;

/** True when `err` (or any error in its `cause` chain) says the disk is full. */
export function isDiskFull(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (isAppError(e) && e.code === 'disk_full') return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && DISK_FULL_CODES.has(code)) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && DISK_FULL_TEXT.test(message)) return true;
  }
  return false;
}

export interface StorageFacts {
  kind: 'sqlite' | 'postgres';
  /** The data folder (SQLite's file lives there). */
  dataDir: string;
  /** Free bytes on the data folder's disk, or null when unknown. */
  freeBytes?: () => number | null;
}

/** The `disk_full` error for this desk: the message names the folder (or the server) and the free space. */
export function diskFullError(facts: StorageFacts | undefined, cause?: unknown): AppError {
  const free = facts?.freeBytes?.() ?? null;
  const message = facts?.kind === 'postgres' ? vi.storage.diskFullServer : vi.storage.diskFullLocal(facts?.dataDir ?? '', free);
  return new AppError('disk_full', message, { details: { readOnly: true, ...(free === null ? {} : { freeBytes: free }) }, cause });
}
