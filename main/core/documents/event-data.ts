/** Reading a dossier's event log for the forms: the JSON data other screens wrote, and the times in it as Vietnam local time. */
import { utcToVietnamLocal } from '../../../shared/domain/calendar';
import type { DossierEventsTable } from '../../store/schema';

/** A dossier's events, oldest first (the store's query, under the name the forms use). */
export { listEvents as events } from '../../store/tracking.repository';

export type EventRow = DossierEventsTable;

export function data(row: { data_json: string }): Record<string, unknown> {
  try {
    const v = JSON.parse(row.data_json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

const LOCAL_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
/** Event data written by other screens may hold local times or instants; the form wants local time. */
export function toLocal(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  if (LOCAL_RE.test(s)) return s;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(s) && /(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    try {
      return utcToVietnamLocal(s);
    } catch {
      return undefined;
    }
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(s)) return s.slice(0, 16);
  return undefined;
}

