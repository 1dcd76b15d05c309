import type { Kysely } from 'kysely';
import type { Logger } from '../core/ports/logger';
import type { Database } from '../store/schema';
import type { EventBus } from './event-bus';

/**
 * Other desks see new dossiers within a few seconds. Every change appends to the audit chain in
 * the same transaction, and `audit_head.last_seq` counts them, so one tiny query per interval
 * tells whether anything changed anywhere (another desk on the shared server, or the CLI on this
 * SQLite file). New entries are announced as `data.changed` per entity, which screens refetch.
 * Polling works the same on both stores; LISTEN/NOTIFY would need a dedicated PostgreSQL connection.
 */
export interface ChangePoller {
  /** Check once now (tests, and the timer). */
  poll(): Promise<void>;
  stop(): Promise<void>;
}

export function startChangePoller(db: Kysely<Database>, events: EventBus, logger: Logger, intervalMs: number): ChangePoller {
  let lastSeq: number | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  const log = logger.child('changes');

  async function check(): Promise<void> {
    const head = await db.selectFrom('audit_head').select('last_seq').where('id', '=', 1).executeTakeFirst();
    const seq = Number(head?.last_seq ?? 0);
    if (lastSeq === null || seq <= lastSeq) {
      lastSeq = seq;
      return;
    }
    const rows = await db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id'])
      .where('seq', '>', lastSeq)
      .where('seq', '<=', seq)
      .orderBy('seq')
      .limit(200)
      .execute();
    lastSeq = seq;
    const seen = new Set<string>();
    for (const r of rows) {
      const key = `${r.entity}\u0000${r.entity_id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      events.emit('data.changed', { entity: r.entity, id: r.entity_id });
    }
    if (rows.length === 0) events.emit('data.changed', { entity: 'store' });
  }

  const poll = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    running ??= check()
      .catch((err: unknown) => log.warn('change poll failed', { message: (err as Error)?.message }))
      .finally(() => (running = null));
    return running;
  };

  const timer = intervalMs > 0 ? setInterval(() => void poll(), intervalMs) : null;
  timer?.unref();
  void poll();
  return {
    poll,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
