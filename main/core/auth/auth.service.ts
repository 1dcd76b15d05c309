import type { authChannels } from '../../../shared/contract/auth.channels';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ParsedInput } from '../../../shared/contract/channels';
import type { Role, SessionUser, SignInResult, User } from '../../../shared/contract/auth.schema';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import { readSetting, writeSetting } from '../../store/settings.repository';
import {
  anyUserExists,
  countActiveUsers,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findLiveSession,
  findUserById,
  findUserByName,
  insertSession,
  insertUser,
  listUsers,
  takeSignInAttempt,
  updateUser,
  type UserRow,
} from '../../store/users.repository';
import { appendAudit } from '../audit/audit';
import type { CallContext, CoreDeps } from '../context';
import type { ChannelsOf, HandlerMap } from '../handlers';
import { decoyHash, hashSecret, verifySecret } from './secret-hash';

/** A session lasts one long working day; the lock screen covers shorter absences. */
export const SESSION_HOURS = 12;
export const DEFAULT_LOCK_MINUTES = 5;
const LOCK_SETTING = 'auth.lockMinutes';
/** After this many wrong PINs in a row the account waits before the next try (a PIN is short). */
const FREE_ATTEMPTS = 5;
const MAX_WAIT_SECONDS = 15 * 60;

export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function toSessionUser(row: UserRow): SessionUser {
  return { id: row.id, name: row.name, displayName: row.display_name, role: row.role as Role };
}

function toUser(row: UserRow): User {
  return {
    ...toSessionUser(row),
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastSignInAt: row.last_sign_in_at,
    lockedUntil: row.locked_until,
  };
}

/** What an audit entry may show of an officer: never the hash. */
function auditView(row: UserRow) {
  return { name: row.name, displayName: row.display_name, role: row.role, active: row.active === 1 };
}

/**
 * Remembers "at least one officer exists" once seen: from then on the desk never goes back to
 * first-run mode (the last admin cannot be deactivated), so the dispatcher's check costs no query.
 */
export function createUserPresence(deps: CoreDeps): { anyUser(): Promise<boolean> } {
  let known = false;
  return {
    async anyUser() {
      if (known) return true;
      known = await anyUserExists(deps.db);
      return known;
    },
  };
}

/** The officer behind a session token, or null (unknown, expired, signed out, deactivated). */
export async function resolveSession(deps: CoreDeps, token: string): Promise<SessionUser | null> {
  if (token.length < 20 || token.length > 200) return null;
  const found = await findLiveSession(deps.db, tokenDigest(token), deps.clock.now().toISOString());
  return found ? toSessionUser(found.user) : null;
}

async function openSession(deps: CoreDeps, user: UserRow, ctx: CallContext): Promise<SignInResult> {
  const now = deps.clock.now();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    // Switching officer at a shared desk ends the previous session of this page.
    if (ctx.sessionToken) await deleteSession(trx, tokenDigest(ctx.sessionToken));
    await deleteExpiredSessions(trx, now.toISOString());
    await insertSession(trx, { id: tokenDigest(token), user_id: user.id, transport: ctx.transport, created_at: now.toISOString(), expires_at: expiresAt });
    await updateUser(trx, user.id, { failed_attempts: 0, locked_until: null, last_sign_in_at: now.toISOString() });
  });
  deps.logger.info('signed in', { user: user.name, transport: ctx.transport });
  return { user: toSessionUser(user), expiresAt, token };
}

function throttled(deps: CoreDeps, lockedUntil: string | null): AppError {
  const seconds = Math.max(1, Math.ceil(((lockedUntil ? Date.parse(lockedUntil) : 0) - deps.clock.now().getTime()) / 1000));
  return new AppError('unauthenticated', vi.auth.throttled(seconds), { details: { retryAfterSeconds: seconds } });
}

/** The wait after the n-th wrong PIN in a row: none for the first few, then 30 s doubling, capped. */
export function lockSeconds(attempts: number): number {
  return attempts >= FREE_ATTEMPTS ? Math.min(MAX_WAIT_SECONDS, 30 * 2 ** (attempts - FREE_ATTEMPTS)) : 0;
}

