import type { Kysely } from 'kysely';
import type { StoreKind } from '../dialect';

/**
 * Every document the desk rendered or printed (the exact bytes live in `files`): what was printed
 * for which dossier or intake notice, on which printer, how many copies, by whom and when, and
 * whether the printer took it. A reprint is a new row pointing at the same file, so the history
 * shows each time paper came out and the bytes are never re-rendered.
 */
export async function up(db: Kysely<unknown>, _kind: StoreKind): Promise<void> {
  await db.schema
    .createTable('printed_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dossier_id', 'text', (c) => c.references('dossiers.id').onDelete('cascade'))
    .addColumn('notice_id', 'text', (c) => c.references('intake_notices.id').onDelete('cascade'))
    // Dossier code, intake notice id or "book:FROM..TO": what the clerk typed to get this document.
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('form_kind', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('pages', 'integer', (c) => c.notNull())
    .addColumn('paper', 'text', (c) => c.notNull())
    .addColumn('printer', 'text')
    .addColumn('copies', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('job_id', 'text')
    .addColumn('reprint_of', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('printed_documents_dossier').on('printed_documents').columns(['dossier_id', 'at']).execute();
  await db.schema.createIndex('printed_documents_subject').on('printed_documents').columns(['subject', 'at']).execute();
}
