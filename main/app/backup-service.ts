import { randomBytes } from 'node:crypto';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { BackupEntry, CreatedBackup, RecoveryStatus, RestoreOutcome, StoreCheck } from '../../shared/contract/backup.schema';
import { AppError } from '../../shared/errors';
import { auditMessage, auditOf, createBackup, listBackups, type BackupListing, type BackupResult, type PgToolsOptions } from '../core/admin/backup';
import { folderError } from '../core/admin/errors';
import type { RecoveryNeeded } from '../core/admin/health';
import { vietnamDateTime } from '../core/admin/names';
import { previewRestore, type RestoreResult } from '../core/admin/restore';
import { createBackupScheduler, type BackupScheduler, type TimerPort } from '../core/admin/scheduler';
import type { HandlerMap } from '../core/handlers';
import type { Clock } from '../core/ports/clock';
import type { EventSink } from '../core/ports/events';
import type { Logger } from '../core/ports/logger';
import { checkSqliteFile, findPgTool, sqliteDamageOf } from '../store/backup';
import type { Store } from '../store/dialect';
import { loadDeskConfig, saveBackupConfig } from './config';

/** `<data folder>/backups`: backups when no folder is chosen, restore's safety copies, and a place recovery always looks. */
export const LOCAL_BACKUP_FOLDER = 'backups';

export type BackupChannel =
  | 'backup.settings'
  | 'backup.saveSettings'
  | 'backup.create'
  | 'backup.list'
  | 'backup.verify'
  | 'backup.preview'
  | 'backup.restore'
  | 'recovery.status'
  | 'recovery.restore';

export interface BackupServiceOptions {
  dataDir: string;
  store: Store;
  clock: Clock;
  logger: Logger;
  events: EventSink;
  appVersion: string;
  /**
   * Restore while the app runs: close this app, restore, reopen. Only the long-running runtime
   * (main/app/runtime.ts) can do that; without it `backup.restore` explains the CLI way.
   */
  restoreWhileRunning?: (file: string) => Promise<RestoreOutcome>;
  pgTools?: PgToolsOptions;
  /** Tests drive the scheduler with a fake timer. */
  timer?: TimerPort;
  /** Delay before a backup already due at start (default 60 s, so start-up finishes first). */
  startupDelayMs?: number;
}

export interface BackupService {
  handlers: HandlerMap<BackupChannel>;
  /** Start periodic backups (only the desk app and the browser host do; never the CLI or tests by default). */
  startScheduler(): Promise<void>;
  stop(): void;
}

export function defaultBackupFolder(dataDir: string): string {
  return join(dataDir, LOCAL_BACKUP_FOLDER);
}

export function entryOfListing(b: BackupListing): BackupEntry {
  const m = b.manifest;
  return {
    name: b.name,
    path: b.path,
    folder: dirname(b.path),
    engine: b.engine,
    createdAt: b.createdAt,
    createdAtText: vietnamDateTime(new Date(b.createdAt)),
    bytes: b.bytes,
    complete: b.complete,
    verified: b.complete && (m?.audit.ok ?? false),
    appVersion: m?.appVersion ?? null,
    schemaVersion: m?.schemaVersion ?? null,
    counts: m?.counts ?? {},
    audit: m?.audit ?? null,
  };
}

function entryOfResult(r: BackupResult): CreatedBackup {
  return {
    name: r.file,
    path: r.path,
    folder: dirname(r.path),
    engine: r.engine,
    createdAt: r.createdAt,
    createdAtText: vietnamDateTime(new Date(r.createdAt)),
    bytes: r.bytes,
    complete: true,
    verified: r.audit.ok,
    appVersion: r.appVersion,
    schemaVersion: r.schemaVersion,
    counts: r.counts,
    audit: r.audit,
    removed: r.removed,
    warnings: r.warnings.map((w) => ({ code: w.code, message: w.message })),
  };
}

export function outcomeOfRestore(r: RestoreResult): RestoreOutcome {
  const s = r.safety;
  return {
    restoredFrom: r.restoredFrom,
    createdAtText: r.backup.createdAtText,
    counts: r.restored.counts,
    safety: { kind: s.kind, paths: s.kind === 'backup' ? [s.path] : s.kind === 'raw_copy' ? s.paths : [] },
  };
}

/** What the recovery screen shows, from the start-up check's result. */
export function recoveryStatusOf(r: RecoveryNeeded): RecoveryStatus {
  return {
    needed: true,
    reason: r.reason,
    message: r.message,
    file: r.file,
    problems: r.problems.map((p) => ({ code: p.code, message: p.message })),
    backups: r.backups.map(entryOfListing),
  };
}

const NOT_NEEDED: RecoveryStatus = { needed: false, reason: null, message: null, file: null, problems: [], backups: [] };

const PG_RESTORE_ADVICE =
  'Dữ liệu của máy này nằm trên máy chủ PostgreSQL dùng chung: việc khôi phục do người quản trị máy chủ làm bằng pg_restore từ tệp .pgdump (ví dụ: pg_restore --clean --if-exists -d <cơ sở dữ liệu> <tệp>), khi mọi máy đã đóng phần mềm. Màn hình này chỉ khôi phục dữ liệu SQLite trên máy.';

