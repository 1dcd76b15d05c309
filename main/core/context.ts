import type { Kysely } from 'kysely';
import type { SessionUser } from '../../shared/contract/auth.schema';
import type { StoreKind } from '../store/dialect';
import type { Database } from '../store/schema';
import type { Clock } from './ports/clock';
import type { EventSink } from './ports/events';
import type { FormRenderer } from './ports/form-renderer';
import type { TableReader } from './ports/table-reader';
import type { Logger } from './ports/logger';
import type { Printer } from './ports/printer';
import type { ScanFolderPort } from './ports/scan-folder';
import type { Scanner } from './ports/scanner';
import type { OfficeTrust } from './trust/office-trust';

/** What every use case gets: the store, time, logging. Built once by main/app/create-app.ts. */
export interface CoreDeps {
  db: Kysely<Database>;
  storeKind: StoreKind;
  clock: Clock;
  logger: Logger;
  events: EventSink;
  version: string;
  /** Where printed documents go (CUPS, Windows, save-as-PDF; a fake in tests). Chosen by main/app/printer-config.ts. */
  printer: Printer;
  /** The desk's scanner driver (SANE, WIA, or a test double); chosen by main/app/scanner.ts. */
  scanner: Scanner;
  /** Scan-to-folder watcher; absent where no folder watching is possible. */
  scanFolder?: ScanFolderPort;
  /** Draws forms off the main thread (the desk host); absent: drawn in process. */
  formRenderer?: FormRenderer;
  /** Reads import files off the main thread (the desk host); absent: read in process. */
  tableReader?: TableReader;
  /** The office's recovery-code record and this desk's keys (kept outside the database): seals the audit chain, encrypts backups. */
  trust: OfficeTrust;
}

/**
 * Who is calling. `actor` is what audit entries record: the signed-in officer's name.
 * Transports that face a page (ipc, http) pass only `sessionToken`; the dispatcher resolves it to
 * `user` and refuses what the officer's role may not do (shared/contract/permissions.ts).
 * In-process callers (the CLI, tests) are trusted code on the data folder itself: without an
 * explicit `user` they act as the local admin (see LOCAL_ADMIN).
 */
export interface CallContext {
  actor: string;
  transport: 'ipc' | 'http' | 'in-process';
  /** The signed-in officer, resolved by the dispatcher; null when nobody is signed in. */
  user?: SessionUser | null;
  /** The raw session token carried by the transport (never logged, never stored plain). */
  sessionToken?: string;
  /** A citizen's narrow pass (the rating screen), instead of an officer's session. */
  citizenToken?: string;
  /** The dossier that pass was issued for, resolved by the dispatcher; only citizen channels see it. */
  citizen?: CitizenGrant;
}

/** What a citizen pass allows: one dossier, until it expires or is used. */
export interface CitizenGrant {
  dossierId: string;
  code: string;
  expiresAt: string;
}

/** The actor audit entries record for a citizen's own action (never shown as an officer). */
export const CITIZEN_ACTOR = 'citizen';

/** Whoever runs the CLI or a test already holds the data folder, so they act as an admin. */
export const LOCAL_ADMIN: SessionUser = { id: 'local-admin', name: 'desk', displayName: 'Quản trị tại máy', role: 'admin' };

export const DESK_ACTOR = 'desk';
