import type { Access } from './access';
import type { Role } from './auth.schema';
import { channels, type ChannelName } from './channels';

/**
 * Who may call what, computed from each channel's `access` in its domain table
 * (`<domain>.channels.ts`): there is no second list to keep in step. To change a channel's access,
 * edit its ChannelDef.
 */
export type { Access };

export const permissions: Readonly<Record<ChannelName, Access>> = Object.freeze(
  Object.fromEntries(Object.entries(channels).map(([name, def]) => [name, def.access])) as Record<ChannelName, Access>,
);

/** May an officer with `role` call `channel` (ignoring 'public' and 'setup', which need store state)? */
export function roleMayCall(channel: ChannelName, role: Role): boolean {
  const access = permissions[channel];
  if (access === 'public') return true;
  // Citizen channels answer a citizen's pass only, never an officer's session.
  if (access === 'citizen') return false;
  if (access === 'setup') return role === 'admin';
  return access.includes(role);
}
