import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { dayNumberToIso, fromDayNumber, MAX_DAY_NUMBER, MIN_DAY_NUMBER, toDayNumber } from './civil-date';
import { leapMonthOf, lunarMonthLength, lunarToSolar, solarToLunar } from './lunar';

const iso = (s: { y: number; m: number; d: number }) => dayNumberToIso(toDayNumber(s.y, s.m, s.d));
const tet = (year: number) => iso(lunarToSolar(1, 1, year, false));

/**
 * Mùng 1 Tết 1968–2100 as MMDD, from Hồ Ngọc Đức's published year tables (which use UTC+7 from 1968).
 * An independent regression check: a wrong new-moon day or leap-month rule moves some Tết.
 */
const TET_MMDD_1968_2100 = (
  '0129 0216 0206 0127 0215 0203 0123 0211 0131 0218 0207 0128 0216 0205 0125 0213 0202 0121 0209 0129 0217 0206 ' +
  '0127 0215 0204 0123 0210 0131 0219 0207 0128 0216 0205 0124 0212 0201 0122 0209 0129 0217 0207 0126 0214 0203 ' +
  '0123 0210 0131 0219 0208 0128 0216 0205 0125 0212 0201 0122 0210 0129 0217 0206 0126 0213 0202 0123 0211 0131 ' +
  '0219 0208 0128 0215 0204 0124 0212 0201 0122 0210 0130 0217 0206 0126 0214 0202 0123 0211 0201 0218 0208 0128 ' +
  '0215 0204 0124 0212 0202 0121 0209 0129 0217 0205 0126 0214 0203 0123 0211 0131 0219 0207 0127 0215 0205 0124 ' +
  '0212 0202 0122 0209 0129 0217 0206 0126 0214 0203 0124 0210 0130 0218 0207 0127 0215 0205 0125 0212 0201 0121 0209'
).split(' ');

/** Leap months (tháng nhuận) 1968–2100 from the same tables; years not listed have none. */
const LEAP_MONTHS: Record<number, number> = {
  1968: 7, 1971: 5, 1974: 4, 1976: 8, 1979: 6, 1982: 4, 1985: 2, 1987: 7, 1990: 5, 1993: 3, 1995: 8, 1998: 5,
  2001: 4, 2004: 2, 2006: 7, 2009: 5, 2012: 4, 2014: 9, 2017: 6, 2020: 4, 2023: 2, 2025: 6, 2028: 5, 2031: 3,
  2033: 11, 2036: 6, 2039: 5, 2042: 2, 2044: 7, 2047: 5, 2050: 3, 2052: 8, 2055: 6, 2058: 4, 2061: 3, 2063: 7,
  2066: 5, 2069: 4, 2071: 8, 2074: 6, 2077: 4, 2080: 3, 2082: 7, 2085: 5, 2088: 4, 2090: 8, 2093: 6, 2096: 4, 2099: 2,
};

