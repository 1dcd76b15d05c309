import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { toDayNumber, weekdayOfDayNumber } from './civil-date';
import { lunarToSolar, solarToLunar } from './lunar';
import { official2026 } from './official-2026';
import { defaultYearCalendar, nationalDayAdjacent, parseYearCalendar, YearCalendarSchema, type YearCalendar } from './year-calendar';

const datesOf = (cal: YearCalendar, kind: string) => cal.days.filter((d) => d.kind === kind).map((d) => d.date);
const wd = (iso: string) => weekdayOfDayNumber(toDayNumber(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))));

function expectInvalid(input: unknown, path: string, message: RegExp): void {
  try {
    parseYearCalendar(input);
    expect.unreachable('should have thrown');
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.code).toBe('invalid_input');
    const issue = err.issues?.find((i) => i.path === path);
    expect(issue, JSON.stringify(err.issues)).toBeDefined();
    expect(issue?.message).toMatch(message);
  }
}

describe('official 2026 table (assets/calendar/2026.json)', () => {
  it('holds exactly the published schedule', () => {
    expect(official2026.year).toBe(2026);
    expect(official2026.lunarNewYear).toBe('2026-02-17');
    expect(official2026.hungKings).toBe('2026-04-26');
    expect(datesOf(official2026, 'holiday')).toEqual([
      '2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-04-26', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02',
    ]);
    expect(datesOf(official2026, 'compensatory')).toEqual(['2026-04-27']);
    expect(datesOf(official2026, 'swap-off')).toEqual(['2026-01-02', '2026-08-31']);
    expect(datesOf(official2026, 'working-saturday')).toEqual(['2026-01-10', '2026-08-22']);
    expect(datesOf(official2026, 'working-saturday').map(wd)).toEqual([6, 6]);
  });

  it('agrees with the lunar computation and is frozen', () => {
    const s = lunarToSolar(1, 1, 2026);
    expect(official2026.lunarNewYear).toBe(`2026-0${s.m}-${s.d}`);
    expect(Object.isFrozen(official2026.days)).toBe(true);
    expect(official2026.days.every((d) => d.name.normalize('NFC') === d.name)).toBe(true);
  });
});

describe('defaultYearCalendar (Labour Code 2019 pre-fill)', () => {
  it('reproduces the statutory 2026 days: Tết 29 Chạp – mùng 4, Giỗ Tổ Sunday + Monday off', () => {
    const cal = defaultYearCalendar(2026);
    expect(datesOf(cal, 'holiday')).toEqual(datesOf(official2026, 'holiday'));
    expect(datesOf(cal, 'compensatory')).toEqual(['2026-04-27']);
    expect(datesOf(cal, 'swap-off')).toEqual([]); // swaps are a yearly decision, never guessed
    expect(cal.days.find((d) => d.date === '2026-02-16')?.name).toBe('Tết Nguyên đán (29 tháng Chạp)');
    expect(cal.days.find((d) => d.date === '2026-04-27')?.name).toMatch(/^Nghỉ bù Giỗ Tổ Hùng Vương/);
  });

  it('pre-fills 2027 with compensatory days for Tết and 1/5 on weekends', () => {
    const cal = defaultYearCalendar(2027);
    expect(cal.lunarNewYear).toBe('2027-02-06');
    expect(cal.hungKings).toBe('2027-04-16');
    expect(datesOf(cal, 'holiday')).toEqual([
      '2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09',
      '2027-04-16', '2027-04-30', '2027-05-01', '2027-09-02', '2027-09-03',
    ]);
    expect(datesOf(cal, 'compensatory')).toEqual(['2027-02-10', '2027-02-11', '2027-05-03']);
  });

  it('matches the compensatory days of past official schedules (2022, 2023)', () => {
    // 2022: 1/1 Sat → 3/1; Giỗ Tổ Sun 10/4 → 11/4; 30/4 Sat + 1/5 Sun → 2/5 and 3/5.
    const c22 = defaultYearCalendar(2022);
    expect(datesOf(c22, 'compensatory').filter((d) => d.slice(5, 7) !== '02')).toEqual(['2022-01-03', '2022-04-11', '2022-05-02', '2022-05-03']);
    // 2023: 1/1 Sun → 2/1; Giỗ Tổ Sat 29/4 + 30/4 Sun → 2/5, 3/5; 2/9 Sat → 4/9 (break 1–4/9).
    const c23 = defaultYearCalendar(2023);
    expect(datesOf(c23, 'compensatory').filter((d) => d.slice(5, 7) !== '01' || d === '2023-01-02')).toEqual([
      '2023-01-02', '2023-05-02', '2023-05-03', '2023-09-04',
    ]);
    expect(datesOf(c23, 'holiday')).toContain('2023-09-01');
  });

  it('joins the second Quốc khánh day to a weekend as the 2021–2026 decisions did', () => {
    expect([2021, 2022, 2023, 2024, 2025, 2026].map(nationalDayAdjacent)).toEqual([3, 1, 1, 3, 1, 1]);
    expect(nationalDayAdjacent(2029)).toBe(3); // 2/9/2029 is a Sunday → Monday 3/9
  });

  it('merges Giỗ Tổ and 30/4 when they coincide (1947) instead of listing the date twice', () => {
    const cal = defaultYearCalendar(1947);
    expect(cal.hungKings).toBe('1947-04-30');
    expect(cal.days.filter((d) => d.date === '1947-04-30')).toEqual([
      { date: '1947-04-30', kind: 'holiday', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch); Ngày Chiến thắng (30/4)' },
    ]);
  });

  it('adds 24/11 only when asked', () => {
    expect(defaultYearCalendar(2027).days.some((d) => d.date === '2027-11-24')).toBe(false);
    const cal = defaultYearCalendar(2029, { includeCultureDay: true });
    expect(cal.days.find((d) => d.date === '2029-11-24')?.name).toBe('Ngày Văn hóa Việt Nam (24/11)');
    expect(datesOf(cal, 'compensatory')).toContain('2029-11-26'); // 24/11/2029 is a Saturday
  });

  it('is valid and follows the rules for every year 1900–2100 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.boolean(), (year, culture) => {
        const cal = defaultYearCalendar(year, { includeCultureDay: culture });
        expect(YearCalendarSchema.safeParse(cal).success).toBe(true);
        const holidays = datesOf(cal, 'holiday');
        const coincide = cal.hungKings === `${year}-04-30`;
        expect(holidays).toHaveLength((culture ? 12 : 11) - (coincide ? 1 : 0));
        // Tết block: the day before mùng 1 is the last day of the old lunar year.
        const eve = holidays[holidays.indexOf(cal.lunarNewYear) - 1]!;
        const l = solarToLunar(Number(eve.slice(0, 4)), Number(eve.slice(5, 7)), Number(eve.slice(8)));
        expect([l.month, l.year]).toEqual([12, year - 1]);
        expect(solarToLunar(Number(cal.hungKings.slice(0, 4)), Number(cal.hungKings.slice(5, 7)), Number(cal.hungKings.slice(8)))).toEqual({
          day: 10, month: 3, year, leap: false,
        });
        const comp = datesOf(cal, 'compensatory');
        expect(comp).toHaveLength(holidays.filter((d) => wd(d) === 0 || wd(d) === 6).length);
        for (const d of comp) expect([1, 2, 3, 4, 5]).toContain(wd(d));
      }),
      { numRuns: 300 },
    );
  });
});

