/**
 * Appointment date (ngày hẹn trả kết quả) for a dossier (DOMAIN.md §3 and "must implement" C).
 *
 * Times are Vietnam local time, UTC+7 with no daylight saving, written 'YYYY-MM-DDTHH:mm'. Rules:
 *  1. Where the receipt counts from: a dossier received on a non-working day or after `end` counts as
 *     received at `start` of the next working day when `afterHoursCountsNextDay` (the default).
 *  2. N working days: counting starts the day after that receipt day (Civil Code art. 147); due on the
 *     N-th working day, at the receipt time of day clamped into [start, end].
 *  3. Same day: due at `end` of the receipt day when it is a working day and the time is before the
 *     cut-off (15:00); otherwise the next working day, at the receipt time clamped into [start, end].
 * Rule 1 is applied before rule 3, so a dossier that counts from Monday 07:30 is due Monday at `end`.
 */
import { z } from 'zod';
import { AppError, type FieldIssue } from '../../errors';
import { dayNumberToIso, isValidCivilDate, MAX_YEAR, MIN_YEAR, parseIsoDate } from './civil-date';
import { assertWorkingDayCount, MAX_WORKING_DAYS, type WorkingCalendar } from './working-days';

export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;
const MS_PER_MINUTE = 60_000;

export interface WorkingHours {
  /** Office opens, 'HH:mm'. */
  start: string;
  /** Office closes, 'HH:mm'. */
  end: string;
  /** Same-day procedures received at or after this time are returned the next working day. */
  sameDayCutoff: string;
  /** A dossier received on a day off or after `end` counts from `start` of the next working day. */
  afterHoursCountsNextDay: boolean;
}

export const DEFAULT_WORKING_HOURS: Readonly<WorkingHours> = Object.freeze({
  start: '07:30',
  end: '17:00',
  sameDayCutoff: '15:00',
  afterHoursCountsNextDay: true,
});

export type DeadlineLimit = { kind: 'working-days'; days: number } | { kind: 'same-day' };

export interface DueResult {
  /** As received, 'YYYY-MM-DDTHH:mm' local. */
  received: string;
  /** Appointment, 'YYYY-MM-DDTHH:mm' local. */
  due: string;
  limit: DeadlineLimit;
}

const HHMM_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_RE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;

function hhmmToMinutes(s: string): number {
  const m = HHMM_RE.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}

const HhmmSchema = z.string().regex(HHMM_RE, { message: 'Giờ phải có dạng HH:mm (ví dụ 07:30).' });

export const WorkingHoursSchema = z
  .object({
    start: HhmmSchema,
    end: HhmmSchema,
    sameDayCutoff: HhmmSchema,
    afterHoursCountsNextDay: z.boolean({ message: 'Cần chọn có/không.' }),
  })
  .strict()
  .superRefine((h, ctx) => {
    const s = hhmmToMinutes(h.start);
    const e = hhmmToMinutes(h.end);
    const c = hhmmToMinutes(h.sameDayCutoff);
    if (s >= e) ctx.addIssue({ code: 'custom', path: ['end'], message: 'Giờ kết thúc làm việc phải sau giờ bắt đầu.' });
    if (c < s || c > e) ctx.addIssue({ code: 'custom', path: ['sameDayCutoff'], message: 'Giờ chốt nhận hồ sơ trong ngày phải nằm trong giờ làm việc.' });
  });

export const DeadlineLimitSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('working-days'),
        days: z
          .number({ message: 'Thời hạn phải là một số.' })
          .int({ message: 'Thời hạn phải là số nguyên ngày làm việc.' })
          .min(1, { message: 'Thời hạn phải từ 01 ngày làm việc trở lên; thủ tục trả trong ngày hãy chọn loại "trong ngày".' })
          .max(MAX_WORKING_DAYS, { message: `Thời hạn không được quá ${MAX_WORKING_DAYS} ngày làm việc.` }),
      })
      .strict(),
    z.object({ kind: z.literal('same-day') }).strict(),
  ],
  { message: 'Loại thời hạn phải là "working-days" hoặc "same-day".' },
);

function invalidFromZod(error: z.ZodError, prefix: string, summary: string): AppError {
  const issues: FieldIssue[] = error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));
  return new AppError('invalid_input', `${summary}: ${issues[0]?.message ?? 'dữ liệu sai.'}`, { issues });
}

interface CompiledHours {
  start: number;
  end: number;
  cutoff: number;
  nextDay: boolean;
}

// Settings objects are long-lived; validate each one once, keyed by identity.
const compiledHours = new WeakMap<object, CompiledHours>();

function compileHours(hours: WorkingHours): CompiledHours {
  let c = compiledHours.get(hours);
  if (c) return c;
  const r = WorkingHoursSchema.safeParse(hours);
  if (!r.success) throw invalidFromZod(r.error, 'hours', 'Giờ làm việc không hợp lệ');
  c = { start: hhmmToMinutes(r.data.start), end: hhmmToMinutes(r.data.end), cutoff: hhmmToMinutes(r.data.sameDayCutoff), nextDay: r.data.afterHoursCountsNextDay };
  compiledHours.set(hours, c);
  return c;
}

interface LocalParts {
  dn: number;
  minutes: number;
}

