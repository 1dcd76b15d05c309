import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../dialect';

/**
 * Full-text search over OCR text (issue 18). `text_folded` holds the page's text folded by the app
 * (no diacritics, đ → d) for both stores. SQLite: an FTS5 table of (page id, folded text), written
 * with the page; copy-store skips it and it is rebuilt from ocr_pages when out of step (ocr.repository
 * `syncTextIndex`). PostgreSQL: a GIN index over to_tsvector('simple', text_folded) — an expression
 * index, so backups and copies see only the column.
 */
export async function up(db: Kysely<unknown>, kind: StoreKind): Promise<void> {
  await db.schema.alterTable('ocr_pages').addColumn('text_folded', 'text').execute();
  if (kind === 'sqlite') {
    await sql`create virtual table ocr_fts using fts5(page_id unindexed, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  } else {
    await sql`create index ocr_pages_fts on ocr_pages using gin (to_tsvector('simple', coalesce(text_folded, '')))`.execute(db);
  }
}