describe('Vietnamese lunar calendar at UTC+7', () => {
  it('puts Tết on the dates Vietnam celebrates', () => {
    expect(tet(2025)).toBe('2025-01-29');
    expect(tet(2026)).toBe('2026-02-17');
    expect(tet(2027)).toBe('2027-02-06');
    expect(tet(2007)).toBe('2007-02-17'); // China: 18/2
    // The new moon of 2/2/2030 is at about 16:07 UTC: 23:07 in Hà Nội but 00:07 on 3/2 in Beijing, so Vietnam's
    // Tết is 2/2/2030 and China's is 3/2/2030 (HND's tables agree). 3/2 would mean a UTC+8 computation.
    expect(tet(2030)).toBe('2030-02-02');
    expect(solarToLunar(2030, 2, 3)).toEqual({ day: 2, month: 1, year: 2030, leap: false });
    expect(tet(1968)).toBe('1968-01-29'); // Tết Mậu Thân; China (UTC+8): 30/1
  });

  it('keeps the 1985 one-month difference from the Chinese calendar', () => {
    expect(tet(1985)).toBe('1985-01-21');
    // 20/2/1985 is Chinese New Year, but already mùng 1 tháng 2 in Vietnam.
    expect(solarToLunar(1985, 2, 20)).toEqual({ day: 1, month: 2, year: 1985, leap: false });
    expect(solarToLunar(1985, 1, 20)).toEqual({ day: 30, month: 12, year: 1984, leap: false });
  });

  it('finds Giỗ Tổ Hùng Vương (10/3 âm lịch)', () => {
    expect(iso(lunarToSolar(10, 3, 2026))).toBe('2026-04-26');
    expect(iso(lunarToSolar(10, 3, 2027))).toBe('2027-04-16');
    expect(iso(lunarToSolar(10, 3, 2025))).toBe('2025-04-07');
    expect(iso(lunarToSolar(10, 3, 2024))).toBe('2024-04-18');
    expect(solarToLunar(2026, 4, 26)).toEqual({ day: 10, month: 3, year: 2026, leap: false });
  });

  it('matches the published Tết dates for every year 1968–2100', () => {
    const wrong: string[] = [];
    TET_MMDD_1968_2100.forEach((mmdd, i) => {
      const year = 1968 + i;
      const expected = `${year}-${mmdd.slice(0, 2)}-${mmdd.slice(2)}`;
      if (tet(year) !== expected) wrong.push(`${year}: ${tet(year)} ≠ ${expected}`);
    });
    expect(TET_MMDD_1968_2100).toHaveLength(133);
    expect(wrong).toEqual([]);
  });

  it('matches the published leap months 1968–2100, including leap 11 of 2033', () => {
    const wrong: string[] = [];
    for (let y = 1968; y <= 2100; y++) {
      const expected = LEAP_MONTHS[y] ?? 0;
      if (leapMonthOf(y) !== expected) wrong.push(`${y}: ${leapMonthOf(y)} ≠ ${expected}`);
    }
    expect(wrong).toEqual([]);
  });

  it('converts dates inside leap months both ways', () => {
    // Tháng 6 nhuận Ất Tỵ 2025 starts 25/7/2025; tháng 11 nhuận Quý Sửu starts 22/12/2033.
    expect(iso(lunarToSolar(1, 6, 2025, true))).toBe('2025-07-25');
    expect(solarToLunar(2025, 7, 25)).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(iso(lunarToSolar(1, 6, 2025, false))).toBe('2025-06-25');
    expect(solarToLunar(2033, 12, 25)).toEqual({ day: 4, month: 11, year: 2033, leap: true });
    expect(iso(lunarToSolar(4, 11, 2033, true))).toBe('2033-12-25');
    // Months 11 and 12 in January still belong to the previous lunar year.
    expect(solarToLunar(2026, 2, 16)).toEqual({ day: 29, month: 12, year: 2025, leap: false });
  });

  it('rejects lunar dates that do not exist', () => {
    expect(() => lunarToSolar(1, 3, 2026, true)).toThrow(/không có tháng 3 nhuận/);
    expect(lunarMonthLength(12, 2025)).toBe(29); // tháng Chạp Ất Tỵ: 29 days, so 29 Chạp = 16/2/2026
    expect(() => lunarToSolar(30, 12, 2025)).toThrow(/chỉ có 29 ngày/);
    expect(() => lunarToSolar(0, 1, 2026)).toThrow(AppError);
    expect(() => lunarToSolar(1, 13, 2026)).toThrow(AppError);
    expect(() => solarToLunar(2026, 2, 30)).toThrow(/không tồn tại/);
    expect(() => solarToLunar(1899, 12, 31)).toThrow(/1900–2100/);
    expect(() => solarToLunar(2101, 1, 1)).toThrow(/1900–2100/);
    try {
      lunarToSolar(1, 3, 2026, true);
    } catch (e) {
      expect((e as AppError).code).toBe('invalid_input');
    }
  });

  const anyDay = fc.integer({ min: MIN_DAY_NUMBER, max: MAX_DAY_NUMBER });

  it('round-trips every solar date in 1900–2100 (property)', () => {
    fc.assert(
      fc.property(anyDay, (dn) => {
        const s = fromDayNumber(dn);
        const l = solarToLunar(s.y, s.m, s.d);
        expect(lunarToSolar(l.day, l.month, l.year, l.leap)).toEqual(s);
      }),
      { numRuns: 3000 },
    );
  });

  it('never gives lunar day 0 or 31, including where a new moon falls just around midnight (2054)', () => {
    // Day 30806 (in 2054) once came out as day 0: the mean-month estimate picked a new moon after the date.
    for (const dn of [30805, 30806, 30807]) {
      const c = fromDayNumber(dn);
      expect(solarToLunar(c.y, c.m, c.d).day).toBeGreaterThanOrEqual(1);
    }
    for (let dn = MIN_DAY_NUMBER; dn <= MAX_DAY_NUMBER; dn++) {
      const c = fromDayNumber(dn);
      const day = solarToLunar(c.y, c.m, c.d).day;
      if (day < 1 || day > 30) expect({ dn, day }).toEqual({ dn, day: 'between 1 and 30' });
    }
  });

  it('advances one lunar day per solar day, with 29- or 30-day months (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DAY_NUMBER, max: MAX_DAY_NUMBER - 1 }), (dn) => {
        const a = fromDayNumber(dn);
        const b = fromDayNumber(dn + 1);
        const la = solarToLunar(a.y, a.m, a.d);
        const lb = solarToLunar(b.y, b.m, b.d);
        if (lb.day === 1) {
          expect([29, 30]).toContain(la.day);
          expect(la.day).toBe(lunarMonthLength(la.month, la.year, la.leap));
          // The next month is the leap copy of this one, or the following month number.
          if (lb.leap) expect(lb.month).toBe(la.month);
          else expect(lb.month).toBe((la.month % 12) + 1);
          if (lb.month === 1 && !lb.leap) expect(lb.year).toBe(la.year + 1);
        } else {
          expect(lb).toEqual({ ...la, day: la.day + 1 });
        }
      }),
      { numRuns: 3000 },
    );
  });
});