/**
 * A folder the admin typed must exist and take a file: `access(W_OK)` says yes to a USB stick
 * whose write-protect switch is on, so a small probe file is really written and removed.
 */
export async function checkWritableFolder(folder: string): Promise<string> {
  if (!isAbsolute(folder)) {
    throw new AppError('invalid_input', `Đường dẫn "${folder}" chưa đầy đủ. Hãy nhập đường dẫn đầy đủ, ví dụ E:\\SaoLuu hoặc /media/usb/SaoLuu.`, {
      issues: [{ path: 'folder', message: 'Cần đường dẫn đầy đủ (bắt đầu bằng ổ đĩa hoặc dấu /).' }],
    });
  }
  const abs = resolve(folder);
  const probe = join(abs, `.motcua-write-test-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const s = await stat(abs);
    if (!s.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    const fh = await open(probe, 'wx');
    try {
      await fh.write('motcua');
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (e) {
    const err = folderError(e, abs);
    throw new AppError('invalid_input', err.message.replace(/ ?Không có tệp sao lưu dở dang nào được để lại\./, '').replace(/, rồi sao lưu lại\./, '.'), {
      issues: [{ path: 'folder', message: 'Thư mục không dùng được để sao lưu.' }],
      details: err.details,
    });
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
  return abs;
}

function pgToolsState(opts: PgToolsOptions | undefined): { available: boolean; message: string | null } {
  const missing = (['pg_dump', 'pg_restore'] as const).filter((t) => !findPgTool(t, opts ?? {}));
  if (missing.length === 0) return { available: true, message: null };
  return {
    available: false,
    message: `Máy này chưa có ${missing.join(' và ')} nên chưa sao lưu được dữ liệu trên máy chủ. Hãy cài bộ công cụ dòng lệnh PostgreSQL cùng phiên bản với máy chủ (Debian/Ubuntu: "sudo apt install postgresql-client"; Windows: bộ cài PostgreSQL, mục "Command Line Tools"), hoặc nhờ người quản trị máy chủ sao lưu bằng pg_dump.`,
  };
}

/** Backup settings, on-demand backups, listing, verification, restore preview, and the scheduler. */
export function createBackupService(opts: BackupServiceOptions): BackupService {
  const { dataDir, store, clock, events } = opts;
  const logger = opts.logger.child('backup');
  const localFolder = defaultBackupFolder(dataDir);
  let scheduler: BackupScheduler | null = null;
  let background = false;
  let lastError: string | null = null;

  const config = () => loadDeskConfig(dataDir).backup;

  async function targetFolder(explicit: string | undefined): Promise<string> {
    if (explicit) {
      if (!isAbsolute(explicit)) {
        throw new AppError('invalid_input', `Đường dẫn "${explicit}" chưa đầy đủ. Hãy chọn thư mục bằng đường dẫn đầy đủ, ví dụ E:\\SaoLuu hoặc /media/usb/SaoLuu.`, {
          issues: [{ path: 'folder', message: 'Cần đường dẫn đầy đủ.' }],
        });
      }
      return resolve(explicit);
    }
    const configured = config().folder;
    if (configured) return resolve(configured);
    await mkdir(localFolder, { recursive: true });
    return localFolder;
  }

  function backupTo(folder: string, keep: number, jobId?: string): Promise<BackupResult> {
    const label = 'Đang sao lưu dữ liệu';
    const progress = (done: number, total: number | null, text = label) => {
      if (jobId) events.emit('job.progress', { jobId, kind: 'backup', done, total, label: text });
    };
    progress(0, null);
    return createBackup(store, {
      folder,
      keep,
      clock,
      appVersion: opts.appVersion,
      logger: opts.logger,
      pgTools: opts.pgTools,
      onProgress: (p) => progress(p.totalPages - p.remainingPages, p.totalPages),
    }).then((r) => {
      progress(1, 1, 'Đã sao lưu và kiểm tra xong');
      events.emit('data.changed', { entity: 'backup' });
      return r;
    });
  }

  async function armScheduler(): Promise<void> {
    scheduler?.stop();
    scheduler = null;
    if (!background) return;
    const cfg = config();
    if (!cfg.folder) return;
    const folder = resolve(cfg.folder);
    scheduler = createBackupScheduler({
      folder,
      intervalHours: cfg.intervalHours,
      keep: cfg.keep,
      clock,
      logger: opts.logger,
      timer: opts.timer,
      startupDelayMs: opts.startupDelayMs,
      runBackup: async (s) => ({ createdAt: (await backupTo(s.folder, s.keep)).createdAt }),
      onOutcome: (o) => {
        lastError = o.ok ? null : ((o.error as Error)?.message ?? String(o.error));
      },
    });
    await scheduler.start();
  }

  async function settings() {
    const cfg = config();
    const folder = cfg.folder ? resolve(cfg.folder) : localFolder;
    const newest = (await listBackups(folder).catch(() => [])).find((b) => b.complete);
    return {
      engine: store.kind,
      folder: cfg.folder ?? null,
      intervalHours: cfg.intervalHours,
      keep: cfg.keep,
      defaultFolder: localFolder,
      scheduled: scheduler !== null,
      nextRunAt: scheduler?.nextRunAt()?.toISOString() ?? null,
      lastBackupAt: newest?.createdAt ?? null,
      lastError,
      pgTools: store.kind === 'postgres' ? pgToolsState(opts.pgTools) : null,
    };
  }

  function sqliteFile(): string {
    const native = store.native;
    if (!native || native.kind !== 'sqlite') throw new AppError('conflict', PG_RESTORE_ADVICE);
    return native.file;
  }

  async function verifyStore(): Promise<StoreCheck> {
    const problems: StoreCheck['problems'] = [];
    let integrity: string[] | null = null;
    const native = store.native;
    if (native?.kind === 'sqlite') {
      try {
        // Its own read-only connection: the full check reads every page without holding the app's writer.
        integrity = await checkSqliteFile(native.file, 'integrity');
      } catch (e) {
        const damage = sqliteDamageOf(e);
        if (!damage) throw e;
        integrity = [damage === 'not_a_database' ? 'not a database' : 'corrupt'];
      }
      if (integrity.length !== 1 || integrity[0] !== 'ok') {
        problems.push({ code: 'integrity', message: `Tệp dữ liệu bị hỏng cấu trúc: ${integrity.slice(0, 3).join('; ')}. Hãy khôi phục từ bản sao lưu gần nhất.` });
      }
    }
    const audit = problems.length === 0 ? await auditOf(store.db) : null;
    if (audit && !audit.ok) problems.push({ code: 'audit_chain', message: `${auditMessage(audit)} Hãy báo bộ phận kỹ thuật và giữ nguyên dữ liệu để đối chiếu.` });
    return { ok: problems.length === 0, engine: store.kind, checkedAt: clock.now().toISOString(), integrity, audit, problems };
  }

  const handlers: HandlerMap<BackupChannel> = {
    'backup.settings': () => settings(),
    'backup.saveSettings': async (input) => {
      const folder = input.folder === null ? undefined : await checkWritableFolder(input.folder);
      saveBackupConfig(dataDir, { folder, intervalHours: input.intervalHours, keep: input.keep });
      logger.info('backup settings saved', { folder, intervalHours: input.intervalHours, keep: input.keep });
      await armScheduler();
      return settings();
    },
    'backup.create': async (input) => {
      const folder = await targetFolder(input.folder);
      const result = await backupTo(folder, config().keep, input.jobId);
      // A backup by hand into the scheduled folder moves the next scheduled one back by a full interval.
      if (scheduler && config().folder && resolve(config().folder!) === folder) await armScheduler();
      return entryOfResult(result);
    },
    'backup.list': async (input) => {
      const folder = input.folder ? resolve(input.folder) : config().folder ? resolve(config().folder!) : localFolder;
      const seen = new Set<string>();
      const entries: BackupEntry[] = [];
      for (const f of [folder, localFolder]) {
        for (const b of await listBackups(f)) {
          if (seen.has(b.path)) continue;
          seen.add(b.path);
          entries.push(entryOfListing(b));
        }
      }
      entries.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
      return { folder, entries };
    },
    'backup.verify': () => verifyStore(),
    'backup.preview': async (input) => {
      const p = await previewRestore(input.file, { dbFile: sqliteFile() });
      return {
        path: p.path,
        name: p.name,
        engine: p.engine,
        createdAt: p.createdAt,
        createdAtText: p.createdAtText,
        appVersion: p.appVersion,
        schemaVersion: p.schemaVersion,
        counts: p.counts,
        audit: p.audit,
        bytes: p.bytes,
        newerSchema: p.newerSchema,
        ok: p.ok,
        problems: p.problems.map((x) => ({ code: x.code, message: x.message })),
        warnings: p.warnings.map((x) => ({ code: x.code, message: x.message })),
        current: p.current,
      };
    },
    'backup.restore': async (input) => {
      sqliteFile();
      if (!opts.restoreWhileRunning) {
        throw new AppError(
          'conflict',
          'Khôi phục trong lúc chạy chỉ làm được từ màn hình Cài đặt của phần mềm. Từ dòng lệnh: đóng phần mềm rồi chạy "motcua restore <tệp> --yes".',
        );
      }
      return opts.restoreWhileRunning(input.file);
    },
    'recovery.status': async () => NOT_NEEDED,
    'recovery.restore': async () => {
      throw new AppError(
        'conflict',
        'Dữ liệu hiện tại không bị hỏng nên không khôi phục từ màn hình này. Người quản trị có thể khôi phục ở Cài đặt → Sao lưu dữ liệu.',
      );
    },
  };

  return {
    handlers,
    async startScheduler() {
      background = true;
      await armScheduler();
    },
    stop() {
      background = false;
      scheduler?.stop();
      scheduler = null;
    },
  };
}
