import { z } from 'zod';
import { checkPersonalId } from '../domain/cccd';
import { checkPhone } from '../domain/phone';
import { vi } from '../i18n/vi';
import { civilDateSchema, feeRuleSchema, limitSchema, procedureSchema, tthcCodeSchema } from './catalogue.schema';
import { isoInstant, optionalStrictText, optionalText, requiredStrictText, requiredText } from './common.schema';
import { vnCivilDate } from '../domain/vn-date';

/** 'YYYY-MM-DDTHH:mm' in Vietnam time (UTC+7), how deadlines are written on receipts. */
export const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, { error: vi.intake.localDateTime });

export const CHANNELS = ['truc_tiep', 'truc_tuyen', 'buu_chinh'] as const;
export type DossierChannel = (typeof CHANNELS)[number];
export const RETURN_METHODS = ['tai_bo_phan', 'buu_chinh'] as const;
export const ID_KINDS = ['cccd', 'cmnd', 'passport', 'other'] as const;

/**
 * A date of birth: '' (not known) or a civil date from 1900-01-01 to today in Vietnam. "Today" is
 * the machine's, read at each check (a schema cannot see the app's clock; a desk's clock is the
 * same machine's).
 */
export const dateOfBirthSchema = z
  .union([civilDateSchema, z.literal('')], { error: vi.intake.dateOfBirth })
  .optional()
  .transform((v) => v ?? '')
  .refine((v) => v === '' || (v >= '1900-01-01' && v <= vnCivilDate(Date.now())), { error: vi.intake.dateOfBirthRange });

/** Problems of an applicant that depend on several fields; run even when other fields already failed. */
function applicantCrossIssues(a: Record<string, unknown>): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  const str = (k: string) => (typeof a[k] === 'string' ? (a[k] as string).trim() : '');
  const idKind = typeof a.idKind === 'string' ? a.idKind : 'cccd';
  const idNumber = str('idNumber');
  if (idKind === 'cccd' || idKind === 'cmnd') {
    if (idNumber === '' && (a.kind ?? 'person') === 'person') {
      issues.push({ path: 'idNumber', message: vi.intake.idRequired });
    } else if (idNumber !== '') {
      const check = checkPersonalId(idNumber, str('dateOfBirth') || undefined);
      if (check.kind === 'invalid' || (idKind === 'cccd' && check.kind !== 'cccd') || (idKind === 'cmnd' && check.kind !== 'cmnd')) {
        issues.push({ path: 'idNumber', message: check.error ?? (idKind === 'cccd' ? vi.intake.cccdDigits : vi.intake.cmndDigits) });
      } else if (check.needsConfirmation && a.idConfirmed !== true) {
        issues.push({ path: 'idConfirmed', message: vi.intake.idConfirmNeeded });
      }
    }
  }
  const phone = str('phone');
  if (phone !== '') {
    const p = checkPhone(phone);
    if (!p.ok) issues.push({ path: 'phone', message: p.error });
  }
  return issues;
}

/**
 * The applicant (người nộp hồ sơ) as typed at the desk. The ID is checked by its kind (a CCCD must
 * decode, an old CMND is 9 digits, a passport is free text), the phone is normalised (+84 → 0). Every
 * problem is reported at once (the cross-field checks run even when the name is missing), and a CCCD
 * whose province code is unknown needs `idConfirmed` (the clerk has checked the card).
 */
export const ApplicantInputSchema = z
  .strictObject({
    /** An earlier applicant picked from the search: reused (and updated), not duplicated. */
    id: z.string().uuid().optional(),
    kind: z.enum(['person', 'organisation']).default('person'),
    fullName: requiredStrictText(150, vi.intakeUi.fullName),
    idKind: z.enum(ID_KINDS).default('cccd'),
    idNumber: optionalStrictText(30, vi.intakeUi.idNumber),
    dateOfBirth: dateOfBirthSchema,
    phone: optionalStrictText(30, vi.intakeUi.phone),
    email: optionalStrictText(120, vi.intakeUi.email).refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), { error: vi.validation.email }),
    address: optionalStrictText(300, vi.intakeUi.address),
    /** The clerk checked a number that decodes with doubts (unknown province code: maybe a country code). */
    idConfirmed: z.boolean().optional(),
    /** The chip ID card's QR as the reader typed it, kept with the applicant (issue 14 item 21). */
    idQrRaw: z.string().max(2000).optional().transform((v) => (v ?? '').normalize('NFC').replace(/[\r\n]+$/, '')),
  })
  .superRefine(
    (a, ctx) => {
      for (const issue of applicantCrossIssues(a as unknown as Record<string, unknown>)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    },
    { when: (payload) => payload.value !== null && typeof payload.value === 'object' },
  )
  .transform((a) => {
    const { idConfirmed: _confirmed, ...rest } = a;
    let idNumber = a.idNumber;
    if ((a.idKind === 'cccd' || a.idKind === 'cmnd') && idNumber !== '') idNumber = checkPersonalId(idNumber).normalized;
    const phone = a.phone === '' ? '' : (() => {
      const p = checkPhone(a.phone);
      return p.ok ? p.normalized : a.phone;
    })();
    return { ...rest, idNumber, phone };
  });
export type ApplicantInput = z.input<typeof ApplicantInputSchema>;

export const ApplicantSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(['person', 'organisation']),
  fullName: z.string(),
  idKind: z.enum(ID_KINDS),
  idNumber: z.string(),
  dateOfBirth: z.string(),
  phone: z.string(),
  email: z.string(),
  address: z.string(),
  /** The chip ID card's QR content the applicant was filled from ('' when typed by hand). */
  idQrRaw: z.string(),
  /** Decoded facts and warnings (e.g. birth year does not match the CCCD) for the clerk to see. */
  idSummary: z.string(),
  warnings: z.array(z.string()),
});
export type Applicant = z.output<typeof ApplicantSchema>;

