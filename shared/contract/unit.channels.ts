import type { ChannelDef } from './channel-def';
import { AppInfoSchema } from './app.schema';
import { noInput } from './common.schema';
import { UnitProfileInputSchema, UnitProfileSchema } from './unit.schema';

export const unitChannels = {
  'app.info': {
    access: 'public',
    summary: 'Version, store kind and whether the unit is set up.',
    input: noInput,
    output: AppInfoSchema,
  },
  'unit.get': {
    // The sign-in screen shows the unit's name, so reading it is public.
    access: 'public',
    summary: 'The unit profile, or null on a fresh data folder.',
    input: noInput,
    output: UnitProfileSchema.nullable(),
  },
  'unit.save': {
    access: 'setup',
    summary: 'Create or replace the unit profile (first-run set-up and later edits).',
    input: UnitProfileInputSchema,
    output: UnitProfileSchema,
  },
} as const satisfies Record<string, ChannelDef>;
