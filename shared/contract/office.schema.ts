import { z } from 'zod';
import { vi } from '../i18n/vi';

/** A PostgreSQL connection string, e.g. postgres://motcua:secret@192.168.1.10:5432/motcua */
export const postgresUrlSchema = z
  .string({ error: vi.validation.expectedText })
  .trim()
  .max(500, { error: vi.validation.tooLong(500) })
  .regex(/^postgres(ql)?:\/\/[^\s]+$/, { error: vi.office.urlInvalid });

export const StoreStatusSchema = z.strictObject({
  /** The store this desk runs on now. */
  kind: z.enum(['sqlite', 'postgres']),
  /** Where, without the password. */
  describe: z.string(),
  /** What config.json asks for (takes effect at the next start). */
  configured: z.enum(['sqlite', 'postgres']),
  /** The server address in config.json, password hidden. */
  configuredUrl: z.string().nullable(),
  /** DATABASE_URL is set in the environment and wins over config.json. */
  envOverride: z.boolean(),
});
export type StoreStatus = z.output<typeof StoreStatusSchema>;

export const ConnectionTestSchema = z.strictObject({
  serverVersion: z.string(),
  /** The server already has the desk's tables at the latest version. */
  migrated: z.boolean(),
  /** The server already holds a unit profile or dossiers (another desk moved its data there). */
  hasData: z.boolean(),
});
export type ConnectionTest = z.output<typeof ConnectionTestSchema>;

export const TableCountSchema = z.strictObject({ table: z.string(), source: z.number().int(), target: z.number().int() });
export type TableCount = z.output<typeof TableCountSchema>;

export const MoveResultSchema = z.strictObject({
  tables: z.array(TableCountSchema),
  rows: z.number().int(),
  /** config.json now points at the new store; the app must restart to use it. */
  restartNeeded: z.literal(true),
});
export type MoveResult = z.output<typeof MoveResultSchema>;
