import type { z } from 'zod';
import { channels, isChannelName, type ChannelName } from '../../shared/contract/channels';
import '../../shared/contract/zod-locale';
import { guardInput, type InputRefusal } from '../../shared/domain/input-guard';
import { AppError, isAppError, type Envelope, type ErrorPayload, type FieldIssue } from '../../shared/errors';
import { vi } from '../../shared/i18n/vi';
import type { SessionUser } from '../../shared/contract/auth.schema';
import { permissions, type Access } from '../../shared/contract/permissions';
import { CITIZEN_ACTOR, LOCAL_ADMIN, type CallContext, type CitizenGrant } from '../core/context';
import type { Handlers } from '../core/handlers';
import type { Logger } from '../core/ports/logger';
import { diskFullError, isDiskFull, type StorageFacts } from './disk-full';

export interface Dispatcher {
  /** Run one call. Never throws: every outcome is an envelope. */
  call(channel: string, rawInput: unknown, ctx: CallContext): Promise<Envelope<unknown>>;
}

export interface DispatcherOptions {
  logger: Logger;
  /** Check every output against its schema too (on in tests and development). */
  validateOutputs?: boolean;
  /**
   * Sign-in and roles. When given, every call is checked against shared/contract/permissions.ts
   * before its handler runs. (Only unit tests of the dispatcher's own mechanics leave it out.)
   */
  access?: AccessControl;
  /** Where the data lives, for the "disk full" message (what to free, how much is left). */
  storage?: StorageFacts;
}

export interface AccessControl {
  /** The officer behind a session token, or null. */
  resolveSession(token: string): Promise<SessionUser | null>;
  /** False on a fresh desk (first-run set-up channels are open until the first admin exists). */
  anyUser(): Promise<boolean>;
  /** The dossier a citizen's pass was issued for, or null (unknown, expired, used). */
  resolveCitizen?(token: string): CitizenGrant | null;
}

export function zodIssuesToFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** The envelope error for input the guard refused (shared with the recovery-mode dispatcher). */
export function guardRefusal(refusal: InputRefusal): ErrorPayload {
  return { code: 'invalid_input', message: vi.errors.invalid_input, issues: [{ path: refusal.path, message: refusal.message }] };
}

export function createDispatcher(handlers: Handlers, options: DispatcherOptions): Dispatcher {
  const log = options.logger.child('rpc');
  return {
    async call(channel, rawInput, callerCtx) {
      // A copy: the caller may reuse its context object for many calls.
      const ctx: CallContext = { ...callerCtx };
      if (!isChannelName(channel)) {
        return { ok: false, error: { code: 'not_found', message: vi.errors.unknown_channel(String(channel).slice(0, 80)) } };
      }
      if (options.access) {
        try {
          const refused = await authorize(channel, ctx, options.access);
          if (refused) return { ok: false, error: refused };
        } catch (err) {
          return { ok: false, error: toErrorPayload(err, channel, log, options.storage) };
        }
      }
      const def = channels[channel];
      // Depth, prototype keys and broken UTF-16 are refused before any schema or copy sees them.
      const guarded = guardInput(rawInput);
      if (!guarded.ok) return { ok: false, error: guardRefusal(guarded.refusal) };
      const parsed = def.input.safeParse(guarded.value);
      if (!parsed.success) {
        return {
          ok: false,
          error: { code: 'invalid_input', message: vi.errors.invalid_input, issues: zodIssuesToFieldIssues(parsed.error) },
        };
      }
      try {
        const handler = handlers[channel] as (input: unknown, ctx: CallContext) => Promise<unknown>;
        const value = await handler(parsed.data, ctx);
        if (options.validateOutputs) {
          const checked = def.output.safeParse(value);
          if (!checked.success) {
            log.error('output failed its schema', { channel, issues: checked.error.issues });
            return { ok: false, error: { code: 'internal', message: vi.errors.internal } };
          }
        }
        return { ok: true, value };
      } catch (err) {
        return { ok: false, error: toErrorPayload(err, channel, log, options.storage) };
      }
    },
  };
}

/**
 * Resolve who is calling and check the permission table. Fills in `ctx` so the handler sees the
 * officer (`ctx.user`) and audit entries carry their name (`ctx.actor`). Returns the refusal, if any.
 */
async function authorize(channel: ChannelName, ctx: CallContext, access: AccessControl): Promise<ErrorPayload | null> {
  // Deny by default: a channel missing from the table (impossible while it typechecks) is admin-only.
  const rule = (permissions[channel] as Access | undefined) ?? ['admin'];
  if (ctx.citizenToken !== undefined) {
    // A citizen's pass reaches its own channels and nothing else, not even the public ones.
    const grant = access.resolveCitizen?.(ctx.citizenToken) ?? null;
    if (!grant) return { code: 'unauthenticated', message: vi.citizen.passExpired };
    if (rule !== 'citizen') return { code: 'forbidden', message: vi.citizen.onlyRating, details: { channel } };
    ctx.citizen = grant;
    ctx.user = null;
    ctx.actor = CITIZEN_ACTOR;
    return null;
  }
  if (rule === 'citizen') return { code: 'forbidden', message: vi.citizen.needsPass, details: { channel } };
  if (ctx.sessionToken !== undefined) {
    const user = await access.resolveSession(ctx.sessionToken);
    ctx.user = user;
    if (user) ctx.actor = user.name;
  } else if (ctx.user === undefined) {
    // Trusted in-process code (CLI, tests) acts as the local admin; page-facing transports never do.
    ctx.user = ctx.transport === 'in-process' ? LOCAL_ADMIN : null;
  }
  if (rule === 'public') return null;
  if (rule === 'setup' && !(await access.anyUser())) return null;
  const user = ctx.user;
  if (!user) return { code: 'unauthenticated', message: vi.auth.unauthenticated };
  const allowed: readonly string[] = rule === 'setup' ? ['admin'] : rule;
  if (!allowed.includes(user.role)) {
    return { code: 'forbidden', message: vi.auth.forbidden(vi.auth.roles[user.role] ?? user.role), details: { channel, role: user.role } };
  }
  return null;
}

/** Map anything thrown by a handler to the error vocabulary; log what a person cannot act on. */
export function toErrorPayload(err: unknown, channel: ChannelName | string, log: Logger, storage?: StorageFacts) {
  // Before the AppError pass-through: a full disk wrapped in `internal` (or raw) still reads as one.
  if (isDiskFull(err) && !(isAppError(err) && err.code !== 'internal')) {
    log.warn('disk full: write refused', { channel, message: errorMessage(err) });
    return diskFullError(storage, err).toPayload();
  }
  if (isAppError(err)) {
    if (err.code === 'internal') log.error('internal error', { channel, message: err.message, stack: err.stack });
    return err.toPayload();
  }
  if (isStoreUnavailable(err)) {
    log.error('store unavailable', { channel, message: errorMessage(err) });
    return new AppError('store_unavailable', vi.errors.store_unavailable).toPayload();
  }
  log.error('unexpected error', { channel, message: errorMessage(err), stack: err instanceof Error ? err.stack : undefined });
  return new AppError('internal', vi.errors.internal).toPayload();
}

const STORE_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
  '57P01', // PostgreSQL admin_shutdown
  '57P03', // cannot_connect_now
  '08006', // connection_failure
  '08001',
]);

function isStoreUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && STORE_DOWN_CODES.has(code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect/i.test(errorMessage(err));
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
