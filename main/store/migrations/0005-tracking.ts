import type { Kysely } from 'kysely';
import type { StoreKind } from '../dialect';

/**
 * Tracking to return: the hand-overs between officers and agencies (one row per step of the
 * processing-control slip, Mẫu 06), who collected the result, and the citizen's rating with its
 * optional criteria (DOMAIN.md §7). Extensions (Mẫu 04) reuse dossier_appointments (kind 'extension').
 */
export async function up(db: Kysely<unknown>, _kind: StoreKind): Promise<void> {
  await db.schema
    .createTable('dossier_handovers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('dossiers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('step_name', 'text', (c) => c.notNull())
    .addColumn('agency', 'text', (c) => c.notNull())
    .addColumn('giver', 'text', (c) => c.notNull())
    .addColumn('receiver', 'text', (c) => c.notNull())
    .addColumn('given_at', 'text', (c) => c.notNull())
    .addColumn('given_local', 'text', (c) => c.notNull())
    .addColumn('received_local', 'text', (c) => c.notNull())
    // Working days the step may take (0 = within the day); null when the procedure sets no per-step time.
    .addColumn('allowed_days', 'integer')
    .addColumn('due_local', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('finished_local', 'text')
    .addColumn('paused_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('result', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('note', 'text', (c) => c.notNull())
    .addUniqueConstraint('dossier_handovers_position', ['dossier_id', 'position'])
    .execute();

  await db.schema
    .createTable('dossier_returns')
    .addColumn('dossier_id', 'text', (c) => c.primaryKey().references('dossiers.id').onDelete('cascade'))
    .addColumn('collector_name', 'text', (c) => c.notNull())
    .addColumn('collector_id_number', 'text', (c) => c.notNull())
    .addColumn('is_applicant', 'integer', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('officer', 'text', (c) => c.notNull())
    .addColumn('returned_at', 'text', (c) => c.notNull())
    .addColumn('returned_local', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dossier_ratings')
    .addColumn('dossier_id', 'text', (c) => c.primaryKey().references('dossiers.id').onDelete('cascade'))
    .addColumn('rating', 'text', (c) => c.notNull())
    /** JSON array of { criterion, rating }. */
    .addColumn('criteria_json', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    /** 'desk' (the clerk pressed it) or 'citizen' (the citizen-facing screen). */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('at_local', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dossier_ratings_at').on('dossier_ratings').column('at').execute();
  await db.schema.createIndex('dossiers_tracking_returned_at').on('dossiers').column('returned_at').execute();
}
