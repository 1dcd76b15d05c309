import type { Kysely } from 'kysely';
import type { StoreKind } from '../dialect';

/**
 * What tracking, digitization and reports share about a dossier's life after intake: when its
 * result was ready and returned (or it was closed otherwise), supplement requests and the time
 * waited for them (not counted against the deadline), digitization flags (QĐ 766 group 4) and the
 * citizen's satisfaction. Plus the event log every transition appends to.
 */
export async function up(db: Kysely<unknown>, _kind: StoreKind): Promise<void> {
  const add = (name: string, type: 'text' | 'integer', notNullDefault?: number) =>
    db.schema
      .alterTable('dossiers')
      .addColumn(name, type, (c) => (notNullDefault === undefined ? c : c.notNull().defaultTo(notNullDefault)))
      .execute();
  await add('result_at', 'text');
  await add('result_local', 'text');
  await add('returned_at', 'text');
  await add('returned_local', 'text');
  await add('closed_at', 'text');
  await add('closed_local', 'text');
  await add('supplement_count', 'integer', 0);
  await add('paused_minutes', 'integer', 0);
  await add('paused_since', 'text');
  await add('digitized_components', 'integer', 0);
  await add('reused_components', 'integer', 0);
  await add('has_electronic_result', 'integer', 0);
  await add('satisfaction', 'text');
  await db.schema.createIndex('dossiers_result_at').on('dossiers').column('result_at').execute();

  await db.schema
    .createTable('dossier_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('dossiers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('at_local', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dossier_events_dossier').on('dossier_events').columns(['dossier_id', 'at']).execute();
}
