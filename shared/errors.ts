/**
 * One error vocabulary for every transport (IPC, HTTP, in-process, CLI).
 * `code` is for programs; `message` is a Vietnamese sentence a clerk can act on.
 */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'device_unavailable',
  'device_busy',
  'store_unavailable',
  /** The disk holding the data (or the database server's) is full: nothing was saved, reads still work. */
  'disk_full',
  'forbidden',
  'unauthenticated',
  /** The recovery code is needed (restore on a new PC, an old unencrypted backup, a desk joining the office). */
  'recovery_code_required',
  /** The recovery code typed does not match this office (or this backup). */
  'recovery_code_wrong',
  /** A backup that does not authenticate (tampered, truncated, reordered, manifest removed or rewritten): never restored. */
  'backup_unauthentic',
  /** This desk has no office key yet while the office's audit chain is keyed: join with the recovery code first. */
  'office_key_missing',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one field of the input; `path` follows the input object ("officers.0.name"). */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  /** Per-field problems for invalid_input, so forms can show them next to the field. */
  issues?: FieldIssue[];
  /** Extra machine-readable facts (e.g. the id of an existing record on conflict). */
  details?: Record<string, unknown>;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: FieldIssue[];
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, extra: { issues?: FieldIssue[]; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = extra.issues;
    this.details = extra.details;
  }

  toPayload(): ErrorPayload {
    const payload: ErrorPayload = { code: this.code, message: this.message };
    if (this.issues && this.issues.length > 0) payload.issues = this.issues;
    if (this.details) payload.details = this.details;
    return payload;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Turn an error payload that crossed a transport back into an AppError on the calling side. */
export function fromPayload(payload: ErrorPayload): AppError {
  return new AppError(payload.code, payload.message, { issues: payload.issues, details: payload.details });
}
