import type { Limit } from '../../../shared/contract/catalogue.schema';
import type { Timeliness } from '../../../shared/contract/tracking.schema';
import { computeDue, epochMsToVietnamLocal, vietnamLocalToUtc, type WorkingCalendar, type WorkingHours } from '../../../shared/domain/calendar';

const MINUTE = 60_000;

/** Whole minutes from one ISO instant to another (never negative: a clock set back does not add time). */
export function minutesBetween(fromIso: string, toIso: string): number {
  return Math.max(0, Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / MINUTE));
}

/** Minutes waited for supplements so far: the closed pauses plus the one still running. */
export function pausedSoFar(pausedMinutes: number, pausedSince: string | null, nowIso: string): number {
  return pausedMinutes + (pausedSince ? minutesBetween(pausedSince, nowIso) : 0);
}

/**
 * The appointment with the supplement wait deducted (QĐ 766: end − (supplied − requested) ≤ due is the
 * same as end ≤ due + wait). When that lands on a day off, the limit runs to the same time of the next
 * working day (Civil Code art. 148).
 */
export function effectiveDue(dueLocal: string, pausedMinutes: number, calendar: WorkingCalendar): string {
  if (pausedMinutes <= 0) return dueLocal;
  const shifted = epochMsToVietnamLocal(Date.parse(vietnamLocalToUtc(dueLocal)) + pausedMinutes * MINUTE);
  const date = shifted.slice(0, 10);
  return calendar.isWorkingDay(date) ? shifted : `${calendar.nextWorkingDay(date)}${shifted.slice(10)}`;
}

/**
 * Early / on time / late at completion (DOMAIN.md "Product decisions", 06a columns 8–10): late when
 * finished after the (effective) appointment; early when finished on a calendar day before the
 * appointment day, or a same-day procedure finished on the day it was received ("trả ngay");
 * on time otherwise. More than one supplement request counts late (QĐ 766).
 */
export function classifyCompletion(args: { finishLocal: string; dueLocal: string; receivedLocal?: string; sameDay?: boolean; supplementCount?: number }): Timeliness {
  if ((args.supplementCount ?? 0) > 1) return 'late';
  if (args.finishLocal > args.dueLocal) return 'late';
  if (args.finishLocal.slice(0, 10) < args.dueLocal.slice(0, 10)) return 'early';
  if (args.sameDay && args.receivedLocal && args.finishLocal.slice(0, 10) === args.receivedLocal.slice(0, 10)) return 'early';
  return 'on_time';
}

export const STEP_RESULT_VI: Readonly<Record<Timeliness, 'Trước hạn' | 'Đúng hạn' | 'Quá hạn'>> = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' };

/** A step's own deadline from when its officer received it: N working days, or within the day for 0. */
export function stepDue(receivedLocal: string, allowedDays: number, calendar: WorkingCalendar, hours: WorkingHours): string {
  return computeDue(receivedLocal, allowedDays === 0 ? { kind: 'same-day' } : { kind: 'working-days', days: allowedDays }, calendar, hours).due;
}

/**
 * The step's result for Mẫu 06: time taken against the time allowed, both with the step's supplement
 * wait deducted. A step finished within its own day when allowed 0 days is on time, not early.
 */
export function stepResult(finishedLocal: string, dueLocal: string, pausedMinutes: number, calendar: WorkingCalendar): 'Trước hạn' | 'Đúng hạn' | 'Quá hạn' {
  return STEP_RESULT_VI[classifyCompletion({ finishLocal: finishedLocal, dueLocal: effectiveDue(dueLocal, pausedMinutes, calendar) })];
}

export function isSameDayLimit(limit: Limit | undefined): boolean {
  return limit?.kind === 'same-day';
}
