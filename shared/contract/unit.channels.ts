import type { ChannelDef } from './channel-def';
import { AppInfoSchema } from './app.schema';
import { noInput } from './common.schema';
import { UnitProfileInputSchema, UnitProfileSchema } from './unit.schema';

export const unitChannels = {
  'app.info': {
    summary: 'Version, store kind and whether the unit is set up.',
    input: noInput,
    output: AppInfoSchema,
  },
  'unit.get': {
    summary: 'The unit profile, or null on a fresh data folder.',
    input: noInput,
    output: UnitProfileSchema.nullable(),
  },
  'unit.save': {
    summary: 'Create or replace the unit profile (first-run set-up and later edits).',
    input: UnitProfileInputSchema,
    output: UnitProfileSchema,
  },
} as const satisfies Record<string, ChannelDef>;
