/**
 * The editable per-year table of days off and make-up working days (DOMAIN.md §4, "must implement" A).
 * The government publishes the real schedule each year, so the table the admin keeps is the authority;
 * `defaultYearCalendar` only pre-fills it from the Labour Code 2019 (art. 112) and the lunar dates at UTC+7.
 */
import { z } from 'zod';
import { AppError, type FieldIssue } from '../../errors';
import {
  assertYearInRange,
  dayNumberToIso,
  formatDayMonthVi,
  MAX_YEAR,
  MIN_YEAR,
  toDayNumber,
  tryParseIsoDate,
  weekdayOfDayNumber,
  WEEKDAY_NAMES_VI,
} from './civil-date';
import { lunarMonthLength, lunarToSolar } from './lunar';

export const CALENDAR_DAY_KINDS = ['holiday', 'compensatory', 'swap-off', 'working-saturday'] as const;
/**
 * holiday: statutory day off (nghỉ lễ, tết) — off even when it falls on a weekend (then a compensatory day follows);
 * compensatory: nghỉ bù for a holiday that fell on a weekend;
 * swap-off: a weekday made a day off by the yearly swap (hoán đổi);
 * working-saturday: a weekend day worked to pay for a swap-off (làm bù).
 */
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  /** Vietnamese label shown to clerks, e.g. "Nghỉ bù Giỗ Tổ Hùng Vương". */
  name: string;
}

export interface YearCalendar {
  year: number;
  /** Mùng 1 tháng Giêng, 'YYYY-MM-DD'. */
  lunarNewYear: string;
  /** 10/3 âm lịch, 'YYYY-MM-DD'. */
  hungKings: string;
  days: CalendarDay[];
}

export const CALENDAR_DAY_KIND_LABELS_VI: Record<CalendarDayKind, string> = {
  holiday: 'Ngày nghỉ lễ, tết',
  compensatory: 'Nghỉ bù',
  'swap-off': 'Nghỉ hoán đổi',
  'working-saturday': 'Làm bù (thứ Bảy làm việc)',
};

export const IsoDateSchema = z
  .string()
  .refine((s) => tryParseIsoDate(s) !== null, { message: 'Ngày phải có dạng YYYY-MM-DD và là ngày có thật.' });

export const CalendarDaySchema = z
  .object({
    date: IsoDateSchema,
    kind: z.enum(CALENDAR_DAY_KINDS, { message: 'Loại ngày phải là holiday, compensatory, swap-off hoặc working-saturday.' }),
    name: z.string().trim().min(1, { message: 'Cần ghi tên ngày (ví dụ "Tết Dương lịch").' }).max(200, { message: 'Tên ngày dài quá 200 ký tự.' }),
  })
  .strict();

function yearOf(iso: string): number | null {
  return tryParseIsoDate(iso)?.y ?? null;
}

export const YearCalendarSchema = z
  .object({
    year: z
      .number()
      .int({ message: 'Năm phải là số nguyên.' })
      .min(MIN_YEAR, { message: `Năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}.` })
      .max(MAX_YEAR, { message: `Năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}.` }),
    lunarNewYear: IsoDateSchema,
    hungKings: IsoDateSchema,
    days: z.array(CalendarDaySchema).max(366, { message: 'Một năm không thể có quá 366 ngày đặc biệt.' }),
  })
  .strict()
  .superRefine((cal, ctx) => {
    // Each table owns exactly its own year: the engine looks a date up in the table of that date's year,
    // so a swap that crosses New Year (e.g. 31/12) must be entered in the table of the year it falls in.
    for (const field of ['lunarNewYear', 'hungKings'] as const) {
      const y = yearOf(cal[field]);
      if (y !== null && y !== cal.year) ctx.addIssue({ code: 'custom', path: [field], message: `Ngày ${cal[field]} không thuộc năm ${cal.year}.` });
    }
    const seen = new Map<string, number>();
    cal.days.forEach((day, i) => {
      const c = tryParseIsoDate(day.date);
      if (!c) return;
      if (c.y !== cal.year) {
        ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `Ngày ${day.date} không thuộc năm ${cal.year}; hãy nhập vào bảng của năm ${c.y}.` });
      }
      const prev = seen.get(day.date);
      if (prev !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `Ngày ${day.date} bị khai báo hai lần (dòng ${prev + 1} và dòng ${i + 1}).` });
      } else {
        seen.set(day.date, i);
      }
      const wd = weekdayOfDayNumber(toDayNumber(c.y, c.m, c.d));
      const weekend = wd === 0 || wd === 6;
      if (day.kind === 'working-saturday' && !weekend) {
        ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `Ngày làm bù ${day.date} là ${WEEKDAY_NAMES_VI[wd]}, không phải ngày nghỉ cuối tuần.` });
      }
      if ((day.kind === 'compensatory' || day.kind === 'swap-off') && weekend) {
        ctx.addIssue({
          code: 'custom',
          path: ['days', i, 'date'],
          message: `Ngày ${day.date} là ${WEEKDAY_NAMES_VI[wd]}, vốn đã là ngày nghỉ; ngày nghỉ bù/hoán đổi phải là ngày từ thứ Hai đến thứ Sáu.`,
        });
      }
    });
  });

