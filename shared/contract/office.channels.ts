import { z } from 'zod';
import type { ChannelDef } from './channel-def';
import { ADMINS } from './access';
import { noInput } from './common.schema';
import { ConnectionTestSchema, MoveResultSchema, StoreStatusSchema, postgresUrlSchema } from './office.schema';

const jobId = z.string().min(1).max(64);

/** Several desks: move the store to a shared PostgreSQL server and back (admin only). */
export const officeChannels = {
  'office.storeStatus': {
    access: ADMINS,
    summary: 'Which store this desk uses now and what config.json asks for.',
    input: noInput,
    output: StoreStatusSchema,
  },
  'office.testConnection': {
    access: ADMINS,
    summary: 'Connect to a PostgreSQL server and report its version and state.',
    input: z.strictObject({ url: postgresUrlSchema }),
    output: ConnectionTestSchema,
  },
  'office.prepareServer': {
    access: ADMINS,
    summary: "Create or update the desk's tables on the server (migrations).",
    input: z.strictObject({ url: postgresUrlSchema }),
    output: z.strictObject({ applied: z.array(z.string()) }),
  },
  'office.moveToServer': {
    access: ADMINS,
    summary: 'Copy every table of this desk to the server, verify counts, then point config.json at it.',
    input: z.strictObject({ url: postgresUrlSchema, jobId, replace: z.boolean().default(false) }),
    output: MoveResultSchema,
  },
  'office.useServer': {
    access: ADMINS,
    summary: 'Point config.json at a server that already holds the office data (another desk joins).',
    input: z.strictObject({ url: postgresUrlSchema }),
    output: z.strictObject({ restartNeeded: z.literal(true) }),
  },
  'office.moveToLocal': {
    access: ADMINS,
    summary: 'Copy the server data back into a new SQLite file on this machine and use it.',
    input: z.strictObject({ jobId }),
    output: MoveResultSchema,
  },
} as const satisfies Record<string, ChannelDef>;
