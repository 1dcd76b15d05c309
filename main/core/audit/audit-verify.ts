/**
 * Checking the audit chain (issue 15 item 3): links, seals (SHA-256 before the office had a key,
 * HMAC under the office key after), the head, and — once keyed — that every tracked business row
 * still has the content its latest entry recorded, naming each row edited, added or deleted behind
 * the app's back. `against` checks an anchor held outside the database (a backup's manifest, the
 * "Mã kiểm tra sổ" printed on the daily book): the entry at that point must still be there, sealed
 * the same, so nothing before it was removed or rewritten.
 */
import type { Kysely } from 'kysely';
import { listAuditRows, readAuditHead, type AuditRow } from '../../store/audit.repository';
import { pageTrackedRows } from '../../store/audit-rows.repository';
import { GENESIS_HASH } from '../../store/migrations/0001-initial';
import type { Database } from '../../store/schema';
import { readSetting } from '../../store/settings.repository';
import { MAC_HMAC, sealAuditRow, TRUST_SETTING } from './audit-seal';
import { digestValues, TRACKED_TABLES, type RowDigest } from './tracked-tables';

export type ChainReason =
  | 'hash_mismatch'
  | 'link_mismatch'
  | 'gap'
  | 'head_mismatch'
  /** A plain SHA-256 entry after the chain was keyed (a rewrite by someone without the key). */
  | 'unkeyed_after_keyed'
  /** The office has a recovery code but its keyed entries are gone (or the reverse). */
  | 'keying_removed'
  /** The chain is keyed and this desk has no office key to check it with. */
  | 'key_missing';

export type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: ChainReason };

export interface RowProblem {
  table: string;
  id: string;
  /** edited: content differs from its latest entry; added: no entry ever recorded it; deleted: recorded, now gone. */
  change: 'edited' | 'added' | 'deleted';
}

export interface AuditAnchor {
  seq: number;
  /** The full seal, or its first hex digits as printed on paper. */
  hash: string;
}

export interface AuditReport {
  ok: boolean;
  entries: number;
  /** The chain is sealed under the office key from `keyedFrom` on. */
  keyed: boolean;
  keyedFrom: number | null;
  chain: AuditVerification;
  /** Rows checked against their latest entry (0 while the chain is unkeyed). */
  rowsChecked: number;
  /** The first 100 rows found changed outside the app, and how many in all. */
  rowProblems: RowProblem[];
  rowProblemCount: number;
  head: { seq: number; hash: string };
  against: { seq: number; ok: boolean; reason: 'missing' | 'different' | null } | null;
}

/**
 * Chain only, for callers that need {ok, entries} (backups, the start-up check, old tests). Without
 * the key, the links, the keyed/unkeyed order and the head are checked, not the keyed seals.
 */
export async function verifyAuditChain(db: Kysely<Database>, key: Buffer | null = null): Promise<AuditVerification> {
  return (await walkChain(db, key, null)).chain;
}

