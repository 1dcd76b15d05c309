/** Queries of the dossier book (Mẫu 07, sổ theo dõi hồ sơ): the dossiers of a range of days and their first hand-over and extensions. */
import { inSlices, type ReadDb } from './db';

/** Dossiers received between two local times (both inclusive), in book order; at most `limit` rows. */
export async function listBookDossiers(db: ReadDb, fromLocal: string, toLocal: string, limit: number) {
  return db
    .selectFrom('dossiers')
    .select([
      'dossiers.id',
      'dossiers.code',
      'dossiers.procedure_name',
      'dossiers.set_count',
      'dossiers.book_number',
      'dossiers.book_line',
      'dossiers.received_local',
      'dossiers.due_local',
      'dossiers.result_local',
      'dossiers.returned_local',
      'dossiers.closed_local',
      'dossiers.status',
      'dossiers.note',
      // As declared on each dossier (migration 0011), not as the person's record reads today.
      'dossiers.applicant_name as full_name',
      'dossiers.applicant_address as address',
      'dossiers.applicant_phone as phone',
    ])
    .where('dossiers.received_local', '>=', fromLocal)
    .where('dossiers.received_local', '<=', toLocal)
    .orderBy('dossiers.received_local', 'asc')
    .orderBy('dossiers.book_line', 'asc')
    .limit(limit)
    .execute();
}

/** The hand-over steps of these dossiers, each dossier's in step order. */
export async function listHandoverSteps(db: ReadDb, dossierIds: readonly string[]): Promise<Array<{ dossier_id: string; given_local: string; agency: string }>> {
  return inSlices(dossierIds, (ids) =>
    db.selectFrom('dossier_handovers').select(['dossier_id', 'given_local', 'agency']).where('dossier_id', 'in', ids).orderBy('position', 'asc').execute(),
  );
}

/** The 'handover' events of these dossiers (data written before dossier_handovers existed), oldest first. */
export async function listHandoverEvents(db: ReadDb, dossierIds: readonly string[]): Promise<Array<{ dossier_id: string; at_local: string; data_json: string }>> {
  return inSlices(dossierIds, (ids) =>
    db.selectFrom('dossier_events').select(['dossier_id', 'at_local', 'data_json']).where('kind', '=', 'handover').where('dossier_id', 'in', ids).orderBy('at', 'asc').execute(),
  );
}

/** The extensions of these dossiers' appointments, oldest first. */
export async function listExtensions(db: ReadDb, dossierIds: readonly string[]): Promise<Array<{ dossier_id: string; due_local: string; previous_due_local: string | null }>> {
  return inSlices(dossierIds, (ids) =>
    db
      .selectFrom('dossier_appointments')
      .select(['dossier_id', 'due_local', 'previous_due_local'])
      .where('kind', '=', 'extension')
      .where('dossier_id', 'in', ids)
      .orderBy('at', 'asc')
      .orderBy('id', 'asc')
      .execute(),
  );
}
