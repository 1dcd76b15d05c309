import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AppError, isAppError } from '../../../shared/errors';
import { inspectSqliteFile, sqliteDamageOf, takeSqliteFileForReplace, type TableCounts } from '../../store/backup';
import type { Clock } from '../ports/clock';
import { silentLogger, type Logger } from '../ports/logger';
import { auditOfFile, backupSqliteFile, compareCounts, verifyBackupFile, type AdminProblem, type AuditSummary, type BackupCheck, type BackupResult } from './backup';
import { fsyncDir, fsyncFile, removeQuietly, sha256File } from './files';
import { vietnamStamp } from './names';

export interface RestoreOptions {
  /** The SQLite file of an app that is closed (normally `<dataDir>/motcua.sqlite`). */
  dbFile: string;
  /** The backup to bring back. */
  backupFile: string;
  /** Where the current data is backed up first (normally `<dataDir>/backups`); created if missing. */
  safetyFolder: string;
  clock: Clock;
  appVersion: string;
  /** The newest migration this app knows (defaults to the static index's latest). */
  appSchemaVersion?: string;
  logger?: Logger;
}

export type CurrentData =
  | { state: 'missing' }
  | { state: 'ok'; counts: TableCounts }
  | { state: 'damaged'; problem: string };

export interface RestorePreview extends BackupCheck {
  /** What the restore would replace. */
  current: CurrentData;
}

export type SafetyCopy =
  /** A normal, verified backup of the data that was replaced. */
  | ({ kind: 'backup' } & Pick<BackupResult, 'path' | 'manifestPath' | 'createdAt' | 'counts'>)
  /** The data was too damaged for a backup: its raw files were copied aside instead. */
  | { kind: 'raw_copy'; paths: string[]; reason: string }
  /** There was no data to keep (first start). */
  | { kind: 'none' };

export interface RestoreResult {
  dbFile: string;
  restoredFrom: string;
  backup: BackupCheck;
  safety: SafetyCopy;
  /** The restored file, re-checked after the swap. */
  restored: { check: string[]; counts: TableCounts; audit: AuditSummary };
}

async function describeCurrent(dbFile: string): Promise<CurrentData> {
  if (!(await stat(dbFile).then(() => true, () => false))) return { state: 'missing' };
  try {
    const inspected = await inspectSqliteFile(dbFile, { check: 'quick' });
    if (inspected.check.length === 1 && inspected.check[0] === 'ok') return { state: 'ok', counts: inspected.counts };
    return { state: 'damaged', problem: inspected.check.slice(0, 3).join('; ') };
  } catch (e) {
    const damage = sqliteDamageOf(e);
    if (damage) return { state: 'damaged', problem: damage === 'not_a_database' ? 'tệp không còn là cơ sở dữ liệu' : 'tệp bị hỏng' };
    throw e;
  }
}

/**
 * What a restore would do, without doing it: the backup's date, versions and counts (from its
 * manifest), a full re-verification of the file, and the counts of the data it would replace.
 */
export async function previewRestore(backupFile: string, opts: { dbFile: string; appSchemaVersion?: string }): Promise<RestorePreview> {
  const check = await verifyBackupFile(backupFile, { appSchemaVersion: opts.appSchemaVersion });
  if (check.engine !== 'sqlite') {
    check.problems.push({
      code: 'engine',
      message: 'Đây là bản sao lưu PostgreSQL (pg_dump). Khôi phục trên máy chủ bằng pg_restore, do người quản trị máy chủ thực hiện; lệnh này chỉ khôi phục dữ liệu SQLite của máy này.',
    });
    check.ok = false;
  }
  return { ...check, current: await describeCurrent(opts.dbFile) };
}

/**
 * Replace the data of a CLOSED app by a backup. The caller closes the app first and reopens it
 * afterwards (start-up then runs any newer migrations on the restored data).
 *
 * Order matters: verify the backup → make sure nobody has the file open → back up the current
 * data (a damaged file is copied aside raw) → copy the backup next to the database, flush,
 * check its hash → drop stale -wal/-shm/-journal (they belong to the old file and would be
 * replayed onto the new one) → rename over → flush the folder → verify the result.
 * Until the rename nothing of the current data has changed.
 */
