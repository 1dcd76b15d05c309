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

/** The one-stop desk as the slip names it when the result comes back (its sentence name, e.g. "Trung tâm Phục vụ …"). */
export interface ResultDesk {
  name: string;
}

/**
 * The slip's rows: tracking's hand-over steps (dossier_handovers, one per step), or, for data written
 * before that table existed, dossier_events of kind 'handover' with {agency, givenAt, receivedAt, giver, receiver, result};
 * then, once the result is ready, the row of its return to the one-stop desk (issue 20 item 3).
 */
export async function controlRows(db: Kysely<Database>, dossierId: string, desk: ResultDesk): Promise<ControlRow[]> {
  const steps = await listHandovers(db, dossierId);
  // A login ("lan") prints as the officer's full name, a technical actor ("cli") as nobody.
  const nameOf = await officerNames(db);
  const log = await events(db, dossierId);
  const rows: ControlRow[] =
    steps.length > 0
      ? steps.map((h) => ({
          agency: h.agency || h.step_name || '……………',
          // Rows written before hand-over times were taken as given carry the entry time as "Giao": the receiver's
          // time is then the hand-over (a dossier is not received before it is given).
          givenAt: h.received_local && h.received_local < h.given_local ? h.received_local : h.given_local,
          ...(h.received_local ? { receivedAt: h.received_local } : {}),
          giver: nameOf(h.giver) ?? '',
          receiver: h.receiver,
          result: RESULT_WORDS[h.result.normalize('NFC').toLowerCase()] ?? '',
          note: h.note || (h.step_name && h.step_name !== h.agency ? h.step_name : ''),
        }))
      : log.filter((e) => e.kind === 'handover').map((e) => controlRow(e, nameOf));
  const ready = [...log].reverse().find((e) => e.kind === 'resultReady');
  if (ready) {
    const last = rows[rows.length - 1];
    const timeliness = str(data(ready).timeliness);
    rows.push({
      agency: desk.name,
      givenAt: ready.at_local,
      receivedAt: ready.at_local,
      giver: last?.receiver ?? '',
      receiver: nameOf(ready.actor) ?? '',
      // The dossier's own result against its appointment (the 06a's "giải quyết" moment).
      result: RESULT_WORDS[timeliness] ?? '',
      note: 'Nhận kết quả giải quyết',
    });
  }
  return rows;
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

