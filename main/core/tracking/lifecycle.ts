import type { TrackingAction } from '../../../shared/contract/tracking.schema';
import { statusLabel, type DossierStatus } from '../../../shared/domain/dossier-status';

/**
 * Which action may start from which status (issue "Tracking to return"):
 * received → in_progress (hand-over) → waiting_supplement ⇄ (back where it was) → result_ready → returned;
 * refused, stopped (Mẫu 05) and withdrawn end any open dossier. A dossier with its result ready is
 * resolved: it can only be returned. Extensions (Mẫu 04) keep the status.
 */
export const OPEN_STATUSES: readonly DossierStatus[] = ['received', 'in_progress', 'waiting_supplement'];
/** Open and the clock is running (not paused for a supplement). */
export const RUNNING_STATUSES: readonly DossierStatus[] = ['received', 'in_progress'];

export const ALLOWED_FROM: Readonly<Record<TrackingAction, readonly DossierStatus[]>> = {
  handOver: RUNNING_STATUSES,
  requestSupplement: RUNNING_STATUSES,
  supplySupplement: ['waiting_supplement'],
  resultReady: RUNNING_STATUSES,
  return: ['result_ready'],
  refuse: OPEN_STATUSES,
  stop: OPEN_STATUSES,
  withdraw: OPEN_STATUSES,
  extend: OPEN_STATUSES,
  rate: ['returned'],
};

/** The order the dossier screen shows the buttons in: the usual next step first. */
const ORDER: readonly TrackingAction[] = ['return', 'resultReady', 'handOver', 'supplySupplement', 'requestSupplement', 'extend', 'rate', 'refuse', 'stop', 'withdraw'];

export function canDo(action: TrackingAction, status: string): boolean {
  return (ALLOWED_FROM[action] as readonly string[]).includes(status);
}

export function allowedActions(status: string, rated: boolean): TrackingAction[] {
  return ORDER.filter((a) => canDo(a, status) && !(a === 'rate' && rated));
}

/** «Mới tiếp nhận» hoặc «Đang giải quyết», for the message naming where the action would be valid. */
export function allowedStatusesText(action: TrackingAction): string {
  return ALLOWED_FROM[action].map((s) => `«${statusLabel(s)}»`).join(' hoặc ');
}
