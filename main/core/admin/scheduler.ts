import { AppError } from '../../../shared/errors';
import type { Clock } from '../ports/clock';
import { silentLogger, type Logger } from '../ports/logger';
import { listBackups } from './backup';

/** setTimeout/clearTimeout, injected so tests drive the scheduler with a fake clock. */
export interface TimerPort {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimer: TimerPort = {
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    // A pending backup must not keep the CLI or a closing app alive.
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface BackupSchedule {
  intervalHours: number;
  folder: string;
  keep: number;
}

export type ScheduledOutcome =
  | { ok: true; createdAt: string; nextRunAt: string }
  | { ok: false; error: unknown; retryAt: string };

export interface BackupSchedulerOptions extends BackupSchedule {
  clock: Clock;
  timer?: TimerPort;
  logger?: Logger;
  /** Take one backup (the app passes `createBackup` bound to its store). Returns the manifest's createdAt. */
  runBackup(schedule: BackupSchedule): Promise<{ createdAt: string }>;
  /** When the newest backup was taken. Defaults to the newest complete backup in `folder`. */
  lastBackupAt?(): Promise<Date | null>;
  /** Delay before a backup that is already due when the scheduler starts (let start-up finish). Default 60 s. */
  startupDelayMs?: number;
  /** Wait after a failed backup (USB unplugged…) before trying again. Default 30 min, never more than the interval. */
  retryMs?: number;
  onOutcome?(outcome: ScheduledOutcome): void;
}

export interface BackupScheduler {
  start(): Promise<void>;
  stop(): void;
  /** When the next backup will run, or null when stopped. */
  nextRunAt(): Date | null;
}

// Node's timers overflow above 2^31-1 ms (~24.8 days) and would fire at once; long waits are chunked.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Periodic backups. The next run is always computed from the newest backup's own time, read
 * from the folder, so restarting the app neither skips a due backup nor takes an extra one; a
 * backup someone took by hand (`motcua backup`) into the same folder also counts.
 */
export function createBackupScheduler(opts: BackupSchedulerOptions): BackupScheduler {
  if (!(opts.intervalHours > 0)) throw new AppError('invalid_input', 'Chu kỳ sao lưu phải lớn hơn 0 giờ.', { issues: [{ path: 'intervalHours', message: 'Phải lớn hơn 0.' }] });
  if (!Number.isInteger(opts.keep) || opts.keep < 1) throw new AppError('invalid_input', 'Số bản sao lưu giữ lại phải là số nguyên từ 1 trở lên.', { issues: [{ path: 'keep', message: 'Phải là số nguyên ≥ 1.' }] });
  const timer = opts.timer ?? systemTimer;
  const logger = (opts.logger ?? silentLogger).child('backup-scheduler');
  const intervalMs = opts.intervalHours * 3600_000;
  const startupDelayMs = opts.startupDelayMs ?? 60_000;
  const retryMs = Math.min(opts.retryMs ?? 30 * 60_000, intervalMs);
  const schedule: BackupSchedule = { intervalHours: opts.intervalHours, folder: opts.folder, keep: opts.keep };
  const lastBackupAt =
    opts.lastBackupAt ??
    (async () => {
      const newest = (await listBackups(opts.folder)).find((b) => b.complete);
      return newest ? new Date(newest.createdAt) : null;
    });

  let handle: unknown = null;
  let next: Date | null = null;
  let stopped = true;
  let running = false;

  // A backup stamped in the future (a desk clock that was wrong) must not postpone the next one.
  const lastOrNull = () =>
    lastBackupAt().then(
      (d) => (d && d.getTime() > opts.clock.now().getTime() ? opts.clock.now() : d),
      (e: unknown) => {
        logger.warn('cannot read the backup folder', { folder: opts.folder, error: (e as Error).message });
        return null;
      },
    );

  function arm(at: Date): void {
    if (stopped) return;
    if (handle !== null) timer.clearTimeout(handle);
    next = at;
    const wait = Math.max(0, Math.min(at.getTime() - opts.clock.now().getTime(), MAX_TIMER_MS));
    handle = timer.setTimeout(() => {
      handle = null;
      void fire();
    }, wait);
  }

  async function fire(): Promise<void> {
    if (stopped || running || next === null) return;
    if (opts.clock.now().getTime() < next.getTime()) return arm(next); // a chunk of a long wait
    running = true;
    try {
      // Someone may have backed up meanwhile (by hand, or another desk on the same folder).
      const last = await lastOrNull();
      const now = opts.clock.now();
      if (last && last.getTime() + intervalMs > now.getTime()) return arm(new Date(last.getTime() + intervalMs));
      try {
        const result = await opts.runBackup(schedule);
        const at = new Date(new Date(result.createdAt).getTime() + intervalMs);
        logger.info('scheduled backup done', { createdAt: result.createdAt, next: at.toISOString() });
        arm(at);
        opts.onOutcome?.({ ok: true, createdAt: result.createdAt, nextRunAt: at.toISOString() });
      } catch (error) {
        const retryAt = new Date(opts.clock.now().getTime() + retryMs);
        logger.warn('scheduled backup failed', { error: (error as Error).message, retryAt: retryAt.toISOString() });
        arm(retryAt);
        opts.onOutcome?.({ ok: false, error, retryAt: retryAt.toISOString() });
      }
    } finally {
      running = false;
    }
  }

  return {
    async start() {
      if (!stopped) return;
      stopped = false;
      const last = await lastOrNull();
      if (stopped) return;
      const now = opts.clock.now().getTime();
      const due = last ? last.getTime() + intervalMs : now;
      arm(new Date(due > now ? due : now + startupDelayMs));
    },
    stop() {
      stopped = true;
      if (handle !== null) timer.clearTimeout(handle);
      handle = null;
      next = null;
    },
    nextRunAt: () => next,
  };
}
