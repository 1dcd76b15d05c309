import type { z } from 'zod';
import type { ErrorPayload } from '../errors';
import type { ChannelDef } from './channel-def';
import { archiveChannels } from './archive.channels';
import { backupChannels } from './backup.channels';
import { citizenChannels } from './citizen.channels';
import { digitizeChannels } from './digitize.channels';
import { documentsChannels } from './documents.channels';
import { handoverChannels } from './handover.channels';
import { authChannels } from './auth.channels';
import { intakeChannels } from './intake.channels';
import { officeChannels } from './office.channels';
import { reportsChannels } from './reports.channels';
import { CHANNEL_NAMES } from './names';
import { signaturesChannels } from './signatures.channels';
import { trackingChannels } from './tracking.channels';
import { trustChannels } from './trust.channels';
import { unitChannels } from './unit.channels';

/**
 * THE list of calls between the renderer (or CLI, or a test) and the core, merged from one table
 * per domain (`<domain>.channels.ts`). Each channel is `domain.verb` with a zod schema for its
 * input and output. Every transport (Electron IPC, HTTP host, in-process) carries exactly these,
 * and the types below are derived from this table, so a channel without a handler or a call with
 * the wrong shape fails to compile.
 */
export const channels = {
  ...unitChannels,
  ...backupChannels,
  ...intakeChannels,
  ...authChannels,
  ...officeChannels,
  ...trackingChannels,
  ...digitizeChannels,
  ...documentsChannels,
  ...reportsChannels,
  ...handoverChannels,
  ...archiveChannels,
  ...signaturesChannels,
  ...citizenChannels,
  ...trustChannels,
} as const satisfies Record<string, ChannelDef>;

export type { ChannelDef };
export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export { CHANNEL_NAMES };

// Compile-time: names.ts (generated) lists exactly the channels of the tables. When it does not,
// the error names the channels missing from it / extra in it: run `npm run gen:names`.
type MissingFromNames = Exclude<ChannelName, (typeof CHANNEL_NAMES)[number]>;
type ExtraInNames = Exclude<(typeof CHANNEL_NAMES)[number], ChannelName>;
const namesInStep: [MissingFromNames, ExtraInNames] extends [never, never]
  ? 'in step'
  : { runNpmGenNames: { missing: MissingFromNames; extra: ExtraInNames } } = 'in step';
void namesInStep;

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/** What a caller sends (before defaults and transforms). */
export type Input<C extends ChannelName> = z.input<Channels[C]['input']>;
/** What a handler receives (after validation, NFC normalisation and transforms). */
export type ParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
/** What a handler returns and a caller receives. */
export type Output<C extends ChannelName> = z.output<Channels[C]['output']>;

export type Result<C extends ChannelName> = { ok: true; value: Output<C> } | { ok: false; error: ErrorPayload };