/** Parses 'YYYY-MM-DDTHH:mm' (Vietnam local) into a day number and minutes after midnight. */
export function parseLocalDateTime(s: string, field = 'received'): LocalParts {
  const m = typeof s === 'string' ? LOCAL_RE.exec(s) : null;
  if (!m) {
    throw new AppError('invalid_input', `Thời điểm "${String(s)}" không hợp lệ (cần dạng YYYY-MM-DDTHH:mm, giờ Việt Nam).`, {
      issues: [{ path: field, message: 'Cần dạng YYYY-MM-DDTHH:mm.' }],
    });
  }
  return { dn: parseIsoDate(m[1] as string, field), minutes: Number(m[2]) * 60 + Number(m[3]) };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatLocalDateTime(dn: number, minutes: number): string {
  return `${dayNumberToIso(dn)}T${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

function effectiveReceipt(received: LocalParts, calendar: WorkingCalendar, h: CompiledHours): LocalParts {
  if (h.nextDay && (!calendar.isWorkingDn(received.dn) || received.minutes > h.end)) {
    return { dn: calendar.nextWorkingDn(received.dn), minutes: h.start };
  }
  return received;
}

/**
 * When the dossier counts as received ('YYYY-MM-DDTHH:mm'): the receipt itself, or `start` of the next
 * working day for a receipt on a day off / after hours when `afterHoursCountsNextDay`.
 */
export function countingFrom(receivedLocal: string, calendar: WorkingCalendar, hours: WorkingHours = DEFAULT_WORKING_HOURS): string {
  const r = effectiveReceipt(parseLocalDateTime(receivedLocal), calendar, compileHours(hours));
  return formatLocalDateTime(r.dn, r.minutes);
}

function validateLimit(limit: DeadlineLimit): DeadlineLimit {
  // Fast path for the common well-formed shapes; zod only to explain what is wrong.
  if (limit && typeof limit === 'object') {
    if (limit.kind === 'same-day' && Object.keys(limit).length === 1) return { kind: 'same-day' };
    if (limit.kind === 'working-days' && Object.keys(limit).length === 2) {
      const days = (limit as { days: unknown }).days;
      if (typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= MAX_WORKING_DAYS) return { kind: 'working-days', days };
    }
  }
  const r = DeadlineLimitSchema.safeParse(limit);
  if (!r.success) throw invalidFromZod(r.error, 'limit', 'Thời hạn giải quyết không hợp lệ');
  return r.data;
}

/** Appointment date-time for a dossier received at `receivedLocal` ('YYYY-MM-DDTHH:mm', UTC+7). */
export function computeDue(receivedLocal: string, limit: DeadlineLimit, calendar: WorkingCalendar, hours: WorkingHours = DEFAULT_WORKING_HOURS): DueResult {
  const received = parseLocalDateTime(receivedLocal);
  const lim = validateLimit(limit);
  const h = compileHours(hours);
  const eff = effectiveReceipt(received, calendar, h);
  let dueDn: number;
  let dueMin: number;
  if (lim.kind === 'same-day') {
    if (calendar.isWorkingDn(eff.dn) && eff.minutes < h.cutoff) {
      dueDn = eff.dn;
      dueMin = h.end;
    } else {
      dueDn = calendar.nextWorkingDn(eff.dn);
      dueMin = clamp(eff.minutes, h.start, h.end);
    }
  } else {
    assertWorkingDayCount(lim.days, 'limit.days', 1);
    dueDn = calendar.addWorkingDn(eff.dn, lim.days);
    dueMin = clamp(eff.minutes, h.start, h.end);
  }
  return { received: formatLocalDateTime(received.dn, received.minutes), due: formatLocalDateTime(dueDn, dueMin), limit: lim };
}

// ---------------------------------------------------------------------------------------------
// UTC instant <-> Vietnam local time.

const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds → 'YYYY-MM-DDTHH:mm' in Vietnam (seconds dropped, not rounded). */
export function epochMsToVietnamLocal(ms: number): string {
  if (!Number.isFinite(ms)) throw new AppError('invalid_input', 'Thời điểm không hợp lệ.');
  const local = new Date(Math.floor(ms / MS_PER_MINUTE) * MS_PER_MINUTE + VIETNAM_UTC_OFFSET_MINUTES * MS_PER_MINUTE);
  const y = local.getUTCFullYear();
  if (y < MIN_YEAR || y > MAX_YEAR) {
    throw new AppError('invalid_input', `Năm ${y} nằm ngoài phạm vi lịch được hỗ trợ (${MIN_YEAR}–${MAX_YEAR}).`);
  }
  return `${y}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}T${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}`;
}

/** ISO instant with 'Z' or an explicit offset (e.g. '2026-02-13T03:00:00.000Z') → Vietnam local 'YYYY-MM-DDTHH:mm'. */
export function utcToVietnamLocal(iso: string): string {
  const m = typeof iso === 'string' ? INSTANT_RE.exec(iso) : null;
  // Reject impossible calendar dates ourselves: Date.parse would roll 2026-02-30 over to March.
  if (!m || !isRealDateTime(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? '0'))) {
    throw new AppError('invalid_input', `Thời điểm "${String(iso)}" không hợp lệ (cần ISO 8601 có múi giờ, ví dụ 2026-02-13T03:00:00Z).`, {
      issues: [{ path: 'instant', message: 'Cần thời điểm ISO 8601 có "Z" hoặc múi giờ.' }],
    });
  }
  return epochMsToVietnamLocal(Date.parse(iso));
}

function isRealDateTime(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  return h <= 23 && mi <= 59 && s <= 59 && isValidCivilDate(y, mo, d);
}

/** Vietnam local 'YYYY-MM-DDTHH:mm' → UTC instant 'YYYY-MM-DDTHH:mm:00.000Z'. */
export function vietnamLocalToUtc(local: string): string {
  const { dn, minutes } = parseLocalDateTime(local, 'local');
  const ms = (dn * 1440 + minutes - VIETNAM_UTC_OFFSET_MINUTES) * MS_PER_MINUTE;
  return new Date(ms).toISOString();
}
