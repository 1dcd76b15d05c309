import type { Kysely } from 'kysely';
import type { StoreKind } from '../dialect';

/**
 * Digital signatures made at the desk (issue 17): one row per signature applied to a stored PDF, naming
 * the unsigned file it started from and the signed file it produced, who signed (the officer at the desk)
 * and with which certificate (subject, organisation, serial, SHA-256 of the DER), and where the claimed
 * time came from ('pc' offline, 'tsa' with an RFC 3161 token). What the 06a count and the timeline read.
 */
export async function up(db: Kysely<unknown>, _kind: StoreKind): Promise<void> {
  await db.schema
    .createTable('document_signatures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dossier_id', 'text', (c) => c.references('dossiers.id').onDelete('cascade'))
    .addColumn('scan_id', 'text')
    .addColumn('source_file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('signer', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('certificate_serial', 'text', (c) => c.notNull())
    .addColumn('certificate_sha256', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('time_source', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('visible', 'integer', (c) => c.notNull())
    .addColumn('signed_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_signatures_dossier').on('document_signatures').columns(['dossier_id', 'signed_at']).execute();
  await db.schema.createIndex('document_signatures_signed_at').on('document_signatures').columns(['signed_at']).execute();
}
