import { mkdirSync, readFileSync, statfsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from './paths';
import type { Client } from '../../shared/contract/client';
import { DESK_ACTOR, type CallContext, type CoreDeps } from '../core/context';
import type { Handlers } from '../core/handlers';
import { systemClock, type Clock } from '../core/ports/clock';
import { silentLogger, type Logger } from '../core/ports/logger';
import type { Printer } from '../core/ports/printer';
import type { ScanFolderPort } from '../core/ports/scan-folder';
import type { Scanner } from '../core/ports/scanner';
import { importFile } from '../core/digitize/file-import';
import { readSetting } from '../store/settings.repository';
import { DigitizeService } from '../core/digitize/scans.service';
import { documentHandlers } from '../core/documents/documents.service';
import { applicantHandlers } from '../core/intake/applicants.service';
import { calendarHandlers } from '../core/intake/calendar.service';
import { catalogueHandlers, seedCatalogueIfEmpty } from '../core/intake/catalogue.service';
import { dossierHandlers } from '../core/intake/dossiers.service';
import { reportsHandlers } from '../core/reports/reports.handlers';
import { trackingHandlers } from '../core/tracking/tracking.handlers';
import { citizenHandlers, createCitizenPasses } from '../core/tracking/citizen.service';
import { recipientHandlers } from '../core/tracking/recipients.service';
import { unitHandlers } from '../core/unit/unit.service';
import { authHandlers, createUserPresence, resolveSession } from '../core/auth/auth.service';
import { officeHandlers } from '../core/office/office.service';
import { signatureHandlers } from '../core/signatures/signatures.service';
import type { SigningKeys } from '../core/ports/signer';
import { lazySigningKeys } from './signing';
import { createDispatcher, type Dispatcher } from '../rpc/dispatcher';
import { inProcessClient } from '../rpc/in-process';
import type { Store, StoreConfig } from '../store/dialect';
import { migrateToLatest } from '../store/migrations';
import { openCheckedStore } from '../core/admin/health';
import { warmUpRendering } from '../core/documents/warm-up';
import type { FormRenderer } from '../core/ports/form-renderer';
import type { TableReader } from '../core/ports/table-reader';
import type { RestoreOutcome } from '../../shared/contract/backup.schema';
import { loadDeskConfig, storeConfigFor } from './config';
import { EventBus } from './event-bus';
import { startChangePoller, type ChangePoller } from './change-poller';
import { createOfficePort } from './office-port';
import { createBackupService, defaultBackupFolder } from './backup-service';
import { createDeskPrinter } from './printer-config';
import { chooseScannerBackend, createScanner, folderWatcher } from './scanner';
import { OcrQueue } from '../core/archive/ocr-queue';
import { ocrHandlers } from '../core/archive/ocr.service';
import { archiveSearchHandlers } from '../core/archive/search.service';
import { syncTextIndex } from '../store/ocr-search.repository';
import type { OcrEngine } from '../core/ports/ocr';
import { chooseOcrEngine, ocrWorkers } from './ocr';
import type { KeyStore } from '../core/ports/key-store';
import { createOfficeTrust } from '../core/trust/office-trust';
import { trustHandlers } from '../core/trust/trust.service';
import { defaultKeyDir, fileKeyStore } from '../adapters/keys/file-key-store';

export interface AppOptions {
  dataDir: string;
  /** Overrides config.json / DATABASE_URL (tests pass one explicitly). */
  store?: StoreConfig;
  clock?: Clock;
  logger?: Logger;
  /** Validate every output against its schema (tests, development). */
  validateOutputs?: boolean;
  /** Overrides the printing adapter chosen from config.json / MOTCUA_PRINTER (tests inject a fake or a CUPS queue). */
  printer?: Printer;
  /** Overrides the scanner chosen from the `scanning` setting / MOTCUA_SCANNER (tests inject one). */
  scanner?: Scanner;
  /** Overrides the PKCS#11 / .p12 adapters (the default loads them on first use). */
  signingKeys?: SigningKeys;
  /** Overrides the scan-to-folder watcher (tests). */
  scanFolder?: ScanFolderPort;
  /** Where forms are drawn (the runtime's worker pool); absent: in process. */
  formRenderer?: FormRenderer;
  /** Reads import files on a worker thread (the desk host, main/app/runtime.ts); absent: in process. */
  tableReader?: TableReader;
  /** How often to look for changes made by other desks (ms; 0 = only when `changes.poll()` is called). */
  pollChangesMs?: number;
  /** Restore a backup while running (close, restore, reopen): given by main/app/runtime.ts, absent in the CLI. */
  restoreWhileRunning?: (file: string) => Promise<RestoreOutcome>;
  /** Overrides the OCR engine chosen by main/app/ocr.ts (tests inject a broken one). */
  ocrEngine?: OcrEngine;
  /** Where this desk keeps the office keys (default: a key file in the OS config folder, MOTCUA_KEY_DIR). */
  keyStore?: KeyStore;
}

export interface App {
  dataDir: string;
  store: Store;
  deps: CoreDeps;
  events: EventBus;
  dispatcher: Dispatcher;
  /** A typed in-process client acting as `ctx`. */
  client(ctx?: Partial<CallContext>): Client;
  /** Scan jobs, pending batches (their thumbnails are served at /files/<id>) and the scan-to-folder inbox. */
  digitize: DigitizeService;
  /** The OCR queue: worked in the background by long-running processes, on demand by `motcua ocr run`. */
  ocr: OcrQueue;
  /** Announces changes made elsewhere (other desks, the CLI) as `data.changed`. */
  changes: ChangePoller;
  /** Stored documents are for signed-in officers (or anyone before the first officer exists). */
  mayReadFiles(sessionToken: string | null): Promise<boolean>;
  /** Scheduled backups: started by the long-running processes (desk app, browser host), never by the CLI or tests. */
  startBackgroundJobs(): Promise<void>;
  close(): Promise<void>;
}

/** Which database this desk uses, without a password: the key store remembers which office it belongs to. */
function storeIdentity(config: StoreConfig): string {
  if (config.kind === 'sqlite') return `sqlite:${resolve(config.file)}`;
  const u = new URL(config.url);
  u.password = '';
  return `postgres:${u.toString()}#${config.schema ?? ''}`;
}

/** Long enough for the host's first answers (page, app.info) to go out before the render takes the thread. */
const WARM_UP_DELAY_MS = 1500;

export const APP_VERSION: string = readVersion();

/** Free space for an ordinary user on the disk holding `dir` (null when the OS cannot say). */
function freeBytesOf(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/**
 * The composition root: config → store (migrated) → core use cases → dispatcher.
 * Every transport (Electron IPC, HTTP host, CLI, tests) starts from here, so they all run the
 * same code. It imports nothing from electron.
 */
export async function createApp(options: AppOptions): Promise<App> {
  mkdirSync(options.dataDir, { recursive: true });
  const deskConfig = loadDeskConfig(options.dataDir);
  const storeConfig = options.store ?? storeConfigFor(options.dataDir, deskConfig);
  const printer = options.printer ?? createDeskPrinter(options.dataDir, deskConfig);
  const logger = options.logger ?? silentLogger;
  // A damaged SQLite file throws AppError('store_unavailable') with `details.recovery` (the recovery screen's data).
  const backupFolders = [defaultBackupFolder(options.dataDir), deskConfig.backup.folder].filter((f): f is string => Boolean(f));
  const store = await openCheckedStore(storeConfig, { backupFolders });
  try {
    const applied = await migrateToLatest(store.db, store.kind);
    if (applied.length > 0) logger.info('migrations applied', { applied, store: store.describe });
  } catch (e) {
    await store.close();
    throw e;
  }
  const events = new EventBus();
  const trust = createOfficeTrust(options.keyStore ?? fileKeyStore(defaultKeyDir(), { dataDir: options.dataDir }), storeIdentity(storeConfig));
  try {
    await trust.refresh(store.db);
  } catch (e) {
    await store.close();
    throw e;
  }
  const scanner = options.scanner ?? createScanner(chooseScannerBackend(await readSetting(store.db, 'scanning').catch(() => undefined)));
  const deps: CoreDeps = {
    db: store.db,
    storeKind: store.kind,
    clock: options.clock ?? systemClock,
    logger,
    events,
    version: APP_VERSION,
    printer,
    scanner,
    scanFolder: options.scanFolder ?? folderWatcher,
    ...(options.formRenderer ? { formRenderer: options.formRenderer } : {}),
    ...(options.tableReader ? { tableReader: options.tableReader } : {}),
    trust,
  };
  await seedCatalogueIfEmpty(deps);
  const digitize = new DigitizeService(deps, { importFile });
  await digitize.start();
  await syncTextIndex(store.db, store.kind);
  const ocr = new OcrQueue(deps, { engine: options.ocrEngine ?? chooseOcrEngine(), workers: ocrWorkers() });
  // A scan attached (here or, via the poller, on another desk) has pages to read.
  events.subscribe((name, payload) => {
    if (name === 'data.changed' && (payload as { entity: string }).entity === 'dossier_scans') ocr.kick();
  });
  const backup = createBackupService({
    dataDir: options.dataDir,
    store,
    clock: deps.clock,
    logger,
    events,
    appVersion: APP_VERSION,
    restoreWhileRunning: options.restoreWhileRunning,
  });
  const citizenPasses = createCitizenPasses(() => deps.clock.now());
  const handlers: Handlers = {
    ...unitHandlers(deps),
    ...catalogueHandlers(deps),
    ...calendarHandlers(deps),
    ...applicantHandlers(deps),
    ...dossierHandlers(deps),
    ...trackingHandlers(deps),
    ...recipientHandlers(deps),
    ...documentHandlers(deps),
    ...reportsHandlers(deps),
    ...digitize.handlers(),
    ...backup.handlers,
    ...authHandlers(deps),
    ...officeHandlers(deps, createOfficePort(options.dataDir), store),
    ...ocrHandlers(deps, ocr),
    ...signatureHandlers(deps, options.signingKeys ?? lazySigningKeys),
    ...archiveSearchHandlers(deps),
    ...citizenHandlers(deps, citizenPasses),
    ...trustHandlers(deps),
  };
  const presence = createUserPresence(deps);
  const dispatcher = createDispatcher(handlers, {
    logger,
    validateOutputs: options.validateOutputs ?? false,
    access: { resolveSession: (token) => resolveSession(deps, token), anyUser: () => presence.anyUser(), resolveCitizen: (token) => citizenPasses.resolve(token) },
    storage: { kind: store.kind, dataDir: options.dataDir, freeBytes: () => freeBytesOf(options.dataDir) },
  });
  const changes = startChangePoller(store.db, events, logger, options.pollChangesMs ?? 2000);
  let warmUpTimer: ReturnType<typeof setTimeout> | null = null;
  return {
    dataDir: options.dataDir,
    store,
    deps,
    events,
    dispatcher,
    client(ctx = {}) {
      // Without `user` or `sessionToken` an in-process caller acts as the local admin (core/context.ts).
      return inProcessClient(dispatcher, {
        actor: ctx.actor ?? ctx.user?.name ?? DESK_ACTOR,
        transport: ctx.transport ?? 'in-process',
        ...(ctx.user !== undefined ? { user: ctx.user } : {}),
        ...(ctx.sessionToken !== undefined ? { sessionToken: ctx.sessionToken } : {}),
        ...(ctx.citizenToken !== undefined ? { citizenToken: ctx.citizenToken } : {}),
      });
    },
    changes,
    async mayReadFiles(sessionToken) {
      if (!(await presence.anyUser())) return true;
      return sessionToken !== null && (await resolveSession(deps, sessionToken)) !== null;
    },
    digitize,
    ocr,
    async startBackgroundJobs() {
      ocr.startBackground();
      await backup.startScheduler();
      // A little after start, while the clerk signs in: the first receipt of the day then costs what
      // the tenth does (warm-up.ts). MOTCUA_WARM_UP=0 turns it off (the bench's baseline).
      // Render threads warm themselves up (render-worker.ts).
      if (!options.formRenderer && process.env.MOTCUA_WARM_UP !== '0') {
        warmUpTimer = setTimeout(() => void warmUpRendering((e) => logger.warn('warm-up render failed', { error: (e as Error)?.message })), WARM_UP_DELAY_MS);
        warmUpTimer.unref();
      }
    },
    close: async () => {
      if (warmUpTimer) clearTimeout(warmUpTimer);
      backup.stop();
      await changes.stop();
      await ocr.close();
      await digitize.close();
      await store.close();
    },
  };
}
