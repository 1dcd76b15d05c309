/**
 * The audit chain: every change appends one entry in the same transaction as the change. Before
 * the office has a recovery code each entry is sealed with SHA-256 over its fields and the previous
 * hash; from the `audit.keyed` entry on, with HMAC-SHA256 under the office key (kept outside the
 * database, core/trust), and each entry records the digests of the business rows it left behind
 * (tracked-tables.ts), so a direct edit of the database is detected and named (audit-verify.ts).
 */
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import { claimAuditSlot, insertAuditRow, type AuditRow } from '../../store/audit.repository';
import { readSetting } from '../../store/settings.repository';
import type { Database } from '../../store/schema';
import type { Clock } from '../ports/clock';
import { MAC_HMAC, MAC_SHA256, sealAuditRow, TRUST_SETTING } from './audit-seal';
import { digestRows, rowOfEntity, type RowDigest, type RowRef } from './tracked-tables';

export { GENESIS_HASH } from '../../store/migrations/0001-initial';
export { MAC_HMAC, MAC_SHA256, sealAuditRow, TRUST_SETTING } from './audit-seal';
export { verifyAuditChain, verifyAudit, type AuditAnchor, type AuditVerification, type AuditReport } from './audit-verify';

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  /**
   * Further rows this change wrote (the entity's own row is added when the entity names a tracked
   * table: user, dossier, setting…). Their content after the change is digested into the entry.
   */
  rows?: RowRef[];
}

/** What appending needs: the time, and the office key when this desk has one. */
export interface AuditDeps {
  clock: Clock;
  trust: { officeKey(): Buffer | null };
}

/**
 * Append one entry to the chain. Call it inside the same transaction as the change it records,
 * so the change and its audit entry commit (or vanish) together.
 */
export async function appendAudit(trx: Kysely<Database>, deps: AuditDeps, entry: AuditEntry): Promise<AuditRow> {
  const key = deps.trust.officeKey();
  // A desk without the key must not extend a keyed chain with plain hashes (verify would refuse
  // the whole chain from there): it joins the office with the recovery code first.
  if (!key && (await readSetting(trx, TRUST_SETTING)) !== undefined) throw new AppError('office_key_missing', vi.trust.officeKeyMissing);
  const own = rowOfEntity(entry.entity, entry.entityId);
  const rows: RowDigest[] | null = key ? await digestRows(trx, [...(own ? [own] : []), ...(entry.rows ?? [])]) : null;
  const { seq, prevHash } = await claimAuditSlot(trx);
  const base: Omit<AuditRow, 'hash'> = {
    seq,
    at: deps.clock.now().toISOString(),
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    before_json: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
    prev_hash: prevHash,
    mac: key ? MAC_HMAC : MAC_SHA256,
    rows_json: rows ? JSON.stringify(rows) : null,
  };
  const row: AuditRow = { ...base, hash: sealAuditRow(base, key) };
  await insertAuditRow(trx, row);
  return row;
}

/** Kept for callers of the unkeyed form (stress harness, old tests): SHA-256 of an unkeyed entry. */
export function hashAuditRow(row: Omit<AuditRow, 'hash'>): string {
  return sealAuditRow({ ...row, mac: MAC_SHA256 }, null);
}
