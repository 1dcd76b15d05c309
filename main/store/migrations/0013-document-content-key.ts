import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../dialect';

/**
 * A document is issued once (issue 14): `content_key` is the hash of what the form shows, so
 * printing or previewing the same content again finds the stored copy instead of storing another.
 * One original per (subject, form, content); reprints point at it and share its file.
 */
export async function up(db: Kysely<unknown>, _kind: StoreKind): Promise<void> {
  await db.schema.alterTable('printed_documents').addColumn('content_key', 'text').execute();
  await sql`create unique index printed_documents_issued on printed_documents (subject, form_kind, content_key) where reprint_of is null and content_key is not null`.execute(db);
}
