import { Kysely, PostgresDialect, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';
import type { Database } from './schema';

/**
 * The only file that imports database drivers. Everything else sees `Kysely<Database>`.
 * Drivers are loaded lazily so a desk on SQLite never loads `pg` and vice versa.
 */
export type StoreConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; /** schema to use (tests isolate themselves in one) */ schema?: string };

export type StoreKind = StoreConfig['kind'];

export interface Store {
  db: Kysely<Database>;
  kind: StoreKind;
  /** Human-readable location for logs and the settings screen (never contains a password). */
  describe: string;
  close(): Promise<void>;
  /**
   * Where the engine keeps the data, for backup and restore (main/store/backup.ts) only:
   * SQLite's online backup opens its own connection on the file, pg_dump needs the URL.
   */
  native?: NativeLocation;
}

export type NativeLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };

export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.kind === 'sqlite') return openSqlite(config.file);
  return openPostgres(config.url, config.schema);
}

async function openSqlite(file: string): Promise<Store> {
  const { default: BetterSqlite3 } = await import('better-sqlite3');
  const native = new BetterSqlite3(file);
  // WAL: readers never block the writer. FULL: an acknowledged save survives a power cut,
  // which matters more for the dossier book than raw speed. busy_timeout: a second process
  // (the CLI while the app runs) waits for the lock instead of failing at once.
  native.pragma('journal_mode = WAL');
  native.pragma('synchronous = FULL');
  native.pragma('foreign_keys = ON');
  native.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new AutoRollbackAwareSqliteDialect({ database: native }, () => native.inTransaction) });
  return {
    db,
    kind: 'sqlite',
    describe: `SQLite: ${file}`,
    // Kysely opens its driver lazily and closes only what it opened: a store that ran no query would
    // leave the native connection (and its WAL file) open, so close it here too.
    close: async () => {
      await db.destroy();
      if (native.open) native.close();
    },
    native: { kind: 'sqlite', file },
  };
}

/**
 * On SQLITE_FULL (and SQLITE_IOERR, SQLITE_NOMEM…) SQLite may already have rolled the transaction
 * back by itself. Kysely then sends ROLLBACK, which fails with "cannot rollback - no transaction is
 * active", and that error replaces the real one: a full disk reached the clerk as a riddle. The
 * rollback is skipped when SQLite says no transaction is open, so the original error travels on.
 */
class AutoRollbackAwareSqliteDialect extends SqliteDialect {
  private readonly config: SqliteDialectConfig;
  private readonly inTransaction: () => boolean;
  constructor(config: SqliteDialectConfig, inTransaction: () => boolean) {
    super(config);
    this.config = config;
    this.inTransaction = inTransaction;
  }
  override createDriver(): Driver {
    const inTransaction = this.inTransaction;
    return new (class extends SqliteDriver {
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (!inTransaction()) return;
        await super.rollbackTransaction(connection);
      }
    })(this.config);
  }
}

async function openPostgres(url: string, schema?: string): Promise<Store> {
  const { default: pg } = await import('pg');
  // COUNT(*) and BIGINT come back as strings by default; our numbers stay far below 2^53.
  pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number.parseInt(v, 10));
  if (schema) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    connectionTimeoutMillis: 5000,
    // Desk-sized queries: starting parallel workers (~50 ms) costs more than they save, and the
    // server is often a commune PC serving several desks at once.
    options: `-c max_parallel_workers_per_gather=0${schema ? ` -c search_path=${schema}` : ''}`,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // Fail now, with a clear cause, rather than on the first click.
  await sql`select 1`.execute(db);
  return {
    db,
    kind: 'postgres',
    describe: `PostgreSQL: ${redactUrl(url)}${schema ? ` (schema ${schema})` : ''}`,
    close: () => db.destroy(),
    native: { kind: 'postgres', url, ...(schema ? { schema } : {}) },
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(invalid url)';
  }
}