function zodPath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/** Validates an editable year table (admin input or shipped data); throws invalid_input with per-field issues. */
export function parseYearCalendar(input: unknown): YearCalendar {
  const r = YearCalendarSchema.safeParse(input);
  if (!r.success) {
    const issues: FieldIssue[] = r.error.issues.map((i) => ({ path: zodPath(i.path), message: i.message }));
    const year = typeof input === 'object' && input !== null && 'year' in input ? String((input as { year: unknown }).year) : '?';
    throw new AppError('invalid_input', `Bảng ngày nghỉ năm ${year} không hợp lệ: ${issues[0]?.message ?? 'dữ liệu sai.'}`, { issues });
  }
  return sortYearCalendar(r.data);
}

/** Same table with days in date order (ISO strings sort chronologically). */
export function sortYearCalendar(cal: YearCalendar): YearCalendar {
  const days = [...cal.days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { year: cal.year, lunarNewYear: cal.lunarNewYear, hungKings: cal.hungKings, days };
}

// ---------------------------------------------------------------------------------------------
// Default (pre-filled) table from the Labour Code 2019, art. 112(1) and art. 111(3).

export interface DefaultCalendarOptions {
  /** 24/11 Ngày Văn hóa Việt Nam: chosen by the Politburo, not yet law (DOMAIN.md §4). Default false. */
  includeCultureDay?: boolean;
}

/** Mùng 1 tháng Giêng of `year` as a day number. */
function lunarNewYearDn(year: number): number {
  const s = lunarToSolar(1, 1, year, false);
  return toDayNumber(s.y, s.m, s.d);
}

/** 10/3 âm lịch (the regular month 3, never the leap one). */
function hungKingsDn(year: number): number {
  const s = lunarToSolar(10, 3, year, false);
  return toDayNumber(s.y, s.m, s.d);
}

export function lunarNewYearDate(year: number): string {
  assertYearInRange(year);
  return dayNumberToIso(lunarNewYearDn(year));
}

export function hungKingsDate(year: number): string {
  assertYearInRange(year);
  return dayNumberToIso(hungKingsDn(year));
}

interface HolidayDraft {
  dn: number;
  name: string;
  /** Name the compensatory day refers to ("Nghỉ bù <base>"). */
  base: string;
}

/**
 * Which day joins 2/9 as the second Quốc khánh day. The law says "1/9 or 3/9"; the yearly decision
 * (2021–2026) always took the weekday that makes one unbroken break with a weekend:
 *   2/9 on Mon → 3/9 (Tue); Tue → 1/9 (Mon); Thu → 3/9 (Fri); Fri → 1/9 (Thu); Sat → 1/9 (Fri); Sun → 3/9 (Mon).
 * Wednesday touches no weekend either way; 2026 (2/9 Wed) took 1/9, so we do too.
 */
export function nationalDayAdjacent(year: number): 1 | 3 {
  const wd = weekdayOfDayNumber(toDayNumber(year, 9, 2));
  switch (wd) {
    case 1: // Monday: 1/9 is a Sunday
    case 4: // Thursday: 3/9 is a Friday, joins the weekend
    case 0: // Sunday: 3/9 is the Monday
      return 3;
    default: // Tue, Wed, Fri, Sat
      return 1;
  }
}

function weekend(dn: number): boolean {
  const wd = weekdayOfDayNumber(dn);
  return wd === 0 || wd === 6;
}

/**
 * Pre-filled table for `year`: Tết Dương lịch 1/1; Tết Âm lịch 5 days (the last day of the old lunar year
 * and mùng 1–4, as the 2026 schedule did); Giỗ Tổ 10/3 âm lịch; 30/4; 1/5; 2/9 plus one adjacent day;
 * optionally 24/11; and a compensatory day (nghỉ bù) on the next working day for each holiday on a
 * Saturday or Sunday. No swaps: those are decided each year and entered by the admin.
 */
export function defaultYearCalendar(year: number, options: DefaultCalendarOptions = {}): YearCalendar {
  assertYearInRange(year);
  const holidays: HolidayDraft[] = [];
  const add = (dn: number, name: string, base: string): void => {
    holidays.push({ dn, name, base });
  };

  add(toDayNumber(year, 1, 1), 'Tết Dương lịch', 'Tết Dương lịch');

  const tet = lunarNewYearDn(year);
  const lastDayOfOldYear = lunarMonthLength(12, year - 1, false); // 29 or 30 tháng Chạp
  add(tet - 1, `Tết Nguyên đán (${lastDayOfOldYear} tháng Chạp)`, 'Tết Nguyên đán');
  for (let i = 0; i < 4; i++) add(tet + i, `Tết Nguyên đán (mùng ${i + 1} tháng Giêng)`, 'Tết Nguyên đán');

  add(hungKingsDn(year), 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Giỗ Tổ Hùng Vương');
  add(toDayNumber(year, 4, 30), 'Ngày Chiến thắng (30/4)', 'Ngày Chiến thắng');
  add(toDayNumber(year, 5, 1), 'Ngày Quốc tế Lao động (1/5)', 'Ngày Quốc tế Lao động');

  const adjacent = nationalDayAdjacent(year);
  const adjacentDraft: HolidayDraft = { dn: toDayNumber(year, 9, adjacent), name: `Nghỉ lễ Quốc khánh (ngày liền kề ${adjacent}/9)`, base: 'Quốc khánh' };
  const nationalDay: HolidayDraft = { dn: toDayNumber(year, 9, 2), name: 'Quốc khánh (2/9)', base: 'Quốc khánh' };
  if (adjacent === 1) holidays.push(adjacentDraft, nationalDay);
  else holidays.push(nationalDay, adjacentDraft);

  if (options.includeCultureDay) add(toDayNumber(year, 11, 24), 'Ngày Văn hóa Việt Nam (24/11)', 'Ngày Văn hóa Việt Nam');

  // Giỗ Tổ can land on 30/4 (e.g. 1947): one day off carrying both names. Whether the law then grants an
  // extra day is not settled in the sources (DOMAIN.md), so none is invented; the admin can add one.
  const merged = new Map<number, HolidayDraft>();
  for (const h of holidays) {
    const prev = merged.get(h.dn);
    merged.set(h.dn, prev ? { dn: h.dn, name: `${prev.name}; ${h.name}`, base: `${prev.base} và ${h.base}` } : h);
  }
  const unique = [...merged.values()].sort((a, b) => a.dn - b.dn);
  const holidaySet = new Set(merged.keys());
  const taken = new Set<number>();
  const days: CalendarDay[] = unique.map((h) => ({ date: dayNumberToIso(h.dn), kind: 'holiday', name: h.name }));
  // In date order, so two weekend holidays in a row (e.g. 30/4 Sat + 1/5 Sun) get Mon then Tue.
  for (const h of unique) {
    if (!weekend(h.dn)) continue;
    let c = h.dn + 1;
    while (weekend(c) || holidaySet.has(c) || taken.has(c)) c++;
    taken.add(c);
    const wd = WEEKDAY_NAMES_VI[weekdayOfDayNumber(h.dn)];
    days.push({ date: dayNumberToIso(c), kind: 'compensatory', name: `Nghỉ bù ${h.base} (thay cho ${wd} ${formatDayMonthVi(h.dn)})` });
  }

  return sortYearCalendar({ year, lunarNewYear: dayNumberToIso(tet), hungKings: dayNumberToIso(hungKingsDn(year)), days });
}
