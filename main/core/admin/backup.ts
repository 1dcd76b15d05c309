/**
 * Making a backup (issue: users, roles, backup): an online copy of the SQLite file or a pg_dump snapshot of
 * PostgreSQL, written to a temp name in the chosen folder, checked against the source (integrity, row
 * counts, audit chain), published with its manifest, then rotated. Verifying a file is backup-verify.ts,
 * listing and rotation backup-listing.ts, the audit/count comparisons backup-audit.ts, pg tools pg-tools.ts.
 */
import { randomBytes } from 'node:crypto';
import { access, constants, rename, stat, statfs } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/errors';
import {
  inspectSqliteFile,
  makeStandaloneSqliteFile,
  pgSnapshotDump,
  readPgDump,
  sqliteDamageOf,
  sqliteSnapshotBackup,
  type TableCounts,
} from '../../store/backup';
import type { NativeLocation, Store } from '../../store/dialect';
import type { Database } from '../../store/schema';
import type { Clock } from '../ports/clock';
import { silentLogger, type Logger } from '../ports/logger';
import { auditOf, auditOfFile, auditMessage, auditWarnings, compareCounts, integrityProblem, sameAudit, type AdminProblem, type AuditSummary } from './backup-audit';
import { rotateBackups } from './backup-listing';
import { folderError } from './errors';
import { pgToolError, pgTools, type PgToolsOptions } from './pg-tools';
import { exists, fsyncDir, fsyncFile, removeQuietly, sha256File, sizeOf, writeFileAtomic } from './files';
import { manifestPathFor, type BackupManifest } from './manifest';
import { backupFileName, vietnamStamp, type BackupEngine } from './names';

export interface BackupOptions {
  /** Destination folder, e.g. a USB drive. It must exist: a missing folder usually means the drive is not plugged in. */
  folder: string;
  /** Keep only the newest N backups in the folder (only files named like ours). Omit to keep all. */
  keep?: number;
  clock: Clock;
  appVersion: string;
  logger?: Logger;
  onProgress?: (p: { totalPages: number; remainingPages: number }) => void;
  pgTools?: PgToolsOptions;
}

export type BackupResult = BackupManifest & {
  path: string;
  manifestPath: string;
  /** Older backups deleted by rotation. */
  removed: string[];
  /** Things the admin should know that did not stop the backup (e.g. an already broken audit chain). */
  warnings: AdminProblem[];
};

// Backups in one process run one at a time (the scheduler and a manual click may coincide).
let queue: Promise<unknown> = Promise.resolve();
function serialized<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work);
  queue = next.catch(() => undefined);
  return next;
}

/** Back up the store the app has open, while it keeps working. SQLite: online copy; PostgreSQL: pg_dump. */
export async function createBackup(store: Store, opts: BackupOptions): Promise<BackupResult> {
  const native = store.native;
  if (!native) throw new AppError('internal', 'Kho dữ liệu này không hỗ trợ sao lưu.');
  return serialized(() => (native.kind === 'sqlite' ? backupSqlite(native.file, store.describe, opts) : backupPostgres(store.db, native, store.describe, opts)));
}

/** Back up a SQLite file by path (used by restore for the safety copy, when no app is open). */
export function backupSqliteFile(file: string, opts: BackupOptions): Promise<BackupResult> {
  return serialized(() => backupSqlite(file, `SQLite: ${file}`, opts));
}

