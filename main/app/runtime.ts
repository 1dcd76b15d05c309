import type { RecoveryStatus, RestoreOutcome } from '../../shared/contract/backup.schema';
import { channels, isChannelName } from '../../shared/contract/channels';
import { guardInput } from '../../shared/domain/input-guard';
import { AppError, isAppError, type Envelope } from '../../shared/errors';
import { vi } from '../../shared/i18n/vi';
import { openStoreOrRecover, type RecoveryNeeded } from '../core/admin/health';
import { previewRestore, restoreSqliteBackup } from '../core/admin/restore';
import { systemClock } from '../core/ports/clock';
import { silentLogger, type Logger } from '../core/ports/logger';
import { guardRefusal, toErrorPayload, zodIssuesToFieldIssues, type Dispatcher } from '../rpc/dispatcher';
import type { StoreConfig } from '../store/dialect';
import { defaultBackupFolder, outcomeOfRestore, recoveryStatusOf } from './backup-service';
import { loadDeskConfig, storeConfigFor } from './config';
import { APP_VERSION, createApp, type App, type AppOptions } from './create-app';
import { EventBus } from './event-bus';
import { startRenderPool } from './render-pool';
import { createThreadTableReader } from './table-reader-thread';

export interface RuntimeOptions extends Omit<AppOptions, 'restoreWhileRunning'> {
  /** Start scheduled backups after each (re)open. The desk app and the browser host do; tests choose. */
  backgroundJobs?: boolean;
  /** How long a restore waits for calls already running to finish before closing the store. */
  drainTimeoutMs?: number;
  /**
   * Draw forms on worker threads (render-pool.ts) so a receipt never holds up another desk's call.
   * Default: with backgroundJobs (the long-running desk processes), unless MOTCUA_RENDER_THREADS=0.
   */
  renderThreads?: boolean;
}

/**
 * The long-running processes' view of the app (Electron shell, HTTP host): one stable dispatcher
 * and event bus in front of an App that can be closed and reopened, for two reasons:
 * - restore while running: close the store, restore the file (the current data is backed up
 *   first), open a fresh App on it;
 * - recovery mode: a damaged SQLite file at start does not crash the process; only the recovery
 *   channels answer, every other call gets `store_unavailable` with the recovery details, and a
 *   successful `recovery.restore` opens the app normally.
 * Calls that arrive during a swap wait for it, then go to the new App.
 */
export interface DeskRuntime {
  readonly dataDir: string;
  readonly dispatcher: Dispatcher;
  /** Stable across swaps: forwards the current App's events. */
  readonly events: EventBus;
  readonly logger: Logger;
  mode(): 'normal' | 'recovery';
  /** The open App, or null in recovery mode. */
  app(): App | null;
  /** What the recovery screen shows (null in normal mode). */
  recovery(): RecoveryStatus | null;
  /** One line for the console: the store in use, or why the desk is in recovery mode. */
  describe(): string;
  close(): Promise<void>;
}

function recoveryOf(e: unknown): RecoveryNeeded | null {
  if (!isAppError(e) || e.code !== 'store_unavailable') return null;
  const r = e.details?.recovery as RecoveryNeeded | undefined;
  return r && r.status === 'recovery_needed' ? r : null;
}

