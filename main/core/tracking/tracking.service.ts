import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ParsedInput } from '../../../shared/contract/channels';
import { RATINGS, type Tracking, type TrackingAction } from '../../../shared/contract/tracking.schema';
import { parseLocalDateTime, utcToVietnamLocal, vietnamLocalToUtc, type WorkingCalendar, type WorkingHours } from '../../../shared/domain/calendar';
import { formatLocalVi } from '../../../shared/domain/deadline';
import { formatVnd } from '../../../shared/domain/fees';
import { statusLabel, type DossierStatus } from '../../../shared/domain/dossier-status';
import { extractDossierCode } from '../../../shared/domain/scanned-code';
import { AppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import { findApplicantById } from '../../store/applicants.repository';
import { findDossierByCode, insertAppointment, type DossierRow } from '../../store/dossiers.repository';
import type { Database, DossiersTable } from '../../store/schema';
import {
  findDossierById,
  findRating,
  insertEvent,
  insertHandover,
  insertRating,
  insertReturn,
  lastEventOfKind,
  listHandovers,
  updateDossierIfVersion,
  updateHandover,
  type DossierPatch,
  type HandoverRow,
} from '../../store/tracking.repository';
import { appendAudit } from '../audit/audit';
import { LOCAL_ADMIN, type CallContext, type CoreDeps } from '../context';
import { requireActiveRecipient } from './recipients.service';
import { loadWorkingCalendar, loadWorkingHours } from '../intake/calendar.service';
import { allowedStatusesText, canDo } from './lifecycle';
import { classifyCompletion, effectiveDue, isSameDayLimit, minutesBetween, pausedSoFar, stepDue, stepResult } from './deadlines';
import { limitOf, readTracking } from './tracking-view';

type Row = Selectable<DossiersTable>;

/** Find a dossier by a typed or scanned code (lower case, stray spaces, a QR payload around it). */
export async function requireDossierByScan(db: Kysely<Database>, text: string): Promise<DossierRow> {
  const code = extractDossierCode(text);
  if (!code) {
    const message = vi.tracking.codeNotRecognised(text.trim());
    throw new AppError('invalid_input', message, { issues: [{ path: 'code', message }] });
  }
  const row = await findDossierByCode(db, code);
  if (!row) {
    const message = vi.intake.dossierNotFound(code);
    throw new AppError('not_found', message, { issues: [{ path: 'code', message }] });
  }
  return row;
}

interface Now {
  iso: string;
  local: string;
}

interface Step {
  /** Dossier columns to change (status, updated_at and version are set by the runner). */
  patch?: DossierPatch;
  /** Where the dossier goes; omitted = stays where it is. */
  to?: DossierStatus | string;
  note: string;
  data: Record<string, unknown>;
}

interface StepContext {
  trx: Kysely<Database>;
  row: Row;
  now: Now;
  calendar: WorkingCalendar;
  hours: WorkingHours;
}

function conflict(row: Row): AppError {
  return new AppError('conflict', vi.tracking.conflict(row.code, statusLabel(row.status)), { details: { code: row.code, status: row.status, version: row.version } });
}

/**
 * Run one transition: in one transaction, re-read the dossier, check the version the clerk saw and
 * that the action is valid from its status, apply the change guarded by the version, then append the
 * event row and the audit entry. Either all of it commits or none.
 */
async function runTransition(
  deps: CoreDeps,
  ctx: CallContext,
  action: TrackingAction,
  input: { code: string; version?: number | undefined },
  apply: (s: StepContext) => Promise<Step>,
): Promise<Tracking> {
  const found = await requireDossierByScan(deps.db, input.code);
  const [calendar, hours] = await Promise.all([loadWorkingCalendar(deps), loadWorkingHours(deps)]);
  const code = await deps.db.transaction().execute(async (trx) => {
    const row = await findDossierById(trx, found.id);
    if (!row) throw new AppError('not_found', vi.intake.dossierNotFound(found.code));
    if (input.version !== undefined && row.version !== input.version) throw conflict(row);
    if (!canDo(action, row.status)) {
      throw new AppError('conflict', vi.tracking.invalidTransition(vi.tracking.actionNames[action], row.code, statusLabel(row.status), allowedStatusesText(action)), {
        details: { code: row.code, status: row.status, action },
      });
    }
    const nowIso = deps.clock.now().toISOString();
    const now = { iso: nowIso, local: utcToVietnamLocal(nowIso) };
    const step = await apply({ trx, row, now, calendar, hours });
    const to = step.to ?? row.status;
    const ok = await updateDossierIfVersion(trx, row.id, row.version, { ...step.patch, status: to, updated_at: now.iso });
    if (!ok) throw conflict(row);
    await insertEvent(trx, {
      id: randomUUID(),
      dossier_id: row.id,
      kind: action,
      from_status: row.status,
      to_status: to,
      actor: ctx.actor,
      at: now.iso,
      at_local: now.local,
      note: step.note,
      data_json: JSON.stringify(step.data),
    });
    await appendAudit(trx, deps, {
      actor: ctx.actor,
      action: `dossier.${action}`,
      entity: 'dossier',
      entityId: row.code,
      before: { status: row.status, version: row.version, dueLocal: row.due_local, supplementCount: row.supplement_count, pausedMinutes: row.paused_minutes },
      after: { status: to, version: row.version + 1, ...step.patch, note: step.note, ...step.data },
    });
    return row.code;
  });
  deps.events.emit('data.changed', { entity: 'dossier', id: code });
  deps.logger.info('dossier transition', { code, action });
  const fresh = await findDossierByCode(deps.db, code);
  return readTracking(deps, deps.db, fresh!, calendar);
}

/**
 * Close the step still open (if any) when the dossier left it: `now`, or the hand-over time given for the next
 * step (entered after the fact), with its result against its own allowed time.
 */
async function closeOpenStep(s: StepContext, extraPausedMinutes = 0, finishLocal: string = s.now.local): Promise<HandoverRow | undefined> {
  const steps = await listHandovers(s.trx, s.row.id);
  const open = steps.find((h) => h.finished_at === null);
  if (!open) return undefined;
  const paused = open.paused_minutes + extraPausedMinutes;
  const result = open.due_local ? stepResult(finishLocal, open.due_local, paused, s.calendar) : '';
  const finishedAt = finishLocal === s.now.local ? s.now.iso : vietnamLocalToUtc(finishLocal);
  await updateHandover(s.trx, open.id, { finished_at: finishedAt, finished_local: finishLocal, paused_minutes: paused, result });
  return open;
}

function badTime(path: string, message: string): AppError {
  return new AppError('invalid_input', message, { issues: [{ path, message }] });
}

/**
 * The hand-over's times (issue 20 item 3): the times given, never later than the entry, never before the
 * dossier was received or the previous step was handed over, and the receiver never before the giver.
 */
async function handoverTimes(s: StepContext, input: { givenAt?: string | undefined; receivedAt?: string | undefined }): Promise<{ given: string; received: string }> {
  const given = input.givenAt ?? input.receivedAt ?? s.now.local;
  const received = input.receivedAt ?? given;
  parseLocalDateTime(given, 'givenAt');
  parseLocalDateTime(received, 'receivedAt');
  const path = input.givenAt ? 'givenAt' : 'receivedAt';
  for (const [p, t] of [[path, given], ['receivedAt', received]] as const) {
    if (t > s.now.local) throw badTime(p, vi.tracking.handoverInFuture(formatLocalVi(s.now.local)));
  }
  if (given < s.row.received_local) throw badTime(path, vi.tracking.handoverBeforeIntake(formatLocalVi(s.row.received_local)));
  const steps = await listHandovers(s.trx, s.row.id);
  const last = steps[steps.length - 1];
  const previous = last ? [last.given_local, last.received_local ?? last.given_local].sort().pop()! : null;
  if (previous && given < previous) throw badTime(path, vi.tracking.handoverBeforePrevious(formatLocalVi(previous)));
  if (received < given) throw badTime('receivedAt', vi.tracking.receivedBeforeHandover(formatLocalVi(given)));
  return { given, received };
}

/** End a running supplement wait (supplied, or the dossier closed while waiting). */
async function endPause(s: StepContext): Promise<{ minutes: number; patch: DossierPatch }> {
  if (!s.row.paused_since) return { minutes: 0, patch: {} };
  const minutes = minutesBetween(s.row.paused_since, s.now.iso);
  const steps = await listHandovers(s.trx, s.row.id);
  const open = steps.find((h) => h.finished_at === null);
  if (open) await updateHandover(s.trx, open.id, { paused_minutes: open.paused_minutes + minutes });
  return { minutes, patch: { paused_minutes: s.row.paused_minutes + minutes, paused_since: null } };
}

function closeWith(kind: 'refused' | 'stopped' | 'withdrawn') {
  return async (s: StepContext, input: ParsedInput<'tracking.refuse'>): Promise<Step> => {
    const pause = await endPause(s);
    await closeOpenStep(s);
    return {
      to: kind,
      patch: { ...pause.patch, closed_at: s.now.iso, closed_local: s.now.local },
      note: input.note ? `${input.reason} — ${input.note}` : input.reason,
      data: { reason: input.reason, signer: input.signer, pausedMinutesAdded: pause.minutes },
    };
  };
}

const refuse = closeWith('refused');
const stop = closeWith('stopped');
const withdraw = closeWith('withdrawn');

export function trackingTransitions(deps: CoreDeps) {
  return {
    handOver: (input: ParsedInput<'tracking.handOver'>, ctx: CallContext) =>
      runTransition(deps, ctx, 'handOver', input, async (s) => {
        const { given: givenLocal, received: receivedLocal } = await handoverTimes(s, input);
        const to = input.recipientId ? await requireActiveRecipient(s.trx, input.recipientId) : null;
        const agency = to?.department ?? input.agency;
        const receiver = to?.full_name ?? input.receiver;
        // The giver is whoever is signed in; only trusted in-process callers (CLI, import) may name another.
        const officer = ctx.user && ctx.user.id !== LOCAL_ADMIN.id ? ctx.user.displayName : null;
        const giver = officer ?? (input.giver || ctx.user?.displayName || ctx.actor);
        const previous = await closeOpenStep(s, 0, givenLocal);
        const position = (await listHandovers(s.trx, s.row.id)).length + 1;
        const due = input.allowedDays === undefined ? null : stepDue(receivedLocal, input.allowedDays, s.calendar, s.hours);
        await insertHandover(s.trx, {
          id: randomUUID(),
          dossier_id: s.row.id,
          position,
          step_name: input.stepName,
          agency,
          giver,
          receiver,
          recipient_id: to?.id ?? null,
          given_at: givenLocal === s.now.local ? s.now.iso : vietnamLocalToUtc(givenLocal),
          given_local: givenLocal,
          received_local: receivedLocal,
          allowed_days: input.allowedDays ?? null,
          due_local: due,
          finished_at: null,
          finished_local: null,
          note: input.note,
        });
        return {
          to: 'in_progress',
          note: input.note,
          data: { position, stepName: input.stepName, agency, giver, receiver, givenAt: givenLocal, receivedAt: receivedLocal, recipientId: to?.id ?? null, allowedDays: input.allowedDays ?? null, stepDue: due, previousStep: previous?.position ?? null },
        };
      }),

    requestSupplement: (input: ParsedInput<'tracking.requestSupplement'>, ctx: CallContext) =>
      runTransition(deps, ctx, 'requestSupplement', input, async (s) => {
        const count = s.row.supplement_count + 1;
        return {
          to: 'waiting_supplement',
          patch: { supplement_count: count, paused_since: s.now.iso },
          note: input.note ? `${input.reason} — ${input.note}` : input.reason,
          // A second request is allowed but counts late in the QĐ 766 statistics.
          data: { missing: input.missing, reason: input.reason, count, countsLate: count > 1, warning: count > 1 ? vi.tracking.secondSupplement : null },
        };
      }),

    supplySupplement: (input: ParsedInput<'tracking.supplySupplement'>, ctx: CallContext) =>
      runTransition(deps, ctx, 'supplySupplement', input, async (s) => {
        const pause = await endPause(s);
        // Back to where it was when the supplement was asked for (received, or with an officer).
        const request = await lastEventOfKind(s.trx, s.row.id, 'requestSupplement');
        const back = request?.from_status && request.from_status !== 'waiting_supplement' ? request.from_status : 'in_progress';
        return { to: back, patch: pause.patch, note: input.note, data: { pausedMinutesAdded: pause.minutes, pausedMinutesTotal: s.row.paused_minutes + pause.minutes } };
      }),

    resultReady: (input: ParsedInput<'tracking.resultReady'>, ctx: CallContext) =>
      runTransition(deps, ctx, 'resultReady', input, async (s) => {
        await closeOpenStep(s);
        const effDue = effectiveDue(s.row.due_local, s.row.paused_minutes, s.calendar);
        const timeliness = classifyCompletion({
          finishLocal: s.now.local,
          dueLocal: effDue,
          receivedLocal: s.row.received_local,
          sameDay: isSameDayLimit(limitOf(s.row)),
          supplementCount: s.row.supplement_count,
        });
        return {
          to: 'result_ready',
          patch: { result_at: s.now.iso, result_local: s.now.local, has_electronic_result: input.hasElectronicResult ? 1 : 0 },
          note: input.note,
          data: { timeliness, effectiveDueLocal: effDue, hasElectronicResult: input.hasElectronicResult },
        };
      }),

    returnResult: (input: ParsedInput<'tracking.return'>, ctx: CallContext) =>
      runTransition(deps, ctx, 'return', input, async (s) => {
        const applicant = await findApplicantById(s.trx, s.row.applicant_id);
        const c = input.collector;
        const collector = c.isApplicant
          ? { name: applicant?.full_name ?? '', idNumber: c.idNumber || (applicant?.id_number ?? ''), relation: '', authorisation: '' }
          : { name: c.fullName, idNumber: c.idNumber, relation: c.relation, authorisation: c.authorisation };
        // A fee applies: the clerk confirms it was collected before the result leaves the desk.
        const feeAmount = Number(s.row.fee_amount) || 0;
        if (feeAmount > 0 && !input.feeCollected) {
          const message = vi.collect.feeNotConfirmed(formatVnd(feeAmount));
          throw new AppError('invalid_input', message, { issues: [{ path: 'feeCollected', message }] });
        }
        const who = c.isApplicant ? vi.collect.byApplicant(collector.name, collector.idNumber) : vi.collect.byAuthorised(collector.name, collector.idNumber, collector.relation, collector.authorisation);
        const fee = `${vi.collect.fee} ${feeAmount > 0 ? vi.collect.feeCollectedLine(formatVnd(feeAmount)) : vi.collect.feeFree}`;
        await insertReturn(s.trx, {
          dossier_id: s.row.id,
          collector_name: collector.name,
          collector_id_number: collector.idNumber,
          is_applicant: c.isApplicant ? 1 : 0,
          relation: collector.relation,
          officer: ctx.actor,
          returned_at: s.now.iso,
          returned_local: s.now.local,
          note: input.note,
          authorisation: collector.authorisation,
          fee_amount: feeAmount,
          fee_collected: feeAmount > 0 ? 1 : 0,
        });
        return {
          to: 'returned',
          patch: { returned_at: s.now.iso, returned_local: s.now.local },
          note: [`${who}; ${fee}`, input.note].filter(Boolean).join(' — '),
          data: {
            collector: { isApplicant: c.isApplicant, fullName: collector.name, idNumber: collector.idNumber, relation: collector.relation, authorisation: collector.authorisation },
            fee: { amount: feeAmount, collected: feeAmount > 0 },
          },
        };
      }),

    refuse: (input: ParsedInput<'tracking.refuse'>, ctx: CallContext) => runTransition(deps, ctx, 'refuse', input, (s) => refuse(s, input)),
    stop: (input: ParsedInput<'tracking.stop'>, ctx: CallContext) => runTransition(deps, ctx, 'stop', input, (s) => stop(s, input)),
    withdraw: (input: ParsedInput<'tracking.withdraw'>, ctx: CallContext) => runTransition(deps, ctx, 'withdraw', input, (s) => withdraw(s, input)),

    extend: (input: ParsedInput<'tracking.extend'>, ctx: CallContext) =>
      runTransition(deps, ctx, 'extend', input, async (s) => {
        parseLocalDateTime(input.newDue, 'newDue');
        if (input.newDue <= s.row.due_local) {
          const message = vi.tracking.extendNotLater(formatLocalVi(s.row.due_local));
          throw new AppError('invalid_input', message, { issues: [{ path: 'newDue', message }] });
        }
        const day = s.calendar.dayInfo(input.newDue.slice(0, 10));
        if (!day.working) {
          const message = vi.tracking.extendNotWorking(day.reason);
          throw new AppError('invalid_input', message, { issues: [{ path: 'newDue', message }] });
        }
        // DOMAIN.md §1.4: the letter goes out before the deadline. After it, only with an explicit acknowledgement.
        const effDue = effectiveDue(s.row.due_local, pausedSoFar(s.row.paused_minutes, s.row.paused_since, s.now.iso), s.calendar);
        const late = s.now.local > effDue;
        if (late && !input.lateAcknowledged) {
          const message = vi.tracking.extendAfterDeadline(formatLocalVi(effDue));
          throw new AppError('conflict', message, { issues: [{ path: 'lateAcknowledged', message }], details: { effectiveDueLocal: effDue } });
        }
        await insertAppointment(s.trx, {
          id: randomUUID(),
          dossier_id: s.row.id,
          kind: 'extension',
          due_local: input.newDue,
          previous_due_local: s.row.due_local,
          reason: input.reason,
          actor: ctx.actor,
          at: s.now.iso,
        });
        return {
          patch: { due_local: input.newDue },
          note: input.reason,
          data: { previousDueLocal: s.row.due_local, newDueLocal: input.newDue, signer: input.signer, afterDeadline: late },
        };
      }),

    rate: (input: ParsedInput<'tracking.rate'>, ctx: CallContext) =>
      runTransition(deps, ctx, 'rate', { code: input.code }, async (s) => {
        if (s.row.satisfaction !== null || (await findRating(s.trx, s.row.id))) throw new AppError('conflict', vi.tracking.alreadyRated(s.row.code));
        if (!(RATINGS as readonly string[]).includes(input.rating)) throw new AppError('invalid_input', vi.tracking.ratingRequired);
        await insertRating(s.trx, {
          dossier_id: s.row.id,
          rating: input.rating,
          criteria_json: JSON.stringify(input.criteria),
          comment: input.comment,
          source: input.source,
          at: s.now.iso,
          at_local: s.now.local,
        });
        return { patch: { satisfaction: input.rating }, note: input.comment, data: { rating: input.rating, criteria: input.criteria, source: input.source } };
      }),
  };
}