/** Everything: chain, keyed state, rows, head, and an anchor from outside the database. */
export async function verifyAudit(db: Kysely<Database>, key: Buffer | null, opts: { against?: AuditAnchor } = {}): Promise<AuditReport> {
  const digests = new Map<string, string | null>();
  const walked = await walkChain(db, key, digests, opts.against);
  // A keyed chain checked without the key proves nothing about its seals: not ok, and says why.
  if (walked.chain.ok && walked.keyedFrom !== null && !key) walked.chain = { ok: false, entries: walked.chain.entries, brokenAt: walked.keyedFrom, reason: 'key_missing' };
  const head = await readAuditHead(db);
  let rowsChecked = 0;
  const rowProblems: RowProblem[] = [];
  let rowProblemCount = 0;
  const problem = (p: RowProblem) => {
    rowProblemCount += 1;
    if (rowProblems.length < 100) rowProblems.push(p);
  };
  if (walked.chain.ok && walked.keyedFrom !== null) {
    for (const shape of TRACKED_TABLES) {
      const skip = new Set<string>('skipKeys' in shape ? shape.skipKeys : []);
      let after: string | null = null;
      for (;;) {
        const page = await pageTrackedRows(db, shape, after, 1000);
        if (page.length === 0) break;
        for (const row of page) {
          after = row.id;
          if (skip.has(row.id)) continue;
          rowsChecked += 1;
          const k = `${shape.table}\u0000${row.id}`;
          const recorded = digests.get(k);
          if (recorded === undefined || recorded === null) problem({ table: shape.table, id: row.id, change: 'added' });
          else if (recorded !== digestValues(shape.table, row.values)) problem({ table: shape.table, id: row.id, change: 'edited' });
          digests.delete(k);
        }
      }
      for (const [k, d] of digests) {
        const [table, id] = k.split('\u0000') as [string, string];
        if (table === shape.table && d !== null) problem({ table, id, change: 'deleted' });
      }
    }
  }
  const againstOk = walked.against === null || walked.against.ok;
  return {
    ok: walked.chain.ok && rowProblemCount === 0 && againstOk,
    entries: walked.chain.entries,
    keyed: walked.keyedFrom !== null,
    keyedFrom: walked.keyedFrom,
    chain: walked.chain,
    rowsChecked,
    rowProblems,
    rowProblemCount,
    head: { seq: head.lastSeq, hash: head.lastHash },
    against: walked.against,
  };
}

interface Walked {
  chain: AuditVerification;
  keyedFrom: number | null;
  against: AuditReport['against'];
}

/** Walk the whole chain in pages; stop at the first entry edited, removed, re-linked or re-sealed. */
async function walkChain(db: Kysely<Database>, key: Buffer | null, digests: Map<string, string | null> | null, anchor?: AuditAnchor): Promise<Walked> {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  let keyedFrom: number | null = null;
  let against: AuditReport['against'] = anchor ? { seq: anchor.seq, ok: false, reason: 'missing' } : null;
  const broken = (brokenAt: number, reason: ChainReason): Walked => ({ chain: { ok: false, entries: count, brokenAt, reason }, keyedFrom, against });
  for (;;) {
    const rows: AuditRow[] = await listAuditRows(db, expectedSeq - 1, 1000);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== expectedSeq) return broken(expectedSeq, 'gap');
      if (row.prev_hash !== expectedPrev) return broken(row.seq, 'link_mismatch');
      if (row.mac === MAC_HMAC) {
        // The first keyed entry is the keying itself; a keyed entry anywhere else first means a forged start.
        if (keyedFrom === null) {
          if (row.action !== 'audit.keyed') return broken(row.seq, 'hash_mismatch');
          keyedFrom = row.seq;
        }
      } else if (keyedFrom !== null) {
        return broken(row.seq, 'unkeyed_after_keyed');
      }
      const { hash, ...rest } = row;
      // The anchor first: an entry re-sealed or replaced at the anchored point is "different", not just broken.
      if (anchor && row.seq === anchor.seq) {
        const same = hash.toLowerCase().startsWith(anchor.hash.toLowerCase());
        against = { seq: anchor.seq, ok: same, reason: same ? null : 'different' };
      }
      // Without the key a keyed entry's seal cannot be checked here (links still are); verifyAudit says so.
      if ((row.mac !== MAC_HMAC || key) && sealAuditRow(rest, key) !== hash) return broken(row.seq, 'hash_mismatch');
      if (digests && row.rows_json) {
        for (const [table, id, digest] of JSON.parse(row.rows_json) as RowDigest[]) digests.set(`${table}\u0000${id}`, digest);
      }
      expectedPrev = hash;
      expectedSeq += 1;
      count += 1;
    }
  }
  const head = await readAuditHead(db);
  // A deleted tail leaves the head pointing past the last row.
  if (head.lastSeq !== count || head.lastHash !== expectedPrev) return broken(count + 1, 'head_mismatch');
  // The verifier row and the keyed entries come and go together: one without the other is a removal.
  const trust = await readSetting(db, TRUST_SETTING);
  if ((trust !== undefined) !== (keyedFrom !== null)) return broken(keyedFrom ?? count + 1, 'keying_removed');
  return { chain: { ok: true, entries: count }, keyedFrom, against };
}
