import { z } from 'zod';
import { EVENT_NAMES } from './names';

/**
 * Events the core pushes to the renderer (progress of long work, changes made at other desks).
 * Named `domain.noun`. Carried by IPC `on` in the app and by Server-Sent Events in browser mode.
 */
export const events = {
  /** Something changed that screens showing lists should refetch (e.g. another desk saved a dossier). */
  'data.changed': z.strictObject({ entity: z.string(), id: z.string().optional() }),
  /** Progress of a long job (scan, import, backup): done of total, with a Vietnamese label. */
  'job.progress': z.strictObject({
    jobId: z.string(),
    kind: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
    label: z.string(),
  }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export { EVENT_NAMES };

type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const eventNamesMatch: SameKeys<EventName, (typeof EVENT_NAMES)[number]> = true;
void eventNamesMatch;
