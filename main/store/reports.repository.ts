import { sql, type Kysely } from 'kysely';
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
export async function dossiersForPeriod(db: Kysely<Database>, fromLocal: string, toLocalExclusive: string): Promise<ReportDossierRow[]> {
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
    .innerJoin('applicants as a', 'a.id', 'd.applicant_id')
    .select([
      'd.code',
      'd.procedure_name',
      'd.set_count',
      'a.full_name',
      'a.address',
      'a.phone',
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
