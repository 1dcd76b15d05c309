import type { Kysely } from 'kysely';
import type { AuditLogTable, Database } from './schema';

export type AuditRow = AuditLogTable;

/**
 * Advance the chain head and return the new sequence number with the previous hash.
 * The UPDATE takes the row lock (PostgreSQL) or the write lock (SQLite) first, so two desks
 * appending at once are serialised and the chain never forks.
 */
export async function claimAuditSlot(db: Kysely<Database>): Promise<{ seq: number; prevHash: string }> {
  const head = await db
    .updateTable('audit_head')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['last_seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  return { seq: Number(head.last_seq), prevHash: head.last_hash };
}

export async function insertAuditRow(db: Kysely<Database>, row: AuditRow): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
  await db.updateTable('audit_head').set({ last_hash: row.hash }).where('id', '=', 1).execute();
}

export async function listAuditRows(db: Kysely<Database>, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
}

export async function readAuditHead(db: Kysely<Database>): Promise<{ lastSeq: number; lastHash: string }> {
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  return { lastSeq: Number(head.last_seq), lastHash: head.last_hash };
}

export async function listAuditForEntity(db: Kysely<Database>, entity: string, entityId: string): Promise<AuditRow[]> {
  return db.selectFrom('audit_log').selectAll().where('entity', '=', entity).where('entity_id', '=', entityId).orderBy('seq').execute();
}
