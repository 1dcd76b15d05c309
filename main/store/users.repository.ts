import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, SessionsTable, UsersTable } from './schema';

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;

export async function countActiveUsers(db: Kysely<Database>, role?: string): Promise<number> {
  let q = db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('active', '=', 1);
  if (role) q = q.where('role', '=', role);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function anyUserExists(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function listUsers(db: Kysely<Database>): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('display_name').orderBy('name').execute();
}

export async function findUserById(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByName(db: Kysely<Database>, name: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertUser(db: Kysely<Database>, row: Omit<UserRow, 'failed_attempts' | 'locked_until' | 'last_sign_in_at'>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: Kysely<Database>, id: string, patch: Partial<Omit<UserRow, 'id'>>): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function insertSession(db: Kysely<Database>, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The session and its officer, when the session exists, has not expired and the officer is active. */
export async function findLiveSession(db: Kysely<Database>, id: string, nowIso: string): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.id as s_id', 'sessions.transport as s_transport', 'sessions.created_at as s_created_at', 'sessions.expires_at as s_expires_at'])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', nowIso)
    .where('users.active', '=', 1)
    .executeTakeFirst();
  if (!row) return undefined;
  const { s_id, s_transport, s_created_at, s_expires_at, ...user } = row;
  return { session: { id: s_id, user_id: user.id, transport: s_transport, created_at: s_created_at, expires_at: s_expires_at }, user };
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<boolean> {
  const r = await db.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function deleteUserSessions(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, nowIso: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', nowIso).execute();
}

/**
 * Takes one sign-in attempt for an officer atomically, BEFORE the PIN is checked: the counter goes
 * up and, from the `lockFrom`-th attempt in a row, the account is held until `holdUntilIso` in the
 * same statement. An account already held is not touched and `undefined` comes back, so parallel
 * guesses cannot slip between the read and the write (row lock on PostgreSQL, one writer on SQLite).
 */
export async function takeSignInAttempt(
  db: Kysely<Database>,
  id: string,
  nowIso: string,
  lockFrom: number,
  holdUntilIso: string,
): Promise<number | undefined> {
  const row = await db
    .updateTable('users')
    .set({
      // Both expressions read the row as it was before this statement.
      failed_attempts: sql<number>`failed_attempts + 1`,
      locked_until: sql<string | null>`CASE WHEN failed_attempts + 1 >= ${lockFrom} THEN CAST(${holdUntilIso} AS TEXT) ELSE NULL END`,
    })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso)]))
    .returning('failed_attempts')
    .executeTakeFirst();
  return row ? Number(row.failed_attempts) : undefined;
}
