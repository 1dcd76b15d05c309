import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../dialect';

/**
 * Stored scans ("số hóa"): one row per PDF attached to a dossier component or to the dossier's
 * result, pointing at its bytes in `files`. A component has at most one ACTIVE scan (the partial
 * unique index), so two desks attaching at once cannot both win; replaced or detached scans stay
 * as rows with detached_at set, for the record.
 */
export async function up(db: Kysely<unknown>, _kind: StoreKind): Promise<void> {
  await db.schema
    .createTable('dossier_scans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('dossiers.id').onDelete('cascade'))
    /** The component's position as text ('0', '1', …) or 'result'. */
    .addColumn('component', 'text', (c) => c.notNull())
    .addColumn('component_name', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('page_count', 'integer', (c) => c.notNull())
    .addColumn('dpi', 'integer')
    .addColumn('mode', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('digitized', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('reused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('from_national_store', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('warnings_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('detached_at', 'text')
    .addColumn('detached_by', 'text')
    .addColumn('detach_reason', 'text')
    .execute();
  await db.schema.createIndex('dossier_scans_dossier').on('dossier_scans').columns(['dossier_id', 'created_at']).execute();
  await db.schema
    .createIndex('dossier_scans_active')
    .on('dossier_scans')
    .columns(['dossier_id', 'component'])
    .unique()
    .where(sql.ref('detached_at'), 'is', null)
    .execute();
}
