import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { computeDue, countingFrom, DEFAULT_WORKING_HOURS, utcToVietnamLocal, vietnamLocalToUtc, type DeadlineLimit, type WorkingHours } from './due-date';
import { createWorkingCalendar } from './working-days';

const cal = createWorkingCalendar();
const days = (n: number): DeadlineLimit => ({ kind: 'working-days', days: n });
const sameDay: DeadlineLimit = { kind: 'same-day' };
const noNextDay: WorkingHours = { ...DEFAULT_WORKING_HOURS, afterHoursCountsNextDay: false };

function invalid(fn: () => unknown, path: string, message: RegExp): void {
  try {
    fn();
    expect.unreachable('should have thrown');
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(message);
    expect(err.issues?.map((i) => i.path)).toContain(path);
  }
}

describe('computeDue — DOMAIN.md §I worked examples (official 2026 calendar)', () => {
  it('#1 Fri 13/02/2026 10:00 + 3 working days → Wed 25/02/2026 (Tết 16–20/2)', () => {
    expect(computeDue('2026-02-13T10:00', days(3), cal)).toEqual({ received: '2026-02-13T10:00', due: '2026-02-25T10:00', limit: days(3) });
  });

  it('#2 Wed 29/04/2026 + 2 → Tue 05/05/2026 (30/4, 1/5, weekend)', () => {
    expect(computeDue('2026-04-29T09:15', days(2), cal).due).toBe('2026-05-05T09:15');
  });

  it('#4 same-day Fri 24/04/2026 14:59 → returned that day', () => {
    expect(computeDue('2026-04-24T14:59', sameDay, cal)).toEqual({ received: '2026-04-24T14:59', due: '2026-04-24T17:00', limit: sameDay });
  });

  it('same-day at the 15:00 cut-off → Tue 28/04 (Mon 27/04 is the Giỗ Tổ compensatory day)', () => {
    expect(computeDue('2026-04-24T15:00', sameDay, cal).due).toBe('2026-04-28T15:00');
    expect(cal.isWorkingDay('2026-04-27')).toBe(false);
    expect(cal.dayInfo('2026-04-27').reason).toMatch(/Nghỉ bù Giỗ Tổ/);
  });

  it('#6 Fri 09/01/2026 + 1 → Sat 10/01/2026 (make-up working Saturday)', () => {
    expect(computeDue('2026-01-09T08:00', days(1), cal).due).toBe('2026-01-10T08:00');
  });
});

describe('computeDue — receipt time rules', () => {
  it('counts a receipt after closing or on a day off from the next working morning', () => {
    // Fri 24/4 17:30 → counts from Tue 28/4 07:30 → 1 working day → Wed 29/4 07:30.
    expect(countingFrom('2026-04-24T17:30', cal)).toBe('2026-04-28T07:30');
    expect(computeDue('2026-04-24T17:30', days(1), cal).due).toBe('2026-04-29T07:30');
    // Sun 11/1 09:00 → Mon 12/1 07:30 → Tue 13/1 07:30.
    expect(computeDue('2026-01-11T09:00', days(1), cal).due).toBe('2026-01-13T07:30');
    // Exactly at closing time still counts as that day.
    expect(countingFrom('2026-04-24T17:00', cal)).toBe('2026-04-24T17:00');
  });

  it('without afterHoursCountsNextDay, counts from the receipt day itself', () => {
    expect(computeDue('2026-04-24T17:30', days(1), cal, noNextDay).due).toBe('2026-04-28T17:00');
    expect(computeDue('2026-01-11T09:00', days(1), cal, noNextDay).due).toBe('2026-01-12T09:00');
    expect(computeDue('2026-01-11T09:00', sameDay, cal, noNextDay).due).toBe('2026-01-12T09:00');
  });

  it('handles same-day receipts on days off, make-up Saturdays and before opening', () => {
    expect(computeDue('2026-01-11T09:00', sameDay, cal).due).toBe('2026-01-12T17:00');
    expect(computeDue('2026-01-10T09:00', sameDay, cal).due).toBe('2026-01-10T17:00');
    expect(computeDue('2026-03-02T06:45', sameDay, cal).due).toBe('2026-03-02T17:00');
    expect(computeDue('2026-03-02T06:45', days(2), cal).due).toBe('2026-03-04T07:30');
    expect(computeDue('2026-03-02T16:10', sameDay, cal).due).toBe('2026-03-03T16:10');
  });

  it('uses configurable hours', () => {
    const late: WorkingHours = { start: '08:00', end: '17:30', sameDayCutoff: '16:00', afterHoursCountsNextDay: true };
    expect(computeDue('2026-03-02T15:30', sameDay, cal, late).due).toBe('2026-03-02T17:30');
    expect(computeDue('2026-03-02T07:40', days(1), cal, late).due).toBe('2026-03-03T08:00');
    expect(computeDue('2026-03-02T17:15', days(1), cal, late).due).toBe('2026-03-03T17:15');
  });
});