export async function startDeskRuntime(options: RuntimeOptions): Promise<DeskRuntime> {
  const logger = (options.logger ?? silentLogger).child('runtime');
  const clock = options.clock ?? systemClock;
  const renderThreads = options.renderThreads ?? (Boolean(options.backgroundJobs) && process.env.MOTCUA_RENDER_THREADS !== '0');
  // One pool for the process, kept across restores (a restore reopens the App, not the threads).
  const renderPool = renderThreads && !options.formRenderer ? startRenderPool(logger) : null;
  // Import files are parsed on a short-lived thread per file (MOTCUA_IMPORT_THREAD=0: in process, the bench's baseline).
  const tableReader = options.tableReader ?? (options.backgroundJobs && process.env.MOTCUA_IMPORT_THREAD !== '0' ? createThreadTableReader(logger) : null);
  const events = new EventBus();
  const storeConfig: StoreConfig = options.store ?? storeConfigFor(options.dataDir, loadDeskConfig(options.dataDir));
  const safetyFolder = defaultBackupFolder(options.dataDir);

  let current: App | null = null;
  let unsubscribe: (() => void) | null = null;
  let recovery: RecoveryNeeded | null = null;
  let swapping: Promise<unknown> | null = null;
  let inflight = 0;
  let closed = false;

  const backupFolders = () => [safetyFolder, loadDeskConfig(options.dataDir).backup.folder].filter((f): f is string => Boolean(f));

  async function open(): Promise<void> {
    try {
      const app = await createApp({ ...options, restoreWhileRunning, ...(renderPool ? { formRenderer: renderPool } : {}), ...(tableReader ? { tableReader } : {}) });
      current = app;
      recovery = null;
      unsubscribe = app.events.subscribe((name, payload) => events.emit(name, payload));
      if (options.backgroundJobs) await app.startBackgroundJobs();
    } catch (e) {
      const r = recoveryOf(e);
      if (!r) throw e;
      current = null;
      recovery = r;
      logger.error('store damaged: recovery mode', { file: r.file, reason: r.reason, backups: r.backups.length });
    }
  }

  async function closeCurrent(): Promise<void> {
    unsubscribe?.();
    unsubscribe = null;
    const app = current;
    current = null;
    await app?.close();
  }

  /** Run `work` with no other call on the store: new calls wait, running ones get `drainTimeoutMs` to finish. */
  async function exclusive<T>(selfCounted: boolean, work: () => Promise<T>): Promise<T> {
    if (swapping) throw new AppError('device_busy', 'Đang khôi phục dữ liệu, vui lòng đợi.');
    const run = (async () => {
      const deadline = Date.now() + (options.drainTimeoutMs ?? 15_000);
      while (inflight > (selfCounted ? 1 : 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      return work();
    })();
    swapping = run.catch(() => undefined);
    try {
      return await run;
    } finally {
      swapping = null;
    }
  }

  function sqliteFile(): string {
    if (storeConfig.kind !== 'sqlite') {
      throw new AppError('conflict', 'Dữ liệu nằm trên máy chủ PostgreSQL: người quản trị máy chủ khôi phục bằng pg_restore.');
    }
    return storeConfig.file;
  }

  /** Swap the data under the running app. Called by `backup.restore` from inside the current App. */
  async function restoreWhileRunning(file: string): Promise<RestoreOutcome> {
    const dbFile = sqliteFile();
    // Refuse a bad backup before anything is closed.
    const preview = await previewRestore(file, { dbFile });
    if (!preview.ok) {
      throw new AppError('invalid_input', `Không khôi phục được từ "${preview.name}": ${preview.problems.map((p) => p.message).join(' ')}`, {
        details: { problems: preview.problems.map((p) => ({ code: p.code, message: p.message })) },
      });
    }
    return exclusive(true, async () => {
      logger.info('restore while running: closing the store', { file });
      await closeCurrent();
      let outcome: RestoreOutcome;
      try {
        outcome = outcomeOfRestore(
          await restoreSqliteBackup({ dbFile, backupFile: file, safetyFolder, clock, appVersion: APP_VERSION, logger: options.logger }),
        );
      } catch (e) {
        // Nothing was replaced (restore only renames at the very end): reopen the data as it was.
        await open();
        throw e;
      }
      await open();
      if (!current) throw new AppError('internal', 'Đã khôi phục nhưng dữ liệu vẫn không mở được. Hãy liên hệ bộ phận kỹ thuật.');
      logger.info('restored while running', { file, safety: outcome.safety });
      events.emit('data.changed', { entity: 'store' });
      return outcome;
    });
  }

  async function recoveryStatus(): Promise<RecoveryStatus> {
    // Look again: a USB stick may have been plugged in, or the file restored with the CLI meanwhile.
    const again = await openStoreOrRecover(storeConfig, { backupFolders: backupFolders() });
    if (again.status === 'ok') {
      await again.store.close();
      await exclusive(false, open);
      if (current) return { needed: false, reason: null, message: null, file: null, problems: [], backups: [] };
    } else {
      recovery = again;
    }
    return recoveryStatusOf(recovery!);
  }

  async function recoveryRestore(file: string): Promise<RestoreOutcome> {
    const offered = recovery?.backups.find((b) => b.path === file);
    if (!offered) {
      // The channel works before sign-in, so it only brings back a backup the screen offered.
      throw new AppError('invalid_input', 'Tệp này không nằm trong danh sách bản sao lưu dùng được. Hãy chọn một bản sao lưu trong danh sách.', {
        issues: [{ path: 'file', message: 'Không có trong danh sách.' }],
      });
    }
    return exclusive(false, async () => {
      const result = await restoreSqliteBackup({ dbFile: sqliteFile(), backupFile: offered.path, safetyFolder, clock, appVersion: APP_VERSION, logger: options.logger });
      await open();
      if (!current) throw new AppError('internal', 'Đã khôi phục nhưng dữ liệu vẫn không mở được. Hãy thử bản sao lưu cũ hơn hoặc liên hệ bộ phận kỹ thuật.');
      logger.info('restored from recovery mode', { file: offered.path });
      return outcomeOfRestore(result);
    });
  }

  async function recoveryCall(channel: string, rawInput: unknown): Promise<Envelope<unknown>> {
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: 'not_found', message: vi.errors.unknown_channel(String(channel).slice(0, 80)) } };
    }
    if (channel !== 'recovery.status' && channel !== 'recovery.restore') {
      return {
        ok: false,
        error: { code: 'store_unavailable', message: recovery?.message ?? vi.errors.store_unavailable, details: { recovery: recovery ? recoveryStatusOf(recovery) : null } },
      };
    }
    const guarded = guardInput(rawInput);
    if (!guarded.ok) return { ok: false, error: guardRefusal(guarded.refusal) };
    const parsed = channels[channel].input.safeParse(guarded.value);
    if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: vi.errors.invalid_input, issues: zodIssuesToFieldIssues(parsed.error) } };
    try {
      const value = channel === 'recovery.status' ? await recoveryStatus() : await recoveryRestore((parsed.data as { file: string }).file);
      return { ok: true, value };
    } catch (e) {
      return { ok: false, error: toErrorPayload(e, channel, logger) };
    }
  }

  const dispatcher: Dispatcher = {
    async call(channel, rawInput, ctx) {
      while (swapping) await swapping;
      if (closed) return { ok: false, error: { code: 'store_unavailable', message: vi.errors.store_unavailable } };
      const app = current;
      if (!app) return recoveryCall(channel, rawInput);
      inflight += 1;
      try {
        return await app.dispatcher.call(channel, rawInput, ctx);
      } finally {
        inflight -= 1;
      }
    },
  };

  await open();

  return {
    dataDir: options.dataDir,
    dispatcher,
    events,
    logger: options.logger ?? silentLogger,
    mode: () => (current ? 'normal' : 'recovery'),
    app: () => current,
    recovery: () => (recovery ? recoveryStatusOf(recovery) : null),
    describe: () => (current ? current.store.describe : `CHẾ ĐỘ KHÔI PHỤC — ${recovery?.message ?? ''}`),
    async close() {
      closed = true;
      while (swapping) await swapping;
      await closeCurrent();
      await renderPool?.close();
    },
  };
}

