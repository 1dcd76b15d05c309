import { randomBytes } from 'node:crypto';
import { access, constants, open, readdir, rename, stat, statfs } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/errors';
import {
  findPgTool,
  inspectSqliteFile,
  makeStandaloneSqliteFile,
  openSqliteReadOnly,
  pgSnapshotDump,
  readPgDump,
  sqliteDamageOf,
  sqliteSnapshotBackup,
  type TableCounts,
} from '../../store/backup';
import type { NativeLocation, Store } from '../../store/dialect';
import { LATEST_MIGRATION } from '../../store/migrations';
import type { Database } from '../../store/schema';
import { verifyAuditChain } from '../audit/audit';
import type { Clock } from '../ports/clock';
import { silentLogger, type Logger } from '../ports/logger';
import { folderError } from './errors';
import { fsyncDir, fsyncFile, removeQuietly, sha256File, writeFileAtomic } from './files';
import { manifestPathFor, readManifest, type BackupManifest } from './manifest';
import { backupFileName, parseBackupName, TEMP_NAME, vietnamDateTime, vietnamStamp, type BackupEngine } from './names';

/** One finding about a backup or the store, in Vietnamese for the person who reads it. */
export interface AdminProblem {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export type AuditSummary = BackupManifest['audit'];

export interface PgToolsOptions {
  /** PATH to search (defaults to process.env.PATH). */
  pathEnv?: string;
  /** Further folders to search (defaults to /usr/lib/postgresql/<n>/bin, Program Files\PostgreSQL\<n>\bin). */
  extraDirs?: string[];
}

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

// ─── verification ─────────────────────────────────────────────────────────────

/** The audit chain as a plain, comparable record; a store without the audit tables counts as unreadable. */
export async function auditOf(db: Kysely<any>): Promise<AuditSummary> {
  try {
    const v = await verifyAuditChain(db as Kysely<Database>);
    return v.ok ? { ok: true, entries: v.entries } : { ok: false, entries: v.entries, brokenAt: v.brokenAt, reason: v.reason };
  } catch {
    return { ok: false, entries: 0, reason: 'unreadable' };
  }
}

export async function auditOfFile(path: string): Promise<AuditSummary> {
  const store = await openSqliteReadOnly(path);
  try {
    return await auditOf(store.db);
  } finally {
    await store.close();
  }
}

const AUDIT_REASON_VI: Record<string, string> = {
  hash_mismatch: 'nội dung một mục đã bị sửa',
  link_mismatch: 'một mục đã bị nối sai',
  gap: 'thiếu mục',
  head_mismatch: 'các mục cuối đã bị xóa',
  unreadable: 'không đọc được nhật ký',
};

export function auditMessage(a: AuditSummary): string {
  return `Nhật ký kiểm tra (audit) không toàn vẹn${a.brokenAt ? ` từ mục số ${a.brokenAt}` : ''}: ${AUDIT_REASON_VI[a.reason ?? ''] ?? a.reason ?? 'không rõ'}.`;
}

function auditWarnings(a: AuditSummary): AdminProblem[] {
  return a.ok ? [] : [{ code: 'audit_chain', message: `${auditMessage(a)} Bản sao lưu vẫn giữ nguyên tình trạng này để đối chiếu.`, details: { ...a } }];
}

function sameAudit(a: AuditSummary, b: AuditSummary): boolean {
  return a.ok === b.ok && a.entries === b.entries && a.brokenAt === b.brokenAt && a.reason === b.reason;
}

export function compareCounts(expected: TableCounts, actual: TableCounts, where: string): AdminProblem[] {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  const diffs = tables.filter((t) => expected[t] !== actual[t]).map((t) => ({ table: t, expected: expected[t] ?? null, actual: actual[t] ?? null }));
  if (diffs.length === 0) return [];
  const list = diffs.map((d) => `${d.table}: cần ${d.expected ?? 'không có'}, ${where} có ${d.actual ?? 'không có'}`).join('; ');
  return [{ code: 'counts_mismatch', message: `Số dòng dữ liệu không khớp (${list}).`, details: { diffs } }];
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

function integrityProblem(check: string[]): AdminProblem {
  return { code: 'integrity', message: `Tệp cơ sở dữ liệu bị hỏng cấu trúc: ${check.slice(0, 3).join('; ')}${check.length > 3 ? '; …' : ''}`, details: { check: check.slice(0, 20) } };
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

// ─── PostgreSQL tools ─────────────────────────────────────────────────────────

function pgTools(opts: PgToolsOptions = {}): { pgDump: string; pgRestore: string } {
  const pgDump = findPgTool('pg_dump', opts);
  const pgRestore = findPgTool('pg_restore', opts);
  if (pgDump && pgRestore) return { pgDump, pgRestore };
  throw new AppError(
    'device_unavailable',
    'Máy này chưa có công cụ pg_dump và pg_restore của PostgreSQL nên không sao lưu được cơ sở dữ liệu trên máy chủ. ' +
      'Hãy cài bộ công cụ dòng lệnh PostgreSQL cùng phiên bản với máy chủ (hoặc mới hơn): trên Debian/Ubuntu chạy "sudo apt install postgresql-client", ' +
      'trên Windows chạy bộ cài PostgreSQL và chọn "Command Line Tools"; rồi sao lưu lại. Hoặc nhờ người quản trị máy chủ sao lưu bằng pg_dump.',
    { details: { missing: [pgDump ? null : 'pg_dump', pgRestore ? null : 'pg_restore'].filter(Boolean) } },
  );
}

function pgToolError(tool: string, stderr: string, folder: string): AppError {
  const text = stderr.trim();
  const details = { tool, stderr: text.slice(0, 2000) };
  if (/No space left on device/i.test(text)) return folderError(Object.assign(new Error(text), { code: 'ENOSPC' }), folder);
  if (/Permission denied/i.test(text) && /output file|could not open|could not write/i.test(text)) return folderError(Object.assign(new Error(text), { code: 'EACCES' }), folder);
  if (/Read-only file system/i.test(text)) return folderError(Object.assign(new Error(text), { code: 'EROFS' }), folder);
  const mismatch = /server version:\s*([\d.]+);\s*\S+ version:\s*([\d.]+)/i.exec(text);
  if (mismatch) {
    return new AppError(
      'device_unavailable',
      `Công cụ ${tool} trên máy này (phiên bản ${mismatch[2]}) cũ hơn máy chủ PostgreSQL (phiên bản ${mismatch[1]}). Hãy cài bộ công cụ PostgreSQL phiên bản ${mismatch[1]} trở lên rồi sao lưu lại.`,
      { details },
    );
  }
  if (/connection|could not connect|authentication/i.test(text)) {
    return new AppError('store_unavailable', `Công cụ ${tool} không kết nối được máy chủ PostgreSQL: ${firstLine(text)}. Hãy kiểm tra mạng và máy chủ rồi thử lại.`, { details });
  }
  return new AppError('internal', `Công cụ ${tool} báo lỗi: ${firstLine(text) || 'không rõ nguyên nhân'}.`, { details });
}

function firstLine(s: string): string {
  return s.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}

// ─── the folder ───────────────────────────────────────────────────────────────

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function sizeOf(path: string): Promise<number> {
  return stat(path).then(
    (s) => s.size,
    () => 0,
  );
}

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

// ─── listing and rotation ─────────────────────────────────────────────────────

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

export interface BackupCheck {
  path: string;
  name: string;
  engine: BackupEngine;
  createdAt: string | null;
  /** "17/03/2026 09:00:00", Vietnam time, for people. */
  createdAtText: string | null;
  appVersion: string | null;
  schemaVersion: string | null;
  /** Rows per table: from the manifest when there is one, otherwise counted in the file. */
  counts: TableCounts;
  audit: AuditSummary | null;
  bytes: number;
  manifest: BackupManifest | null;
  /** The backup was made by a newer app (its schema is ahead of this app's migrations). */
  newerSchema: boolean;
  /** Usable for restore: no blocking problem. */
  ok: boolean;
  problems: AdminProblem[];
  warnings: AdminProblem[];
}

function migrationNumber(name: string | null): number {
  const m = name ? /^(\d+)/.exec(name) : null;
  return m ? Number(m[1]) : -1;
}

export function isSchemaNewer(backupSchema: string | null, appSchema: string = LATEST_MIGRATION): boolean {
  return migrationNumber(backupSchema) > migrationNumber(appSchema);
}

async function sniffEngine(path: string): Promise<BackupEngine | null> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    await fh.read(buf, 0, 16, 0);
    if (buf.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
    if (buf.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
    return null;
  } finally {
    await fh.close();
  }
}

/**
 * Re-verify a backup file in full: the manifest's size and SHA-256, SQLite's integrity_check,
 * row counts against the manifest, the audit chain, and whether this app can read its schema.
 */
export async function verifyBackupFile(path: string, opts: { appSchemaVersion?: string; pgTools?: PgToolsOptions } = {}): Promise<BackupCheck> {
  const abs = resolve(path);
  const name = basename(abs);
  let bytes: number;
  try {
    const s = await stat(abs);
    if (!s.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    bytes = s.size;
  } catch {
    throw new AppError('not_found', `Không tìm thấy tệp sao lưu "${abs}". Hãy kiểm tra ổ USB đã cắm và đường dẫn đúng.`, { details: { path: abs } });
  }
  const problems: AdminProblem[] = [];
  const warnings: AdminProblem[] = [];
  const m = await readManifest(abs);
  let manifest: BackupManifest | null = null;
  if (m === null) warnings.push({ code: 'no_manifest', message: `Không có tệp mô tả "${name}.json" đi kèm: không đối chiếu được mã kiểm tra và số dòng lúc tạo.` });
  else if ('error' in m) warnings.push({ code: 'manifest_unreadable', message: `Tệp mô tả "${name}.json" không đọc được (${m.error}); bỏ qua tệp này.` });
  else manifest = m;

  const engine = (await sniffEngine(abs).catch(() => null)) ?? manifest?.engine ?? parseBackupName(name)?.engine ?? null;
  if (engine === null) {
    problems.push({ code: 'not_a_backup', message: `Tệp "${name}" không phải bản sao lưu của MotCua Desk (không phải tệp SQLite hay tệp pg_dump).` });
  }
  if (manifest) {
    if (manifest.bytes !== bytes) problems.push({ code: 'size_mismatch', message: `Kích thước tệp (${bytes} byte) khác lúc tạo (${manifest.bytes} byte): tệp đã bị cắt cụt hoặc thay đổi.` });
    else if ((await sha256File(abs)) !== manifest.sha256) problems.push({ code: 'sha_mismatch', message: 'Mã kiểm tra SHA-256 của tệp khác lúc tạo: tệp đã bị thay đổi hoặc hỏng khi sao chép.' });
  }

  let counts: TableCounts = manifest?.counts ?? {};
  let audit: AuditSummary | null = null;
  let schemaVersion = manifest?.schemaVersion ?? null;
  if (engine === 'sqlite') {
    try {
      const inspected = await inspectSqliteFile(abs);
      if (inspected.check.length !== 1 || inspected.check[0] !== 'ok') problems.push(integrityProblem(inspected.check));
      if (!inspected.tables.includes('audit_log') || !inspected.tables.includes('kysely_migration')) {
        problems.push({ code: 'not_a_backup', message: `Tệp "${name}" là cơ sở dữ liệu SQLite nhưng không phải của MotCua Desk.` });
      } else {
        schemaVersion = inspected.schemaVersion;
        if (manifest) problems.push(...compareCounts(manifest.counts, inspected.counts, 'tệp'));
        else counts = inspected.counts;
        audit = await auditOfFile(abs);
      }
    } catch (e) {
      const damage = sqliteDamageOf(e);
      if (!damage) throw e;
      problems.push({ code: damage, message: damage === 'not_a_database' ? `Tệp "${name}" không còn là cơ sở dữ liệu đọc được (phần đầu tệp đã hỏng).` : `Tệp "${name}" bị hỏng, không đọc được.` });
    }
  } else if (engine === 'postgres') {
    const { pgRestore } = pgTools(opts.pgTools);
    const contents = await readPgDump(pgRestore, abs);
    if (contents.list.code !== 0 || contents.data.code !== 0) {
      problems.push({ code: 'unreadable', message: `pg_restore không đọc được tệp: ${firstLine(contents.list.stderr || contents.data.stderr)}` });
    } else if (manifest) {
      problems.push(...compareCounts(manifest.counts, contents.counts, 'tệp'));
    } else {
      counts = contents.counts;
    }
    audit = manifest?.audit ?? null;
  }

  if (audit && manifest && !sameAudit(audit, manifest.audit)) {
    problems.push({ code: 'audit_chain', message: `Nhật ký kiểm tra trong tệp khác với lúc tạo bản sao lưu. ${audit.ok ? '' : auditMessage(audit)}`.trim(), details: { file: audit, manifest: manifest.audit } });
  } else if (audit && !audit.ok) {
    warnings.push({ code: 'audit_chain', message: `${auditMessage(audit)} (tình trạng này đã có từ lúc tạo bản sao lưu).`, details: { ...audit } });
  }
  const newerSchema = isSchemaNewer(schemaVersion, opts.appSchemaVersion);
  if (newerSchema) {
    problems.push({
      code: 'schema_newer',
      message: `Bản sao lưu được tạo bởi phiên bản MotCua Desk mới hơn (cấu trúc dữ liệu "${schemaVersion}", phần mềm này chỉ đến "${opts.appSchemaVersion ?? LATEST_MIGRATION}"). Hãy cập nhật phần mềm lên phiên bản mới nhất rồi khôi phục.`,
    });
  }
  const createdAt = manifest?.createdAt ?? parseBackupName(name)?.at.toISOString() ?? null;
  return {
    path: abs,
    name,
    engine: engine ?? 'sqlite',
    createdAt,
    createdAtText: createdAt ? vietnamDateTime(new Date(createdAt)) : null,
    appVersion: manifest?.appVersion ?? null,
    schemaVersion,
    counts,
    audit,
    bytes,
    manifest,
    newerSchema,
    ok: problems.length === 0,
    problems,
    warnings,
  };
}
