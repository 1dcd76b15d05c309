import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, DossierEventsTable, DossierHandoversTable, DossierRatingsTable, DossierReturnsTable, DossiersTable } from './schema';

export type EventRow = DossierEventsTable;
export type HandoverRow = Selectable<DossierHandoversTable>;
export type ReturnRow = DossierReturnsTable;
export type RatingRow = DossierRatingsTable;
export type DossierPatch = Omit<Updateable<DossiersTable>, 'id' | 'version' | 'code'>;

export async function findDossierById(db: Kysely<Database>, id: string): Promise<Selectable<DossiersTable> | undefined> {
  return db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Apply a change only if nobody changed the dossier since `expectedVersion` was read. On PostgreSQL a
 * racing desk blocks on the row lock, then sees the new version and updates nothing.
 */
export async function updateDossierIfVersion(db: Kysely<Database>, id: string, expectedVersion: number, patch: DossierPatch): Promise<boolean> {
  const r = await db
    .updateTable('dossiers')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertEvent(db: Kysely<Database>, row: EventRow): Promise<void> {
  await db.insertInto('dossier_events').values(row).execute();
}

export async function listEvents(db: Kysely<Database>, dossierId: string): Promise<EventRow[]> {
  return db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', dossierId).orderBy('at').orderBy('id').execute();
}

/** The most recent event of a kind (e.g. the supplement request being answered). */
export async function lastEventOfKind(db: Kysely<Database>, dossierId: string, kind: string): Promise<EventRow | undefined> {
  return db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', dossierId).where('kind', '=', kind).orderBy('at', 'desc').limit(1).executeTakeFirst();
}

export async function listHandovers(db: Kysely<Database>, dossierId: string): Promise<HandoverRow[]> {
  return db.selectFrom('dossier_handovers').selectAll().where('dossier_id', '=', dossierId).orderBy('position').execute();
}

export async function insertHandover(db: Kysely<Database>, row: Insertable<DossierHandoversTable>): Promise<void> {
  await db.insertInto('dossier_handovers').values(row).execute();
}

export async function updateHandover(db: Kysely<Database>, id: string, patch: Updateable<DossierHandoversTable>): Promise<void> {
  await db.updateTable('dossier_handovers').set(patch).where('id', '=', id).execute();
}

export async function insertReturn(db: Kysely<Database>, row: ReturnRow): Promise<void> {
  await db.insertInto('dossier_returns').values(row).execute();
}

export async function findReturn(db: Kysely<Database>, dossierId: string): Promise<ReturnRow | undefined> {
  return db.selectFrom('dossier_returns').selectAll().where('dossier_id', '=', dossierId).executeTakeFirst();
}

export async function insertRating(db: Kysely<Database>, row: RatingRow): Promise<void> {
  await db.insertInto('dossier_ratings').values(row).execute();
}

export async function findRating(db: Kysely<Database>, dossierId: string): Promise<RatingRow | undefined> {
  return db.selectFrom('dossier_ratings').selectAll().where('dossier_id', '=', dossierId).executeTakeFirst();
}

export interface BoardRow {
  code: string;
  procedure_name: string;
  full_name: string;
  status: string;
  received_local: string;
  due_local: string;
  result_local: string | null;
  supplement_count: number;
  paused_minutes: number;
  paused_since: string | null;
}

/** Dossiers the board can show: everything still open or waiting to be collected, plus today's receipts. */
export async function listBoardRows(db: Kysely<Database>, activeStatuses: readonly string[], todayFrom: string, todayTo: string): Promise<BoardRow[]> {
  return db
    .selectFrom('dossiers')
    .select([
      'dossiers.code',
      'dossiers.procedure_name',
      'dossiers.applicant_name as full_name',
      'dossiers.status',
      'dossiers.received_local',
      'dossiers.due_local',
      'dossiers.result_local',
      'dossiers.supplement_count',
      'dossiers.paused_minutes',
      'dossiers.paused_since',
    ])
    .where((eb) =>
      eb.or([eb('dossiers.status', 'in', [...activeStatuses]), eb.and([eb('dossiers.received_local', '>=', todayFrom), eb('dossiers.received_local', '<', todayTo)])]),
    )
    .orderBy('dossiers.due_local')
    .orderBy('dossiers.code')
    .execute();
}

/** The latest returned dossier nobody rated yet, returned at or after `sinceIso`. */
export async function findPendingRating(db: Kysely<Database>, sinceIso: string) {
  return db
    .selectFrom('dossiers')
    .select(['dossiers.code', 'dossiers.procedure_name', 'dossiers.applicant_name as full_name', 'dossiers.returned_local'])
    .where('dossiers.status', '=', 'returned')
    .where('dossiers.satisfaction', 'is', null)
    .where('dossiers.returned_at', '>=', sinceIso)
    .orderBy('dossiers.returned_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
