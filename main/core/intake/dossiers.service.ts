import type { intakeChannels } from '../../../shared/contract/intake.channels';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { COMPONENT_KIND_LABELS, type ComponentKind, type Procedure } from '../../../shared/contract/catalogue.schema';
import type { ParsedInput } from '../../../shared/contract/channels';
import type { Dossier, DossierSummary, IntakeNotice } from '../../../shared/contract/intake.schema';
import { parseLocalDateTime, utcToVietnamLocal } from '../../../shared/domain/calendar';
import { countingFrom } from '../../../shared/domain/calendar/due-date';
import { dueForLimit, limitText } from '../../../shared/domain/deadline';
import { formatDossierCode, receiptDay } from '../../../shared/domain/dossier-code';
import { computeFee } from '../../../shared/domain/fees';
import { AppError, isAppError } from '../../../shared/errors';
import { vi } from '../../../shared/i18n/vi';
import { applicantOfDossier, applicantSnapshot, findApplicantById } from '../../store/applicants.repository';
import {
  findDossierByCode,
  findDossierByRequestId,
  findIntakeNotice,
  insertAppointment,
  insertDossier,
  insertIntakeNotice,
  listAppointments,
  listComponents,
  listDossiersReceived,
  nextCounterValue,
  updateDossierDue,
  type AppointmentRow,
  type ComponentRow,
  type DossierRow,
  type NewDossierRow,
  type IntakeNoticeRow,
} from '../../store/dossiers.repository';
import type { Database } from '../../store/schema';
import { appendAudit } from '../audit/audit';
import { signedInOfficer } from '../auth/officer-names';
import type { CallContext, CoreDeps } from '../context';
import type { ChannelsOf, HandlerMap } from '../handlers';
import { requireUnitProfile } from '../unit/unit.service';
import { toApplicant, upsertApplicant } from './applicants.service';
import { loadWorkingCalendar, loadWorkingHours } from './calendar.service';
import { requireProcedureInForce } from './catalogue.service';

type CreateInput = ParsedInput<'dossiers.create'>;

/** Status right after intake; tracking moves it on (in progress, supplement, result ready, returned…). */
export const STATUS_RECEIVED = 'received';

/** One row of the appointment history as the contract shows it. */
export function toAppointment(a: AppointmentRow): Dossier['appointments'][number] {
  return { kind: a.kind as Dossier['appointments'][number]['kind'], dueLocal: a.due_local, previousDueLocal: a.previous_due_local, reason: a.reason, actor: a.actor, at: a.at };
}

/** The full dossier as the contract shows it, read in the given executor (a transaction or the db). */
export async function readDossier(db: Kysely<Database>, row: DossierRow): Promise<Dossier> {
  const [components, appointments] = await Promise.all([listComponents(db, row.id), listAppointments(db, row.id)]);
  const procedure = JSON.parse(row.procedure_json) as Procedure;
  return {
    id: row.id,
    code: row.code,
    agencyCode: row.agency_code,
    seq: row.seq,
    bookNumber: row.book_number,
    bookLine: row.book_line,
    procedure: {
      code: procedure.code,
      name: procedure.name,
      field: procedure.field,
      limit: procedure.limit,
      limitText: limitText(procedure.limit),
      feeRule: procedure.feeRule,
      resultType: procedure.resultType,
      receiptRequired: procedure.receiptRequired,
    },
    // As declared on this dossier, not as the person's record reads today.
    applicant: toApplicant(applicantOfDossier(row)),
    components: components.map((c) => ({
      position: c.position,
      name: c.name,
      kind: c.kind,
      kindLabel: COMPONENT_KIND_LABELS[c.kind as ComponentKind] ?? c.kind,
      required: c.required === 1,
      countExpected: c.count_expected,
      received: c.received === 1,
      countReceived: c.count_received,
    })),
    channel: row.channel as Dossier['channel'],
    status: row.status,
    receivedAt: row.received_at,
    receivedLocal: row.received_local,
    dueLocal: row.due_local,
    computedDueLocal: row.computed_due_local,
    setCount: row.set_count,
    fee: { amount: row.fee_amount, breakdown: row.fee_breakdown },
    returnMethod: row.return_method as Dossier['returnMethod'],
    receivedBy: row.received_by,
    note: row.note,
    appointments: appointments.map(toAppointment),
    version: row.version,
  };
}

