import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { official2026 } from './official-2026';
import { calendarProvider, calendarYearJson, createWorkingCalendar, WorkingCalendar } from './working-days';
import { defaultYearCalendar, type YearCalendar } from './year-calendar';

const cal = createWorkingCalendar();

function expectAppError(fn: () => unknown, code: string, message: RegExp): void {
  try {
    fn();
    expect.unreachable('should have thrown');
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    expect((e as AppError).message).toMatch(message);
  }
}

describe('WorkingCalendar over the official 2026 table', () => {
  it('explains each kind of day in Vietnamese', () => {
    const comp = cal.dayInfo('2026-04-27');
    expect(comp.working).toBe(false);
    expect(comp.kind).toBe('compensatory');
    expect(comp.reason).toMatch(/Nghỉ bù Giỗ Tổ Hùng Vương/);

    expect(cal.dayInfo('2026-01-10')).toEqual({
      date: '2026-01-10',
      working: true,
      reason: 'Làm bù (thứ Bảy làm việc) – Làm bù cho ngày 02/01',
      kind: 'working-saturday',
    });
    expect(cal.dayInfo('2026-01-02')).toMatchObject({ working: false, kind: 'swap-off' });
    expect(cal.dayInfo('2026-01-02').reason).toMatch(/hoán đổi/);
    expect(cal.dayInfo('2026-01-03')).toEqual({ date: '2026-01-03', working: false, reason: 'Thứ Bảy', kind: 'weekend' });
    expect(cal.dayInfo('2026-01-04')).toEqual({ date: '2026-01-04', working: false, reason: 'Chủ nhật', kind: 'weekend' });
    expect(cal.dayInfo('2026-02-17')).toMatchObject({ working: false, reason: 'Tết Nguyên đán (mùng 1 tháng Giêng)' });
    expect(cal.dayInfo('2026-04-26')).toMatchObject({ working: false, kind: 'holiday', reason: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' });
    expect(cal.dayInfo('2026-01-05')).toEqual({ date: '2026-01-05', working: true, reason: 'Ngày làm việc (Thứ Hai)', kind: 'weekday' });
    expect(cal.isWorkingDay('2026-08-22')).toBe(true);
    expect(cal.isWorkingDay('2026-08-31')).toBe(false);
  });

  it('finds the next working day across weekends, swaps and holidays', () => {
    expect(cal.nextWorkingDay('2026-04-24')).toBe('2026-04-28');
    expect(cal.nextWorkingDay('2026-08-28')).toBe('2026-09-03'); // 29–30 weekend, 31/8 swap, 1–2/9 holidays
    expect(cal.nextWorkingDay('2026-01-09')).toBe('2026-01-10'); // make-up Saturday
    expect(cal.nextWorkingDay('2026-02-13')).toBe('2026-02-23');
  });

  it('adds working days, crossing into the official year from a default one', () => {
    expect(cal.addWorkingDays('2026-02-13', 3)).toBe('2026-02-25');
    expect(cal.addWorkingDays('2026-04-29', 2)).toBe('2026-05-05');
    expect(cal.addWorkingDays('2025-12-31', 1)).toBe('2026-01-05'); // 1/1 holiday, 2/1 swap, weekend
    expect(cal.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04'); // 1/1/2027 (Fri) from the default rules
    expect(cal.addWorkingDays('2026-03-10', 0)).toBe('2026-03-10');
    expect(cal.countWorkingDays('2026-02-13', '2026-02-25')).toBe(3);
    expect(cal.countWorkingDays('2026-01-01', '2026-01-31')).toBe(21); // 2–31/1: 21 Mon–Fri − swap 2/1 + Sat 10/1
  });

  it('rejects bad input with clear Vietnamese messages', () => {
    expectAppError(() => cal.dayInfo('2026-02-30'), 'invalid_input', /không tồn tại|ngày có thật/);
    expectAppError(() => cal.isWorkingDay('13/02/2026'), 'invalid_input', /YYYY-MM-DD/);
    expectAppError(() => cal.dayInfo('1899-12-31'), 'invalid_input', /1900–2100/);
    expectAppError(() => cal.addWorkingDays('2026-02-13', -1), 'invalid_input', /số nguyên/);
    expectAppError(() => cal.addWorkingDays('2026-02-13', 1.5), 'invalid_input', /số nguyên/);
    expectAppError(() => cal.addWorkingDays('2100-12-31', 1), 'invalid_input', /1900–2100/);
  });
});

describe('providers and admin edits', () => {
  it('prefers the admin table, falls back to default rules', () => {
    const admin2027: YearCalendar = {
      ...defaultYearCalendar(2027),
      days: [
        ...defaultYearCalendar(2027).days,
        { date: '2027-01-02', kind: 'working-saturday', name: 'Làm bù cho ngày 04/01' },
        { date: '2027-01-04', kind: 'swap-off', name: 'Nghỉ hoán đổi dịp Tết Dương lịch' },
      ],
    };
    const c = new WorkingCalendar(calendarProvider({ tables: [admin2027] }));
    expect(c.isWorkingDay('2027-01-02')).toBe(true);
    expect(c.isWorkingDay('2027-01-04')).toBe(false);
    expect(c.dayInfo('2028-01-03')).toMatchObject({ working: false, kind: 'compensatory' }); // 2028 from default rules: 1/1 is a Saturday
    expect(c.dayInfo('2026-04-27').kind).toBe('compensatory'); // official 2026 still shipped
    expect(new WorkingCalendar(calendarProvider({ includeOfficial: false })).isWorkingDay('2026-01-02')).toBe(true);
  });

  it('picks up an edited table after invalidate()', () => {
    const tables = new Map<number, YearCalendar>([[2026, official2026]]);
    const c = new WorkingCalendar((y) => tables.get(y) ?? defaultYearCalendar(y));
    expect(c.isWorkingDay('2026-03-02')).toBe(true);
    tables.set(2026, { ...official2026, days: [...official2026.days, { date: '2026-03-02', kind: 'holiday', name: 'Nghỉ đột xuất' }] });
    expect(c.isWorkingDay('2026-03-02')).toBe(true); // cached until told
    c.invalidate(2026);
    expect(c.dayInfo('2026-03-02')).toMatchObject({ working: false, reason: 'Nghỉ đột xuất' });
  });

  it('refuses an invalid table from the provider', () => {
    const c = new WorkingCalendar((y) => ({ ...defaultYearCalendar(y), days: [{ date: `${y}-01-06`, kind: 'working-saturday', name: 'Sai' }] }));
    expectAppError(() => c.isWorkingDay('2027-03-01'), 'invalid_input', /Bảng ngày nghỉ năm 2027 không hợp lệ/);
  });
});

describe('calendarYearJson', () => {
  it('produces exactly the CLI shape, sorted by date', () => {
    const json = JSON.stringify(calendarYearJson(2027, cal));
    expect(json.startsWith('{"year":2027,"lunarNewYear":"2027-02-06","hungKings":"2027-04-16","days":[{"date":"2027-01-01","kind":"holiday","name":"Tết Dương lịch"},')).toBe(true);
    const parsed = JSON.parse(json) as { days: { date: string }[] };
    const dates = parsed.days.map((d) => d.date);
    expect(dates).toEqual([...dates].sort());
    expect(Object.keys(parsed)).toEqual(['year', 'lunarNewYear', 'hungKings', 'days']);
    expect(calendarYearJson(2026, calendarProvider())).toEqual(calendarYearJson(2026, cal));
    expect(calendarYearJson(2026, cal).days).toHaveLength(16);
  });
});
