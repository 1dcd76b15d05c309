import type { TimelinessRule } from '../../../shared/contract/reports.schema';

/**
 * Early / on time / late for 06a (DOMAIN.md "Product decisions", §3 "The 766 rule", "must implement" C).
 * Pure functions over Vietnam wall-clock times 'YYYY-MM-DDTHH:mm'.
 */

export interface DossierFacts {
  receivedLocal: string;
  dueLocal: string;
  /** When the result was ready (resolved), or null. */
  resultLocal: string | null;
  /** When it was refused, stopped or withdrawn, or null. */
  closedLocal: string | null;
  supplementCount: number;
  /** Minutes already spent waiting for supplements (finished waits). */
  pausedMinutes: number;
  /** Start of a wait still open, or null. */
  pausedSinceLocal: string | null;
  /** A same-day procedure (trả ngay possible). */
  sameDay: boolean;
}

export type Resolution = 'early' | 'onTime' | 'late';

const MINUTE = 60_000;

export function localToMinutes(local: string): number {
  return Date.UTC(+local.slice(0, 4), +local.slice(5, 7) - 1, +local.slice(8, 10), +local.slice(11, 13), +local.slice(14, 16)) / MINUTE;
}

export function minutesToLocal(minutes: number): string {
  return new Date(minutes * MINUTE).toISOString().slice(0, 16);
}

/** When the dossier finished (result, else closure), or null while in progress. */
export function finishedLocal(f: Pick<DossierFacts, 'resultLocal' | 'closedLocal'>): string | null {
  return f.resultLocal ?? f.closedLocal;
}

/**
 * A finished dossier's column. Refused, stopped and withdrawn dossiers count as resolved on time
 * (06a column 9 note). More than one supplement request is late whatever the dates (QĐ 766). The
 * time spent waiting for supplements is deducted from the finish before comparing.
 *
 * - product (default): late = after the appointment date-time; early = on a calendar day before the
 *   appointment day, or a same-day procedure whose result was ready the day it was received; else on time.
 * - date: compares calendar days only: before the appointment day early, on it on time, after it late.
 */
export function classifyResolved(f: DossierFacts, rule: TimelinessRule): Resolution {
  if (f.resultLocal === null) return 'onTime';
  if (f.supplementCount > 1) return 'late';
  const effective = minutesToLocal(localToMinutes(f.resultLocal) - f.pausedMinutes);
  const effectiveDay = effective.slice(0, 10);
  const dueDay = f.dueLocal.slice(0, 10);
  if (rule === 'date') return effectiveDay < dueDay ? 'early' : effectiveDay === dueDay ? 'onTime' : 'late';
  if (effective > f.dueLocal) return 'late';
  if (effectiveDay < dueDay) return 'early';
  if (f.sameDay && f.resultLocal.slice(0, 10) === f.receivedLocal.slice(0, 10)) return 'early';
  return 'onTime';
}

/**
 * A dossier still in progress at `refLocal` (the end of the period, or now if earlier): within its
 * deadline or overdue. Waiting for a supplement counts as within (06a column 12); more than one
 * supplement request is overdue; the waiting time pushes the deadline back.
 */
export function classifyInProgress(f: DossierFacts, refLocal: string, rule: TimelinessRule): 'withinDeadline' | 'overdue' {
  if (f.pausedSinceLocal !== null && f.pausedSinceLocal < refLocal) return 'withinDeadline';
  if (f.supplementCount > 1) return 'overdue';
  const due = minutesToLocal(localToMinutes(f.dueLocal) + f.pausedMinutes);
  if (rule === 'date') return refLocal.slice(0, 10) > due.slice(0, 10) && refLocal > due ? 'overdue' : 'withinDeadline';
  return refLocal > due ? 'overdue' : 'withinDeadline';
}
