import type { Role } from './auth.schema';
import type { ChannelName } from './channels';

/**
 * Who may call what. The dispatcher checks this table before any handler runs, so hiding a button
 * in the UI is never the only protection. Typed over every channel: a new channel without an entry
 * here fails the typecheck.
 *
 * - 'public': anyone, signed in or not (what the sign-in screen itself needs).
 * - 'setup': anyone while the desk has no officer yet (first-run set-up); afterwards admins only.
 * - a role list: a signed-in officer with one of these roles.
 */
export type Access = 'public' | 'setup' | readonly Role[];

const ALL: readonly Role[] = ['clerk', 'leader', 'admin'];
const LEADERS: readonly Role[] = ['leader', 'admin'];
const ADMINS: readonly Role[] = ['admin'];

export const PERMISSIONS = {
  // unit.channels.ts — the sign-in screen shows the unit's name, so reading it is public.
  'app.info': 'public',
  'unit.get': 'public',
  'unit.save': 'setup',
  // intake.channels.ts
  'catalog.list': ALL,
  'catalog.save': ADMINS,
  'catalog.retire': ADMINS,
  'catalog.export': ALL,
  'catalog.import': ADMINS,
  'catalog.exportXlsx': ADMINS,
  'catalog.importXlsx': ADMINS,
  'calendar.due': ALL,
  'calendar.day': ALL,
  'calendar.year': ALL,
  'calendar.saveYear': ADMINS,
  'applicants.search': ALL,
  'dossiers.preview': ALL,
  'dossiers.create': ALL,
  'dossiers.get': ALL,
  'dossiers.list': ALL,
  'dossiers.overrideDue': LEADERS,
  'intake.notice': ALL,
  'intake.noticeGet': ALL,
  // documents.channels.ts
  'documents.render': ALL,
  'documents.print': ALL,
  'documents.reprint': ALL,
  'documents.history': ALL,
  'printers.list': ALL,
  'printers.getSettings': ALL,
  'printers.saveSettings': ADMINS,
  // auth.channels.ts
  'auth.status': 'public',
  'auth.setupAdmin': 'setup',
  'auth.signIn': 'public',
  'auth.signOut': 'public',
  'auth.me': 'public',
  'auth.changePin': ALL,
  'auth.saveSettings': ADMINS,
  'users.list': ADMINS,
  'users.create': ADMINS,
  'users.update': ADMINS,
  'users.resetPin': ADMINS,
  // office.channels.ts
  'office.storeStatus': ADMINS,
  'office.testConnection': ADMINS,
  'office.prepareServer': ADMINS,
  'office.moveToServer': ADMINS,
  'office.useServer': ADMINS,
  'office.moveToLocal': ADMINS,
  // digitize.channels.ts
  'scans.devices': ALL,
  'scans.profiles': ALL,
  'scans.start': ALL,
  'scans.cancel': ALL,
  'scans.batch': ALL,
  'scans.import': ALL,
  'scans.arrange': ALL,
  'scans.discard': ALL,
  'scans.attach': ALL,
  'scans.list': ALL,
  'scans.detach': ALL,
  'scans.settings': ALL,
  'scans.saveSettings': ADMINS,
  'scans.inbox': ALL,
  'scans.takeInbox': ALL,
  // backup.channels.ts — recovery runs before sign-in (the users table is in the damaged store);
  // in normal mode recovery.restore refuses, so 'public' never lets anyone overwrite healthy data.
  'backup.settings': ADMINS,
  'backup.saveSettings': ADMINS,
  'backup.create': ADMINS,
  'backup.list': ADMINS,
  'backup.verify': ADMINS,
  'backup.preview': ADMINS,
  'backup.restore': ADMINS,
  'recovery.status': 'public',
  'recovery.restore': 'public',
  // tracking.channels.ts — every officer follows and returns dossiers; the citizen screen runs on the desk's session.
  'tracking.get': ALL,
  'tracking.handOver': ALL,
  'tracking.requestSupplement': ALL,
  'tracking.supplySupplement': ALL,
  'tracking.resultReady': ALL,
  'tracking.return': ALL,
  'tracking.refuse': ALL,
  'tracking.stop': ALL,
  'tracking.withdraw': ALL,
  'tracking.extend': ALL,
  'tracking.rate': ALL,
  'tracking.pendingRating': ALL,
  'board.today': ALL,
  'dossiers.history': ALL,
  // reports.channels.ts — every officer searches and reports; importing history and changing the rule is for admins.
  'dossiers.search': ALL,
  'dossiers.import': ADMINS,
  'reports.run': ALL,
  'reports.monthly': ALL,
  'reports.export': ALL,
  'reports.exportBook': ALL,
  'reports.settings': ALL,
  'reports.saveSettings': ADMINS,
} as const satisfies Record<ChannelName, Access>;

export const permissions: Readonly<Record<ChannelName, Access>> = PERMISSIONS;

/** May an officer with `role` call `channel` (ignoring 'public' and 'setup', which need store state)? */
export function roleMayCall(channel: ChannelName, role: Role): boolean {
  const access = permissions[channel];
  if (access === 'public') return true;
  if (access === 'setup') return role === 'admin';
  return access.includes(role);
}