async function backupSqlite(file: string, describe: string, opts: BackupOptions): Promise<BackupResult> {
  const logger = (opts.logger ?? silentLogger).child('backup');
  const folder = resolve(opts.folder);
  const sourceBytes = (await sizeOf(file)) + (await sizeOf(`${file}-wal`));
  await checkFolder(folder, sourceBytes);
  const at = opts.clock.now();
  const tmp = tempPath(folder, at);
  let manifestWritten: string | null = null;
  try {
    let snap;
    try {
      snap = await sqliteSnapshotBackup(file, tmp, (db) => auditOf(db), { onProgress: opts.onProgress });
    } catch (e) {
      if (sqliteDamageOf(e)) throw storeDamaged(e);
      throw e;
    }
    await makeStandaloneSqliteFile(tmp);
    await fsyncFile(tmp);

    const problems = await compareCopy(tmp, snap.counts, snap.inSnapshot);
    if (problems.length > 0) throw copyMismatch(folder, problems);

    return await publish(folder, tmp, at, 'sqlite', { schemaVersion: snap.schemaVersion, counts: snap.counts, audit: snap.inSnapshot, source: describe }, opts, logger, (m) => {
      manifestWritten = m;
    });
  } catch (e) {
    await removeQuietly(tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`, ...(manifestWritten ? [manifestWritten] : []));
    logger.warn('backup failed', { folder, error: (e as Error).message });
    throw folderError(e, folder);
  }
}

/**
 * The last steps shared by both engines: write the manifest, give the verified copy its final name
 * (a reader never sees a half file under it), flush the folder, rotate. `onManifest` tells the caller
 * which manifest to remove if the rename fails.
 */
async function publish(
  folder: string,
  tmp: string,
  at: Date,
  engine: 'sqlite' | 'postgres',
  meta: Pick<BackupManifest, 'schemaVersion' | 'counts' | 'audit' | 'source'>,
  opts: BackupOptions,
  logger: Logger,
  onManifest: (path: string | null) => void,
): Promise<BackupResult> {
  const manifest = await finish(folder, tmp, at, engine, { appVersion: opts.appVersion, ...meta });
  onManifest(manifest.manifestPath);
  await rename(tmp, manifest.path);
  onManifest(null);
  await fsyncDir(folder);
  const removed = opts.keep === undefined ? [] : await rotateBackups(folder, opts.keep, { protect: [manifest.file] });
  logger.info('backup written', { path: manifest.path, bytes: manifest.bytes, counts: manifest.counts, removed });
  return { ...manifest, removed, warnings: auditWarnings(meta.audit) };
}

async function backupPostgres(db: Kysely<Database>, native: Extract<NativeLocation, { kind: 'postgres' }>, describe: string, opts: BackupOptions): Promise<BackupResult> {
  const logger = (opts.logger ?? silentLogger).child('backup');
  const { pgDump, pgRestore } = pgTools(opts.pgTools);
  const folder = resolve(opts.folder);
  await checkFolder(folder, 0);
  const at = opts.clock.now();
  const tmp = tempPath(folder, at);
  let manifestWritten: string | null = null;
  try {
    const dump = await pgSnapshotDump(db, native, tmp, pgDump, (trx) => auditOf(trx));
    if (dump.run.code !== 0) throw pgToolError('pg_dump', dump.run.stderr, folder);
    await fsyncFile(tmp);

    const contents = await readPgDump(pgRestore, tmp);
    if (contents.list.code !== 0 || contents.data.code !== 0) throw pgToolError('pg_restore', contents.list.stderr || contents.data.stderr, folder);
    const problems = compareCounts(dump.counts, contents.counts, 'tệp sao lưu');
    const missing = Object.keys(dump.counts).filter((t) => !contents.tablesListed.includes(t));
    if (missing.length > 0) problems.push({ code: 'tables_missing', message: `Tệp sao lưu thiếu dữ liệu của bảng: ${missing.join(', ')}.`, details: { missing } });
    if (problems.length > 0) throw copyMismatch(folder, problems);

    return await publish(folder, tmp, at, 'postgres', { schemaVersion: dump.schemaVersion, counts: dump.counts, audit: dump.inSnapshot, source: describe }, opts, logger, (m) => {
      manifestWritten = m;
    });
  } catch (e) {
    await removeQuietly(tmp, ...(manifestWritten ? [manifestWritten] : []));
    logger.warn('backup failed', { folder, error: (e as Error).message });
    throw folderError(e, folder);
  }
}

/** Hash the finished temp file, pick a free final name and write the manifest next to it (before the backup itself is renamed into place). */
async function finish(
  folder: string,
  tmp: string,
  at: Date,
  engine: BackupEngine,
  facts: Pick<BackupManifest, 'appVersion' | 'schemaVersion' | 'counts' | 'audit' | 'source'>,
): Promise<BackupManifest & { path: string; manifestPath: string }> {
  const file = await freeName(folder, at, engine);
  const path = join(folder, file);
  const manifest: BackupManifest = {
    format: 'motcua-backup/1',
    engine,
    file,
    createdAt: at.toISOString(),
    appVersion: facts.appVersion,
    schemaVersion: facts.schemaVersion,
    counts: facts.counts,
    audit: facts.audit,
    bytes: (await stat(tmp)).size,
    sha256: await sha256File(tmp),
    source: facts.source,
  };
  const manifestPath = manifestPathFor(path);
  // The manifest lands first: every finished backup name then has its manifest, and a manifest
  // whose backup never arrived (crash in between) is harmless and removed by rotation.
  await writeFileAtomic(manifestPath, JSON.stringify(manifest, null, 2) + '\n', tmp.replace(/\.tmp$/, '.json.tmp'));
  return { ...manifest, path, manifestPath };
}

async function freeName(folder: string, at: Date, engine: BackupEngine): Promise<string> {
  for (let seq = 1; seq < 10_000; seq += 1) {
    const name = backupFileName(at, engine, seq);
    if (!(await exists(join(folder, name))) && !(await exists(manifestPathFor(join(folder, name))))) return name;
  }
  throw new AppError('conflict', `Thư mục "${folder}" đã có quá nhiều bản sao lưu cùng thời điểm.`);
}

function tempPath(folder: string, at: Date): string {
  return join(folder, `.motcua-${vietnamStamp(at)}-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** Check a SQLite copy against what was counted and verified on the source snapshot. */
async function compareCopy(path: string, counts: TableCounts, audit: AuditSummary): Promise<AdminProblem[]> {
  const copy = await inspectSqliteFile(path);
  const problems: AdminProblem[] = [];
  if (copy.check.length !== 1 || copy.check[0] !== 'ok') problems.push(integrityProblem(copy.check));
  problems.push(...compareCounts(counts, copy.counts, 'bản sao'));
  const copyAudit = await auditOfFile(path);
  if (!sameAudit(copyAudit, audit)) problems.push({ code: 'audit_chain', message: `Nhật ký kiểm tra trong bản sao khác với dữ liệu gốc. ${copyAudit.ok ? '' : auditMessage(copyAudit)}`.trim(), details: { copy: copyAudit, source: audit } });
  return problems;
}

function copyMismatch(folder: string, problems: AdminProblem[]): AppError {
  return new AppError(
    'device_unavailable',
    `Bản sao lưu vừa ghi vào "${folder}" không khớp với dữ liệu gốc nên đã bị hủy (${problems.map((p) => p.message).join(' ')}). Hãy thử lại; nếu vẫn lỗi, ổ USB có thể bị hỏng, hãy dùng ổ khác.`,
    { details: { folder, problems } },
  );
}

function storeDamaged(e: unknown): AppError {
  return new AppError('store_unavailable', 'Cơ sở dữ liệu đang dùng bị hỏng nên không sao lưu được. Hãy chạy "motcua verify" để xem chi tiết và khôi phục từ bản sao lưu gần nhất.', { cause: e });
}

// ─── the folder ───────────────────────────────────────────────────────────────

/** The folder must exist, be a folder, be writable and (as far as we can tell) have room. Checked before writing anything. */
async function checkFolder(folder: string, neededBytes: number): Promise<void> {
  try {
    const s = await stat(folder);
    if (!s.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    await access(folder, constants.W_OK);
  } catch (e) {
    throw folderError(e, folder);
  }
  try {
    const fs = await statfs(folder);
    const free = Number(fs.bavail) * Number(fs.bsize);
    if (neededBytes > 0 && free < neededBytes) throw Object.assign(new Error(`need ${neededBytes} bytes, ${free} free`), { code: 'ENOSPC' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOSPC') throw folderError(e, folder);
    // statfs is best effort (some network or FUSE drives do not answer); the write itself still fails cleanly.
  }
}

// The backup API in one place for its callers (the app's backup service, restore, health, the scheduler).
export type { AdminProblem, AuditSummary, PgToolsOptions };
export { auditMessage, auditOf, auditOfFile, compareCounts } from './backup-audit';
export { listBackups, rotateBackups, type BackupListing } from './backup-listing';
export { isSchemaNewer, verifyBackupFile, type BackupCheck } from './backup-verify';
