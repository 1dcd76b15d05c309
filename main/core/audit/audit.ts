import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { GENESIS_HASH } from '../../store/migrations/0001-initial';
import { claimAuditSlot, insertAuditRow, listAuditRows, readAuditHead, type AuditRow } from '../../store/audit.repository';
import type { Database } from '../../store/schema';
import type { Clock } from '../ports/clock';

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/**
 * Append one entry to the hash chain. Call it inside the same transaction as the change it
 * records, so the change and its audit entry commit (or vanish) together.
 */
export async function appendAudit(trx: Kysely<Database>, clock: Clock, entry: AuditEntry): Promise<AuditRow> {
  const { seq, prevHash } = await claimAuditSlot(trx);
  const base: Omit<AuditRow, 'hash'> = {
    seq,
    at: clock.now().toISOString(),
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    before_json: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
    prev_hash: prevHash,
  };
  const row: AuditRow = { ...base, hash: hashAuditRow(base) };
  await insertAuditRow(trx, row);
  return row;
}

/** SHA-256 over the row's fields in a fixed order, including the previous entry's hash. */
export function hashAuditRow(row: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([
    row.seq,
    row.at,
    row.actor,
    row.action,
    row.entity,
    row.entity_id,
    row.before_json,
    row.after_json,
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAt: number; reason: 'hash_mismatch' | 'link_mismatch' | 'gap' | 'head_mismatch' };

/** Walk the whole chain in pages; report the first entry that was edited, removed or re-linked. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerification> {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await listAuditRows(db, expectedSeq - 1, 1000);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== expectedSeq) return { ok: false, entries: count, brokenAt: expectedSeq, reason: 'gap' };
      if (row.prev_hash !== expectedPrev) return { ok: false, entries: count, brokenAt: row.seq, reason: 'link_mismatch' };
      const { hash, ...rest } = row;
      if (hashAuditRow(rest) !== hash) return { ok: false, entries: count, brokenAt: row.seq, reason: 'hash_mismatch' };
      expectedPrev = hash;
      expectedSeq += 1;
      count += 1;
    }
  }
  const head = await readAuditHead(db);
  // A deleted tail leaves the head pointing past the last row.
  if (head.lastSeq !== count || head.lastHash !== expectedPrev) {
    return { ok: false, entries: count, brokenAt: count + 1, reason: 'head_mismatch' };
  }
  return { ok: true, entries: count };
}
