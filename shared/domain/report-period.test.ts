import { describe, expect, it } from 'vitest';
import { periodContaining, periodLine, reportPeriod, vietnamToday } from './report-period';

describe('report periods', () => {
  it('runs the cut-off quarter from the 15th of the month before (worked example 19)', () => {
    expect(reportPeriod({ kind: 'quarter', mode: 'cutoff', year: 2026, index: 1 })).toEqual({ from: '2025-12-15', to: '2026-03-14', label: 'Quý I năm 2026' });
    expect(reportPeriod({ kind: 'quarter', mode: 'cutoff', year: 2026, index: 4 })).toMatchObject({ from: '2026-09-15', to: '2026-12-14' });
  });
  it('gives 6 months, 9 months and the year in cut-off mode from 15/12 of the prior year', () => {
    expect(reportPeriod({ kind: 'half', mode: 'cutoff', year: 2026, index: 1 })).toMatchObject({ from: '2025-12-15', to: '2026-06-14' });
    expect(reportPeriod({ kind: 'nine_months', mode: 'cutoff', year: 2026 })).toMatchObject({ from: '2025-12-15', to: '2026-09-14' });
    expect(reportPeriod({ kind: 'year', mode: 'cutoff', year: 2026 })).toMatchObject({ from: '2025-12-15', to: '2026-12-14', label: 'Năm 2026' });
    expect(reportPeriod({ kind: 'month', mode: 'cutoff', year: 2026, index: 1 })).toMatchObject({ from: '2025-12-15', to: '2026-01-14' });
  });
  it('uses whole months in calendar mode, leap February included', () => {
    expect(reportPeriod({ kind: 'month', mode: 'calendar', year: 2028, index: 2 })).toMatchObject({ from: '2028-02-01', to: '2028-02-29', label: 'Tháng 02 năm 2028' });
    expect(reportPeriod({ kind: 'quarter', mode: 'calendar', year: 2026, index: 2 })).toMatchObject({ from: '2026-04-01', to: '2026-06-30' });
    expect(reportPeriod({ kind: 'half', mode: 'calendar', year: 2026, index: 2 })).toMatchObject({ from: '2026-07-01', to: '2026-12-31', label: '6 tháng cuối năm 2026' });
  });
  it('refuses an index out of range and writes the period line', () => {
    expect(() => reportPeriod({ kind: 'quarter', mode: 'calendar', year: 2026, index: 5 })).toThrow(RangeError);
    expect(periodLine('2025-12-15', '2026-03-14', 'Quý I năm 2026')).toBe('Kỳ báo cáo: Quý I năm 2026 (Từ ngày 15/12/2025 đến ngày 14/03/2026)');
  });
});

describe('the period the 06a screen opens on', () => {
  it('is the one containing today, in cut-off and calendar mode', () => {
    // Issue 14: on 07/12/2026 the screen opened Quý I/2026, all zeros.
    const q = periodContaining('2026-12-07', 'quarter', 'cutoff');
    expect(q).toEqual({ year: 2026, index: 4 });
    expect(reportPeriod({ kind: 'quarter', mode: 'cutoff', ...q })).toMatchObject({ from: '2026-09-15', to: '2026-12-14' });
    // From the 15th, the cut-off belongs to the next period (across the year end too).
    const next = periodContaining('2026-12-15', 'quarter', 'cutoff');
    expect(next).toEqual({ year: 2027, index: 1 });
    expect(reportPeriod({ kind: 'quarter', mode: 'cutoff', ...next })).toMatchObject({ from: '2026-12-15', to: '2027-03-14' });
    expect(periodContaining('2026-12-20', 'quarter', 'calendar')).toEqual({ year: 2026, index: 4 });
    expect(periodContaining('2026-03-14', 'month', 'cutoff')).toEqual({ year: 2026, index: 3 });
    expect(periodContaining('2026-03-15', 'month', 'cutoff')).toEqual({ year: 2026, index: 4 });
    expect(periodContaining('2026-06-20', 'half', 'cutoff')).toEqual({ year: 2026, index: 2 });
    expect(periodContaining('2026-12-20', 'year', 'cutoff')).toEqual({ year: 2027, index: 1 });
    for (const [date, kind, mode] of [['2026-01-01', 'quarter', 'cutoff'], ['2026-07-31', 'month', 'calendar'], ['2026-09-14', 'half', 'cutoff']] as const) {
      const p = reportPeriod({ kind, mode, ...periodContaining(date, kind, mode) });
      expect(p.from <= date && date <= p.to, `${date} in ${p.from}..${p.to}`).toBe(true);
    }
  });

  it("takes today's date in Vietnam, not the PC's zone", () => {
    // 18:30 UTC on 14/12 is already 01:30 on 15/12 in Vietnam: the next cut-off period.
    expect(vietnamToday(new Date('2026-12-14T18:30:00Z'))).toBe('2026-12-15');
  });
});
