import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/** The columns a report needs of one dossier (no procedure JSON: a year at district scale is 100k rows). */
export interface ReportDossierRow {
  field: string;
  channel: string;
  status: string;
  procedure_code: string;
  limit_json: string;
  received_local: string;
  due_local: string;
  result_local: string | null;
  closed_local: string | null;
  supplement_count: number;
  paused_minutes: number;
  paused_since: string | null;
  digitized_components: number;
  reused_components: number;
  has_electronic_result: number;
  satisfaction: string | null;
}

/**
 * Every dossier that matters to a period [fromLocal, toLocalExclusive): received before its end and
 * not finished (result ready, or refused/stopped/withdrawn) before its start.
 */
export async function dossiersForPeriod(
  db: Kysely<Database>,
  fromLocal: string,
  toLocalExclusive: string,
  only?: ReturnType<typeof sql<boolean>>,
): Promise<ReportDossierRow[]> {
  const finish = sql<string | null>`coalesce(result_local, closed_local)`;
  const rows = await db
    .selectFrom('dossiers')
    .select([
      'field',
      'channel',
      'status',
      'procedure_code',
      'limit_json',
      'received_local',
      'due_local',
      'result_local',
      'closed_local',
      'supplement_count',
      'paused_minutes',
      'paused_since',
      'digitized_components',
      'reused_components',
      'has_electronic_result',
      'satisfaction',
    ])
    .where('received_local', '<', toLocalExclusive)
    .where((eb) => eb.or([eb(finish, 'is', null), eb(finish, '>=', fromLocal)]))
    .$if(only !== undefined, (q) => q.where(only!))
    .execute();
  return rows.map((r) => ({
    ...r,
    supplement_count: Number(r.supplement_count),
    paused_minutes: Number(r.paused_minutes),
    digitized_components: Number(r.digitized_components),
    reused_components: Number(r.reused_components),
    has_electronic_result: Number(r.has_electronic_result),
  }));
}

/**
 * Dossiers whose early / on-time / late judgement needs more than comparing dates: a supplement wait
 * (finished or open) or more than one supplement request. Few in practice, and found through the
 * partial index of migration 0012; these rows are judged one by one in
 * main/core/reports/timeliness.ts, everything else is counted by the database (reportGroups).
 * NEEDS_JUDGEMENT must stay word for word the predicate of that index, or the index is not used.
 */
const NEEDS_JUDGEMENT = sql<boolean>`(supplement_count > 1 or paused_minutes > 0 or paused_since is not null)`;
/**
 * A same-day limit. limit_json is always written by JSON.stringify of the flat limit object (no
 * spaces, whatever the key order), so this is exactly timeliness.ts's `kind === 'same-day'`.
 */
const SAME_DAY = sql<boolean>`limit_json like '%"kind":"same-day"%'`;

export async function dossiersNeedingJudgement(db: Kysely<Database>, fromLocal: string, toLocalExclusive: string): Promise<ReportDossierRow[]> {
  return dossiersForPeriod(db, fromLocal, toLocalExclusive, NEEDS_JUDGEMENT);
}

const day = (x: ReturnType<typeof sql>) => sql`substr(${x}, 1, 10)`;

/** timeliness.ts classifyResolved for a plain dossier (see reportGroups), as SQL. */
function resolvedColumn(rule: 'product' | 'date') {
  return rule === 'date'
    ? sql`case when result_local is null then 'onTime' when ${day(sql`result_local`)} < ${day(sql`due_local`)} then 'early' when ${day(sql`result_local`)} = ${day(sql`due_local`)} then 'onTime' else 'late' end`
    : sql`case when result_local is null then 'onTime' when result_local > due_local then 'late' when ${day(sql`result_local`)} < ${day(sql`due_local`)} then 'early'
        when ${SAME_DAY} and ${day(sql`result_local`)} = ${day(sql`received_local`)} then 'early' else 'onTime' end`;
}

/** One group of the period's plain dossiers, all counted alike (see reportGroups). */
export interface ReportGroupRow {
  field: string;
  procedure_code: string;
  /** 1 when received online (trực tuyến). */
  online: number;
  /** 1 when received in the period (else carried over). */
  is_new: number;
  cls: 'early' | 'onTime' | 'late' | 'withinDeadline' | 'overdue';
  digitized: number;
  reused: number;
  has_e_result: number;
  has_result: number;
  dislike: number;
  n: number;
}

/**
 * The period's dossiers that need no judgement, grouped by everything 06a and the indicators count
 * them by, with their column decided in SQL. The CASE below is timeliness.ts for the plain case (no
 * wait, at most one supplement request), where it reduces to comparing the result with the
 * appointment (and, same-day, with the day received) as 'YYYY-MM-DDTHH:mm' strings and as days; a
 * test checks both agree dossier by dossier.
 * Reading 140,000 rows into JavaScript took seconds; a few thousand groups take milliseconds.
 */
