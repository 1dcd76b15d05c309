/**
 * Vietnamese lunar calendar (âm lịch), computed astronomically at UTC+7.
 *
 * Method: Hồ Ngọc Đức's published description ("Thuật toán tính âm lịch", calrules), which follows
 * Jean Meeus, "Astronomical Algorithms":
 *  - a lunar month starts on the local day (UTC+7) that contains the astronomical new moon;
 *  - month 11 is the month containing the winter solstice (sun longitude 270°);
 *  - a year with 13 months between two month-11 starts gets a leap month: the first month after month 11
 *    that contains no major solar term (the sun stays in one 30° sector for the whole month); it takes
 *    the number of the month before it.
 * Vietnam has used UTC+7 since 1968; China uses UTC+8, which is why Tết differs in some years (1985, 2007…).
 * We evaluate every year at UTC+7, as the product decision asks (DOMAIN.md §4).
 */
import { AppError } from '../../errors';
import { assertYearInRange, fromDayNumber, isValidCivilDate, MAX_DAY_NUMBER, MIN_DAY_NUMBER, toDayNumber } from './civil-date';

/** Hà Nội, hours east of Greenwich. */
export const VIETNAM_TZ_HOURS = 7;

export interface LunarDate {
  day: number;
  month: number;
  /** The lunar year that month 1 (tháng Giêng) of this date belongs to, named by its solar year (Tết 2026 → 2026). */
  year: number;
  /** True for the repeated (nhuận) month. */
  leap: boolean;
}

export interface SolarDate {
  y: number;
  m: number;
  d: number;
}

/** Julian day number of 1970-01-01, the epoch of civil-date day numbers. */
const JDN_UNIX_EPOCH = 2440588;
const SYNODIC_MONTH = 29.530588853;
/** JD of the first new moon of 1900 (k = 0 in Meeus' numbering from 1900). */
const NEW_MOON_EPOCH = 2415021.076998695;
const DEG = Math.PI / 180;

/**
 * Julian day (TT, fractional) of the k-th mean-corrected new moon after the 1900-01-01 new moon.
 * Meeus' short series; good to a few minutes over 1800–2200, enough to decide the civil day.
 */
function newMoonJd(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let c = (0.1734 - 0.000393 * T) * Math.sin(M * DEG) + 0.0021 * Math.sin(2 * M * DEG);
  c += -0.4068 * Math.sin(Mpr * DEG) + 0.0161 * Math.sin(2 * Mpr * DEG);
  c += -0.0004 * Math.sin(3 * Mpr * DEG);
  c += 0.0104 * Math.sin(2 * F * DEG) - 0.0051 * Math.sin((M + Mpr) * DEG);
  c += -0.0074 * Math.sin((M - Mpr) * DEG) + 0.0004 * Math.sin((2 * F + M) * DEG);
  c += -0.0004 * Math.sin((2 * F - M) * DEG) - 0.0006 * Math.sin((2 * F + Mpr) * DEG);
  c += 0.001 * Math.sin((2 * F - Mpr) * DEG) + 0.0005 * Math.sin((2 * Mpr + M) * DEG);
  // ΔT (TT − UT) in days, two polynomial fits split at 1900 − 11 centuries.
  const deltaT = T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd + c - deltaT;
}

const newMoonCache = new Map<number, number>();

/** Julian day number of the UTC+7 civil day containing new moon k. */
function newMoonDay(k: number): number {
  let v = newMoonCache.get(k);
  if (v === undefined) {
    v = Math.floor(newMoonJd(k) + 0.5 + VIETNAM_TZ_HOURS / 24);
    newMoonCache.set(k, v);
  }
  return v;
}

/** Apparent-ish sun longitude in radians, [0, 2π), at Julian day jd (UT). */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2; // mean anomaly
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DEG * M);
  DL += (0.019993 - 0.000101 * T) * Math.sin(2 * DEG * M) + 0.00029 * Math.sin(3 * DEG * M);
  let L = (L0 + DL) * DEG;
  L -= 2 * Math.PI * Math.floor(L / (2 * Math.PI));
  return L;
}

/** Which 30° sector (0 = 0°–30°, … 9 = winter solstice onwards) the sun is in at local midnight opening day jdn. */
function sunSector(jdn: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - VIETNAM_TZ_HOURS / 24) / Math.PI) * 6);
}

const month11Cache = new Map<number, number>();

/** JDN of the first day of lunar month 11 that contains the winter solstice of solar year y. */
function month11Start(y: number): number {
  let v = month11Cache.get(y);
  if (v === undefined) {
    const off = toDayNumber(y, 12, 31) + JDN_UNIX_EPOCH - 2415021;
    const k = Math.floor(off / SYNODIC_MONTH);
    v = newMoonDay(k);
    // If the sun has already passed 270° when this month opens, the solstice fell in the month before.
    if (sunSector(v) >= 9) v = newMoonDay(k - 1);
    month11Cache.set(y, v);
  }
  return v;
}

