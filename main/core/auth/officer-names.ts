/**
 * Who an audit/event actor is, as a person: the officer's full name for a user name ("lan" → "Hồ Thị
 * Lan"); null for the technical actors (the CLI, the desk itself, the local admin), which are not
 * people and must never be printed on a form or read as one. A user removed since keeps the stored name.
 */
import type { Kysely } from 'kysely';
import { listUsers } from '../../store/users.repository';
import type { Database } from '../../store/schema';
import { CITIZEN_ACTOR, DESK_ACTOR, LOCAL_ADMIN, type CallContext } from '../context';

// The citizen rating on their own screen is not an officer either (the entry says the citizen rated).
const TECHNICAL = new Set([DESK_ACTOR, 'cli', LOCAL_ADMIN.name, 'system', 'import', CITIZEN_ACTOR]);

export async function officerNames(db: Kysely<Database>): Promise<(actor: string) => string | null> {
  const users = await listUsers(db);
  const names = new Map(users.map((u) => [u.name, u.display_name]));
  return (actor) => names.get(actor) ?? (TECHNICAL.has(actor) ? null : actor);
}

/** The signed-in officer's full name; null for in-process callers acting as the local admin (CLI, tests). */
export function signedInOfficer(ctx: CallContext): string | null {
  return ctx.user && ctx.user.id !== LOCAL_ADMIN.id ? ctx.user.displayName : null;
}

/** The CLI, the desk itself, the local admin: actors that are not a person. */
export function isTechnicalActor(actor: string): boolean {
  return TECHNICAL.has(actor);
}