export async function requireDossier(db: Kysely<Database>, code: string): Promise<DossierRow> {
  const row = await findDossierByCode(db, code.trim().toUpperCase());
  if (!row) throw new AppError('not_found', vi.intake.dossierNotFound(code), { issues: [{ path: 'code', message: vi.intake.dossierNotFound(code) }] });
  return row;
}

/** Map the checklist the clerk ticked onto the procedure's components; refuse when a required paper is missing. */
function checkComponents(procedure: Procedure, ticks: CreateInput['components']): Array<Omit<ComponentRow, 'id' | 'dossier_id'>> {
  const byPosition = new Map(ticks.map((t) => [t.position, t]));
  if (ticks.some((t) => t.position >= procedure.components.length) || byPosition.size !== ticks.length) {
    const message = vi.intake.componentCount(procedure.components.length);
    throw new AppError('invalid_input', message, { issues: [{ path: 'components', message }] });
  }
  const rows = procedure.components.map((c, position) => {
    const tick = byPosition.get(position);
    const received = tick?.received ?? false;
    return {
      position,
      name: c.name,
      kind: c.kind,
      required: c.required ? 1 : 0,
      count_expected: c.count,
      received: received ? 1 : 0,
      count_received: received ? (tick?.countReceived ?? c.count) : 0,
    };
  });
  const missing = rows.filter((r) => r.required === 1 && r.received === 0);
  if (missing.length > 0) {
    const message = vi.intake.missingRequired(missing.map((m) => `"${m.name}"`).join(', '));
    throw new AppError('invalid_input', message, { issues: missing.map((m) => ({ path: `components.${m.position}`, message })), details: { missing: missing.map((m) => m.position) } });
  }
  return rows;
}

/** Fee for the procedure; a rule that needs the page count reports it at the field the clerk fills. */
export function quoteFee(procedure: Procedure, fee: CreateInput['fee']): { amount: number; breakdown: string } {
  const rule = procedure.feeRule;
  if (rule.kind === 'provincial' && rule.amount === undefined) {
    // The admin has not entered the provincial amount yet: receiving must not be blocked for it.
    return { amount: 0, breakdown: vi.intake.provincialFeeUnset };
  }
  try {
    return computeFee(procedure.feeRule, fee);
  } catch (e) {
    if (isAppError(e) && e.code === 'invalid_input') {
      const issues = (e.issues ?? []).map((i) => ({ path: `fee.${i.path.replace(/^fee\./, '')}`, message: i.message }));
      throw new AppError('invalid_input', e.message, { issues: issues.length ? issues : [{ path: 'fee', message: e.message }] });
    }
    throw e;
  }
}