export async function reportGroups(
  db: Kysely<Database>,
  o: { fromLocal: string; toLocalExclusive: string; refLocal: string; rule: 'product' | 'date' },
): Promise<ReportGroupRow[]> {
  const finish = sql`coalesce(result_local, closed_local)`;
  const resolved = resolvedColumn(o.rule);
  const ref = o.refLocal;
  const inProgress =
    o.rule === 'date'
      ? sql`case when ${ref.slice(0, 10)} > ${day(sql`due_local`)} and ${ref} > due_local then 'overdue' else 'withinDeadline' end`
      : sql`case when ${ref} > due_local then 'overdue' else 'withinDeadline' end`;
  const flag = (cond: ReturnType<typeof sql>) => sql`case when ${cond} then 1 else 0 end`;
  const rows = await sql<ReportGroupRow>`
    select field, procedure_code,
      ${flag(sql`channel = 'truc_tuyen'`)} as online,
      ${flag(sql`received_local >= ${o.fromLocal}`)} as is_new,
      case when ${finish} is not null and ${finish} < ${o.toLocalExclusive} then ${resolved} else ${inProgress} end as cls,
      ${flag(sql`digitized_components > 0`)} as digitized,
      ${flag(sql`reused_components > 0`)} as reused,
      ${flag(sql`has_electronic_result = 1`)} as has_e_result,
      ${flag(sql`result_local is not null`)} as has_result,
      ${flag(sql`satisfaction = 'khong_hai_long'`)} as dislike,
      count(*) as n
    from dossiers
    where received_local < ${o.toLocalExclusive}
      and (${finish} is null or ${finish} >= ${o.fromLocal})
      and not ${NEEDS_JUDGEMENT}
    group by field, procedure_code, online, is_new, cls, digitized, reused, has_e_result, has_result, dislike`.execute(db);
  return rows.rows.map((r) => ({
    ...r,
    online: Number(r.online),
    is_new: Number(r.is_new),
    digitized: Number(r.digitized),
    reused: Number(r.reused),
    has_e_result: Number(r.has_e_result),
    has_result: Number(r.has_result),
    dislike: Number(r.dislike),
    n: Number(r.n),
  }));
}

export interface MonthlyGroupRow {
  field: string;
  /** 'YYYY-MM' received, when received in the period (else null). */
  received_month: string | null;
  /** 'YYYY-MM' finished, when finished in the period (else null). */
  finished_month: string | null;
  /** Column when finished in the period (else null). */
  cls: 'early' | 'onTime' | 'late' | null;
  n: number;
}

/** The charts' counts of the plain dossiers of a period, grouped by month received and month finished. */
export async function monthlyGroups(db: Kysely<Database>, o: { fromLocal: string; toLocalExclusive: string; rule: 'product' | 'date' }): Promise<MonthlyGroupRow[]> {
  const finish = sql`coalesce(result_local, closed_local)`;
  const finishedIn = sql`${finish} is not null and ${finish} >= ${o.fromLocal} and ${finish} < ${o.toLocalExclusive}`;
  const rows = await sql<MonthlyGroupRow>`
    select field,
      case when received_local >= ${o.fromLocal} then substr(received_local, 1, 7) end as received_month,
      case when ${finishedIn} then substr(${finish}, 1, 7) end as finished_month,
      case when ${finishedIn} then ${resolvedColumn(o.rule)} end as cls,
      count(*) as n
    from dossiers
    where received_local < ${o.toLocalExclusive}
      and (${finish} is null or ${finish} >= ${o.fromLocal})
      and not ${NEEDS_JUDGEMENT}
    group by field, received_month, finished_month, cls`.execute(db);
  return rows.rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/**
 * Run a report's reads on one state of the store: its grouped and its judged dossiers come from
 * separate queries, and a dossier changing in between (a supplement requested at that instant) must
 * not be counted twice or not at all. PostgreSQL needs REPEATABLE READ for that; SQLite's transaction
 * is a snapshot already.
 */
export async function readSnapshot<T>(db: Kysely<Database>, read: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return (postgres ? db.transaction().setIsolationLevel('repeatable read') : db.transaction()).execute(read);
}

/** Distinct fields (lĩnh vực) of the catalogue, in the order first seen. */
export async function catalogueFields(db: Kysely<Database>): Promise<Array<{ code: string; field: string; data_json: string }>> {
  return db.selectFrom('procedures').select(['code', 'field', 'data_json']).orderBy('code').orderBy('effective_from').execute();
}

export interface BookRow {
  code: string;
  procedure_name: string;
  set_count: number;
  full_name: string;
  address: string;
  phone: string;
  received_local: string;
  due_local: string;
  result_local: string | null;
  returned_local: string | null;
  closed_local: string | null;
  status: string;
  book_number: string;
  book_line: number;
  note: string;
}

/** The tracking book (Mẫu 07): dossiers received in the range, in book order. */
export async function bookRows(db: Kysely<Database>, fromLocal: string, toLocalExclusive: string): Promise<BookRow[]> {
  const rows = await db
    .selectFrom('dossiers as d')
    .select([
      'd.code',
      'd.procedure_name',
      'd.set_count',
      'd.applicant_name as full_name',
      'd.applicant_address as address',
      'd.applicant_phone as phone',
      'd.received_local',
      'd.due_local',
      'd.result_local',
      'd.returned_local',
      'd.closed_local',
      'd.status',
      'd.book_number',
      'd.book_line',
      'd.note',
    ])
    .where('d.received_local', '>=', fromLocal)
    .where('d.received_local', '<', toLocalExclusive)
    .orderBy('d.received_at')
    .orderBy('d.code')
    .limit(100_000)
    .execute();
  return rows.map((r) => ({ ...r, set_count: Number(r.set_count), book_line: Number(r.book_line) }));
}
