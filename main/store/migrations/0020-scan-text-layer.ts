import type { Kysely } from 'kysely';
import type { StoreKind } from '../dialect';

/**
 * Searchable PDFs (issue 18): once every page of a scan is read by OCR, the scan's stored PDF becomes the
 * same file plus an invisible text layer (an incremental update, so the picture bytes are unchanged).
 * `image_file_id` keeps the picture-only original that OCR read; null = no text layer (yet).
 */
export async function up(db: Kysely<unknown>, _kind: StoreKind): Promise<void> {
  await db.schema.alterTable('dossier_scans').addColumn('image_file_id', 'text').execute();
}