/** One row of the component checklist as ticked by the clerk, in the procedure's order. */
export const ComponentCheckSchema = z.strictObject({
  position: z.number().int().min(0).max(99),
  received: z.boolean(),
  countReceived: z.number().int().min(0).max(99).optional(),
});

export const FeeInputSchema = z.strictObject({
  pages: z.number().int().min(1, { error: vi.intake.pagesMin }).max(10_000).optional(),
  copies: z.number().int().min(1, { error: vi.intake.copiesMin }).max(1000).optional(),
  cases: z.number().int().min(1).max(1000).optional(),
  exempt: z.boolean().optional(),
});

export const DossierCreateSchema = z.strictObject({
  /** Made by the client once per form: a double click or a retried call returns the same dossier. */
  requestId: z.string().uuid({ error: vi.intake.requestId }),
  procedureCode: tthcCodeSchema,
  applicant: ApplicantInputSchema,
  components: z.array(ComponentCheckSchema).max(100),
  channel: z.enum(CHANNELS).default('truc_tiep'),
  setCount: z.number().int().min(1).max(100).default(1),
  fee: FeeInputSchema.default({}),
  returnMethod: z.enum(RETURN_METHODS).default('tai_bo_phan'),
  receivedBy: optionalText(120),
  note: optionalText(1000),
  /** Only for back-entry of paper records; the desk normally stamps the current time. */
  receivedAt: isoInstant.optional(),
});
export type DossierCreateInput = z.input<typeof DossierCreateSchema>;

export const DossierComponentSchema = z.strictObject({
  position: z.number(),
  name: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  required: z.boolean(),
  countExpected: z.number(),
  received: z.boolean(),
  countReceived: z.number(),
});

export const AppointmentSchema = z.strictObject({
  kind: z.enum(['computed', 'override', 'extension']),
  dueLocal: z.string(),
  previousDueLocal: z.string().nullable(),
  reason: z.string(),
  actor: z.string(),
  at: z.string(),
});

export const DossierSchema = z.strictObject({
  id: z.string(),
  code: z.string(),
  agencyCode: z.string(),
  seq: z.number(),
  bookNumber: z.string(),
  bookLine: z.number(),
  procedure: z.strictObject({
    code: z.string(),
    name: z.string(),
    field: z.string(),
    limit: limitSchema,
    limitText: z.string(),
    feeRule: feeRuleSchema,
    resultType: z.string(),
    receiptRequired: z.boolean(),
  }),
  applicant: ApplicantSchema,
  components: z.array(DossierComponentSchema),
  channel: z.enum(CHANNELS),
  status: z.string(),
  receivedAt: z.string(),
  receivedLocal: z.string(),
  dueLocal: z.string(),
  computedDueLocal: z.string(),
  setCount: z.number(),
  fee: z.strictObject({ amount: z.number(), breakdown: z.string() }),
  returnMethod: z.enum(RETURN_METHODS),
  receivedBy: z.string(),
  note: z.string(),
  appointments: z.array(AppointmentSchema),
  version: z.number(),
});
export type Dossier = z.output<typeof DossierSchema>;

export const DossierSummarySchema = z.strictObject({
  id: z.string(),
  code: z.string(),
  procedureName: z.string(),
  field: z.string(),
  applicantName: z.string(),
  channel: z.enum(CHANNELS),
  status: z.string(),
  receivedLocal: z.string(),
  dueLocal: z.string(),
});
export type DossierSummary = z.output<typeof DossierSummarySchema>;

export const DueOverrideSchema = z.strictObject({
  code: requiredText(60),
  due: localDateTime,
  reason: requiredText(500),
});

export const IntakeNoticeInputSchema = z.strictObject({
  kind: z.enum(['supplement', 'refusal']),
  procedureCode: tthcCodeSchema,
  applicant: ApplicantInputSchema,
  /** Names of the missing or incomplete papers (Mẫu 02); may be empty for a refusal. */
  missing: z.array(requiredText(500)).max(50).default([]),
  reason: requiredText(1000),
  officer: optionalText(120),
});

export const IntakeNoticeSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(['supplement', 'refusal']),
  procedureCode: z.string(),
  procedureName: z.string(),
  applicant: ApplicantSchema,
  missing: z.array(z.string()),
  reason: z.string(),
  officer: z.string(),
  at: z.string(),
});
export type IntakeNotice = z.output<typeof IntakeNoticeSchema>;

export const ProcedureOutSchema = procedureSchema;

/** `motcua calendar due` input: N working days or "same-day". */
export const DueQuerySchema = z.strictObject({
  received: localDateTime,
  limit: z.union([z.number().int().min(1).max(2000), z.literal('same-day')], { error: vi.intake.limit }),
});
export const DueAnswerSchema = z.strictObject({
  received: z.string(),
  due: z.string(),
  limit: z.union([z.number(), z.literal('same-day')]),
});
export const DayInfoSchema = z.strictObject({ date: z.string(), working: z.boolean(), reason: z.string() });
