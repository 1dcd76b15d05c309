/** Queries on document_signatures: record a signature, list a dossier's, count a period's. */
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { DocumentSignaturesTable } from './schema-signatures';

export async function insertSignature(db: Kysely<Database>, row: DocumentSignaturesTable): Promise<void> {
  await db.insertInto('document_signatures').values(row).execute();
}

/** Oldest first; within one instant a counter-signature comes after the signature whose file it signed. */
export async function listDossierSignatures(db: Kysely<Database>, dossierId: string): Promise<DocumentSignaturesTable[]> {
  const rows = await db.selectFrom('document_signatures').selectAll().where('dossier_id', '=', dossierId).orderBy('signed_at').orderBy('id').execute();
  const depth = (r: DocumentSignaturesTable, seen = 0): number => {
    const parent = rows.find((p) => p.file_id === r.source_file_id);
    return parent && seen < rows.length ? 1 + depth(parent, seen + 1) : 0;
  };
  return rows.map((r) => ({ r, d: depth(r) })).sort((a, b) => a.r.signed_at.localeCompare(b.r.signed_at) || a.d - b.d).map((x) => x.r);
}

/** Signatures whose signed file is `fileId` or was signed again later (the chain of revisions of one document). */
export async function findSignatureByFile(db: Kysely<Database>, fileId: string): Promise<DocumentSignaturesTable | undefined> {
  return db.selectFrom('document_signatures').selectAll().where('file_id', '=', fileId).executeTakeFirst();
}