describe('computeDue — validation', () => {
  it('rejects impossible or malformed receipt times', () => {
    invalid(() => computeDue('2026-02-30T10:00', days(1), cal), 'received', /không hợp lệ/);
    invalid(() => computeDue('2026-02-13 10:00', days(1), cal), 'received', /YYYY-MM-DDTHH:mm/);
    invalid(() => computeDue('2026-02-13T24:00', days(1), cal), 'received', /YYYY-MM-DDTHH:mm/);
    invalid(() => computeDue('1899-12-29T10:00', days(1), cal), 'received', /1900–2100/);
    invalid(() => computeDue('2101-01-02T10:00', days(1), cal), 'received', /1900–2100/);
  });

  it('rejects negative, zero, fractional or unknown limits', () => {
    invalid(() => computeDue('2026-02-13T10:00', days(-1), cal), 'limit.days', /Thời hạn giải quyết không hợp lệ/);
    invalid(() => computeDue('2026-02-13T10:00', days(2.5), cal), 'limit.days', /số nguyên/);
    invalid(() => computeDue('2026-02-13T10:00', days(0), cal), 'limit.days', /trong ngày/);
    invalid(() => computeDue('2026-02-13T10:00', { kind: 'hours', hours: 4 } as unknown as DeadlineLimit, cal), 'limit.kind', /Loại thời hạn/);
  });

  it('rejects inconsistent working hours', () => {
    invalid(() => computeDue('2026-02-13T10:00', days(1), cal, { ...DEFAULT_WORKING_HOURS, start: '17:00', end: '07:30' }), 'hours.end', /sau giờ bắt đầu/);
    invalid(() => computeDue('2026-02-13T10:00', days(1), cal, { ...DEFAULT_WORKING_HOURS, sameDayCutoff: '18:00' }), 'hours.sameDayCutoff', /trong giờ làm việc/);
    invalid(() => computeDue('2026-02-13T10:00', days(1), cal, { ...DEFAULT_WORKING_HOURS, start: '7:30' }), 'hours.start', /HH:mm/);
  });

  it('fails cleanly when the due date would fall after 2100', () => {
    invalid(() => computeDue('2100-12-30T10:00', days(5), cal), 'date', /1900–2100/);
  });
});

describe('Vietnam local time <-> UTC', () => {
  it('converts both ways at UTC+7', () => {
    expect(utcToVietnamLocal('2026-02-13T03:00:00.000Z')).toBe('2026-02-13T10:00');
    expect(utcToVietnamLocal('2026-02-12T17:30:59Z')).toBe('2026-02-13T00:30');
    expect(utcToVietnamLocal('2026-02-13T10:00:00+07:00')).toBe('2026-02-13T10:00');
    expect(utcToVietnamLocal('2026-02-13T09:00+06:00')).toBe('2026-02-13T10:00');
    expect(vietnamLocalToUtc('2026-02-13T10:00')).toBe('2026-02-13T03:00:00.000Z');
    expect(vietnamLocalToUtc('2026-01-01T05:00')).toBe('2025-12-31T22:00:00.000Z');
  });

  it('refuses instants without a zone or with impossible dates', () => {
    invalid(() => utcToVietnamLocal('2026-02-13T03:00:00'), 'instant', /múi giờ/);
    invalid(() => utcToVietnamLocal('2026-02-30T03:00:00Z'), 'instant', /không hợp lệ/);
    invalid(() => vietnamLocalToUtc('2026-13-01T10:00'), 'local', /không hợp lệ/);
  });

  it('round-trips local → UTC → local (property)', () => {
    const local = fc
      .record({ dn: fc.integer({ min: -25000, max: 47000 }), min: fc.integer({ min: 0, max: 1439 }) })
      .map(({ dn, min }) => {
        const d = new Date(dn * 86400000);
        const p = (n: number) => String(n).padStart(2, '0');
        return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(Math.floor(min / 60))}:${p(min % 60)}`;
      });
    fc.assert(fc.property(local, (s) => utcToVietnamLocal(vietnamLocalToUtc(s)) === s), { numRuns: 2000 });
  });
});

describe('speed', () => {
  it('computes a due date in microseconds once the year is compiled', () => {
    const c = createWorkingCalendar();
    computeDue('2026-02-13T10:00', days(3), c); // compile 2026
    const n = 50_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) computeDue(i % 2 ? '2026-02-13T10:00' : '2026-04-24T15:00', i % 2 ? days(1 + (i % 15)) : sameDay, c);
    const perCallUs = ((performance.now() - t0) * 1000) / n;
    expect(perCallUs).toBeLessThan(50); // measured ≈ 2 µs on the dev box; generous for CI
  });
});
