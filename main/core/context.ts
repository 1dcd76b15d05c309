import type { Kysely } from 'kysely';
import type { StoreKind } from '../store/dialect';
import type { Database } from '../store/schema';
import type { Clock } from './ports/clock';
import type { EventSink } from './ports/events';
import type { Logger } from './ports/logger';

/** What every use case gets: the store, time, logging. Built once by main/app/create-app.ts. */
export interface CoreDeps {
  db: Kysely<Database>;
  storeKind: StoreKind;
  clock: Clock;
  logger: Logger;
  events: EventSink;
  version: string;
}

/** Who is calling. Until sign-in exists (users and roles issue) every call acts as the desk itself. */
export interface CallContext {
  actor: string;
  transport: 'ipc' | 'http' | 'in-process';
}

export const DESK_ACTOR = 'desk';
