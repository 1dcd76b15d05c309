/** Vietnamese working-day calendar and appointment-date engine (DOMAIN.md §3–4, "must implement" A and C). */
export {
  MIN_YEAR,
  MAX_YEAR,
  WEEKDAY_NAMES_VI,
  isValidCivilDate,
  toDayNumber,
  fromDayNumber,
  dayNumberToIso,
  weekdayOfDayNumber,
  type CivilDate,
} from './civil-date';
export { VIETNAM_TZ_HOURS, solarToLunar, lunarToSolar, lunarMonthLength, leapMonthOf, type LunarDate, type SolarDate } from './lunar';
export {
  CALENDAR_DAY_KINDS,
  CALENDAR_DAY_KIND_LABELS_VI,
  IsoDateSchema,
  CalendarDaySchema,
  YearCalendarSchema,
  parseYearCalendar,
  sortYearCalendar,
  defaultYearCalendar,
  nationalDayAdjacent,
  lunarNewYearDate,
  hungKingsDate,
  type CalendarDayKind,
  type CalendarDay,
  type YearCalendar,
  type DefaultCalendarOptions,
} from './year-calendar';
export { official2026, OFFICIAL_YEAR_CALENDARS } from './official-2026';
export {
  WorkingCalendar,
  calendarProvider,
  createWorkingCalendar,
  calendarYearJson,
  MAX_WORKING_DAYS,
  type YearCalendarProvider,
  type DayInfo,
  type CalendarProviderOptions,
} from './working-days';
export {
  VIETNAM_UTC_OFFSET_MINUTES,
  DEFAULT_WORKING_HOURS,
  WorkingHoursSchema,
  DeadlineLimitSchema,
  computeDue,
  countingFrom,
  parseLocalDateTime,
  formatLocalDateTime,
  utcToVietnamLocal,
  vietnamLocalToUtc,
  epochMsToVietnamLocal,
  type WorkingHours,
  type DeadlineLimit,
  type DueResult,
} from './due-date';