export async function signIn(deps: CoreDeps, ctx: CallContext, input: ParsedInput<'auth.signIn'>): Promise<SignInResult> {
  const user = await findUserByName(deps.db, input.name);
  const now = deps.clock.now();
  if (!user || user.active !== 1) {
    // Spend the same time as a real check, so timing does not reveal which names exist.
    await verifySecret(input.pin, await decoyHash());
    throw new AppError('unauthenticated', vi.auth.badCredentials, { issues: [{ path: 'pin', message: vi.auth.badCredentials }] });
  }
  // The attempt is counted (and, from the FREE_ATTEMPTS-th on, the account held for the longest
  // wait) atomically before the PIN is checked: 400 parallel guesses get FREE_ATTEMPTS checks, not 400.
  const provisional = new Date(now.getTime() + MAX_WAIT_SECONDS * 1000).toISOString();
  const attempts = await takeSignInAttempt(deps.db, user.id, now.toISOString(), FREE_ATTEMPTS, provisional);
  if (attempts === undefined) {
    const held = await findUserById(deps.db, user.id);
    throw throttled(deps, held?.locked_until ?? provisional);
  }
  if (!(await verifySecret(input.pin, user.secret_hash))) {
    const wait = lockSeconds(attempts);
    // Shorten the provisional hold to this attempt's wait; below the threshold nothing to write.
    if (wait > 0) await updateUser(deps.db, user.id, { locked_until: new Date(now.getTime() + wait * 1000).toISOString() });
    deps.logger.warn('sign-in refused', { user: user.name, attempts, transport: ctx.transport });
    throw new AppError('unauthenticated', wait > 0 ? vi.auth.throttled(wait) : vi.auth.badCredentials, {
      issues: [{ path: 'pin', message: vi.auth.badCredentials }],
      ...(wait > 0 ? { details: { retryAfterSeconds: wait } } : {}),
    });
  }
  return openSession(deps, user, ctx);
}

/** An admin (or `motcua user unlock`) lifts a sign-in hold; the audit says who and what it was. */
async function unlockUser(deps: CoreDeps, ctx: CallContext, id: string): Promise<User> {
  const row = await deps.db.transaction().execute(async (trx) => {
    const before = await findUserById(trx, id);
    if (!before) throw new AppError('not_found', vi.auth.userNotFound);
    const at = deps.clock.now().toISOString();
    await updateUser(trx, id, { failed_attempts: 0, locked_until: null, updated_at: at });
    await appendAudit(trx, deps, {
      actor: ctx.actor,
      action: 'user.unlock',
      entity: 'user',
      entityId: id,
      before: { name: before.name, failedAttempts: before.failed_attempts, lockedUntil: before.locked_until },
      after: { name: before.name, failedAttempts: 0, lockedUntil: null },
    });
    return { ...before, failed_attempts: 0, locked_until: null, updated_at: at };
  });
  deps.logger.info('sign-in hold lifted', { user: row.name, by: ctx.actor });
  deps.events.emit('data.changed', { entity: 'user', id });
  return toUser(row);
}

async function createUserRow(deps: CoreDeps, ctx: CallContext, input: { name: string; displayName: string; role: Role; pin: string }): Promise<UserRow> {
  const at = deps.clock.now().toISOString();
  const row = {
    id: randomUUID(),
    name: input.name,
    display_name: input.displayName,
    role: input.role,
    secret_hash: await hashSecret(input.pin),
    active: 1,
    created_at: at,
    updated_at: at,
  };
  await deps.db.transaction().execute(async (trx) => {
    if (await findUserByName(trx, input.name)) {
      throw new AppError('conflict', vi.auth.nameTaken(input.name), { issues: [{ path: 'name', message: vi.auth.nameTaken(input.name) }] });
    }
    await insertUser(trx, row);
    const full: UserRow = { ...row, failed_attempts: 0, locked_until: null, last_sign_in_at: null };
    await appendAudit(trx, deps, { actor: ctx.actor, action: 'user.create', entity: 'user', entityId: row.id, before: null, after: auditView(full) });
  });
  deps.events.emit('data.changed', { entity: 'user', id: row.id });
  return { ...row, failed_attempts: 0, locked_until: null, last_sign_in_at: null };
}

async function updateUserProfile(deps: CoreDeps, ctx: CallContext, input: ParsedInput<'users.update'>): Promise<User> {
  const after = await deps.db.transaction().execute(async (trx) => {
    const before = await findUserById(trx, input.id);
    if (!before) throw new AppError('not_found', vi.auth.userNotFound);
    const patch: Partial<UserRow> = { updated_at: deps.clock.now().toISOString() };
    if (input.displayName !== undefined) patch.display_name = input.displayName;
    if (input.role !== undefined) patch.role = input.role;
    if (input.active !== undefined) patch.active = input.active ? 1 : 0;
    const next: UserRow = { ...before, ...patch };
    const losesAdmin = before.role === 'admin' && before.active === 1 && (next.role !== 'admin' || next.active !== 1);
    if (losesAdmin && (await countActiveUsers(trx, 'admin')) <= 1) throw new AppError('conflict', vi.auth.lastAdmin);
    await updateUser(trx, input.id, patch);
    if (next.active !== 1) await deleteUserSessions(trx, input.id);
    await appendAudit(trx, deps, { actor: ctx.actor, action: 'user.update', entity: 'user', entityId: input.id, before: auditView(before), after: auditView(next) });
    return next;
  });
  deps.events.emit('data.changed', { entity: 'user', id: input.id });
  return toUser(after);
}

