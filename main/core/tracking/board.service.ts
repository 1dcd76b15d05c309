import type { Board, BoardBucket, BoardItem } from '../../../shared/contract/tracking.schema';
import { utcToVietnamLocal } from '../../../shared/domain/calendar';
import { statusLabel } from '../../../shared/domain/dossier-status';
import { listBoardRows, type BoardRow } from '../../store/tracking.repository';
import type { CoreDeps } from '../context';
import { loadWorkingCalendar } from '../intake/calendar.service';
import { effectiveDue, pausedSoFar } from './deadlines';
import { OPEN_STATUSES, RUNNING_STATUSES } from './lifecycle';

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The deadlines board (the desk's home after set-up). Deadlines are the appointment plus the time
 * waited for supplements, on the working calendar. A dossier waiting for a supplement has its clock
 * stopped, so it is listed as waiting, never as due or overdue.
 */
export async function buildBoard(deps: CoreDeps, limit: number): Promise<Board> {
  const nowIso = deps.clock.now().toISOString();
  const nowLocal = utcToVietnamLocal(nowIso);
  const today = nowLocal.slice(0, 10);
  const calendar = await loadWorkingCalendar(deps);
  const nextWorkingDay = calendar.nextWorkingDay(today);
  const rows = await listBoardRows(deps.db, [...OPEN_STATUSES, 'result_ready'], `${today}T00:00`, `${nextDate(today)}T00:00`);

  const buckets: Record<BoardBucket, BoardItem[]> = { receivedToday: [], dueToday: [], dueNextWorkingDay: [], overdue: [], waitingSupplement: [], resultReady: [] };
  for (const r of rows) {
    const effDue = effectiveDue(r.due_local, pausedSoFar(r.paused_minutes, r.paused_since, nowIso), calendar);
    const item = toItem(r, effDue, nowLocal);
    if (r.received_local.slice(0, 10) === today) buckets.receivedToday.push(item);
    if ((RUNNING_STATUSES as readonly string[]).includes(r.status)) {
      if (effDue < nowLocal) buckets.overdue.push(item);
      else if (effDue.slice(0, 10) === today) buckets.dueToday.push(item);
      else if (effDue.slice(0, 10) === nextWorkingDay) buckets.dueNextWorkingDay.push(item);
    } else if (r.status === 'waiting_supplement') buckets.waitingSupplement.push(item);
    else if (r.status === 'result_ready') buckets.resultReady.push(item);
  }
  const byDue = (a: BoardItem, b: BoardItem) => a.effectiveDueLocal.localeCompare(b.effectiveDueLocal) || a.code.localeCompare(b.code);
  for (const key of ['dueToday', 'dueNextWorkingDay', 'overdue'] as const) buckets[key].sort(byDue);
  buckets.receivedToday.sort((a, b) => b.receivedLocal.localeCompare(a.receivedLocal) || b.code.localeCompare(a.code));
  buckets.resultReady.sort((a, b) => (a.resultLocal ?? '').localeCompare(b.resultLocal ?? ''));
  buckets.waitingSupplement.sort((a, b) => (a.pausedSinceLocal ?? '').localeCompare(b.pausedSinceLocal ?? ''));

  const counts = Object.fromEntries(Object.entries(buckets).map(([k, v]) => [k, v.length])) as Board['counts'];
  const lists = Object.fromEntries(Object.entries(buckets).map(([k, v]) => [k, v.slice(0, limit)])) as Board['lists'];
  return { today, nowLocal, nextWorkingDay, counts, lists };
}

function toItem(r: BoardRow, effDue: string, nowLocal: string): BoardItem {
  const open = (OPEN_STATUSES as readonly string[]).includes(r.status);
  return {
    code: r.code,
    procedureName: r.procedure_name,
    applicantName: r.full_name,
    status: r.status,
    statusLabel: statusLabel(r.status),
    receivedLocal: r.received_local,
    dueLocal: r.due_local,
    effectiveDueLocal: effDue,
    supplementCount: Number(r.supplement_count),
    pausedSinceLocal: r.paused_since ? utcToVietnamLocal(r.paused_since) : null,
    resultLocal: r.result_local,
    canExtend: open && effDue >= nowLocal,
  };
}
