import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Client } from '../../shared/contract/client';
import { DESK_ACTOR, type CallContext, type CoreDeps } from '../core/context';
import type { Handlers } from '../core/handlers';
import { systemClock, type Clock } from '../core/ports/clock';
import { silentLogger, type Logger } from '../core/ports/logger';
import { applicantHandlers } from '../core/intake/applicants.service';
import { calendarHandlers } from '../core/intake/calendar.service';
import { catalogueHandlers, seedCatalogueIfEmpty } from '../core/intake/catalogue.service';
import { dossierHandlers } from '../core/intake/dossiers.service';
import { unitHandlers } from '../core/unit/unit.service';
import { createDispatcher, type Dispatcher } from '../rpc/dispatcher';
import { inProcessClient } from '../rpc/in-process';
import { openStore, type Store, type StoreConfig } from '../store/dialect';
import { migrateToLatest } from '../store/migrations';
import { loadDeskConfig, storeConfigFor } from './config';
import { EventBus } from './event-bus';

export interface AppOptions {
  dataDir: string;
  /** Overrides config.json / DATABASE_URL (tests pass one explicitly). */
  store?: StoreConfig;
  clock?: Clock;
  logger?: Logger;
  /** Validate every output against its schema (tests, development). */
  validateOutputs?: boolean;
}

export interface App {
  dataDir: string;
  store: Store;
  deps: CoreDeps;
  events: EventBus;
  dispatcher: Dispatcher;
  /** A typed in-process client acting as `ctx`. */
  client(ctx?: Partial<CallContext>): Client;
  close(): Promise<void>;
}

export const APP_VERSION: string = readVersion();

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version?: string };
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
  const storeConfig = options.store ?? storeConfigFor(options.dataDir, loadDeskConfig(options.dataDir));
  const logger = options.logger ?? silentLogger;
  const store = await openStore(storeConfig);
  try {
    const applied = await migrateToLatest(store.db, store.kind);
    if (applied.length > 0) logger.info('migrations applied', { applied, store: store.describe });
  } catch (e) {
    await store.close();
    throw e;
  }
  const events = new EventBus();
  const deps: CoreDeps = {
    db: store.db,
    storeKind: store.kind,
    clock: options.clock ?? systemClock,
    logger,
    events,
    version: APP_VERSION,
  };
  await seedCatalogueIfEmpty(deps);
  const handlers: Handlers = {
    ...unitHandlers(deps),
    ...catalogueHandlers(deps),
    ...calendarHandlers(deps),
    ...applicantHandlers(deps),
    ...dossierHandlers(deps),
  };
  const dispatcher = createDispatcher(handlers, { logger, validateOutputs: options.validateOutputs ?? false });
  return {
    dataDir: options.dataDir,
    store,
    deps,
    events,
    dispatcher,
    client(ctx = {}) {
      return inProcessClient(dispatcher, { actor: ctx.actor ?? DESK_ACTOR, transport: ctx.transport ?? 'in-process' });
    },
    close: () => store.close(),
  };
}
