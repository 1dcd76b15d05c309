import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../dialect';

/**
 * The applicant as declared on each dossier. The applicants table keeps one row per person and is
 * brought up to date when they come back (a new address, a corrected name); the dossier, its book
 * line (Mẫu 07) and its reprinted papers must keep what was declared when it was received.
 * Existing dossiers take their applicant's current details, the best there is.
 */
const COLUMNS = [
  ['applicant_kind', 'kind'],
  ['applicant_name', 'full_name'],
  ['applicant_id_kind', 'id_kind'],
  ['applicant_id_number', 'id_number'],
  ['applicant_date_of_birth', 'date_of_birth'],
  ['applicant_phone', 'phone'],
  ['applicant_email', 'email'],
  ['applicant_address', 'address'],
] as const;

export async function up(db: Kysely<unknown>, _kind: StoreKind): Promise<void> {
  for (const [column] of COLUMNS) {
    await db.schema.alterTable('dossiers').addColumn(column, 'text', (c) => c.notNull().defaultTo('')).execute();
  }
  const sets = COLUMNS.map(([column, source]) => sql`${sql.ref(column)} = coalesce((select ${sql.ref(`applicants.${source}`)} from applicants where applicants.id = dossiers.applicant_id), '')`);
  await sql`update dossiers set ${sql.join(sets)}`.execute(db);
}
