/**
 * The official 2026 schedule for civil servants, shipped as data (assets/calendar/2026.json is the single
 * source of truth; see its README for the government documents). Validated by the same schema the admin's
 * editor uses, so a bad edit to the JSON fails at start-up and in tests, not silently in a deadline.
 */
import data from '../../../assets/calendar/2026.json';
import { parseYearCalendar, type YearCalendar } from './year-calendar';

function deepFreeze(cal: YearCalendar): YearCalendar {
  for (const d of cal.days) Object.freeze(d);
  Object.freeze(cal.days);
  return Object.freeze(cal);
}

export const official2026: YearCalendar = deepFreeze(parseYearCalendar(data));

/** Every official table shipped with the app, by year. */
export const OFFICIAL_YEAR_CALENDARS: readonly YearCalendar[] = Object.freeze([official2026]);
