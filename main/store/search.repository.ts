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

/** A result row as the table shows it: the applicant as declared on the dossier (migration 0011). */
const HIT_COLUMNS = [
  'd.code',
  'd.applicant_name as full_name',
  'd.applicant_id_number as id_number',
  'd.applicant_phone as phone',
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
] as const;

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

export interface SearchLimits {
  /** Beyond this many matches the table says "more than 1,000" instead of counting them all. */
  countCap: number;
  /** A typed word's index range is counted up to this many rows to tell rare words from common ones. */
  commonWord: number;
  /** Matching applicants are fetched as a list up to this many; beyond, dossiers are probed one by one. */
  listMax: number;
}
export const SEARCH_LIMITS: SearchLimits = { countCap: 1000, commonWord: 6000, listMax: 20_000 };

type AnyQuery = SelectQueryBuilder<any, any, object>;

/** Token rows whose word starts with `word`, under the alias `t`. */
function wordRange(db: Kysely<Database>, alias: string, word: string): AnyQuery {
  const from = `search_name_tokens as ${alias}` as 'search_name_tokens';
  return (db.selectFrom(from) as unknown as AnyQuery).where(`${alias}.token`, '>=', word).where(`${alias}.token`, '<', prefixUpperBound(word));
}

/** `column` is one of `ids`, passed as ONE parameter (a JSON array on SQLite, a text[] on PostgreSQL). */
function inList(kind: StoreKind, column: string, ids: string[]) {
  if (kind === 'sqlite') return sql<boolean>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`;
  return sql<boolean>`${sql.ref(column)} = any(${ids}::text[])`;
}

/**
 * How the typed name words restrict the dossiers:
 * - 'list': the matching applicants are fetched first (at most `listMax`) and the dossiers
 *   are those of the list. Counting is exact when the list is short; with a longer list the page is
 *   found by walking the dossiers newest first and checking each against the list (a hash lookup).
 * - 'probe': every word matches thousands of applicants ("nguyen", "thi"): walking the dossiers newest
 *   first with one index seek per word finds a page of matches after a few hundred rows, where
 *   building the set would touch tens of thousands.
 */
type NameMode = 'list' | 'probe';

/**
 * The applicants whose name has, for each typed word, a word starting with it; null when there are
 * more than `max`. On SQLite (in-process, a seek costs a microsecond) from the rarest word's index
 * range with one seek per other word; on PostgreSQL, where a seek costs ten times more, several words
 * go through the full-text GIN index of migration 0010, which intersects compressed posting lists.
 */
async function matchingApplicantIds(db: Kysely<Database>, kind: StoreKind, wordsRarestFirst: string[], max: number): Promise<string[] | null> {
  let rows: Array<{ applicant_id: string }>;
  if (kind === 'postgres' && wordsRarestFirst.length > 1) {
    // Words are [a-z0-9]+ (nameTokens), so they are safe as tsquery prefix terms.
    const query = wordsRarestFirst.map((w) => `${w}:*`).join(' & ');
    rows = await db
      .selectFrom('applicants')
      .select('id as applicant_id')
      .where(sql<boolean>`to_tsvector('simple', name_folded) @@ to_tsquery('simple', ${query})`)
      .limit(max + 1)
      .execute();
  } else {
    const [first, ...rest] = wordsRarestFirst;
    let q = wordRange(db, 't0', first!).select('t0.applicant_id');
    rest.forEach((w, i) => {
      q = q.where((eb) => eb.exists(wordRange(db, `t${i + 1}`, w).select(sql.lit(1).as('one')).whereRef(`t${i + 1}.applicant_id`, '=', 't0.applicant_id')));
    });
    // No DISTINCT (it would make PostgreSQL read the whole range): a name with two words in the
    // range ("Nguyễn Nguyên" for "nguy") is simply listed twice and de-duplicated here.
    rows = (await q.limit(2 * max + 2).execute()) as Array<{ applicant_id: string }>;
    if (rows.length > 2 * max + 1) return null;
  }
  const ids = [...new Set(rows.map((r) => r.applicant_id))];
  return ids.length > max ? null : ids;
}

function filtered(db: Kysely<Database>, kind: StoreKind, f: SearchFilters, withApplicants: boolean, nameMode: NameMode, applicantIds: string[] | null): AnyQuery {
  // Every dossier has its applicant (foreign key), so the join is needed only to sort by name.
  let q = (withApplicants ? db.selectFrom('dossiers as d').innerJoin('applicants as a', 'a.id', 'd.applicant_id') : db.selectFrom('dossiers as d')) as unknown as AnyQuery;
  if (f.nameWords.length > 0) {
    if (nameMode === 'probe') {
      f.nameWords.forEach((w, i) => {
        q = q.where((eb) => eb.exists(wordRange(db, `w${i}`, w).select(sql.lit(1).as('one')).whereRef(`w${i}.applicant_id`, '=', 'd.applicant_id')));
      });
    } else q = q.where(() => inList(kind, 'd.applicant_id', applicantIds ?? []));
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

function hasDossierFilters(f: SearchFilters): boolean {
  return Boolean(f.digits || f.codePrefix || f.codeTail || f.fromLocal || f.toLocalExclusive || f.statuses.length || f.field || f.procedureCode || f.channel || f.officer);
}

async function countOf(q: AnyQuery): Promise<number> {
  const row = (await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()) as { n?: number | string } | undefined;
  return Number(row?.n ?? 0);
}

/** count(*) of a query, stopping at `cap` rows. */
async function cappedCount(db: Kysely<Database>, q: AnyQuery, cap: number): Promise<number> {
  return countOf(db.selectFrom(q.limit(cap).as('capped')) as unknown as AnyQuery);
}

/**
 * The typed words rarest first, and the matching applicants when they can be listed (null: probe).
 * One common word alone ("nguyen") is probed; several words are always intersected first, since
 * common words can still meet rarely ("tran thi van": 39 people among 150,000).
 */
async function planNameSearch(db: Kysely<Database>, kind: StoreKind, words: string[], limits: SearchLimits): Promise<{ words: string[]; applicantIds: string[] | null }> {
  // PostgreSQL intersects several words in its GIN index and needs no sizes; SQLite starts from the
  // rarest word, so there the sizes are counted further to tell common words apart.
  if (kind === 'postgres' && words.length > 1) return { words, applicantIds: await matchingApplicantIds(db, kind, words, limits.listMax) };
  const probe = words.length === 1 ? limits.commonWord : 4 * limits.commonWord;
  const sizes = new Map<string, number>();
  for (const w of words) sizes.set(w, await cappedCount(db, wordRange(db, 't', w).select('t.applicant_id'), probe));
  const rarestFirst = [...words].sort((a, b) => sizes.get(a)! - sizes.get(b)!);
  if (words.length === 1 && sizes.get(words[0]!)! >= limits.commonWord) return { words, applicantIds: null };
  return { words: rarestFirst, applicantIds: await matchingApplicantIds(db, kind, rarestFirst, limits.listMax) };
}

/**
 * One page of matches and their count. A name matching a short list of people is answered by one
 * query over their few dossiers. Otherwise the page's codes are chosen from narrow indexes (the
 * covering index dossiers_search_cover of migration 0008, the received_at walk of 0010) without
 * touching the dossier rows, whose catalogue JSON makes them wide on SQLite; then only those rows are read.
 *
 * The count is exact unless the name words match more than `countCap` applicants (a bare
 * "nguyen" matches a third of a district): then dossiers are counted only up to the cap, and past it
 * `totalCapped` is set and `total` is the cap. The clerk narrows the search; nobody pages through
 * thousands of rows.
 */
export async function searchDossiers(
  db: Kysely<Database>,
  kind: StoreKind,
  filters: SearchFilters,
  o: SearchOrder,
  /** Tests lower them to reach every plan with a few dossiers. */
  limits: SearchLimits = SEARCH_LIMITS,
): Promise<{ total: number; totalCapped: boolean; rows: SearchHit[] }> {
  const { countCap } = limits;
  let f = filters;
  let nameMode: NameMode = 'list';
  let applicantIds: string[] | null = null;
  let total: number;
  let totalCapped = false;
  if (f.nameWords.length > 0) {
    const plan = await planNameSearch(db, kind, f.nameWords, limits);
    f = { ...f, nameWords: plan.words };
    applicantIds = plan.applicantIds;
    if (applicantIds === null) nameMode = 'probe';
    else if (applicantIds.length === 0) return { total: 0, totalCapped: false, rows: [] };
  }
  if (nameMode === 'probe' || (applicantIds !== null && applicantIds.length > countCap)) {
    // Each applicant has at least one dossier (applicants are only ever created with one), so more
    // applicants than the cap means more dossiers than the cap: without other filters, no count
    // needed. A probed word has commonWord index rows, at least a fifth as many applicants (a name
    // has a few words).
    const moreApplicantsThanCap = nameMode === 'list' || limits.commonWord / 5 > countCap;
    total = hasDossierFilters(f) || !moreApplicantsThanCap ? await cappedCount(db, filtered(db, kind, f, false, nameMode, applicantIds).select('d.code'), countCap + 1) : countCap + 1;
    totalCapped = total > countCap;
    if (totalCapped) total = countCap;
  } else if (applicantIds !== null) {
    // A short list of people (at most the cap): their dossiers are few, so one query sorts them all,
    // counts them with a window and returns the page's rows, instead of three round trips (each
    // carrying the list again, which PostgreSQL re-plans every time).
    // Materialized: the list's dossiers are fetched by applicant first. Left to itself, PostgreSQL
    // would walk the whole received_at index to avoid a sort it must then do anyway for the count.
    const theirs = filtered(db, kind, f, o.sort === 'name', nameMode, applicantIds).select([...HIT_COLUMNS, `${SORT_COLUMN[o.sort]} as sort_key`]);
    const rows = (await (db as unknown as Kysely<any>)
      .with((cte) => cte('theirs').materialized(), () => theirs)
      .selectFrom('theirs')
      .selectAll()
      .select(sql<number>`count(*) over ()`.as('total'))
      .orderBy('sort_key', o.dir)
      .orderBy('code', o.dir)
      .limit(o.limit)
      .offset(o.offset)
      .execute()) as Array<SearchHit & { sort_key: unknown; total: number | string }>;
    if (rows.length > 0 || o.offset === 0) {
      return { total: rows.length > 0 ? Number(rows[0]!.total) : 0, totalCapped: false, rows: rows.map(({ total: _total, sort_key: _key, ...hit }) => hit) };
    }
    // Past the last page (the data shrank under the pager): the count tells the pager where to go.
    return { total: await countOf(filtered(db, kind, f, false, nameMode, applicantIds)), totalCapped: false, rows: [] };
  } else {
    total = await countOf(filtered(db, kind, f, false, nameMode, applicantIds));
  }
  if (total === 0 || o.offset >= total) return { total, totalCapped, rows: [] };
  const page = (await filtered(db, kind, f, o.sort === 'name', nameMode, applicantIds)
    .select('d.code')
    .orderBy(SORT_COLUMN[o.sort], o.dir)
    .orderBy('d.code', o.dir)
    .limit(Math.min(o.limit, total - o.offset))
    .offset(o.offset)
    .execute()) as Array<{ code: string }>;
  const codes = page.map((p) => p.code);
  const rows = (await db.selectFrom('dossiers as d').select(HIT_COLUMNS).where('d.code', 'in', codes).execute()) as SearchHit[];
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return { total, totalCapped, rows: codes.map((c) => byCode.get(c)).filter((r): r is SearchHit => r !== undefined) };
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
