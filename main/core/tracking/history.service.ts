import type { HistoryEntry } from '../../../shared/contract/tracking.schema';
import { utcToVietnamLocal } from '../../../shared/domain/calendar';
import { formatLocalVi } from '../../../shared/domain/deadline';
import { statusLabel } from '../../../shared/domain/dossier-status';
import { vi } from '../../../shared/i18n/vi';
import { listAuditForEntity } from '../../store/audit.repository';
import { listAppointments } from '../../store/dossiers.repository';
import { listEvents } from '../../store/tracking.repository';
import { officerNames } from '../auth/officer-names';
import type { CoreDeps } from '../context';
import { requireDossierByScan } from './tracking.service';

const TITLES = vi.tracking.eventTitles as Readonly<Record<string, string>>;

/** Every kind gets a Vietnamese title: a transition, an appointment, another event, or "Cập nhật hồ sơ". */
export function timelineTitle(kind: string): string {
  return TITLES[kind] ?? vi.timeline.kinds[kind] ?? vi.timeline.other;
}

/** Officers by user name → full name; the CLI and the desk itself read as "Hệ thống". */
async function timelineNames(deps: CoreDeps): Promise<(actor: string) => string> {
  const nameOf = await officerNames(deps.db);
  return (actor) => nameOf(actor) ?? vi.timeline.system;
}

function parseJson(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { raw: text };
  }
}

/**
 * The dossier's timeline from intake to return for the history screen: its events (every transition),
 * its appointments (computed, overridden, extended) and the audit entries about it, oldest first.
 * Audit entries are the tamper-evident record; events and appointments are what the clerk reads.
 */
export async function dossierHistory(deps: CoreDeps, codeText: string): Promise<HistoryEntry[]> {
  const row = await requireDossierByScan(deps.db, codeText);
  const [events, appointments, audit, nameOf] = await Promise.all([listEvents(deps.db, row.id), listAppointments(deps.db, row.id), listAuditForEntity(deps.db, 'dossier', row.code), timelineNames(deps)]);
  const entries: Array<HistoryEntry & { order: number }> = [];
  for (const e of events) {
    const move = e.from_status && e.to_status && e.from_status !== e.to_status ? ` (${statusLabel(e.from_status)} → ${statusLabel(e.to_status)})` : '';
    entries.push({
      order: 1,
      at: e.at,
      atLocal: e.at_local,
      source: 'event',
      kind: e.kind,
      title: `${timelineTitle(e.kind)}${move}`,
      actor: e.actor,
      actorName: nameOf(e.actor),
      note: e.note,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      data: parseJson(e.data_json),
    });
  }
  for (const a of appointments) {
    entries.push({
      order: 2,
      at: a.at,
      atLocal: utcToVietnamLocal(a.at),
      source: 'appointment',
      kind: a.kind,
      title: `${timelineTitle(a.kind)}: ${formatLocalVi(a.due_local)}`,
      actor: a.actor,
      actorName: nameOf(a.actor),
      note: a.reason,
      fromStatus: null,
      toStatus: null,
      data: { dueLocal: a.due_local, previousDueLocal: a.previous_due_local },
    });
  }
  for (const r of audit) {
    const kind = r.action.replace(/^dossier\./, '');
    entries.push({
      order: kind === 'create' ? 0 : 3,
      at: r.at,
      atLocal: utcToVietnamLocal(r.at),
      source: 'audit',
      kind: r.action,
      title: kind === 'create' ? TITLES.created! : `${TITLES.audit}: ${timelineTitle(kind)}`,
      actor: r.actor,
      actorName: nameOf(r.actor),
      note: '',
      fromStatus: null,
      toStatus: null,
      data: { seq: r.seq, hash: r.hash, before: parseJson(r.before_json), after: parseJson(r.after_json) },
    });
  }
  // Same minute: intake first, then transitions, appointments, audit (the receipt's appointment is stamped at receipt).
  entries.sort((a, b) => a.atLocal.localeCompare(b.atLocal) || a.order - b.order || a.at.localeCompare(b.at));
  return entries.map(({ order: _order, ...e }) => e);
}
