/**
 * How one audit entry is sealed: SHA-256 before the office had a recovery code, HMAC-SHA256 under
 * the office key after. Shared by appending (audit.ts) and checking (audit-verify.ts).
 */
import { createHash, createHmac } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import type { AuditRow } from '../../store/audit.repository';

/** The settings row holding the office's recovery-code verifier (core/trust/office-trust.ts). */
export const TRUST_SETTING = 'office.trust';

export const MAC_SHA256 = 'sha256';
export const MAC_HMAC = 'hmac-sha256';

/**
 * The seal of an entry: SHA-256 over the fields in a fixed order (the original, unkeyed form, so
 * entries written before the office had a key still verify), or HMAC-SHA256 under the office key
 * over the same fields plus how it is sealed and the row digests.
 */
export function sealAuditRow(row: Omit<AuditRow, 'hash'>, key: Buffer | null): string {
  const fields: unknown[] = [row.seq, row.at, row.actor, row.action, row.entity, row.entity_id, row.before_json, row.after_json, row.prev_hash];
  if (row.mac === MAC_HMAC) {
    if (!key) throw new AppError('office_key_missing', vi.trust.officeKeyMissing);
    return createHmac('sha256', key).update(JSON.stringify([...fields, row.mac, row.rows_json]), 'utf8').digest('hex');
  }
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
}

