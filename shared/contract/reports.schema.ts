import { z } from 'zod';
import { DOSSIER_STATUSES } from '../domain/dossier-status';
import { civilDateSchema } from './catalogue.schema';
import { optionalText } from './common.schema';
import { CHANNELS } from './intake.schema';

/**
 * Search, statistics, reports and the import of past records (issue 7, DOMAIN.md §6 and "must implement" F).
 */

/** How a finished dossier is split into early / on time (06a columns 8–9); switchable in settings. */
export const TIMELINESS_RULES = ['product', 'date'] as const;
export type TimelinessRule = (typeof TIMELINESS_RULES)[number];
export const TIMELINESS_RULE_LABELS: Readonly<Record<TimelinessRule, string>> = {
  product: 'Trước hạn = xong trước ngày hẹn, hoặc thủ tục trong ngày trả ngay trong ngày nhận; quá hạn = sau giờ hẹn (mặc định)',
  date: 'So theo ngày: trước ngày hẹn là trước hạn, đúng ngày hẹn là đúng hạn, sau ngày hẹn là quá hạn',
};

export const SEARCH_SORTS = ['received', 'due', 'code', 'name', 'status', 'field', 'procedure'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

const dateRange = {
  from: civilDateSchema.optional(),
  to: civilDateSchema.optional(),
};

export const SearchInputSchema = z
  .strictObject({
    /** Dossier code (or its tail), applicant name (any case, with or without diacritics, word beginnings), CCCD or phone. */
    query: optionalText(100),
    ...dateRange,
    statuses: z.array(z.enum(DOSSIER_STATUSES, { error: 'Trạng thái không hợp lệ.' })).max(DOSSIER_STATUSES.length).default([]),
    field: optionalText(100),
    procedureCode: optionalText(20),
    channel: z.enum(CHANNELS, { error: 'Kênh nộp phải là truc_tiep, truc_tuyen hoặc buu_chinh.' }).optional(),
    officer: optionalText(100),
    sort: z.enum(SEARCH_SORTS).default('received'),
    dir: z.enum(['asc', 'desc']).default('desc'),
    page: z.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, { error: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.', path: ['to'] })
  .default({ query: '', statuses: [], field: '', procedureCode: '', officer: '', sort: 'received', dir: 'desc', page: 1, pageSize: 50 });
export type SearchInput = z.input<typeof SearchInputSchema>;

export const SearchRowSchema = z.strictObject({
  code: z.string(),
  applicantName: z.string(),
  idNumber: z.string(),
  phone: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  field: z.string(),
  channel: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  receivedBy: z.string(),
  receivedLocal: z.string(),
  dueLocal: z.string(),
  finishedLocal: z.string().nullable(),
  /** Not finished and past its appointment now. */
  overdue: z.boolean(),
});
export type SearchRow = z.output<typeof SearchRowSchema>;

export const SearchOutputSchema = z.strictObject({
  /** Matches. When the words match more than 1,000 applicants it is 1,000 and totalCapped is set. */
  total: z.number().int(),
  /** More matches than `total`: the clerk is asked to narrow the search. */
  totalCapped: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  rows: z.array(SearchRowSchema),
});
export type SearchOutput = z.output<typeof SearchOutputSchema>;

export const ReportRangeSchema = z
  .strictObject({
    from: civilDateSchema,
    to: civilDateSchema,
    /** Overrides the stored setting for this run. */
    rule: z.enum(TIMELINESS_RULES).optional(),
  })
  .refine((r) => r.from <= r.to, { error: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.', path: ['to'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 5 * 366 * 86_400_000, { error: 'Kỳ báo cáo dài tối đa 5 năm.', path: ['to'] });

const n = z.number().int().min(0);
export const CountsSchema = z.strictObject({
  received: z.strictObject({ total: n, online: n, directOrPostal: n, carriedOver: n }),
  resolved: z.strictObject({ total: n, early: n, onTime: n, late: n }),
  inProgress: z.strictObject({ total: n, withinDeadline: n, overdue: n }),
});
export type Counts = z.output<typeof CountsSchema>;

/** The 11 numbers of a 06a row in the official column order (columns 3–13), for every table that shows it. */
export function countsCells(c: Counts): number[] {
  return [
    c.received.total,
    c.received.online,
    c.received.directOrPostal,
    c.received.carriedOver,
    c.resolved.total,
    c.resolved.early,
    c.resolved.onTime,
    c.resolved.late,
    c.inProgress.total,
    c.inProgress.withinDeadline,
    c.inProgress.overdue,
  ];
}
export const ReportRowSchema = z.strictObject({ field: z.string(), ...CountsSchema.shape });
export type ReportRow = z.output<typeof ReportRowSchema>;

export const INDICATOR_KEYS = ['onlineShare', 'onTimeShare', 'digitizationShare', 'reuseShare', 'electronicResultShare', 'satisfactionShare'] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export const IndicatorSchema = z.strictObject({
  /** QĐ 766 number, e.g. "3.3". */
  code: z.string(),
  name: z.string(),
  numerator: z.number(),
  denominator: z.number().int(),
  /** Percent with 2 decimals; null when the denominator is 0 (no dossier to measure). */
  rate: z.number().nullable(),
  /** "93,33%" or "Chưa có hồ sơ". */
  display: z.string(),
  /** Full points at or above this percent; null where DOMAIN.md gives none. */
  threshold: z.number().nullable(),
  maxPoints: z.number().nullable(),
  /** rate × max / threshold, capped at max, 2 decimals; null when unknown or nothing to measure. */
  points: z.number().nullable(),
});
export type Indicator = z.output<typeof IndicatorSchema>;

export const ReportSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  rows: z.array(ReportRowSchema),
  totals: CountsSchema,
  summary: z.string(),
  indicators: z.strictObject(Object.fromEntries(INDICATOR_KEYS.map((k) => [k, IndicatorSchema])) as Record<IndicatorKey, typeof IndicatorSchema>),
});
export type Report = z.output<typeof ReportSchema>;

export const MonthlySchema = z.strictObject({
  fields: z.array(z.string()),
  months: z.array(
    z.strictObject({
      /** 'YYYY-MM'. */
      month: z.string(),
      received: z.record(z.string(), n),
      receivedTotal: n,
      resolved: n,
      earlyOrOnTime: n,
      /** Percent with 2 decimals, null when nothing was resolved that month. */
      onTimeShare: z.number().nullable(),
    }),
  ),
});
export type Monthly = z.output<typeof MonthlySchema>;

export const ExportInputSchema = z.strictObject({
  from: civilDateSchema,
  to: civilDateSchema,
  format: z.enum(['xlsx', 'pdf']),
  /** The period's name for the title ("Quý I năm 2026"); a custom range prints its dates only. */
  periodLabel: optionalText(100),
  rule: z.enum(TIMELINESS_RULES).optional(),
});
export const BookExportInputSchema = z
  .strictObject({ from: civilDateSchema, to: civilDateSchema })
  .refine((r) => r.from <= r.to, { error: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.', path: ['to'] });
export const ExportedFileSchema = z.strictObject({ fileId: z.string(), name: z.string(), mime: z.string(), size: z.number().int() });
export type ExportedFile = z.output<typeof ExportedFileSchema>;

export const ImportInputSchema = z.strictObject({
  fileName: z.string().trim().min(1, { error: 'Thiếu tên tệp.' }).max(255),
  /** The CSV or XLSX bytes, base64 (at most about 30 MB). */
  contentBase64: z.string().min(1, { error: 'Tệp rỗng.' }).max(40_000_000, { error: 'Tệp quá lớn (tối đa khoảng 30 MB).' }),
  /** true: any bad row rejects the whole file; false (default): good rows are imported, bad rows reported. */
  allOrNothing: z.boolean().default(false),
});
export const ImportResultSchema = z.strictObject({
  /** Data rows read (header excluded, blank lines skipped). */
  rows: n,
  imported: n,
  /** Rows already in the store (same ma_ho_so, or the same row imported before). */
  duplicates: n,
  /** true when nothing was imported because of errors (all-or-nothing) or because no row was good. */
  rejected: z.boolean(),
  errors: z.array(z.strictObject({ line: z.number().int(), message: z.string() })),
  warnings: z.array(z.string()),
  /** Codes of the imported dossiers (first 1,000). */
  codes: z.array(z.string()),
});
export type ImportResult = z.output<typeof ImportResultSchema>;

export const ReportSettingsSchema = z.strictObject({ timelinessRule: z.enum(TIMELINESS_RULES) });
export type ReportSettings = z.output<typeof ReportSettingsSchema>;
