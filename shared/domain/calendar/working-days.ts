/**
 * Working days (ngày làm việc) for civil servants: Monday–Friday, minus holidays, compensatory and swapped
 * days, plus make-up working Saturdays, as listed in the per-year table (DOMAIN.md §3–4, "must implement" C).
 * Each year's table is validated and compiled once into a bitmap, so lookups are array reads.
 */
import { AppError } from '../../errors';
import {
  assertYearInRange,
  dayNumberToIso,
  fromDayNumber,
  isLeapYear,
  MAX_DAY_NUMBER,
  MIN_DAY_NUMBER,
  parseIsoDate,
  toDayNumber,
  weekdayOfDayNumber,
  WEEKDAY_NAMES_VI,
} from './civil-date';
import { OFFICIAL_YEAR_CALENDARS } from './official-2026';
import { defaultYearCalendar, parseYearCalendar, type CalendarDay, type CalendarDayKind, type DefaultCalendarOptions, type YearCalendar } from './year-calendar';

/** Returns the table for a year: the admin's (or shipped official) table where there is one, default rules otherwise. */
export type YearCalendarProvider = (year: number) => YearCalendar;

export interface DayInfo {
  date: string;
  working: boolean;
  /** Vietnamese, e.g. "Thứ Bảy", "Chủ nhật", "Tết Dương lịch", "Làm bù (thứ Bảy làm việc) – Làm bù cho ngày 02/01". */
  reason: string;
  /** 'weekday' / 'weekend' when the table says nothing about the day. */
  kind: CalendarDayKind | 'weekday' | 'weekend';
}

interface YearIndex {
  start: number;
  end: number;
  working: Uint8Array;
  special: Map<number, CalendarDay>;
  table: YearCalendar;
}

/** Upper bound for a working-day count, so a typo like 10000 fails fast instead of walking to 2100. */
export const MAX_WORKING_DAYS = 2000;

function isWeekend(dn: number): boolean {
  const wd = weekdayOfDayNumber(dn);
  return wd === 0 || wd === 6;
}

function outOfRange(): AppError {
  return new AppError('invalid_input', 'Kết quả tính ngày vượt ra ngoài phạm vi lịch được hỗ trợ (1900–2100).', {
    issues: [{ path: 'date', message: 'Ngày nằm ngoài phạm vi 1900–2100.' }],
  });
}

export class WorkingCalendar {
  private readonly years = new Map<number, YearIndex>();

  constructor(private readonly provider: YearCalendarProvider) {}

  /** Drop compiled years (all, or one) after the admin edits a table. */
  invalidate(year?: number): void {
    if (year === undefined) this.years.clear();
    else this.years.delete(year);
    this.last = undefined;
  }

  /** The validated, date-sorted table in force for `year`. */
  yearCalendar(year: number): YearCalendar {
    return this.index(year).table;
  }

  private index(year: number): YearIndex {
    let idx = this.years.get(year);
    if (idx) return idx;
    assertYearInRange(year);
    const table = parseYearCalendar(this.provider(year));
    if (table.year !== year) {
      throw new AppError('internal', `Bảng ngày nghỉ trả về cho năm ${year} lại là bảng năm ${table.year}.`);
    }
    const start = toDayNumber(year, 1, 1);
    const length = isLeapYear(year) ? 366 : 365;
    const working = new Uint8Array(length);
    for (let i = 0; i < length; i++) working[i] = isWeekend(start + i) ? 0 : 1;
    const special = new Map<number, CalendarDay>();
    for (const day of table.days) {
      const dn = parseIsoDate(day.date);
      special.set(dn, day);
      working[dn - start] = day.kind === 'working-saturday' ? 1 : 0;
    }
    idx = { start, end: start + length - 1, working, special, table };
    this.years.set(year, idx);
    return idx;
  }

  /** The year index holding day number dn; a one-entry memo keeps day-by-day walks cheap. */
  private last: YearIndex | undefined;
  private indexFor(dn: number): YearIndex {
    const l = this.last;
    if (l && dn >= l.start && dn <= l.end) return l;
    if (dn < MIN_DAY_NUMBER || dn > MAX_DAY_NUMBER) throw outOfRange();
    const idx = this.index(fromDayNumber(dn).y);
    this.last = idx;
    return idx;
  }

  /** Day-number API for the deadline engine (no string parsing). */
  isWorkingDn(dn: number): boolean {
    const idx = this.indexFor(dn);
    return idx.working[dn - idx.start] === 1;
  }

  /** First working day strictly after dn. */
  nextWorkingDn(dn: number): number {
    let c = dn + 1;
    while (!this.isWorkingDn(c)) c++;
    return c;
  }

