import { existsSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import { checkSqliteFile, sqliteDamageOf, sqliteQuickCheck, type SqliteDamage } from '../../store/backup';
import { openStore, type Store, type StoreConfig, type StoreKind } from '../../store/dialect';
import { auditMessage, auditOf, isSchemaNewer, listBackups, type AdminProblem, type AuditSummary, type BackupListing } from './backup';
import { consumeCleanClose, recordCleanClose } from './clean-close';
import { vietnamDateTime } from './names';

export interface HealthReport {
  ok: boolean;
  engine: StoreKind;
  problems: AdminProblem[];
  /** The audit chain, or null when the store has no audit tables yet (before its first migration). */
  audit: AuditSummary | null;
}

async function hasTable(store: Store, name: string): Promise<boolean> {
  const tables = await store.db.introspection.getTables();
  return tables.some((t) => t.name === name);
}

/**
 * The start-up / `motcua verify` check of an open store: SQLite's `quick_check` (structure of
 * every page, without the slower index cross-check) and the audit hash chain.
 */
export async function quickCheck(store: Store, opts: { audit?: boolean } = {}): Promise<HealthReport> {
  const problems: AdminProblem[] = [];
  if (store.kind === 'sqlite') {
    try {
      const lines = await sqliteQuickCheck(store.db);
      if (lines.length !== 1 || lines[0] !== 'ok') {
        problems.push(quickCheckProblem(lines));
      }
    } catch (e) {
      const damage = sqliteDamageOf(e);
      if (!damage) throw e;
      problems.push({ code: 'quick_check', message: damageMessage(damage), details: { cause: (e as Error).message } });
    }
  }
  let audit: AuditSummary | null = null;
  if (opts.audit !== false && problems.length === 0 && (await hasTable(store, 'audit_log'))) {
    audit = await auditOf(store.db);
    if (!audit.ok) problems.push({ code: 'audit_chain', message: auditMessage(audit), details: { ...audit } });
  }
  return { ok: problems.length === 0, engine: store.kind, problems, audit };
}

function quickCheckProblem(lines: string[]): AdminProblem {
  return { code: 'quick_check', message: `Tệp dữ liệu bị hỏng cấu trúc: ${lines.slice(0, 3).join('; ')}${lines.length > 3 ? '; …' : ''}`, details: { lines: lines.slice(0, 20) } };
}

function damageMessage(d: SqliteDamage): string {
  return d === 'not_a_database' ? 'Tệp dữ liệu không còn là cơ sở dữ liệu đọc được (phần đầu tệp đã hỏng).' : 'Tệp dữ liệu bị hỏng, không đọc được.';
}

export interface RecoveryNeeded {
  status: 'recovery_needed';
  /** The damaged file (left untouched). */
  file: string;
  reason: SqliteDamage | 'quick_check_failed';
  /** One paragraph for the recovery screen / CLI. */
  message: string;
  problems: AdminProblem[];
  /** Complete SQLite backups this app can restore, newest first. */
  backups: BackupListing[];
}

export type OpenOrRecover =
  | {
      status: 'ok';
      store: Store;
      warnings: AdminProblem[];
      /** SQLite: whether `quick_check` ran before this start, or was skipped after a clean close (clean-close.ts). */
      integrity: 'checked' | 'clean-close' | 'not-applicable';
    }
  | RecoveryNeeded;

export interface RecoverOptions {
  /** Folders to look for backups in (the configured backup folder, `<dataDir>/backups`, …). */
  backupFolders?: string[];
  /** Also walk the audit chain and report a broken one as a warning (it does not stop the app). */
  checkAudit?: boolean;
  /** The newest migration this app knows; backups with a newer schema are not offered. */
  appSchemaVersion?: string;
  /** Epoch ms (tests move it to make the weekly re-check due). */
  now?: number;
}

/**
 * Open the store, unless the SQLite file is damaged (not a database, or `quick_check` fails):
 * then return what the recovery screen needs instead of a raw driver error.
 * The damaged file is never modified. Errors that are not damage (locked, no permission,
 * PostgreSQL unreachable) still throw: they need a different fix than a restore.
 */
export async function openStoreOrRecover(config: StoreConfig, opts: RecoverOptions = {}): Promise<OpenOrRecover> {
  if (config.kind !== 'sqlite' || !existsSync(config.file)) {
    // A new desk (no file yet) or a server: nothing local to be damaged.
    const store = await openStore(config);
    const opened = config.kind === 'sqlite' ? closingCleanly(store, config.file, opts.now ?? Date.now()) : store;
    return { status: 'ok', store: opened, warnings: opts.checkAudit ? await auditWarnings(opened) : [], integrity: 'not-applicable' };
  }
  const now = opts.now ?? Date.now();
  const checkedAt = consumeCleanClose(config.file, now);
  if (checkedAt === null) {
    // Check before opening: opening switches the journal mode, which would write to a damaged file.
    let lines: string[];
    try {
      lines = await checkSqliteFile(config.file, 'quick');
    } catch (e) {
      const damage = sqliteDamageOf(e);
      if (!damage) throw e;
      return recovery(config.file, damage, [{ code: damage, message: damageMessage(damage), details: { cause: (e as Error).message } }], opts);
    }
    if (lines.length !== 1 || lines[0] !== 'ok') {
      return recovery(config.file, 'quick_check_failed', [quickCheckProblem(lines)], opts);
    }
  }
  let store: Store;
  try {
    store = closingCleanly(await openStore(config), config.file, checkedAt ?? now);
  } catch (e) {
    // Skipped the check yet the file does not open as a database: it changed without its times changing.
    const damage = checkedAt !== null ? sqliteDamageOf(e) : null;
    if (!damage) throw e;
    return recovery(config.file, damage, [{ code: damage, message: damageMessage(damage), details: { cause: (e as Error).message } }], opts);
  }
  try {
    return { status: 'ok', store, warnings: opts.checkAudit ? await auditWarnings(store) : [], integrity: checkedAt === null ? 'checked' : 'clean-close' };
  } catch (e) {
    await store.close();
    throw e;
  }
}

/** The store, whose close also records the clean close (when the last check was) for the next start. */
function closingCleanly(store: Store, file: string, checkedAt: number): Store {
  return {
    ...store,
    close: async () => {
      await store.close();
      recordCleanClose(file, checkedAt);
    },
  };
}

async function auditWarnings(store: Store): Promise<AdminProblem[]> {
  if (!(await hasTable(store, 'audit_log'))) return [];
  const audit = await auditOf(store.db);
  return audit.ok ? [] : [{ code: 'audit_chain', message: auditMessage(audit), details: { ...audit } }];
}

async function recovery(file: string, reason: RecoveryNeeded['reason'], problems: AdminProblem[], opts: RecoverOptions): Promise<RecoveryNeeded> {
  const backups: BackupListing[] = [];
  const seen = new Set<string>();
  for (const folder of opts.backupFolders ?? []) {
    const listed = await listBackups(folder).catch(() => [] as BackupListing[]);
    for (const b of listed) {
      if (seen.has(b.path) || b.engine !== 'sqlite' || !b.complete || isSchemaNewer(b.manifest?.schemaVersion ?? null, opts.appSchemaVersion)) continue;
      seen.add(b.path);
      backups.push(b);
    }
  }
  backups.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const head = `Tệp dữ liệu "${file}" bị hỏng nên phần mềm chưa mở, để tránh làm hỏng thêm (tệp hỏng được giữ nguyên).`;
  const newest = backups[0];
  const advice = newest
    ? `Có ${backups.length} bản sao lưu dùng được; bản mới nhất lúc ${vietnamDateTime(new Date(newest.createdAt))} (${newest.path}). Hãy khôi phục từ bản đó (lệnh: motcua restore "${newest.path}"); dữ liệu nhập sau thời điểm đó cần nhập lại.`
    : `Không tìm thấy bản sao lưu nào${opts.backupFolders?.length ? ` trong ${opts.backupFolders.map((f) => `"${f}"`).join(', ')}` : ''}. Hãy cắm ổ USB chứa bản sao lưu rồi chọn tệp sao lưu để khôi phục, hoặc liên hệ bộ phận kỹ thuật; đừng xóa tệp dữ liệu hỏng.`;
  return { status: 'recovery_needed', file, reason, message: `${head} ${advice}`, problems, backups };
}

/**
 * `openStore` for the composition root: the healthy store, or an AppError('store_unavailable')
 * whose `details.recovery` carries the recovery result (without a store) for the shell to show.
 */
export async function openCheckedStore(config: StoreConfig, opts: RecoverOptions = {}): Promise<Store> {
  const result = await openStoreOrRecover(config, opts);
  if (result.status === 'ok') return result.store;
  throw new AppError('store_unavailable', result.message, { details: { recovery: result } });
}
