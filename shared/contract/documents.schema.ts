import { z } from 'zod';
import { civilDateSchema } from './catalogue.schema';
import { optionalText, requiredText } from './common.schema';

/**
 * Documents and printing (issue 4): render a one-stop form (Mẫu 01–07) from stored data, keep the exact
 * bytes, send them to a printer, list what was printed. Only ids cross the contract; the PDF itself
 * is fetched from the files route with the returned file id.
 */

export const FORM_KINDS = ['01', '02', '03', '04', '05', '06', '07'] as const;
export const FormKindSchema = z.enum(FORM_KINDS);
export type DocumentFormKind = z.output<typeof FormKindSchema>;

/** Forms drawn from one dossier (Mẫu 07 is the book over a date range). */
export const DOSSIER_FORM_KINDS = ['01', '02', '03', '04', '05', '06'] as const;

export const PaperSchema = z.enum(['A4', 'A5']);
export type Paper = z.output<typeof PaperSchema>;

/** What to draw: a form of a dossier, an intake notice (Mẫu 02/03 given at the desk), or the book. */
export const DocumentTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('dossier'), code: requiredText(60), form: z.enum(DOSSIER_FORM_KINDS) }),
  z.strictObject({ kind: z.literal('notice'), id: requiredText(60) }),
  z
    .strictObject({ kind: z.literal('book'), from: civilDateSchema, to: civilDateSchema })
    .refine((b) => b.from <= b.to, { error: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.', path: ['to'] }),
]);
export type DocumentTarget = z.input<typeof DocumentTargetSchema>;

export const RenderInputSchema = z.strictObject({
  target: DocumentTargetSchema,
  /** Overrides the paper chosen in the print settings (A5 only changes the receipt, Mẫu 01). */
  paper: PaperSchema.optional(),
});

/** Issue a document without printing it ("Lưu"): stored once; saving the same content again returns that copy. */
export const SaveInputSchema = z.strictObject({
  target: DocumentTargetSchema,
  paper: PaperSchema.optional(),
  /** The preview the clerk looked at: its exact bytes are what gets stored (when it still shows the same content). */
  previewId: optionalText(80).optional(),
});

export const PrintInputSchema = z.strictObject({
  target: DocumentTargetSchema,
  paper: PaperSchema.optional(),
  previewId: optionalText(80).optional(),
  /** A printer name from printers.list; default: the one set for this form, else the system default. */
  printer: optionalText(200).optional(),
  copies: z.number().int().min(1).max(99).optional(),
});

export const ReprintInputSchema = z.strictObject({
  documentId: requiredText(80),
  printer: optionalText(200).optional(),
  copies: z.number().int().min(1).max(99).optional(),
});

/** 'preview': drawn in memory for looking only, never stored (issue 14). */
export const PRINT_STATUSES = ['printed', 'failed', 'saved', 'preview'] as const;

export const PrintedDocumentSchema = z.strictObject({
  id: z.string(),
  /** Dossier code, intake notice id or "book:FROM..TO". */
  subject: z.string(),
  dossierId: z.string().nullable(),
  noticeId: z.string().nullable(),
  formKind: FormKindSchema,
  formName: z.string(),
  fileId: z.string(),
  fileName: z.string(),
  size: z.number(),
  sha256: z.string(),
  pages: z.number(),
  paper: PaperSchema,
  printer: z.string().nullable(),
  copies: z.number(),
  status: z.enum(PRINT_STATUSES),
  error: z.strictObject({ code: z.string(), message: z.string() }).nullable(),
  jobId: z.string().nullable(),
  reprintOf: z.string().nullable(),
  actor: z.string(),
  /** The officer's full name when the actor is a known user, else the actor itself. */
  officer: z.string(),
  at: z.string(),
});
export type PrintedDocument = z.output<typeof PrintedDocumentSchema>;

export const HistoryInputSchema = z.strictObject({
  /** A dossier code, an intake notice id, or "book:FROM..TO". */
  subject: requiredText(80),
  limit: z.number().int().min(1).max(500).default(100),
});

export const PrinterInfoSchema = z.strictObject({
  name: z.string(),
  isDefault: z.boolean(),
  state: z.enum(['idle', 'printing', 'stopped', 'unknown']),
  description: z.string().optional(),
});

export const PrinterListSchema = z.strictObject({
  /** The adapter in use: cups, windows, pdf-file or fake. */
  adapter: z.string(),
  printers: z.array(PrinterInfoSchema),
  /** Why the list is empty when the printing system could not be asked (Vietnamese). */
  problem: z.string().nullable(),
});

export const FormPrintSettingSchema = z.strictObject({
  /** null: the system's default printer. */
  printer: z.string().max(200).nullable().default(null),
  copies: z.number().int().min(1).max(99).default(1),
  paper: PaperSchema.default('A4'),
});

export const PrintSettingsSchema = z.strictObject({
  forms: z.strictObject({
    '01': FormPrintSettingSchema.default({ printer: null, copies: 1, paper: 'A4' }),
    '02': FormPrintSettingSchema.default({ printer: null, copies: 1, paper: 'A4' }),
    '03': FormPrintSettingSchema.default({ printer: null, copies: 1, paper: 'A4' }),
    '04': FormPrintSettingSchema.default({ printer: null, copies: 1, paper: 'A4' }),
    '05': FormPrintSettingSchema.default({ printer: null, copies: 1, paper: 'A4' }),
    '06': FormPrintSettingSchema.default({ printer: null, copies: 1, paper: 'A4' }),
    '07': FormPrintSettingSchema.default({ printer: null, copies: 1, paper: 'A4' }),
  }),
});
export type PrintSettings = z.output<typeof PrintSettingsSchema>;
export type PrintSettingsInput = z.input<typeof PrintSettingsSchema>;
