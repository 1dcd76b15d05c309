import type { Role } from './auth.schema';

/**
 * Who may call a channel, written in the channel's own `ChannelDef` (`access`). The dispatcher checks
 * it before any handler runs, so hiding a button in the UI is never the only protection.
 *
 * - 'public': anyone, signed in or not (what the sign-in screen itself needs).
 * - 'setup': anyone while the desk has no officer yet (first-run set-up); afterwards admins only.
 * - 'citizen': only a citizen's narrow pass (the rating screen opened from the desk for one returned
 *   dossier); no officer calls these, and a pass calls nothing else.
 * - a role list: a signed-in officer with one of these roles.
 */
export type Access = 'public' | 'setup' | 'citizen' | readonly Role[];

export const ALL: readonly Role[] = ['clerk', 'leader', 'admin'];
export const LEADERS: readonly Role[] = ['leader', 'admin'];
export const ADMINS: readonly Role[] = ['admin'];
/** A citizen's narrow pass (the rating screen). */
export const CITIZEN = 'citizen' as const;
