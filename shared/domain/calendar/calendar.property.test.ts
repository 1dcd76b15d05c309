/**
 * Properties of the deadline engine (fast-check): for any receipt, limit and calendar table —
 * the due date is a working day, never before receipt, non-decreasing in the limit, and exactly n
 * working days lie in (d, addWorkingDays(d, n)]. Random admin tables are checked against a naive
 * reference that reads the table directly, so the compiled bitmaps and caches are tested too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumberToIso, parseIsoDate, toDayNumber, weekdayOfDayNumber } from './civil-date';
import { computeDue, countingFrom, DEFAULT_WORKING_HOURS, type WorkingHours } from './due-date';
import { official2026 } from './official-2026';
import { createWorkingCalendar, WorkingCalendar } from './working-days';
import { defaultYearCalendar, type CalendarDay, type CalendarDayKind, type YearCalendar } from './year-calendar';

const YEARS = [2025, 2026, 2027] as const;
const FIRST = toDayNumber(2025, 1, 1);
const LAST = toDayNumber(2027, 10, 31); // leaves room for long limits inside the random tables' span

const weekend = (dn: number) => {
  const w = weekdayOfDayNumber(dn);
  return w === 0 || w === 6;
};

/** A random but schema-valid table for `year`: random holidays, swaps and make-up weekend days. */
function tableArb(year: number): fc.Arbitrary<YearCalendar> {
  const start = toDayNumber(year, 1, 1);
  const len = toDayNumber(year + 1, 1, 1) - start;
  return fc
    .uniqueArray(fc.record({ off: fc.integer({ min: 0, max: len - 1 }), pick: fc.nat() }), { selector: (r) => r.off, maxLength: 40 })
    .map((entries) => {
      const days: CalendarDay[] = entries.map(({ off, pick }) => {
        const dn = start + off;
        const kinds: CalendarDayKind[] = weekend(dn) ? ['holiday', 'working-saturday'] : ['holiday', 'compensatory', 'swap-off'];
        return { date: dayNumberToIso(dn), kind: kinds[pick % kinds.length]!, name: `Ngày ${dayNumberToIso(dn)}` };
      });
      return { ...defaultYearCalendar(year), days };
    });
}

const tablesArb = fc.tuple(...YEARS.map(tableArb)).map((ts) => new Map(ts.map((t) => [t.year, t])));

/** Naive reference: working iff (weekday and not listed off) or listed as a make-up day. */
function naiveWorking(tables: Map<number, YearCalendar>, dn: number): boolean {
  const iso = dayNumberToIso(dn);
  const entry = tables.get(Number(iso.slice(0, 4)))?.days.find((d) => d.date === iso);
  if (entry) return entry.kind === 'working-saturday';
  return !weekend(dn);
}

const dayArb = fc.integer({ min: FIRST, max: LAST });
const minuteArb = fc.integer({ min: 0, max: 1439 });
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const localArb = fc.tuple(dayArb, minuteArb).map(([dn, m]) => `${dayNumberToIso(dn)}T${hhmm(m)}`);
const hoursArb: fc.Arbitrary<WorkingHours> = fc
  .tuple(fc.integer({ min: 360, max: 600 }), fc.integer({ min: 900, max: 1200 }), fc.integer({ min: 0, max: 100 }), fc.boolean())
  .map(([s, e, cutPct, next]) => ({ start: hhmm(s), end: hhmm(e), sameDayCutoff: hhmm(s + Math.floor(((e - s) * cutPct) / 100)), afterHoursCountsNextDay: next }));

describe('deadline engine properties', () => {
  const official = createWorkingCalendar();

  it('due is a working day, never before receipt, non-decreasing in the limit (official + default tables)', () => {
    fc.assert(
      fc.property(localArb, fc.integer({ min: 1, max: 60 }), hoursArb, (received, n, hours) => {
        const a = computeDue(received, { kind: 'working-days', days: n }, official, hours);
        const b = computeDue(received, { kind: 'working-days', days: n + 1 }, official, hours);
        const s = computeDue(received, { kind: 'same-day' }, official, hours);
        const one = computeDue(received, { kind: 'working-days', days: 1 }, official, hours);
        for (const r of [a, b, s]) {
          expect(official.isWorkingDay(r.due.slice(0, 10))).toBe(true);
          expect(r.due >= received).toBe(true);
          const t = r.due.slice(11);
          expect(t >= hours.start && t <= hours.end).toBe(true);
        }
        expect(a.due < b.due).toBe(true);
        expect(s.due <= one.due).toBe(true);
        // Exactly n working days after the day the dossier counts from.
        expect(official.countWorkingDays(countingFrom(received, official, hours).slice(0, 10), a.due.slice(0, 10))).toBe(n);
      }),
      { numRuns: 1500 },
    );
  });

  it('addWorkingDays(d, n) has exactly n working days in (d, result] and ends on one (random admin tables)', () => {
    fc.assert(
      fc.property(tablesArb, dayArb, fc.integer({ min: 0, max: 40 }), (tables, dn, n) => {
        const cal = new WorkingCalendar((y) => tables.get(y) ?? defaultYearCalendar(y));
        const d = dayNumberToIso(dn);
        const result = cal.addWorkingDays(d, n);
        const end = parseIsoDate(result);
        let count = 0;
        for (let c = dn + 1; c <= end; c++) if (naiveWorking(tables, c)) count++;
        expect(count).toBe(n);
        if (n > 0) expect(naiveWorking(tables, end)).toBe(true);
        else expect(result).toBe(d);
        for (let c = dn; c <= end + 3; c++) expect(cal.isWorkingDay(dayNumberToIso(c))).toBe(naiveWorking(tables, c));
      }),
      { numRuns: 400 },
    );
  });

  it('same-day before the cut-off on a working day is due that day; otherwise on the next working day', () => {
    fc.assert(
      fc.property(tablesArb, localArb, (tables, received) => {
        const cal = new WorkingCalendar((y) => tables.get(y) ?? defaultYearCalendar(y));
        const r = computeDue(received, { kind: 'same-day' }, cal, DEFAULT_WORKING_HOURS);
        const day = received.slice(0, 10);
        const time = received.slice(11);
        const dn = parseIsoDate(day);
        if (naiveWorking(tables, dn) && time < DEFAULT_WORKING_HOURS.sameDayCutoff) {
          expect(r.due).toBe(`${day}T${DEFAULT_WORKING_HOURS.end}`);
        } else {
          let next = dn + 1;
          while (!naiveWorking(tables, next)) next++;
          expect(r.due.slice(0, 10)).toBe(dayNumberToIso(next));
        }
      }),
      { numRuns: 800 },
    );
  });

  it('the official 2026 table is what the engine uses for 2026', () => {
    const offDays = official2026.days.filter((d) => d.kind !== 'working-saturday').map((d) => d.date);
    for (const d of offDays) expect(official.isWorkingDay(d)).toBe(false);
    for (const d of official2026.days.filter((x) => x.kind === 'working-saturday')) expect(official.isWorkingDay(d.date)).toBe(true);
  });
});