/** Month index (1 = the month after month 11) of the leap month in the 13-month cycle starting at a11. */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

function invalid(message: string, path: string): AppError {
  return new AppError('invalid_input', message, { issues: [{ path, message }] });
}

/** Solar (Gregorian) date → Vietnamese lunar date. Valid for 1900-01-01 … 2100-12-31. */
export function solarToLunar(y: number, m: number, d: number): LunarDate {
  if (!isValidCivilDate(y, m, d)) throw invalid(`Ngày dương lịch ${d}/${m}/${y} không tồn tại.`, 'date');
  assertYearInRange(y);
  const jd = toDayNumber(y, m, d) + JDN_UNIX_EPOCH;
  // The mean-month estimate of k can be off by one where a true new moon falls near midnight (e.g. 2054):
  // step until k is the last new moon on or before this day, so the lunar day is never 0.
  let k = Math.floor((jd - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  while (newMoonDay(k + 1) <= jd) k++;
  while (newMoonDay(k) > jd) k--;
  const monthStart = newMoonDay(k);
  let a11 = month11Start(y);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = y;
    a11 = month11Start(y - 1);
  } else {
    year = y + 1;
    b11 = month11Start(y + 1);
  }
  const day = jd - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    if (diff >= leapOff) {
      month = diff + 10;
      if (diff === leapOff) leap = true;
    }
  }
  if (month > 12) month -= 12;
  // Months 11 and 12 right after a11 still belong to the lunar year that started the previous Tết.
  if (month >= 11 && diff < 4) year -= 1;
  return { day, month, year, leap };
}

interface LunarMonthSpan {
  start: number; // JDN
  length: number; // 29 or 30
}

function lunarMonthSpan(month: number, year: number, leap: boolean): LunarMonthSpan {
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = month11Start(year - 1);
    b11 = month11Start(year);
  } else {
    a11 = month11Start(year);
    b11 = month11Start(year + 1);
  }
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) throw invalid(`Năm âm lịch ${year} không có tháng ${month} nhuận.`, 'leap');
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    throw invalid(`Năm âm lịch ${year} không có tháng ${month} nhuận.`, 'leap');
  }
  const start = newMoonDay(k + off);
  return { start, length: newMoonDay(k + off + 1) - start };
}

/** Vietnamese lunar date → solar date. Throws invalid_input for a month or day the lunar year does not have. */
export function lunarToSolar(day: number, month: number, year: number, leap = false): SolarDate {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw invalid(`Tháng âm lịch ${month} không hợp lệ (1–12).`, 'month');
  if (!Number.isInteger(year) || year < 1899 || year > 2100) throw invalid(`Năm âm lịch ${year} nằm ngoài phạm vi hỗ trợ (1899–2100).`, 'year');
  if (!Number.isInteger(day) || day < 1 || day > 30) throw invalid(`Ngày âm lịch ${day} không hợp lệ (1–30).`, 'day');
  const span = lunarMonthSpan(month, year, leap);
  if (day > span.length) {
    throw invalid(`Tháng ${month}${leap ? ' nhuận' : ''} năm âm lịch ${year} chỉ có ${span.length} ngày.`, 'day');
  }
  const n = span.start + day - 1 - JDN_UNIX_EPOCH;
  if (n < MIN_DAY_NUMBER || n > MAX_DAY_NUMBER) {
    throw invalid(`Ngày âm lịch ${day}/${month}/${year} rơi ra ngoài phạm vi lịch được hỗ trợ (1900–2100).`, 'year');
  }
  return fromDayNumber(n);
}

/** Number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(month: number, year: number, leap = false): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw invalid(`Tháng âm lịch ${month} không hợp lệ (1–12).`, 'month');
  if (!Number.isInteger(year) || year < 1899 || year > 2100) throw invalid(`Năm âm lịch ${year} nằm ngoài phạm vi hỗ trợ (1899–2100).`, 'year');
  return lunarMonthSpan(month, year, leap).length;
}

/**
 * The leap month (1–12) of lunar year `year`, or 0 when it has none.
 * A leap 11 or 12 sits at the end of the lunar year (e.g. 2033 has tháng 11 nhuận).
 */
export function leapMonthOf(year: number): number {
  if (!Number.isInteger(year) || year < 1899 || year > 2100) throw invalid(`Năm âm lịch ${year} nằm ngoài phạm vi hỗ trợ (1899–2100).`, 'year');
  // Leap months 1–10 live in the cycle from month 11 of year−1; leap 11/12 in the cycle from month 11 of year.
  const check = (a11: number, b11: number, accept: (leapMonth: number) => boolean): number => {
    if (b11 - a11 <= 365) return 0;
    let lm = leapMonthOffset(a11) - 2;
    if (lm < 0) lm += 12;
    return accept(lm) ? lm : 0;
  };
  return (
    check(month11Start(year - 1), month11Start(year), (lm) => lm <= 10) ||
    check(month11Start(year), month11Start(year + 1), (lm) => lm >= 11)
  );
}
