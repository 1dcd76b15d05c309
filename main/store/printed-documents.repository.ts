import type { Kysely } from 'kysely';
import type { Tx } from './db';
import type { Database, PrintedDocumentsTable } from './schema';

/** Issued documents and their print records: one original row per issued document, one row per reprint. */
export type PrintedDocumentRow = PrintedDocumentsTable;
export type PrintedDocumentWithFile = PrintedDocumentRow & { file_name: string; file_size: number; file_sha256: string; officer_name: string | null };

/** Issued or reprinted: written together with its audit entry, so only inside a transaction. */
export async function insertPrintedDocument(db: Tx, row: PrintedDocumentRow): Promise<void> {
  await db.insertInto('printed_documents').values(row).execute();
}

/** The printer's answer, recorded together with its audit entry (a transaction). */
export async function updatePrintOutcome(
  db: Tx,
  id: string,
  outcome: Pick<PrintedDocumentRow, 'status' | 'printer' | 'job_id' | 'error_code' | 'error_message'>,
): Promise<void> {
  await db.updateTable('printed_documents').set(outcome).where('id', '=', id).execute();
}

/** A copy saved but never printed gets its first print on its own row: the row now says when paper came out and where. */
export async function markFirstPrint(db: Kysely<Database>, id: string, print: Pick<PrintedDocumentRow, 'printer' | 'copies' | 'at'>): Promise<void> {
  await db.updateTable('printed_documents').set(print).where('id', '=', id).execute();
}

function withFile(db: Kysely<Database>) {
  return db
    .selectFrom('printed_documents')
    .innerJoin('files', 'files.id', 'printed_documents.file_id')
    // The officer's full name for the history ("Hồ Thị Lan", not the sign-in name "lan").
    .leftJoin('users', 'users.name', 'printed_documents.actor')
    .selectAll('printed_documents')
    .select(['files.name as file_name', 'files.size as file_size', 'files.sha256 as file_sha256', 'users.display_name as officer_name']);
}

export async function findPrintedDocument(db: Kysely<Database>, id: string): Promise<PrintedDocumentWithFile | undefined> {
  return withFile(db).where('printed_documents.id', '=', id).executeTakeFirst();
}

/** The issued original showing exactly this content, if one was stored before. */
export async function findIssuedOriginal(db: Kysely<Database>, subject: string, formKind: string, contentKey: string): Promise<PrintedDocumentWithFile | undefined> {
  return withFile(db)
    .where('printed_documents.subject', '=', subject)
    .where('printed_documents.form_kind', '=', formKind)
    .where('printed_documents.content_key', '=', contentKey)
    .where('printed_documents.reprint_of', 'is', null)
    .executeTakeFirst();
}

/** History of one dossier (by id) or of one other subject (intake notice id, book range), newest first. */
export async function listPrintedDocuments(db: Kysely<Database>, by: { dossierId: string } | { subject: string }, limit = 200): Promise<PrintedDocumentWithFile[]> {
  let q = withFile(db);
  q = 'dossierId' in by ? q.where('printed_documents.dossier_id', '=', by.dossierId) : q.where('printed_documents.subject', '=', by.subject);
  // id breaks ties between rows written in the same millisecond; at is ISO so text order is time order.
  return q.orderBy('printed_documents.at', 'desc').orderBy('printed_documents.id', 'desc').limit(limit).execute();
}
