import type { Kysely } from 'kysely';
import type { StoreKind } from '../dialect';

/**
 * The OCR queue (issue 18): one row per page of every stored scan. The rows ARE the queue, so a
 * restart loses nothing: a page is `queued` until a worker claims it (`running`, with a lease so a
 * desk that died mid-page gives it back), then `done` (text found), `empty` (blank page, photo of
 * nothing) or `failed` (with the reason; a retry puts it back to `queued`). The text and the word
 * boxes (for the searchable PDF's text layer) stay on the row. Rows go with their scan.
 */
export async function up(db: Kysely<unknown>, _kind: StoreKind): Promise<void> {
  await db.schema
    .createTable('ocr_pages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scan_id', 'text', (c) => c.notNull().references('dossier_scans.id').onDelete('cascade'))
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('dossiers.id').onDelete('cascade'))
    .addColumn('file_id', 'text', (c) => c.notNull())
    /** 1-based page number inside the scan's PDF. */
    .addColumn('page', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_until', 'text')
    .addColumn('worker', 'text')
    .addColumn('engine', 'text')
    .addColumn('reason_code', 'text')
    .addColumn('reason', 'text')
    .addColumn('text', 'text')
    .addColumn('words_json', 'text')
    .addColumn('confidence', 'integer')
    .addColumn('image_width', 'integer')
    .addColumn('image_height', 'integer')
    .addColumn('ms', 'integer')
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('ocr_pages_scan_page').on('ocr_pages').columns(['scan_id', 'page']).unique().execute();
  await db.schema.createIndex('ocr_pages_status').on('ocr_pages').columns(['status', 'queued_at']).execute();
  await db.schema.createIndex('ocr_pages_dossier').on('ocr_pages').columns(['dossier_id', 'status']).execute();
}
