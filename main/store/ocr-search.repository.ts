/**
 * Full-text search over the OCR text of active scans (issue 18): FTS5 + bm25 on SQLite, the GIN
 * tsvector index + ts_rank on PostgreSQL; both over text folded by the app (no diacritics, đ → d),
 * so "duc", "Đức" and "đuc" find the same pages. Paged with limit/offset; the snippet is cut in the
 * core from the page's original text.
 */
import { sql, type Kysely } from 'kysely';
import type { StoreKind } from './dialect';
import type { Database } from './schema';

type Db = Kysely<Database>;

export interface TextHitRow {
  page_id: string;
  code: string;
  component: string;
  component_name: string;
  scan_id: string;
  file_id: string;
  page: number;
  text: string;
  score: number;
}

/** FTS5 query: every word must be there, the last one as a prefix (the clerk is still typing). Words are letters/digits only. */
function ftsQuery(words: string[]): string {
  return words.map((w, i) => `"${w.replace(/"/g, '""')}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

/** tsquery: the same, `a & b & c:*`; words are letters/digits only, so no tsquery syntax gets through. */
function tsQuery(words: string[]): string {
  return words.map((w, i) => `'${w.replace(/'/g, "''")}'${i === words.length - 1 ? ':*' : ''}`).join(' & ');
}

/** Which dossiers a text search looks in; local times are Vietnam time as stored in `received_local`. */
export interface TextSearchFilter {
  field?: string;
  procedureCode?: string;
  statuses?: readonly string[];
  fromLocal?: string;
  toLocalExclusive?: string;
}

function dossierFilter(f: TextSearchFilter) {
  const parts = [];
  if (f.field) parts.push(sql`d.field = ${f.field}`);
  if (f.procedureCode) parts.push(sql`d.procedure_code = ${f.procedureCode}`);
  if (f.statuses && f.statuses.length > 0) parts.push(sql`d.status in (${sql.join([...f.statuses])})`);
  if (f.fromLocal) parts.push(sql`d.received_local >= ${f.fromLocal}`);
  if (f.toLocalExclusive) parts.push(sql`d.received_local < ${f.toLocalExclusive}`);
  return parts.length ? sql` and ${sql.join(parts, sql` and `)}` : sql``;
}

export async function searchText(db: Db, kind: StoreKind, words: string[], limit: number, offset: number, filter: TextSearchFilter = {}): Promise<{ rows: TextHitRow[]; total: number }> {
  if (words.length === 0) return { rows: [], total: 0 };
  const where = dossierFilter(filter);
  if (kind === 'sqlite') {
    const q = ftsQuery(words);
    const rows = await sql<TextHitRow>`
      select o.id as page_id, d.code, s.component, s.component_name, s.id as scan_id, s.file_id, o.page, o.text, -bm25(ocr_fts) as score
      from ocr_fts
      join ocr_pages o on o.id = ocr_fts.page_id
      join dossier_scans s on s.id = o.scan_id and s.detached_at is null
      join dossiers d on d.id = o.dossier_id
      where ocr_fts match ${q}${where}
      order by bm25(ocr_fts), d.code, s.component, o.page
      limit ${limit} offset ${offset}`.execute(db);
    const total = await sql<{ n: number }>`
      select count(*) as n from ocr_fts
      join ocr_pages o on o.id = ocr_fts.page_id
      join dossier_scans s on s.id = o.scan_id and s.detached_at is null
      join dossiers d on d.id = o.dossier_id
      where ocr_fts match ${q}${where}`.execute(db);
    return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
  }
  const q = tsQuery(words);
  const rows = await sql<TextHitRow>`
    select o.id as page_id, d.code, s.component, s.component_name, s.id as scan_id, s.file_id, o.page, o.text,
      ts_rank(to_tsvector('simple', coalesce(o.text_folded, '')), to_tsquery('simple', ${q})) as score
    from ocr_pages o
    join dossier_scans s on s.id = o.scan_id and s.detached_at is null
    join dossiers d on d.id = o.dossier_id
    where to_tsvector('simple', coalesce(o.text_folded, '')) @@ to_tsquery('simple', ${q})${where}
    order by score desc, d.code, s.component, o.page
    limit ${limit} offset ${offset}`.execute(db);
  const total = await sql<{ n: string }>`
    select count(*) as n from ocr_pages o
    join dossier_scans s on s.id = o.scan_id and s.detached_at is null
    join dossiers d on d.id = o.dossier_id
    where to_tsvector('simple', coalesce(o.text_folded, '')) @@ to_tsquery('simple', ${q})${where}`.execute(db);
  return { rows: rows.rows.map((r) => ({ ...r, score: Number(r.score) })), total: Number(total.rows[0]?.n ?? 0) };
}

/**
 * SQLite: make the FTS5 index hold exactly the pages with text (after a copy from PostgreSQL, which
 * carries ocr_pages but not the index). Cheap when in step: two counts. Returns the pages re-indexed.
 */
export async function syncTextIndex(db: Db, kind: StoreKind): Promise<number> {
  if (kind !== 'sqlite') return 0;
  const [a, b] = await Promise.all([
    sql<{ n: number }>`select count(*) as n from ocr_fts`.execute(db),
    sql<{ n: number }>`select count(*) as n from ocr_pages where text_folded is not null and text_folded <> ''`.execute(db),
  ]);
  if (Number(a.rows[0]?.n) === Number(b.rows[0]?.n)) return 0;
  return db.transaction().execute(async (trx) => {
    await sql`delete from ocr_fts`.execute(trx);
    const r = await sql`insert into ocr_fts (page_id, body) select id, text_folded from ocr_pages where text_folded is not null and text_folded <> ''`.execute(trx);
    return Number(r.numAffectedRows ?? 0);
  });
}
