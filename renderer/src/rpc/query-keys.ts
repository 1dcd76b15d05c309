/**
 * The one place that says which cached queries depend on which stored data (issue 14). Every query
 * key starts with the channel it calls; `data.changed` names the entity kind that changed, and
 * only the queries reading that kind refetch. A preview (`documents.render`) never refetches by
 * itself: it shows what the clerk opened, and re-drawing it behind the clerk's back is how the old
 * render/store loop started.
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { ChannelName } from '../../../shared/contract/channels';
import type { DocumentTarget, Paper } from '../../../shared/contract/documents.schema';

export const queryKeys = {
  /** A dossier's (or notice's) print history, shared by every list that shows it. */
  documentHistory: (subject: string) => ['documents.history', subject.trim().toUpperCase()] as const,
  documentPreview: (target: DocumentTarget | null, paper: Paper | undefined) => ['documents.render', JSON.stringify(target), paper ?? 'default'] as const,
  printers: () => ['printers.list'] as const,
  printSettings: () => ['printers.getSettings'] as const,
};

const DOSSIER_READERS: ChannelName[] = [
  'dossiers.get',
  'dossiers.list',
  'dossiers.search',
  'dossiers.history',
  'tracking.get',
  'tracking.pendingRating',
  'board.today',
  'reports.run',
  'reports.monthly',
  'applicants.search',
];
const SETTINGS_READERS: ChannelName[] = ['printers.getSettings', 'auth.status', 'backup.settings', 'scans.profiles', 'scans.devices', 'reports.run', 'reports.monthly', 'app.info'];

/** Entity kind (as `data.changed` and the audit log name it) → channels whose queries read it. */
export const DEPENDENTS: Record<string, readonly ChannelName[]> = {
  dossier: DOSSIER_READERS,
  dossier_import: DOSSIER_READERS,
  intake_notice: ['dossiers.list', 'board.today', 'reports.run', 'reports.monthly'],
  printed_document: ['documents.history'],
  dossier_scan: ['scans.list', ...DOSSIER_READERS],
  dossier_scans: ['scans.list', ...DOSSIER_READERS],
  scan_batch: ['scans.batch'],
  scan_inbox: ['scans.inbox'],
  setting: SETTINGS_READERS,
  settings: SETTINGS_READERS,
  unit_profile: ['unit.get', 'app.info'],
  user: ['users.list', 'auth.status', 'auth.me'],
  procedure: ['catalog.list', 'dossiers.preview'],
  catalogue: ['catalog.list', 'dossiers.preview'],
  calendar_year: ['calendar.year', 'dossiers.preview', 'board.today'],
  backup: ['backup.list', 'backup.settings', 'office.storeStatus'],
  handover_recipient: ['recipients.list'],
  // OCR finishes a page every second or two in the background: only the archive's own lists follow it.
  ocr_pages: ['ocr.status', 'archive.searchText'],
};

/** Queries never refetched by a change event. */
const NEVER: ReadonlySet<string> = new Set(['documents.render']);

/** Does a change of `entity` make the query with this key stale? Unknown kinds (a restored store) refresh everything but previews. */
export function dependsOn(key: QueryKey, entity: string): boolean {
  const channel = String(key[0]);
  if (NEVER.has(channel)) return false;
  const readers = DEPENDENTS[entity];
  return readers ? readers.includes(channel as ChannelName) : true;
}

export function invalidateForChange(qc: QueryClient, entity: string): Promise<void> {
  return qc.invalidateQueries({ predicate: (q) => dependsOn(q.queryKey, entity) });
}