async function resetPin(deps: CoreDeps, ctx: CallContext, id: string, pin: string): Promise<User> {
  const hash = await hashSecret(pin);
  const row = await deps.db.transaction().execute(async (trx) => {
    const before = await findUserById(trx, id);
    if (!before) throw new AppError('not_found', vi.auth.userNotFound);
    const at = deps.clock.now().toISOString();
    await updateUser(trx, id, { secret_hash: hash, failed_attempts: 0, locked_until: null, updated_at: at });
    // Whoever knew the old PIN is signed out everywhere.
    await deleteUserSessions(trx, id);
    await appendAudit(trx, deps, { actor: ctx.actor, action: 'user.resetPin', entity: 'user', entityId: id, before: null, after: { name: before.name } });
    return { ...before, secret_hash: hash, failed_attempts: 0, locked_until: null, updated_at: at };
  });
  return toUser(row);
}

async function lockMinutes(deps: CoreDeps): Promise<number> {
  const value = await readSetting(deps.db, LOCK_SETTING);
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 240 ? value : DEFAULT_LOCK_MINUTES;
}

type AuthChannel = ChannelsOf<typeof authChannels>;

export function authHandlers(deps: CoreDeps): HandlerMap<AuthChannel> {
  return {
    'auth.status': async () => {
      const rows = await listUsers(deps.db);
      return {
        hasUsers: rows.length > 0,
        users: rows.filter((r) => r.active === 1).map((r) => ({ name: r.name, displayName: r.display_name })),
        lockMinutes: await lockMinutes(deps),
      };
    },
    'auth.setupAdmin': async (input, ctx) => {
      if (await anyUserExists(deps.db)) throw new AppError('conflict', vi.auth.alreadySetUp);
      const row = await createUserRow(deps, { ...ctx, actor: input.name }, { ...input, role: 'admin' });
      // The office's recovery code is made with its first admin and shown once (a restored store already has one).
      const created = deps.trust.record() ? null : await deps.trust.createRecoveryCode(deps.db, deps.clock, input.name);
      if (created) deps.logger.info('recovery code created at set-up', { officeId: created.record.officeId });
      return { ...(await openSession(deps, row, ctx)), recoveryCode: created?.recoveryCode ?? null };
    },
    'auth.signIn': (input, ctx) => signIn(deps, ctx, input),
    'auth.signOut': async (_input, ctx) => {
      if (!ctx.sessionToken) return { signedOut: false };
      const signedOut = await deleteSession(deps.db, tokenDigest(ctx.sessionToken));
      if (signedOut) deps.logger.info('signed out', { user: ctx.user?.name ?? null, transport: ctx.transport });
      return { signedOut };
    },
    'auth.me': async (_input, ctx) => ctx.user ?? null,
    'auth.changePin': async (input, ctx) => {
      const row = ctx.user ? await findUserById(deps.db, ctx.user.id) : undefined;
      if (!row) throw new AppError('unauthenticated', vi.auth.unauthenticated);
      if (!(await verifySecret(input.currentPin, row.secret_hash))) {
        throw new AppError('invalid_input', vi.auth.currentPinWrong, { issues: [{ path: 'currentPin', message: vi.auth.currentPinWrong }] });
      }
      const hash = await hashSecret(input.newPin);
      await deps.db.transaction().execute(async (trx) => {
        await updateUser(trx, row.id, { secret_hash: hash, updated_at: deps.clock.now().toISOString() });
        await appendAudit(trx, deps, { actor: ctx.actor, action: 'user.changePin', entity: 'user', entityId: row.id, before: null, after: { name: row.name } });
      });
      return { changed: true as const };
    },
    'auth.saveSettings': async (input, ctx) => {
      await deps.db.transaction().execute(async (trx) => {
        const before = await readSetting(trx, LOCK_SETTING);
        await writeSetting(trx, LOCK_SETTING, input.lockMinutes, deps.clock.now().toISOString());
        await appendAudit(trx, deps, { actor: ctx.actor, action: 'settings.update', entity: 'setting', entityId: LOCK_SETTING, before: before ?? null, after: input.lockMinutes });
      });
      deps.events.emit('data.changed', { entity: 'setting', id: LOCK_SETTING });
      return { lockMinutes: input.lockMinutes };
    },
    'users.list': async () => (await listUsers(deps.db)).map(toUser),
    'users.create': async (input, ctx) => toUser(await createUserRow(deps, ctx, input)),
    'users.update': (input, ctx) => updateUserProfile(deps, ctx, input),
    'users.resetPin': (input, ctx) => resetPin(deps, ctx, input.id, input.pin),
    'users.unlock': (input, ctx) => unlockUser(deps, ctx, input.id),
  };
}

