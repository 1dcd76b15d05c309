/**
 * Proleptic Gregorian calendar arithmetic on plain integers.
 * Dates cross the app as 'YYYY-MM-DD' strings; internally a date is a day number (days since 1970-01-01),
 * which makes "next day" an increment and keeps the hot path free of Date objects and time-zone surprises.
 */
import { AppError } from '../../errors';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export interface CivilDate {
  y: number;
  m: number;
  d: number;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : (MONTH_DAYS[m - 1] ?? 0);
}

export function isValidCivilDate(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Days since 1970-01-01 (Howard Hinnant's days_from_civil), exact for any Gregorian date. */
export function toDayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(n: number): CivilDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatIsoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

export function dayNumberToIso(n: number): string {
  const c = fromDayNumber(n);
  return formatIsoDate(c.y, c.m, c.d);
}

/** 'dd/MM' as Vietnamese documents write a day, e.g. "02/01". */
export function formatDayMonthVi(n: number): string {
  const c = fromDayNumber(n);
  return `${pad2(c.d)}/${pad2(c.m)}`;
}

/** 'dd/MM/yyyy'. */
export function formatDateVi(n: number): string {
  const c = fromDayNumber(n);
  return `${pad2(c.d)}/${pad2(c.m)}/${c.y}`;
}

export function assertYearInRange(y: number, field = 'year'): void {
  if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR) {
    throw new AppError('invalid_input', `Năm ${y} nằm ngoài phạm vi lịch được hỗ trợ (${MIN_YEAR}–${MAX_YEAR}).`, {
      issues: [{ path: field, message: `Năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}.` }],
    });
  }
}

/** Parses a 'YYYY-MM-DD' string without throwing; null when malformed or not a real date. */
export function tryParseIsoDate(s: string): CivilDate | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return isValidCivilDate(y, mo, d) ? { y, m: mo, d } : null;
}

/**
 * Parses a 'YYYY-MM-DD' date inside the supported range into a day number;
 * throws invalid_input with a Vietnamese message a clerk can act on otherwise.
 */
export function parseIsoDate(s: string, field = 'date'): number {
  const c = typeof s === 'string' ? tryParseIsoDate(s) : null;
  if (!c) {
    throw new AppError('invalid_input', `Ngày "${String(s)}" không hợp lệ (cần dạng YYYY-MM-DD và là ngày có thật).`, {
      issues: [{ path: field, message: 'Ngày không hợp lệ hoặc không tồn tại.' }],
    });
  }
  assertYearInRange(c.y, field);
  return toDayNumber(c.y, c.m, c.d);
}

/** First and last day number of the supported range, for loop guards. */
export const MIN_DAY_NUMBER = toDayNumber(MIN_YEAR, 1, 1);
export const MAX_DAY_NUMBER = toDayNumber(MAX_YEAR, 12, 31);

export const WEEKDAY_NAMES_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;