describe('YearCalendarSchema (the editor)', () => {
  const base = (days: unknown[]) => ({ year: 2026, lunarNewYear: '2026-02-17', hungKings: '2026-04-26', days });

  it('accepts a valid table and sorts it by date', () => {
    const cal = parseYearCalendar(
      base([
        { date: '2026-09-02', kind: 'holiday', name: 'Quốc khánh' },
        { date: '2026-01-01', kind: 'holiday', name: 'Tết Dương lịch' },
      ]),
    );
    expect(cal.days.map((d) => d.date)).toEqual(['2026-01-01', '2026-09-02']);
  });

  it('rejects impossible dates, other years, duplicates and misplaced make-up days with Vietnamese messages', () => {
    expectInvalid(base([{ date: '2026-02-30', kind: 'holiday', name: 'X' }]), 'days.0.date', /ngày có thật/);
    expectInvalid(base([{ date: '2025-12-31', kind: 'swap-off', name: 'X' }]), 'days.0.date', /không thuộc năm 2026/);
    expectInvalid(
      base([
        { date: '2026-01-01', kind: 'holiday', name: 'A' },
        { date: '2026-01-01', kind: 'swap-off', name: 'B' },
      ]),
      'days.1.date',
      /hai lần/,
    );
    expectInvalid(base([{ date: '2026-01-13', kind: 'working-saturday', name: 'Làm bù' }]), 'days.0.date', /Thứ Ba, không phải ngày nghỉ cuối tuần/);
    expectInvalid(base([{ date: '2026-01-11', kind: 'swap-off', name: 'Hoán đổi' }]), 'days.0.date', /Chủ nhật/);
    expectInvalid(base([{ date: '2026-01-05', kind: 'vacation', name: 'X' }]), 'days.0.kind', /Loại ngày/);
    expectInvalid(base([{ date: '2026-01-05', kind: 'holiday', name: '   ' }]), 'days.0.name', /tên ngày/);
    expectInvalid({ ...base([]), year: 2101 }, 'year', /1900 đến 2100/);
    expectInvalid({ ...base([]), lunarNewYear: '2027-02-06' }, 'lunarNewYear', /không thuộc năm 2026/);
    expectInvalid({ ...base([]), extra: 1 }, '', /./);
  });
});
