/**
 * Reporting periods (DOMAIN.md §6 "Cut-off dates", "must implement" F, worked example 19).
 *
 * Calendar mode uses whole months. Cut-off mode (chốt số liệu, Decree 09/2019) runs from the 15th of
 * the month before the period to the 14th of its last month: Q1 = 15/12 of the prior year – 14/3,
 * 6 months = 15/12 – 14/6, 9 months = 15/12 – 14/9, year = 15/12 – 14/12.
 */
export const PERIOD_KINDS = ['month', 'quarter', 'half', 'nine_months', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_MODES = ['calendar', 'cutoff'] as const;
export type PeriodMode = (typeof PERIOD_MODES)[number];

export interface PeriodChoice {
  kind: PeriodKind;
  mode: PeriodMode;
  year: number;
  /** Month 1–12, quarter 1–4, half 1–2; ignored for nine_months and year. */
  index?: number;
}

export interface ReportPeriod {
  /** First day, 'YYYY-MM-DD' (Vietnam calendar date), inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
  /** "Quý I năm 2026". */
  label: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

function iso(y: number, m: number, d: number): string {
  // Month arithmetic may step below 1 (December of the prior year); Date.UTC normalises it.
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.toISOString().slice(0, 10);
}

function lastDay(y: number, m: number): string {
  return iso(y, m + 1, 0);
}

/** The months [first, last] (1-based) a period covers in its year. */
function monthSpan(kind: PeriodKind, index: number): [number, number] {
  switch (kind) {
    case 'month':
      return [index, index];
    case 'quarter':
      return [3 * (index - 1) + 1, 3 * index];
    case 'half':
      return index === 1 ? [1, 6] : [7, 12];
    case 'nine_months':
      return [1, 9];
    case 'year':
      return [1, 12];
  }
}

function maxIndex(kind: PeriodKind): number {
  return kind === 'month' ? 12 : kind === 'quarter' ? 4 : kind === 'half' ? 2 : 1;
}

export function periodLabel(kind: PeriodKind, year: number, index: number): string {
  switch (kind) {
    case 'month':
      return `Tháng ${String(index).padStart(2, '0')} năm ${year}`;
    case 'quarter':
      return `Quý ${ROMAN[index - 1]} năm ${year}`;
    case 'half':
      return index === 1 ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`;
    case 'nine_months':
      return `9 tháng năm ${year}`;
    case 'year':
      return `Năm ${year}`;
  }
}

/** The dates of a reporting period; throws RangeError on an index out of range. */
export function reportPeriod(choice: PeriodChoice): ReportPeriod {
  const index = choice.kind === 'nine_months' || choice.kind === 'year' ? 1 : (choice.index ?? 1);
  if (!Number.isInteger(index) || index < 1 || index > maxIndex(choice.kind)) throw new RangeError(`period index ${index} out of range for ${choice.kind}`);
  const [first, last] = monthSpan(choice.kind, index);
  const label = periodLabel(choice.kind, choice.year, index);
  if (choice.mode === 'calendar') return { from: iso(choice.year, first, 1), to: lastDay(choice.year, last), label };
  return { from: iso(choice.year, first - 1, 15), to: iso(choice.year, last, 14), label };
}

/**
 * The period of `kind` that contains `date` ('YYYY-MM-DD'): what the 06a screen opens on. In cut-off
 * mode a date from the 15th on belongs to the next month's period (20/12/2026 is in Quý I/2027).
 * Nine months has one period a year; a date after it gets that year's.
 */
export function periodContaining(date: string, kind: PeriodKind, mode: PeriodMode): { year: number; index: number } {
  let year = Number(date.slice(0, 4));
  let month = Number(date.slice(5, 7));
  if (mode === 'cutoff' && Number(date.slice(8, 10)) >= 15) {
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  const index = kind === 'month' ? month : kind === 'quarter' ? Math.ceil(month / 3) : kind === 'half' ? (month <= 6 ? 1 : 2) : 1;
  return { year, index };
}

/**
 * The name of the period a range is ("Quý IV năm 2026"), calendar or cut-off, so a report asked for by dates
 * alone still names its period (issue 20 item 9); '' for a custom range.
 */
export function periodNameOf(from: string, to: string): string {
  const year = Number(to.slice(0, 4));
  for (const kind of PERIOD_KINDS) {
    for (let index = 1; index <= maxIndex(kind); index++) {
      for (const mode of PERIOD_MODES) {
        const p = reportPeriod({ kind, mode, year, index });
        if (p.from === from && p.to === to) return p.label;
      }
    }
  }
  return '';
}

/** Today's date in Vietnam ('YYYY-MM-DD'), whatever the PC's time zone. */
export function vietnamToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** 'YYYY-MM-DD' → 'DD/MM/YYYY'. */
export function viDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** "Kỳ báo cáo: Quý I năm 2026 (Từ ngày 15/12/2025 đến ngày 14/03/2026)"; a custom range has no name. */
export function periodLine(from: string, to: string, label?: string): string {
  const range = `Từ ngày ${viDate(from)} đến ngày ${viDate(to)}`;
  return label ? `Kỳ báo cáo: ${label} (${range})` : `Kỳ báo cáo: ${range}`;
}

/** The day after a 'YYYY-MM-DD' date. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
