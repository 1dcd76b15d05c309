import { z } from 'zod';

export const AppInfoSchema = z.strictObject({
  version: z.string(),
  /** Which store this desk runs on: the embedded SQLite file or a shared PostgreSQL server. */
  store: z.enum(['sqlite', 'postgres']),
  /** True once the unit profile exists; a fresh data folder opens the set-up screen. */
  setUp: z.boolean(),
  /** Current time of the core, so the renderer shows dates in the same clock as deadlines. */
  now: z.string(),
});
export type AppInfo = z.output<typeof AppInfoSchema>;
