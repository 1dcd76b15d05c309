/**
 * The Kysely view of the OCR tables (migration 0017), kept beside schema.ts rather than in it
 * (schema.ts is at the 400-line limit): the interface is merged into `Database` by declaration
 * merging, so `db.selectFrom('ocr_pages')` is typed everywhere.
 */
import type { OcrPageStatus } from '../../shared/contract/archive.schema';

export interface OcrPagesTable {
  id: string;
  scan_id: string;
  dossier_id: string;
  file_id: string;
  /** 1-based page number in the scan's PDF. */
  page: number;
  status: OcrPageStatus;
  attempts: number;
  /** ISO time after which a `running` page whose worker went silent may be claimed again. */
  lease_until: string | null;
  worker: string | null;
  engine: string | null;
  /** Structured reason of `failed` / `empty` (engine_missing, engine_failed, unreadable_page, no_text…). */
  reason_code: string | null;
  /** The reason in Vietnamese, as the clerk reads it. */
  reason: string | null;
  text: string | null;
  /** The text folded for search (shared/domain/text-search.ts), migration 0019. */
  text_folded?: string | null;
  /** JSON array of [x, y, w, h, word] in image pixels (the searchable PDF's text layer). */
  words_json: string | null;
  confidence: number | null;
  image_width: number | null;
  image_height: number | null;
  ms: number | null;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
}

declare module './schema' {
  interface Database {
    ocr_pages: OcrPagesTable;
    /** SQLite only (FTS5, migration 0019): the folded text of each page with text. */
    ocr_fts: { page_id: string; body: string };
  }
}
