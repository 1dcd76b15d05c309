import type { Limit } from '../contract/catalogue.schema';
import { computeDue, DEFAULT_WORKING_HOURS, parseLocalDateTime, formatLocalDateTime, type WorkingHours } from './calendar/due-date';
import type { WorkingCalendar } from './calendar/working-days';

/**
 * The appointment for a procedure's limit as the catalogue states it (DOMAIN.md "must implement" C):
 * working days and same-day go to the calendar engine (same-day with the procedure's own cut-off);
 * calendar days (e.g. land mediation "không quá 30 ngày") count every day, and when the last day is
 * not a working day the limit ends on the next working day (Civil Code art. 148).
 */
export function dueForLimit(receivedLocal: string, limit: Limit, calendar: WorkingCalendar, hours: WorkingHours = DEFAULT_WORKING_HOURS): string {
  if (limit.kind === 'working-days') return computeDue(receivedLocal, { kind: 'working-days', days: limit.days }, calendar, hours).due;
  if (limit.kind === 'same-day') {
    return computeDue(receivedLocal, { kind: 'same-day' }, calendar, { ...hours, sameDayCutoff: limit.cutoff ?? hours.sameDayCutoff }).due;
  }
  const received = parseLocalDateTime(receivedLocal);
  let dn = received.dn + limit.days;
  if (!calendar.isWorkingDn(dn)) dn = calendar.nextWorkingDn(dn);
  const [sh, sm] = hours.start.split(':').map(Number) as [number, number];
  const [eh, em] = hours.end.split(':').map(Number) as [number, number];
  const minutes = Math.min(Math.max(received.minutes, sh * 60 + sm), eh * 60 + em);
  return formatLocalDateTime(dn, minutes);
}

/** "03 ngày làm việc", "Trong ngày (sau 15:00: ngày làm việc tiếp theo)", "30 ngày". */
export function limitText(limit: Limit): string {
  if (limit.kind === 'working-days') return `${String(limit.days).padStart(2, '0')} ngày làm việc`;
  if (limit.kind === 'calendar-days') return `${String(limit.days).padStart(2, '0')} ngày`;
  return `Trong ngày (tiếp nhận sau ${limit.cutoff ?? '15:00'} trả trong ngày làm việc tiếp theo)`;
}

/** 'YYYY-MM-DDTHH:mm' → "10 giờ 00 phút, ngày 13/02/2026" for screens (forms spell the month out). */
export function formatLocalVi(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return local;
  return `${m[4]} giờ ${m[5]} phút, ngày ${m[3]}/${m[2]}/${m[1]}`;
}