  /** The n-th working day strictly after dn (n = 0 → dn itself). */
  addWorkingDn(dn: number, n: number): number {
    let c = dn;
    let left = n;
    while (left > 0) {
      c++;
      if (this.isWorkingDn(c)) left--;
    }
    return c;
  }

  dayInfo(date: string): DayInfo {
    const dn = parseIsoDate(date);
    const idx = this.indexFor(dn);
    const working = idx.working[dn - idx.start] === 1;
    const iso = dayNumberToIso(dn);
    const wd = weekdayOfDayNumber(dn);
    const special = idx.special.get(dn);
    if (special) return { date: iso, working, reason: reasonFor(special, wd), kind: special.kind };
    if (wd === 6) return { date: iso, working, reason: 'Thứ Bảy', kind: 'weekend' };
    if (wd === 0) return { date: iso, working, reason: 'Chủ nhật', kind: 'weekend' };
    return { date: iso, working, reason: `Ngày làm việc (${WEEKDAY_NAMES_VI[wd]})`, kind: 'weekday' };
  }

  isWorkingDay(date: string): boolean {
    return this.isWorkingDn(parseIsoDate(date));
  }

  /** First working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    return dayNumberToIso(this.nextWorkingDn(parseIsoDate(date)));
  }

  /** The n-th working day after `date`, counting from the next day (Civil Code art. 147); n = 0 returns `date`. */
  addWorkingDays(date: string, n: number): string {
    const dn = parseIsoDate(date);
    assertWorkingDayCount(n, 'n');
    return dayNumberToIso(this.addWorkingDn(dn, n));
  }

  /** Number of working days d with from < d ≤ to (0 when to ≤ from). */
  countWorkingDays(fromExclusive: string, toInclusive: string): number {
    const a = parseIsoDate(fromExclusive, 'from');
    const b = parseIsoDate(toInclusive, 'to');
    let count = 0;
    for (let c = a + 1; c <= b; c++) if (this.isWorkingDn(c)) count++;
    return count;
  }
}

export function assertWorkingDayCount(n: number, path: string, min = 0): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > MAX_WORKING_DAYS) {
    throw new AppError('invalid_input', `Số ngày làm việc "${String(n)}" không hợp lệ: cần số nguyên từ ${min} đến ${MAX_WORKING_DAYS}.`, {
      issues: [{ path, message: `Cần số nguyên từ ${min} đến ${MAX_WORKING_DAYS}.` }],
    });
  }
}

function reasonFor(day: CalendarDay, wd: number): string {
  switch (day.kind) {
    case 'holiday':
      return day.name;
    case 'compensatory':
      return /nghỉ bù/i.test(day.name) ? day.name : `Nghỉ bù – ${day.name}`;
    case 'swap-off':
      return /hoán đổi/i.test(day.name) ? day.name : `Nghỉ hoán đổi – ${day.name}`;
    case 'working-saturday': {
      const head = wd === 0 ? 'Làm bù (Chủ nhật làm việc)' : 'Làm bù (thứ Bảy làm việc)';
      return day.name ? `${head} – ${day.name}` : head;
    }
  }
}

export interface CalendarProviderOptions extends DefaultCalendarOptions {
  /** Tables that override the default rules for their year (admin-edited or shipped). Later entries win. */
  tables?: readonly YearCalendar[];
  /** Include the shipped official tables (2026) under `tables`. Default true. */
  includeOfficial?: boolean;
}

/** Provider: the given/official table for a year where there is one, `defaultYearCalendar` otherwise. */
export function calendarProvider(options: CalendarProviderOptions = {}): YearCalendarProvider {
  const byYear = new Map<number, YearCalendar>();
  if (options.includeOfficial !== false) for (const t of OFFICIAL_YEAR_CALENDARS) byYear.set(t.year, t);
  for (const t of options.tables ?? []) byYear.set(t.year, t);
  const defaults: DefaultCalendarOptions = { includeCultureDay: options.includeCultureDay ?? false };
  return (year) => byYear.get(year) ?? defaultYearCalendar(year, defaults);
}

/** A WorkingCalendar over `calendarProvider(options)` — official 2026 plus default rules, unless told otherwise. */
export function createWorkingCalendar(options: CalendarProviderOptions = {}): WorkingCalendar {
  return new WorkingCalendar(calendarProvider(options));
}

/**
 * The table for `year` in exactly the CLI/JSON shape
 * {"year","lunarNewYear","hungKings","days":[{"date","kind","name"}]} with days sorted by date.
 */
export function calendarYearJson(year: number, calendar: WorkingCalendar | YearCalendarProvider): YearCalendar {
  assertYearInRange(year);
  const table = calendar instanceof WorkingCalendar ? calendar.yearCalendar(year) : parseYearCalendar(calendar(year));
  return {
    year: table.year,
    lunarNewYear: table.lunarNewYear,
    hungKings: table.hungKings,
    days: [...table.days]
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
  };
}