function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export async function createDossier(deps: CoreDeps, ctx: CallContext, input: CreateInput): Promise<Dossier> {
  // A retried call (double click, lost answer) returns what the first one saved.
  const earlier = await findDossierByRequestId(deps.db, input.requestId);
  if (earlier) return readDossier(deps.db, earlier);

  const unit = await requireUnitProfile(deps);
  const receivedAt = input.receivedAt ? new Date(input.receivedAt).toISOString() : deps.clock.now().toISOString();
  const receivedLocal = utcToVietnamLocal(receivedAt);
  const receiptDate = receivedLocal.slice(0, 10);
  const procedure = await requireProcedureInForce(deps.db, input.procedureCode, receiptDate);
  const componentRows = checkComponents(procedure, input.components);
  const fee = quoteFee(procedure, input.fee);
  const [calendar, hours] = await Promise.all([loadWorkingCalendar(deps), loadWorkingHours(deps)]);
  const dueLocal = dueForLimit(receivedLocal, procedure.limit, calendar, hours);
  const receivedBy = input.receivedBy || signedInOfficer(ctx) || unit.officers[0]?.name || ctx.actor;

  try {
    const row = await deps.db.transaction().execute(async (trx) => {
      // Counters first: on SQLite the first write takes the lock, so the rest of the transaction cannot be overtaken.
      const seq = await nextCounterValue(trx, `code:${unit.agencyCode}`, receiptDay(receiptDate));
      const bookYear = receiptDate.slice(0, 4);
      const bookLine = await nextCounterValue(trx, `book:${unit.agencyCode}`, bookYear);
      const applicant = await upsertApplicant(trx, input.applicant, receivedAt);
      const id = randomUUID();
      const row: NewDossierRow = {
        id,
        code: formatDossierCode(unit.agencyCode, receiptDate, seq),
        request_id: input.requestId,
        agency_code: unit.agencyCode,
        receipt_day: receiptDay(receiptDate),
        seq,
        book_number: `01/${bookYear}`,
        book_line: bookLine,
        procedure_code: procedure.code,
        procedure_name: procedure.name,
        field: procedure.field,
        procedure_json: JSON.stringify(procedure),
        applicant_id: applicant.id,
        ...applicantSnapshot(applicant),
        channel: input.channel,
        status: STATUS_RECEIVED,
        received_at: receivedAt,
        received_local: receivedLocal,
        due_local: dueLocal,
        computed_due_local: dueLocal,
        limit_json: JSON.stringify(procedure.limit),
        set_count: input.setCount,
        fee_amount: fee.amount,
        fee_breakdown: fee.breakdown,
        fee_input_json: JSON.stringify(input.fee),
        return_method: input.returnMethod,
        received_by: receivedBy,
        note: input.note,
        created_at: deps.clock.now().toISOString(),
        updated_at: deps.clock.now().toISOString(),
      };
      await insertDossier(
        trx,
        row,
        componentRows.map((c) => ({ ...c, id: randomUUID(), dossier_id: id })),
        { id: randomUUID(), dossier_id: id, kind: 'computed', due_local: dueLocal, previous_due_local: null, reason: limitText(procedure.limit), actor: ctx.actor, at: receivedAt },
      );
      await appendAudit(trx, deps, {
        actor: ctx.actor,
        action: 'dossier.create',
        entity: 'dossier',
        entityId: row.code,
        before: null,
        after: { code: row.code, procedure: procedure.code, applicant: applicant.id, receivedLocal, dueLocal, fee: fee.amount, channel: input.channel },
        rows: [{ table: 'applicants', id: applicant.id }],
      });
      return row;
    });
    deps.events.emit('data.changed', { entity: 'dossier', id: row.code });
    deps.logger.info('dossier received', { code: row.code, procedure: procedure.code });
    return readDossier(deps.db, await requireDossier(deps.db, row.code));
  } catch (e) {
    if (isUniqueViolation(e)) {
      const winner = await findDossierByRequestId(deps.db, input.requestId);
      if (winner) return readDossier(deps.db, winner);
    }
    throw e;
  }
}

async function overrideDue(deps: CoreDeps, ctx: CallContext, input: ParsedInput<'dossiers.overrideDue'>): Promise<Dossier> {
  const row = await requireDossier(deps.db, input.code);
  parseLocalDateTime(input.due, 'due');
  if (input.due < row.received_local) {
    throw new AppError('invalid_input', vi.intake.overrideBeforeReceipt, { issues: [{ path: 'due', message: vi.intake.overrideBeforeReceipt }] });
  }
  const day = (await loadWorkingCalendar(deps)).dayInfo(input.due.slice(0, 10));
  if (!day.working) {
    const message = vi.intake.overrideNotWorking(day.reason);
    throw new AppError('invalid_input', message, { issues: [{ path: 'due', message }] });
  }
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await updateDossierDue(trx, row.id, row.version, input.due, at))) throw new AppError('conflict', vi.errors.conflict);
    await insertAppointment(trx, { id: randomUUID(), dossier_id: row.id, kind: 'override', due_local: input.due, previous_due_local: row.due_local, reason: input.reason, actor: ctx.actor, at });
    await appendAudit(trx, deps, {
      actor: ctx.actor,
      action: 'dossier.overrideDue',
      entity: 'dossier',
      entityId: row.code,
      before: { dueLocal: row.due_local },
      after: { dueLocal: input.due, reason: input.reason },
    });
  });
  deps.events.emit('data.changed', { entity: 'dossier', id: row.code });
  return readDossier(deps.db, await requireDossier(deps.db, row.code));
}

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