export async function restoreSqliteBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const logger = (opts.logger ?? silentLogger).child('restore');
  const dbFile = resolve(opts.dbFile);
  const preview = await previewRestore(opts.backupFile, { dbFile, appSchemaVersion: opts.appSchemaVersion });
  if (!preview.ok) {
    throw new AppError('invalid_input', `Không khôi phục được từ "${preview.name}": ${preview.problems.map((p) => p.message).join(' ')}`, {
      details: { problems: preview.problems },
    });
  }

  const current = preview.current;
  const busy = () => new AppError('device_busy', 'Dữ liệu đang được mở bởi MotCua Desk hoặc một lệnh motcua khác. Hãy đóng phần mềm trên máy này rồi khôi phục lại.', { details: { dbFile } });
  let safety: SafetyCopy;
  if (current.state === 'damaged') {
    // Copy the damaged bytes aside before anything opens the file for writing (even a journal-mode switch writes to it).
    safety = await keepCurrentData(dbFile, current, opts);
    if ((await takeSqliteFileForReplace(dbFile)) === 'busy') throw busy();
  } else {
    if (current.state === 'ok') {
      const taken = await takeSqliteFileForReplace(dbFile);
      if (taken === 'busy') throw busy();
    }
    safety = await keepCurrentData(dbFile, current, opts);
  }
  logger.info('current data kept', { safety });

  const dir = dirname(dbFile);
  const tmp = join(dir, `.motcua-restore-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await copyFile(opts.backupFile, tmp);
    await fsyncFile(tmp);
    const expected = preview.manifest?.sha256 ?? (await sha256File(opts.backupFile));
    if ((await sha256File(tmp)) !== expected) {
      throw new AppError('device_unavailable', 'Bản chép của tệp sao lưu vào máy khác với tệp gốc (ổ USB đọc lỗi?). Dữ liệu hiện tại chưa bị thay đổi; hãy thử lại hoặc chép tệp sao lưu vào máy trước.');
    }
    await removeQuietly(`${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`);
    await rename(tmp, dbFile);
    await fsyncDir(dir);
  } catch (e) {
    await removeQuietly(tmp);
    if (isAppError(e)) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOSPC' ? 'ổ đĩa của máy đã đầy' : code === 'EACCES' || code === 'EPERM' ? 'không có quyền ghi vào thư mục dữ liệu' : code === 'EBUSY' ? 'tệp dữ liệu đang bị chương trình khác giữ' : (e as Error).message;
    throw new AppError('device_unavailable', `Không chép được bản sao lưu vào thư mục dữ liệu "${dir}" (${why}). Dữ liệu hiện tại chưa bị thay đổi.`, { cause: e, details: { code } });
  }

  const inspected = await inspectSqliteFile(dbFile);
  const audit = await auditOfFile(dbFile);
  const problems: AdminProblem[] = [];
  if (inspected.check.length !== 1 || inspected.check[0] !== 'ok') problems.push({ code: 'integrity', message: inspected.check.slice(0, 3).join('; ') });
  problems.push(...compareCounts(preview.counts, inspected.counts, 'dữ liệu đã khôi phục'));
  if (preview.audit && (audit.ok !== preview.audit.ok || audit.entries !== preview.audit.entries)) problems.push({ code: 'audit_chain', message: 'Nhật ký kiểm tra sau khi khôi phục khác với bản sao lưu.' });
  if (problems.length > 0) {
    const kept = safety.kind === 'backup' ? safety.path : safety.kind === 'raw_copy' ? safety.paths[0] : null;
    throw new AppError(
      'internal',
      `Dữ liệu sau khi khôi phục không khớp với bản sao lưu: ${problems.map((p) => p.message).join(' ')}${kept ? ` Dữ liệu trước khi khôi phục vẫn còn ở "${kept}".` : ''}`,
      { details: { problems, safety } },
    );
  }
  logger.info('restored', { dbFile, from: preview.path, counts: inspected.counts });
  return { dbFile, restoredFrom: preview.path, backup: preview, safety, restored: { check: inspected.check, counts: inspected.counts, audit } };
}

async function keepCurrentData(dbFile: string, current: CurrentData, opts: RestoreOptions): Promise<SafetyCopy> {
  if (current.state === 'missing') return { kind: 'none' };
  const folder = resolve(opts.safetyFolder);
  try {
    await mkdir(folder, { recursive: true });
  } catch (e) {
    throw new AppError('device_unavailable', `Không tạo được thư mục "${folder}" để giữ bản sao dữ liệu hiện tại, nên chưa khôi phục. Hãy chọn thư mục khác.`, { cause: e });
  }
  if (current.state === 'ok') {
    try {
      const b = await backupSqliteFile(dbFile, { folder, clock: opts.clock, appVersion: opts.appVersion, logger: opts.logger });
      return { kind: 'backup', path: b.path, manifestPath: b.manifestPath, createdAt: b.createdAt, counts: b.counts };
    } catch (e) {
      // Only damage of the current data justifies going on without a proper backup of it.
      if (!(isAppError(e) && e.code === 'store_unavailable')) throw withRestoreNote(e);
      current = { state: 'damaged', problem: e.message };
    }
  }
  // Damaged: keep the raw bytes (and a WAL that may still hold the latest saves) for a specialist.
  const base = join(folder, `motcua-damaged-${vietnamStamp(opts.clock.now())}-${randomBytes(2).toString('hex')}.sqlite`);
  const paths: string[] = [];
  try {
    for (const suffix of ['', '-wal']) {
      const from = `${dbFile}${suffix}`;
      if (!(await stat(from).then(() => true, () => false))) continue;
      await copyFile(from, `${base}${suffix}`);
      await fsyncFile(`${base}${suffix}`);
      paths.push(`${base}${suffix}`);
    }
    await fsyncDir(folder);
  } catch (e) {
    await removeQuietly(...paths);
    throw withRestoreNote(e);
  }
  return { kind: 'raw_copy', paths, reason: current.problem };
}

function withRestoreNote(e: unknown): AppError {
  const note = 'Chưa khôi phục: phải giữ được bản sao dữ liệu hiện tại trước đã.';
  if (isAppError(e)) return new AppError(e.code, `${e.message} ${note}`, { details: e.details, cause: e });
  return new AppError('internal', `Không giữ được bản sao dữ liệu hiện tại (${(e as Error).message}). ${note}`, { cause: e });
}
