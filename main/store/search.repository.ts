import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { StoreKind } from './dialect';
import type { Database } from './schema';
import { nameTokens, prefixUpperBound } from './search-tokens';

/** Replace the name words of one applicant (inside the caller's transaction). */
export async function writeApplicantTokens(db: Kysely<Database>, applicantId: string, fullName: string, nameFolded: string): Promise<void> {
  await db.deleteFrom('search_name_tokens').where('applicant_id', '=', applicantId).execute();
  const tokens = nameTokens(fullName);
  if (tokens.length > 0) {
    await db
      .insertInto('search_name_tokens')
      .values(tokens.map((token) => ({ token, applicant_id: applicantId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await db
    .insertInto('search_indexed_applicants')
    .values({ applicant_id: applicantId, name_folded: nameFolded })
    .onConflict((oc) => oc.column('applicant_id').doUpdateSet({ name_folded: nameFolded }))
    .execute();
}




export interface SearchFilters {
  nameWords: string[];
  /** Digits typed: a CCCD/CMND or phone prefix. */
  digits: string | null;
  /** A dossier code prefix ("H50.12.34-2603"). */
  codePrefix: string | null;
  /** A code tail ("260317-0001", "-0001"). */
  codeTail: string | null;
  fromLocal: string | null;
  toLocalExclusive: string | null;
  statuses: string[];
  field: string;
  procedureCode: string;
  channel: string | null;
  officer: string;
}

export interface SearchOrder {
  sort: 'received' | 'due' | 'code' | 'name' | 'status' | 'field' | 'procedure';
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface SearchHit {
  code: string;
  full_name: string;
  id_number: string;
  phone: string;
  procedure_code: string;
  procedure_name: string;
  field: string;
  channel: string;
  status: string;
  received_by: string;
  received_local: string;
  due_local: string;
  result_local: string | null;
  closed_local: string | null;
}

const SORT_COLUMN = {
  received: 'd.received_at',
  due: 'd.due_local',
  code: 'd.code',
  name: 'a.name_folded',
  status: 'd.status',
  field: 'd.field',
  procedure: 'd.procedure_name',
} as const;

/** "starts with" that a B-tree serves: GLOB on SQLite's binary indexes, LIKE on PostgreSQL's text_pattern_ops indexes. */
function startsWith(kind: StoreKind, column: string, prefix: string) {
  if (kind === 'sqlite') return sql<boolean>`${sql.ref(column)} glob ${prefix.replace(/[*?[\]]/g, '') + '*'}`;
  return sql<boolean>`${sql.ref(column)} like ${prefix.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`;
}

function filtered(db: Kysely<Database>, kind: StoreKind, f: SearchFilters, withApplicants: boolean): SelectQueryBuilder<any, any, object> {
  // Every dossier has its applicant (foreign key), so the join is needed only to sort by name.
  let q = (withApplicants ? db.selectFrom('dossiers as d').innerJoin('applicants as a', 'a.id', 'd.applicant_id') : db.selectFrom('dossiers as d')) as unknown as SelectQueryBuilder<
    any,
    any,
    object
  >;
  if (f.nameWords.length > 0) {
    // Each typed word must begin some word of the name: one prefix range per word, intersected.
    const perWord = f.nameWords.map((w) =>
      db.selectFrom('search_name_tokens').select('applicant_id').where('token', '>=', w).where('token', '<', prefixUpperBound(w)),
    );
    const ids = perWord.slice(1).reduce((acc, next) => acc.intersect(next), perWord[0]!);
    q = q.where('d.applicant_id', 'in', ids);
  }
  if (f.digits) {
    const digits = f.digits;
    const ids = db
      .selectFrom('applicants')
      .select('id')
      .where(() => startsWith(kind, 'id_number', digits))
      .union(db.selectFrom('applicants').select('id').where(() => startsWith(kind, 'phone', digits)));
    q = q.where('d.applicant_id', 'in', ids);
  }
  if (f.codePrefix) {
    const p = f.codePrefix;
    q = q.where(() => startsWith(kind, 'd.code', p));
  }
  if (f.codeTail) q = q.where('d.code', 'like', `%${f.codeTail.replace(/[\\%_]/g, '')}%`);
  if (f.fromLocal) q = q.where('d.received_local', '>=', f.fromLocal);
  if (f.toLocalExclusive) q = q.where('d.received_local', '<', f.toLocalExclusive);
  if (f.statuses.length > 0) q = q.where('d.status', 'in', f.statuses);
  if (f.field) q = q.where('d.field', '=', f.field);
  if (f.procedureCode) q = q.where('d.procedure_code', '=', f.procedureCode);
  if (f.channel) q = q.where('d.channel', '=', f.channel);
  if (f.officer) q = q.where('d.received_by', '=', f.officer);
  return q;
}

/**
 * One page of matches and their count. Two steps: the page's codes are chosen from the narrow
 * covering index (dossiers_search_cover, migration 0008) without touching the dossier rows, whose
 * catalogue JSON makes them wide on SQLite, then only those rows are read.
 */
export async function searchDossiers(db: Kysely<Database>, kind: StoreKind, f: SearchFilters, o: SearchOrder): Promise<{ total: number; rows: SearchHit[] }> {
  const count = await filtered(db, kind, f, false)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  const total = Number((count as { n?: number | string } | undefined)?.n ?? 0);
  if (total === 0 || o.offset >= total) return { total, rows: [] };
  const page = (await filtered(db, kind, f, o.sort === 'name')
    .select('d.code')
    .orderBy(SORT_COLUMN[o.sort], o.dir)
    .orderBy('d.code', o.dir)
    .limit(o.limit)
    .offset(o.offset)
    .execute()) as Array<{ code: string }>;
  const codes = page.map((p) => p.code);
  const rows = await db
    .selectFrom('dossiers as d')
    .innerJoin('applicants as a', 'a.id', 'd.applicant_id')
    .select([
      'd.code',
      'a.full_name',
      'a.id_number',
      'a.phone',
      'd.procedure_code',
      'd.procedure_name',
      'd.field',
      'd.channel',
      'd.status',
      'd.received_by',
      'd.received_local',
      'd.due_local',
      'd.result_local',
      'd.closed_local',
    ])
    .where('d.code', 'in', codes)
    .execute();
  const byCode = new Map(rows.map((r) => [r.code, r as SearchHit]));
  return { total, rows: codes.map((c) => byCode.get(c)).filter((r): r is SearchHit => r !== undefined) };
}

/** The baseline the bench compares against: a plain LIKE '%word%' scan of the folded names. */
export async function searchByLikeScan(db: Kysely<Database>, words: string[], limit: number): Promise<{ total: number; rows: Array<{ code: string }> }> {
  let q = db.selectFrom('dossiers as d').innerJoin('applicants as a', 'a.id', 'd.applicant_id');
  for (const w of words) q = q.where('a.name_folded', 'like', `%${w}%`);
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
    q.select('d.code').orderBy('d.received_at', 'desc').limit(limit).execute(),
  ]);
  return { total: Number(count?.n ?? 0), rows };
}
