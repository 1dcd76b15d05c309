import { describe, expect, it } from 'vitest';
import { periodLine, reportPeriod } from './report-period';

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
