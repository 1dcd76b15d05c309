import { z } from 'zod';
import { YearCalendarSchema } from '../domain/calendar';
import { catalogueSchema, civilDateSchema, procedureSchema, tthcCodeSchema } from './catalogue.schema';
import type { ChannelDef } from './channel-def';
import { ADMINS, ALL, LEADERS } from './access';
import { noInput, optionalText, requiredText } from './common.schema';
import {
  ApplicantSchema,
  DayInfoSchema,
  DossierCreateSchema,
  DossierSchema,
  DossierSummarySchema,
  DueAnswerSchema,
  DueOverrideSchema,
  DueQuerySchema,
  FeeInputSchema,
  IntakeNoticeInputSchema,
  IntakeNoticeSchema,
} from './intake.schema';

const yearInput = z.strictObject({ year: z.number().int().min(1900).max(2100) });

export const intakeChannels = {
  'catalog.list': {
    access: ALL,
    summary: 'Procedures in force on a date (default today), full records.',
    input: z.strictObject({ onDate: civilDateSchema.optional(), includeRetired: z.boolean().optional() }).default({}),
    output: z.array(procedureSchema),
  },
  'catalog.get': {
    access: ALL,
    summary: 'One procedure: the version in force on a date (default today); not_found when none is.',
    input: z.strictObject({ code: tthcCodeSchema, onDate: civilDateSchema.optional() }),
    output: procedureSchema,
  },
  'catalog.save': {
    access: ADMINS,
    summary: 'Add or replace one version of a procedure (admin).',
    input: procedureSchema,
    output: procedureSchema,
  },
  'catalog.retire': {
    access: ADMINS,
    summary: 'Retire a procedure version from a date (admin).',
    input: z.strictObject({ code: tthcCodeSchema, effectiveFrom: civilDateSchema, retiredAt: civilDateSchema }),
    output: procedureSchema,
  },
  'catalog.export': {
    access: ALL,
    summary: 'The whole catalogue (all versions) as a catalogue document.',
    input: noInput,
    output: catalogueSchema,
  },
  'catalog.import': {
    access: ADMINS,
    summary: 'Import a catalogue document: new versions added, same code+date replaced.',
    input: z.strictObject({ catalogue: catalogueSchema }),
    output: z.strictObject({ added: z.number(), replaced: z.number(), unchanged: z.number() }),
  },
  'catalog.exportXlsx': {
    access: ADMINS,
    summary: 'The whole catalogue as an editable workbook (stored file id).',
    input: noInput,
    output: z.strictObject({ fileId: z.string(), name: z.string(), procedures: z.number() }),
  },
  'catalog.importXlsx': {
    access: ADMINS,
    summary: 'Import a workbook made by catalog.exportXlsx (base64); all rows or nothing.',
    input: z.strictObject({ base64: z.string().min(1).max(20_000_000), name: requiredText(200) }),
    output: z.strictObject({ added: z.number(), replaced: z.number(), unchanged: z.number() }),
  },
  'calendar.due': {
    access: ALL,
    summary: 'Appointment for a receipt time and a limit (N working days or same-day).',
    input: DueQuerySchema,
    output: DueAnswerSchema,
  },
  'calendar.day': {
    access: ALL,
    summary: 'Whether a date is a working day, and why not.',
    input: z.strictObject({ date: civilDateSchema }),
    output: DayInfoSchema,
  },
  'calendar.year': {
    access: ALL,
    summary: 'Holidays, compensatory days, swaps and make-up Saturdays of a year.',
    input: yearInput,
    output: YearCalendarSchema,
  },
  'calendar.saveYear': {
    access: ADMINS,
    summary: 'Replace the table of one year (admin); applies to dossiers received afterwards.',
    input: YearCalendarSchema,
    output: YearCalendarSchema,
  },
  'applicants.search': {
    access: ALL,
    summary: 'Earlier applicants by ID number, phone or name (diacritics-insensitive).',
    input: z.strictObject({ query: requiredText(100), limit: z.number().int().min(1).max(50).default(10) }),
    output: z.array(ApplicantSchema),
  },
  'dossiers.preview': {
    access: ALL,
    summary: 'What saving now would give: appointment and fee, before the clerk presses save.',
    input: z.strictObject({ procedureCode: tthcCodeSchema, fee: FeeInputSchema.default({}) }),
    output: z.strictObject({
      receivedLocal: z.string(),
      dueLocal: z.string(),
      limitText: z.string(),
      fee: z.strictObject({ amount: z.number(), breakdown: z.string() }).nullable(),
      feeProblem: z.string().nullable(),
      /** Received on a day off or after hours: when the limit starts counting ('YYYY-MM-DDTHH:mm') and why. */
      countsFrom: z.strictObject({ local: z.string(), reason: z.string() }).nullable(),
    }),
  },
  'dossiers.create': {
    access: ALL,
    summary: 'Receive a dossier: code, book line, appointment and components in one transaction.',
    input: DossierCreateSchema,
    output: DossierSchema,
  },
  'dossiers.get': {
    access: ALL,
    summary: 'One dossier by its code.',
    input: z.strictObject({ code: requiredText(60) }),
    output: DossierSchema,
  },
  'dossiers.list': {
    access: ALL,
    summary: 'Dossiers received in a date range (Vietnam dates), newest first.',
    input: z
      .strictObject({ from: civilDateSchema.optional(), to: civilDateSchema.optional(), limit: z.number().int().min(1).max(500).default(100) })
      .default({ limit: 100 }),
    output: z.array(DossierSummarySchema),
  },
  'dossiers.overrideDue': {
    access: LEADERS,
    summary: 'Change the appointment with a recorded reason (authorised users).',
    input: DueOverrideSchema,
    output: DossierSchema,
  },
  'intake.notice': {
    access: ALL,
    summary: 'Record a supplement request (Mẫu 02) or a refusal (Mẫu 03) given at the desk.',
    input: IntakeNoticeInputSchema,
    output: IntakeNoticeSchema,
  },
  'intake.noticeGet': {
    access: ALL,
    summary: 'One supplement request or refusal by id.',
    input: z.strictObject({ id: optionalText(60).pipe(z.string().min(1)) }),
    output: IntakeNoticeSchema,
  },
} as const satisfies Record<string, ChannelDef>;
