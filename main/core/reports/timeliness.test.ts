import { describe, expect, it } from 'vitest';
import { classifyInProgress, classifyResolved, type DossierFacts } from './timeliness';

const base: DossierFacts = {
  receivedLocal: '2026-03-16T09:00',
  dueLocal: '2026-03-19T09:00',
  resultLocal: null,
  closedLocal: null,
  supplementCount: 0,
  pausedMinutes: 0,
  pausedSinceLocal: null,
  sameDay: false,
};

describe('early / on time / late (Product decisions, §3)', () => {
  it('splits by the appointment day and hour under the default rule', () => {
    expect(classifyResolved({ ...base, resultLocal: '2026-03-18T16:00' }, 'product')).toBe('early');
    expect(classifyResolved({ ...base, resultLocal: '2026-03-19T08:59' }, 'product')).toBe('onTime');
    expect(classifyResolved({ ...base, resultLocal: '2026-03-19T09:00' }, 'product')).toBe('onTime');
    expect(classifyResolved({ ...base, resultLocal: '2026-03-19T09:01' }, 'product')).toBe('late');
    // The date rule only looks at days: later the same day is still on time.
    expect(classifyResolved({ ...base, resultLocal: '2026-03-19T16:00' }, 'date')).toBe('onTime');
    expect(classifyResolved({ ...base, resultLocal: '2026-03-20T08:00' }, 'date')).toBe('late');
  });
  it('counts a same-day procedure handed over the day it was received as early (trả ngay)', () => {
    const sameDay = { ...base, sameDay: true, dueLocal: '2026-03-16T17:00' };
    expect(classifyResolved({ ...sameDay, resultLocal: '2026-03-16T09:20' }, 'product')).toBe('early');
    expect(classifyResolved({ ...sameDay, resultLocal: '2026-03-16T09:20' }, 'date')).toBe('onTime');
  });
  it('deducts the supplement wait, and two supplement requests are late whatever the dates', () => {
    const late = { ...base, resultLocal: '2026-03-21T09:00' };
    expect(classifyResolved(late, 'product')).toBe('late');
    expect(classifyResolved({ ...late, supplementCount: 1, pausedMinutes: 3 * 24 * 60 }, 'product')).toBe('early');
    expect(classifyResolved({ ...base, resultLocal: '2026-03-17T09:00', supplementCount: 2 }, 'product')).toBe('late');
  });
  it('counts refused, stopped and withdrawn dossiers on time', () => {
    expect(classifyResolved({ ...base, closedLocal: '2026-04-30T09:00' }, 'product')).toBe('onTime');
  });
  it('judges dossiers in progress at the reference time, waiting for a supplement within the deadline', () => {
    expect(classifyInProgress(base, '2026-03-19T09:00', 'product')).toBe('withinDeadline');
    expect(classifyInProgress(base, '2026-03-20T00:00', 'product')).toBe('overdue');
    expect(classifyInProgress({ ...base, pausedSinceLocal: '2026-03-18T10:00' }, '2026-03-25T00:00', 'product')).toBe('withinDeadline');
    expect(classifyInProgress({ ...base, pausedMinutes: 2 * 24 * 60 }, '2026-03-20T00:00', 'product')).toBe('withinDeadline');
    expect(classifyInProgress({ ...base, supplementCount: 2 }, '2026-03-17T00:00', 'product')).toBe('overdue');
  });
});
