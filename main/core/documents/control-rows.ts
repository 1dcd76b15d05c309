/** Rows of the control slip (Mẫu 06, phiếu kiểm soát quá trình giải quyết hồ sơ). */
import type { Kysely } from 'kysely';
import type { Database, DossierEventsTable } from '../../store/schema';
import { listHandovers } from '../../store/tracking.repository';
import { officerNames } from '../auth/officer-names';
import { data, events, str, toLocal } from './event-data';
import type { ControlRow } from './form-data';
import { STEP_RESULTS } from './form-data';

const RESULT_WORDS: Record<string, (typeof STEP_RESULTS)[number]> = {
  'trước hạn': 'Trước hạn',
  truoc_han: 'Trước hạn',
  early: 'Trước hạn',
  'đúng hạn': 'Đúng hạn',
  dung_han: 'Đúng hạn',
  on_time: 'Đúng hạn',
  'quá hạn': 'Quá hạn',
  qua_han: 'Quá hạn',
  late: 'Quá hạn',
};

/**
 * The slip's rows: tracking's hand-over steps (dossier_handovers, one per step), or, for data written
 * before that table existed, dossier_events of kind 'handover' with {agency, givenAt, receivedAt, giver, receiver, result}.
 */
export async function controlRows(db: Kysely<Database>, dossierId: string): Promise<ControlRow[]> {
  const steps = await listHandovers(db, dossierId);
  // A login ("lan") prints as the officer's full name, a technical actor ("cli") as nobody.
  const nameOf = await officerNames(db);
  if (steps.length > 0) {
    return steps.map((h) => ({
      agency: h.agency || h.step_name || '……………',
      givenAt: h.given_local,
      ...(h.received_local ? { receivedAt: h.received_local } : {}),
      giver: nameOf(h.giver) ?? '',
      receiver: h.receiver,
      result: RESULT_WORDS[h.result.normalize('NFC').toLowerCase()] ?? '',
      note: h.note || (h.step_name && h.step_name !== h.agency ? h.step_name : ''),
    }));
  }
  return (await events(db, dossierId)).filter((e) => e.kind === 'handover').map((e) => controlRow(e, nameOf));
}

/** One hand-over (dossier_events kind 'handover', data {agency, givenAt, receivedAt, giver, receiver, result}). */
function controlRow(e: DossierEventsTable, nameOf: (actor: string) => string | null): ControlRow {
  const x = data(e);
  const givenAt = toLocal(x.givenAt) ?? e.at_local;
  const receivedAt = toLocal(x.receivedAt);
  return {
    agency: str(x.agency) || str(x.toAgency) || '……………',
    givenAt,
    ...(receivedAt ? { receivedAt } : {}),
    giver: nameOf(str(x.giver) || e.actor) ?? '',
    receiver: str(x.receiver),
    result: RESULT_WORDS[str(x.result).normalize('NFC').toLowerCase()] ?? '',
    note: str(x.note),
  };
}

