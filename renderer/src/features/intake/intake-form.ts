/**
 * The intake form's values, how they become a `dossiers.create` payload, and the one validation both
 * the form (react-hook-form's resolver) and the summary's problem count use: the contract's
 * DossierCreateSchema through the zod resolver, plus what only the desk knows before saving (no
 * procedure picked, a required paper not ticked, a date of birth typed but not a real date).
 * Every problem is reported at once, each at the field it belongs to (issue 14 item 7).
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { get, set, type FieldError, type FieldErrors, type Resolver } from 'react-hook-form';
import type { Procedure } from '../../../../shared/contract/catalogue.schema';
import type { Input } from '../../../../shared/contract/channels';
import { DossierCreateSchema, type ID_KINDS } from '../../../../shared/contract/intake.schema';
import { checkPersonalId } from '../../../../shared/domain/cccd';
import { vi } from '../../../../shared/i18n/vi';

export type Channel = Input<'dossiers.create'>['channel'] & string;
export type ReturnMethod = Input<'dossiers.create'>['returnMethod'] & string;
type CreateInput = Input<'dossiers.create'>;

export interface ApplicantValues {
  /** An earlier applicant picked from the search: reused, not duplicated. */
  id?: string;
  fullName: string;
  idKind: (typeof ID_KINDS)[number];
  idNumber: string;
  dateOfBirth: string;
  phone: string;
  email: string;
  address: string;
  /** The clerk checked a CCCD that decodes with doubts (unknown province code). */
  idConfirmed: boolean;
}

export interface IntakeValues {
  requestId: string;
  procedureCode: string;
  applicant: ApplicantValues;
  /** One row per paper of the procedure, in its order. Papers start unticked: the clerk ticks what is in hand. */
  components: Array<{ received: boolean; countReceived: number }>;
  channel: Channel;
  /** Number inputs are kept as typed; toPayload turns them into numbers. */
  setCount: string;
  fee: { pages: string; copies: string; cases: string; exempt: boolean };
  returnMethod: ReturnMethod;
  receivedBy: string;
  note: string;
}

export const EMPTY_APPLICANT: ApplicantValues = { fullName: '', idKind: 'cccd', idNumber: '', dateOfBirth: '', phone: '', email: '', address: '', idConfirmed: false };

export function newIntakeValues(receivedBy: string): IntakeValues {
  return {
    // One id per form: a double press or a retry after a network hiccup returns the same dossier.
    requestId: crypto.randomUUID(),
    procedureCode: '',
    applicant: { ...EMPTY_APPLICANT },
    components: [],
    channel: 'truc_tiep',
    setCount: '1',
    fee: { pages: '', copies: '1', cases: '1', exempt: false },
    returnMethod: 'tai_bo_phan',
    receivedBy,
    note: '',
  };
}

/** The papers of a procedure as the form starts them: none ticked, the expected count in each row. */
export function componentRows(p: Procedure | null): IntakeValues['components'] {
  return p ? p.components.map((c) => ({ received: false, countReceived: c.count })) : [];
}

const num = (s: string | number | undefined): number | undefined => {
  const t = String(s ?? '').trim();
  return t === '' ? undefined : Number(t);
};

/** Only the fee inputs the procedure's rule uses are sent (a per-page rule ignores "cases"). */
export function feeInput(v: IntakeValues, p: Procedure | null): CreateInput['fee'] {
  const rule = p?.feeRule;
  if (!rule) return {};
  if (v.fee.exempt) return { exempt: true };
  if (rule.kind === 'per-page') return { pages: num(v.fee.pages), copies: num(v.fee.copies) };
  if (rule.kind === 'per-copy' || (rule.kind === 'provincial' && rule.per === 'copy')) return { copies: num(v.fee.copies) };
  if (rule.kind === 'per-case' || rule.kind === 'provincial') return { cases: num(v.fee.cases) };
  return {};
}

