import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database, DossierAppointmentsTable, DossierComponentsTable, DossiersTable, IntakeNoticesTable } from './schema';

export type DossierRow = Selectable<DossiersTable>;
export type NewDossierRow = Insertable<DossiersTable>;
export type ComponentRow = DossierComponentsTable;
export type AppointmentRow = DossierAppointmentsTable;
export type IntakeNoticeRow = IntakeNoticesTable;

/**
 * Hand out the next number of a counter (the day's dossier sequence, the book's line) atomically.
 * The upsert locks the counter row until the transaction ends, so two desks saving at the same
 * instant on PostgreSQL get consecutive numbers, and a rolled-back save gives its number back
 * (no gaps). Works unchanged on SQLite (3.35+: RETURNING).
 */
export async function nextCounterValue(db: Kysely<Database>, scope: string, period: string): Promise<number> {
  const row = await db
    .insertInto('dossier_counters')
    .values({ scope, period, last_value: 1 })
    .onConflict((oc) => oc.columns(['scope', 'period']).doUpdateSet({ last_value: sql`dossier_counters.last_value + 1` }))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return Number(row.last_value);
}

export async function insertDossier(db: Kysely<Database>, row: NewDossierRow, components: ComponentRow[], appointment: AppointmentRow): Promise<void> {
  await db.insertInto('dossiers').values(row).execute();
  if (components.length > 0) await db.insertInto('dossier_components').values(components).execute();
  await db.insertInto('dossier_appointments').values(appointment).execute();
}

export async function findDossierByCode(db: Kysely<Database>, code: string): Promise<DossierRow | undefined> {
  return db.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findDossierByRequestId(db: Kysely<Database>, requestId: string): Promise<DossierRow | undefined> {
  return db.selectFrom('dossiers').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

export async function listComponents(db: Kysely<Database>, dossierId: string): Promise<ComponentRow[]> {
  return db.selectFrom('dossier_components').selectAll().where('dossier_id', '=', dossierId).orderBy('position').execute();
}

export async function listAppointments(db: Kysely<Database>, dossierId: string): Promise<AppointmentRow[]> {
  return db.selectFrom('dossier_appointments').selectAll().where('dossier_id', '=', dossierId).orderBy('at').execute();
}

/** Change the appointment only if nobody changed the dossier since it was read (optimistic lock). */
export async function updateDossierDue(db: Kysely<Database>, id: string, expectedVersion: number, dueLocal: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('dossiers')
    .set({ due_local: dueLocal, updated_at: at, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertAppointment(db: Kysely<Database>, row: AppointmentRow): Promise<void> {
  await db.insertInto('dossier_appointments').values(row).execute();
}

export interface DossierListRow {
  id: string;
  code: string;
  procedure_name: string;
  field: string;
  full_name: string;
  channel: string;
  status: string;
  received_local: string;
  due_local: string;
}

/** Dossiers whose Vietnam receipt time falls in [fromLocal, toLocal), newest first. */
export async function listDossiersReceived(db: Kysely<Database>, fromLocal: string, toLocal: string, limit: number): Promise<DossierListRow[]> {
  return db
    .selectFrom('dossiers')
    .select([
      'dossiers.id',
      'dossiers.code',
      'dossiers.procedure_name',
      'dossiers.field',
      'dossiers.applicant_name as full_name',
      'dossiers.channel',
      'dossiers.status',
      'dossiers.received_local',
      'dossiers.due_local',
    ])
    .where('dossiers.received_local', '>=', fromLocal)
    .where('dossiers.received_local', '<', toLocal)
    .orderBy('dossiers.received_at', 'desc')
    .orderBy('dossiers.code', 'desc')
    .limit(limit)
    .execute();
}

export async function insertIntakeNotice(db: Kysely<Database>, row: IntakeNoticeRow): Promise<void> {
  await db.insertInto('intake_notices').values(row).execute();
}

export async function findIntakeNotice(db: Kysely<Database>, id: string): Promise<IntakeNoticeRow | undefined> {
  return db.selectFrom('intake_notices').selectAll().where('id', '=', id).executeTakeFirst();
}
