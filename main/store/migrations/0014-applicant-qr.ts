import type { Kysely } from 'kysely';
import type { StoreKind } from '../dialect';

/**
 * The chip ID card's QR string (issue 14 item 21): when the clerk fills the applicant by scanning the card,
 * the content the reader typed is kept with the applicant and, as declared, with the dossier ('' when typed).
 */
export async function up(db: Kysely<unknown>, _kind: StoreKind): Promise<void> {
  await db.schema.alterTable('applicants').addColumn('id_qr_raw', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('dossiers').addColumn('applicant_id_qr_raw', 'text', (c) => c.notNull().defaultTo('')).execute();
}