export function toPayload(v: IntakeValues, p: Procedure | null): CreateInput {
  const { id, idConfirmed, ...rest } = v.applicant;
  return {
    requestId: v.requestId,
    procedureCode: p?.code ?? v.procedureCode,
    applicant: { ...(id ? { id } : {}), ...rest, ...(idConfirmed ? { idConfirmed: true } : {}) },
    components: v.components.map((t, position) => ({ position, received: t.received, countReceived: Math.max(1, Math.trunc(Number(t.countReceived)) || 1) })),
    channel: v.channel,
    setCount: num(v.setCount) ?? 1,
    fee: feeInput(v, p),
    returnMethod: v.returnMethod,
    receivedBy: v.receivedBy,
    note: v.note,
  };
}

/** Whether the typed ID decodes with doubts the clerk must confirm against the card. */
export function idNeedsConfirmation(a: Pick<ApplicantValues, 'idKind' | 'idNumber' | 'dateOfBirth'>): boolean {
  if (a.idKind !== 'cccd' || a.idNumber.trim() === '') return false;
  const check = checkPersonalId(a.idNumber, a.dateOfBirth || undefined);
  return check.kind === 'cccd' && check.needsConfirmation;
}

export interface IntakeContext {
  procedure: Procedure | null;
  /** The date-of-birth box's own problem (typed text that is not a real date), '' when none. */
  dobProblem: string;
}

export interface Problem {
  path: string;
  message: string;
}

/** What only the desk can tell before saving; the schema cannot see the procedure's papers. */
function deskProblems(v: IntakeValues, ctx: IntakeContext): Problem[] {
  const out: Problem[] = [];
  if (!ctx.procedure) out.push({ path: 'procedureCode', message: vi.intakeUi.pickProcedureFirst });
  ctx.procedure?.components.forEach((c, i) => {
    if (c.required && !v.components[i]?.received) out.push({ path: `components.${i}.received`, message: vi.intakeUi.requiredNotTicked });
  });
  if (ctx.dobProblem) out.push({ path: 'applicant.dateOfBirth', message: ctx.dobProblem });
  return out;
}

function setLeaf(errors: Record<string, unknown>, path: string, message: string, override: boolean): void {
  if (override || !get(errors, path)) set(errors, path, { type: 'desk', message } satisfies FieldError);
}

/** Every leaf of react-hook-form's nested errors as a dotted path and its message, in field order. */
export function flattenErrors(errors: FieldErrors | Record<string, unknown>, prefix = ''): Problem[] {
  const out: Problem[] = [];
  for (const [k, node] of Object.entries(errors)) {
    if (!node || typeof node !== 'object' || k === 'ref') continue;
    const path = prefix ? `${prefix}.${k}` : k;
    const message = (node as FieldError).message;
    if (typeof message === 'string') out.push({ path, message });
    else out.push(...flattenErrors(node as Record<string, unknown>, path));
  }
  return out;
}

const schemaResolver = zodResolver(DossierCreateSchema as never, undefined, { raw: true });

/**
 * The form's resolver: the payload the desk would send, checked by the contract's schema, with the
 * desk's own problems merged in. On success the form gets the payload as typed (the core parses it
 * again; its transforms must not run twice).
 */
export function intakeResolver(ctx: () => IntakeContext): Resolver<IntakeValues, unknown, CreateInput> {
  return async (values, context, options) => {
    const c = ctx();
    const payload = toPayload(values, c.procedure);
    const result = await schemaResolver(payload as never, context, options as never);
    const errors = { ...(result.errors as Record<string, unknown>) };
    for (const p of deskProblems(values, c)) setLeaf(errors, p.path, p.message, p.path === 'procedureCode' || p.path === 'applicant.dateOfBirth');
    if (Object.keys(errors).length > 0) return { values: {}, errors: errors as FieldErrors<IntakeValues> };
    return { values: payload, errors: {} };
  };
}

/** All problems of the values now, for the summary's count (same rules as saving). */
export async function intakeProblems(values: IntakeValues, ctx: IntakeContext): Promise<Problem[]> {
  const r = await intakeResolver(() => ctx)(values, undefined, { fields: {}, shouldUseNativeValidation: false });
  return flattenErrors(r.errors);
}
