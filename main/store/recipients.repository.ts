import type { Kysely, Selectable } from 'kysely';
import type { Database, HandoverRecipientsTable } from './schema';

/** Queries of the hand-over recipients list (departments and officers, migration 0015). */
export type RecipientRow = Selectable<HandoverRecipientsTable>;

export async function listRecipients(db: Kysely<Database>, includeInactive: boolean): Promise<RecipientRow[]> {
  let q = db.selectFrom('handover_recipients').selectAll();
  if (!includeInactive) q = q.where('active', '=', 1);
  return q.orderBy('department').orderBy('full_name').execute();
}

export async function findRecipient(db: Kysely<Database>, id: string): Promise<RecipientRow | undefined> {
  return db.selectFrom('handover_recipients').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRecipientByName(db: Kysely<Database>, department: string, fullName: string): Promise<RecipientRow | undefined> {
  return db.selectFrom('handover_recipients').selectAll().where('department', '=', department).where('full_name', '=', fullName).executeTakeFirst();
}

export async function insertRecipient(db: Kysely<Database>, row: RecipientRow): Promise<void> {
  await db.insertInto('handover_recipients').values(row).execute();
}

export async function updateRecipient(db: Kysely<Database>, id: string, patch: Partial<Omit<RecipientRow, 'id' | 'created_at'>>): Promise<void> {
  await db.updateTable('handover_recipients').set(patch).where('id', '=', id).execute();
}