async function listReceived(deps: CoreDeps, input: ParsedInput<'dossiers.list'>): Promise<DossierSummary[]> {
  const today = utcToVietnamLocal(deps.clock.now().toISOString()).slice(0, 10);
  const from = input.from ?? input.to ?? today;
  const to = input.to ?? from;
  const rows = await listDossiersReceived(deps.db, `${from}T00:00`, `${nextDate(to)}T00:00`, input.limit);
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    procedureName: r.procedure_name,
    field: r.field,
    applicantName: r.full_name,
    channel: r.channel as DossierSummary['channel'],
    status: r.status,
    receivedLocal: r.received_local,
    dueLocal: r.due_local,
  }));
}

async function readNotice(db: Kysely<Database>, row: IntakeNoticeRow): Promise<IntakeNotice> {
  const applicant = await findApplicantById(db, row.applicant_id);
  return {
    id: row.id,
    kind: row.kind as IntakeNotice['kind'],
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    applicant: toApplicant(applicant!),
    missing: JSON.parse(row.missing_json) as string[],
    reason: row.reason,
    officer: row.officer,
    at: row.at,
  };
}

async function recordNotice(deps: CoreDeps, ctx: CallContext, input: ParsedInput<'intake.notice'>): Promise<IntakeNotice> {
  const unit = await requireUnitProfile(deps);
  const at = deps.clock.now().toISOString();
  const procedure = await requireProcedureInForce(deps.db, input.procedureCode, utcToVietnamLocal(at).slice(0, 10));
  const row = await deps.db.transaction().execute(async (trx) => {
    const applicant = await upsertApplicant(trx, input.applicant, at);
    const row: IntakeNoticeRow = {
      id: randomUUID(),
      kind: input.kind,
      applicant_id: applicant.id,
      procedure_code: procedure.code,
      procedure_name: procedure.name,
      missing_json: JSON.stringify(input.missing),
      reason: input.reason,
      officer: input.officer || signedInOfficer(ctx) || unit.officers[0]?.name || ctx.actor,
      at,
    };
    await insertIntakeNotice(trx, row);
    await appendAudit(trx, deps, { actor: ctx.actor, action: `intake.${input.kind}`, entity: 'intake_notice', entityId: row.id, before: null, after: { ...row }, rows: [{ table: 'applicants', id: applicant.id }] });
    return row;
  });
  return readNotice(deps.db, row);
}

export function dossierHandlers(
  deps: CoreDeps,
): HandlerMap<ChannelsOf<typeof intakeChannels, 'dossiers.' | 'intake.'>> {
  return {
    'dossiers.preview': async ({ procedureCode, fee }) => {
      const receivedLocal = utcToVietnamLocal(deps.clock.now().toISOString());
      const procedure = await requireProcedureInForce(deps.db, procedureCode, receivedLocal.slice(0, 10));
      const [calendar, hours] = await Promise.all([loadWorkingCalendar(deps), loadWorkingHours(deps)]);
      let quoted: { amount: number; breakdown: string } | null = null;
      let feeProblem: string | null = null;
      try {
        quoted = quoteFee(procedure, fee);
      } catch (e) {
        if (!isAppError(e)) throw e;
        feeProblem = e.message;
      }
      // Received on a day off or after hours: say that the limit counts from the next working day, and why.
      const from = countingFrom(receivedLocal, calendar, hours);
      const day = calendar.dayInfo(receivedLocal.slice(0, 10));
      const countsFrom = from === receivedLocal ? null : { local: from, reason: day.working ? vi.intake.afterHours(hours.end) : day.reason };
      return { receivedLocal, dueLocal: dueForLimit(receivedLocal, procedure.limit, calendar, hours), limitText: limitText(procedure.limit), fee: quoted, feeProblem, countsFrom };
    },
    'dossiers.create': (input, ctx) => createDossier(deps, ctx, input),
    'dossiers.get': async ({ code }) => readDossier(deps.db, await requireDossier(deps.db, code)),
    'dossiers.list': (input) => listReceived(deps, input),
    'dossiers.overrideDue': (input, ctx) => overrideDue(deps, ctx, input),
    'intake.notice': (input, ctx) => recordNotice(deps, ctx, input),
    'intake.noticeGet': async ({ id }) => {
      const row = await findIntakeNotice(deps.db, id);
      if (!row) throw new AppError('not_found', vi.errors.not_found);
      return readNotice(deps.db, row);
    },
  };
}
