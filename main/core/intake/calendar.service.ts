import type { intakeChannels } from '../../../shared/contract/intake.channels';
import {
  WorkingCalendar,
  calendarProvider,
  calendarYearJson,
  computeDue,
  parseYearCalendar,
  type WorkingHours,
  type YearCalendar,
  DEFAULT_WORKING_HOURS,
  WorkingHoursSchema,
} from '../../../shared/domain/calendar';
import { listCalendarYears, readSetting, upsertCalendarYear } from '../../store/settings.repository';
import { appendAudit } from '../audit/audit';
import type { CallContext, CoreDeps } from '../context';
import type { ChannelsOf, HandlerMap } from '../handlers';

const WORKING_HOURS_KEY = 'working_hours';

/**
 * The calendar as this office has it: the admin's edited years (from the store) over the official
 * 2026 table over the Labour Code rules. Read fresh for each use, so an edit made at another desk
 * applies to the next dossier received anywhere.
 */
export async function loadWorkingCalendar(deps: Pick<CoreDeps, 'db'>): Promise<WorkingCalendar> {
  const rows = await listCalendarYears(deps.db);
  const tables = rows.map((r) => parseYearCalendar(JSON.parse(r.data_json)));
  return new WorkingCalendar(calendarProvider({ tables }));
}

export async function loadWorkingHours(deps: Pick<CoreDeps, 'db'>): Promise<WorkingHours> {
  const stored = await readSetting(deps.db, WORKING_HOURS_KEY);
  const parsed = stored === undefined ? null : WorkingHoursSchema.safeParse(stored);
  return Object.freeze(parsed?.success ? (parsed.data as WorkingHours) : { ...DEFAULT_WORKING_HOURS });
}

async function saveYear(deps: CoreDeps, ctx: CallContext, table: YearCalendar): Promise<YearCalendar> {
  const parsed = parseYearCalendar(table);
  const saved = await deps.db.transaction().execute(async (trx) => {
    const before = await loadWorkingCalendar({ db: trx });
    const previous = calendarYearJson(parsed.year, before);
    await upsertCalendarYear(trx, parsed.year, JSON.stringify(parsed), deps.clock.now().toISOString());
    await appendAudit(trx, deps, {
      actor: ctx.actor,
      action: 'calendar.saveYear',
      entity: 'calendar_year',
      entityId: String(parsed.year),
      before: previous,
      after: parsed,
    });
    return calendarYearJson(parsed.year, new WorkingCalendar(calendarProvider({ tables: [parsed] })));
  });
  deps.events.emit('data.changed', { entity: 'calendar_year', id: String(parsed.year) });
  return saved;
}

export function calendarHandlers(deps: CoreDeps): HandlerMap<ChannelsOf<typeof intakeChannels, 'calendar.'>> {
  return {
    'calendar.due': async ({ received, limit }) => {
      const calendar = await loadWorkingCalendar(deps);
      const hours = await loadWorkingHours(deps);
      const r = computeDue(received, limit === 'same-day' ? { kind: 'same-day' } : { kind: 'working-days', days: limit }, calendar, hours);
      return { received: r.received, due: r.due, limit };
    },
    'calendar.day': async ({ date }) => {
      const info = (await loadWorkingCalendar(deps)).dayInfo(date);
      return { date: info.date, working: info.working, reason: info.reason };
    },
    'calendar.year': async ({ year }) => calendarYearJson(year, await loadWorkingCalendar(deps)),
    'calendar.saveYear': (input, ctx) => saveYear(deps, ctx, input),
  };
}
