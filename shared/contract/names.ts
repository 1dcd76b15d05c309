/**
 * Channel and event names alone, without their schemas: the preload imports these to gate IPC and
 * must stay tiny (no zod). channels.ts and events.ts check at compile time that the lists match
 * their tables exactly, so adding a channel there without adding it here fails the typecheck.
 */
export const CHANNEL_NAMES = [
  // unit.channels.ts
  'app.info',
  'unit.get',
  'unit.save',
  // intake.channels.ts
  'catalog.list',
  'catalog.save',
  'catalog.retire',
  'catalog.export',
  'catalog.import',
  'calendar.due',
  'calendar.day',
  'calendar.year',
  'calendar.saveYear',
  'applicants.search',
  'dossiers.preview',
  'dossiers.create',
  'dossiers.get',
  'dossiers.list',
  'dossiers.overrideDue',
  'intake.notice',
  'intake.noticeGet',
] as const;
export const EVENT_NAMES = ['data.changed', 'job.progress'] as const;
