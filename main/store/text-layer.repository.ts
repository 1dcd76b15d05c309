/** Queries of the searchable-PDF step (issue 18): a scan's OCR pages, and swapping in the file with the text layer. */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database>;

export interface TextLayerScan {
  id: string;
  dossier_id: string;
  file_id: string;
  image_file_id: string | null;
  detached_at: string | null;
  signed: boolean;
}

export interface TextLayerPage {
  page: number;
  status: string;
  words_json: string | null;
  image_width: number | null;
  image_height: number | null;
}

/** The scan, and whether its current file carries a digital signature (a signed file is never rewritten). */
export async function findTextLayerScan(db: Db, scanId: string): Promise<TextLayerScan | undefined> {
  const row = await db
    .selectFrom('dossier_scans as s')
    .select(['s.id', 's.dossier_id', 's.file_id', 's.image_file_id', 's.detached_at'])
    .select((eb) => eb.exists(eb.selectFrom('document_signatures as g').select('g.id').whereRef('g.file_id', '=', 's.file_id')).as('signed'))
    .where('s.id', '=', scanId)
    .executeTakeFirst();
  return row ? { ...row, signed: Boolean(row.signed) } : undefined;
}

export async function textLayerPages(db: Db, scanId: string): Promise<TextLayerPage[]> {
  const rows = await db
    .selectFrom('ocr_pages')
    .select(['page', 'status', 'words_json', 'image_width', 'image_height'])
    .where('scan_id', '=', scanId)
    .orderBy('page')
    .execute();
  return rows.map((r) => ({ ...r, page: Number(r.page), image_width: r.image_width === null ? null : Number(r.image_width), image_height: r.image_height === null ? null : Number(r.image_height) }));
}

/** Point the scan at the searchable file, only if it still shows `fromFileId` (another desk may have got there first). */
export async function swapInSearchableFile(trx: Db, scanId: string, fromFileId: string, to: { id: string; sha256: string; size: number }): Promise<boolean> {
  const r = await trx
    .updateTable('dossier_scans')
    .set({ file_id: to.id, sha256: to.sha256, bytes: to.size, image_file_id: fromFileId })
    .where('id', '=', scanId)
    .where('file_id', '=', fromFileId)
    .where('detached_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The code of a dossier, for the change event. */
export async function dossierCodeOf(db: Db, dossierId: string): Promise<string | undefined> {
  return (await db.selectFrom('dossiers').select('code').where('id', '=', dossierId).executeTakeFirst())?.code;
}
