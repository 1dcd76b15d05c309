/**
 * A dossier as the tracking screens read it (status, effective deadline, hand-overs as Mẫu 06 rows,
 * collector, rating, the actions valid now), built from its rows in one store or transaction.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Limit } from '../../../shared/contract/catalogue.schema';
import type { CriterionRating, Rating, Tracking } from '../../../shared/contract/tracking.schema';
import { utcToVietnamLocal, type WorkingCalendar } from '../../../shared/domain/calendar';
import { statusLabel } from '../../../shared/domain/dossier-status';
import { vi } from '../../../shared/i18n/vi';
import { findApplicantById } from '../../store/applicants.repository';
import { listAppointments } from '../../store/dossiers.repository';
import type { Database, DossiersTable } from '../../store/schema';
import { findRating, findReturn, listHandovers } from '../../store/tracking.repository';
import { findUserByName } from '../../store/users.repository';
import type { CoreDeps } from '../context';
import { loadWorkingCalendar } from '../intake/calendar.service';
import { toAppointment } from '../intake/dossiers.service';
import { allowedActions, OPEN_STATUSES } from './lifecycle';
import { classifyCompletion, effectiveDue, isSameDayLimit, pausedSoFar } from './deadlines';

type Row = Selectable<DossiersTable>;

export function limitOf(row: Row): Limit | undefined {
  try {
    return JSON.parse(row.limit_json) as Limit;
  } catch {
    return undefined;
  }
}

/** The dossier as the tracking screens show it, read in `db` (a transaction or the store). */
export async function readTracking(deps: CoreDeps, db: Kysely<Database>, row: Row, calendar?: WorkingCalendar): Promise<Tracking> {
  const cal = calendar ?? (await loadWorkingCalendar({ db }));
  const nowIso = deps.clock.now().toISOString();
  const nowLocal = utcToVietnamLocal(nowIso);
  const [applicant, handovers, appointments, collector, rating] = await Promise.all([
    findApplicantById(db, row.applicant_id),
    listHandovers(db, row.id),
    listAppointments(db, row.id),
    findReturn(db, row.id),
    findRating(db, row.id),
  ]);
  const paused = pausedSoFar(row.paused_minutes, row.paused_since, nowIso);
  const effDue = effectiveDue(row.due_local, paused, cal);
  const timeliness = row.result_local
    ? classifyCompletion({ finishLocal: row.result_local, dueLocal: effDue, receivedLocal: row.received_local, sameDay: isSameDayLimit(limitOf(row)), supplementCount: row.supplement_count })
    : null;
  const open = (OPEN_STATUSES as readonly string[]).includes(row.status);
  return {
    code: row.code,
    version: row.version,
    status: row.status,
    statusLabel: statusLabel(row.status),
    procedureName: row.procedure_name,
    procedureCode: row.procedure_code,
    field: row.field,
    applicantName: applicant?.full_name ?? '',
    applicantIdNumber: applicant?.id_number ?? '',
    applicantPhone: applicant?.phone ?? '',
    feeAmount: Number(row.fee_amount) || 0,
    receivedLocal: row.received_local,
    dueLocal: row.due_local,
    effectiveDueLocal: effDue,
    resultLocal: row.result_local,
    returnedLocal: row.returned_local,
    closedLocal: row.closed_local,
    supplementCount: row.supplement_count,
    pausedMinutes: paused,
    pausedSinceLocal: row.paused_since ? utcToVietnamLocal(row.paused_since) : null,
    hasElectronicResult: row.has_electronic_result === 1,
    timeliness,
    timelinessLabel: timeliness ? vi.tracking.timeliness[timeliness] : null,
    overdue: open && row.status !== 'waiting_supplement' && nowLocal > effDue,
    actions: allowedActions(row.status, row.satisfaction !== null),
    handovers: handovers.map((h) => ({
      position: h.position,
      stepName: h.step_name,
      agency: h.agency,
      giver: h.giver,
      receiver: h.receiver,
      givenLocal: h.given_local,
      receivedLocal: h.received_local,
      allowedDays: h.allowed_days,
      dueLocal: h.due_local,
      finishedLocal: h.finished_local,
      pausedMinutes: h.paused_minutes,
      result: h.result,
      note: h.note,
    })),
    controlRows: handovers.map((h) => ({
      agency: h.step_name === h.agency ? h.agency : `${h.agency} (${h.step_name})`,
      givenAt: h.given_local,
      receivedAt: h.received_local,
      giver: h.giver,
      receiver: h.receiver,
      result: (h.result as 'Trước hạn' | 'Đúng hạn' | 'Quá hạn' | '') || '',
      note: h.note,
    })),
    appointments: appointments.map(toAppointment),
    collector: collector
      ? {
          isApplicant: collector.is_applicant === 1,
          fullName: collector.collector_name,
          idNumber: collector.collector_id_number,
          relation: collector.relation,
          authorisation: collector.authorisation ?? '',
          officer: collector.officer,
          officerName: (await findUserByName(db, collector.officer))?.display_name ?? collector.officer,
          returnedLocal: collector.returned_local,
          feeAmount: Number(collector.fee_amount ?? 0),
          feeCollected: collector.fee_collected === null || collector.fee_collected === undefined ? null : Number(collector.fee_collected) === 1,
        }
      : null,
    rating: rating
      ? {
          rating: rating.rating as Rating,
          ratingLabel: vi.tracking.ratings[rating.rating as Rating] ?? rating.rating,
          criteria: JSON.parse(rating.criteria_json) as CriterionRating[],
          comment: rating.comment,
          source: rating.source,
          atLocal: rating.at_local,
        }
      : null,
  };
}
