import type { Kysely } from 'kysely';
import type { StoreKind } from '../dialect';

/**
 * The admin's list of where dossiers are handed over to (issue 14 item 13): departments and the
 * officers in them. A hand-over picks from it; each Mẫu 06 step keeps the names as given and the
 * id of the list entry it came from. Entries are deactivated, never deleted, so old steps still read.
 */
export async function up(db: Kysely<unknown>, _kind: StoreKind): Promise<void> {
  await db.schema
    .createTable('handover_recipients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('handover_recipients_person').on('handover_recipients').columns(['department', 'full_name']).unique().execute();
  await db.schema.alterTable('dossier_handovers').addColumn('recipient_id', 'text').execute();
}
