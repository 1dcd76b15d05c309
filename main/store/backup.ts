import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Kysely, SqliteDialect, sql } from 'kysely';
// eslint-disable-next-line no-restricted-imports -- backups need their own driver connections (snapshot read, read-only copy, exclusive take-over); only dialect.ts and this file touch drivers.
import type BetterSqlite3 from 'better-sqlite3';
import type { Store } from './dialect';
import type { Database } from './schema';

/**
 * The engine-level half of backup and restore: SQLite online backup from a pinned snapshot,
 * read-only inspection of a copy, taking a file over for replacement, and pg_dump/pg_restore.
 * Tables are always enumerated from the database itself, never listed here, so tables added by
 * later migrations are backed up, counted and verified without touching this file.
 * The use cases (manifest, verification, rotation, restore) live in main/core/admin.
 */

export type TableCounts = Record<string, number>;

type SqliteDb = BetterSqlite3.Database;

async function loadSqlite(): Promise<typeof BetterSqlite3> {
  // Loaded lazily like in dialect.ts, so a desk on PostgreSQL never loads the SQLite driver.
  const mod = await import('better-sqlite3');
  return mod.default;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Ordinary and shadow tables of the main schema (shadow = FTS storage, which holds real data).
 * Virtual tables are skipped: their rows live in their shadow tables, and counting one needs its module.
 */
function sqliteTables(db: SqliteDb): string[] {
  const rows = db.prepare(`select name, type from pragma_table_list where schema = 'main'`).all() as Array<{ name: string; type: string }>;
  return rows
    .filter((r) => (r.type === 'table' || r.type === 'shadow') && !r.name.startsWith('sqlite_'))
    .map((r) => r.name)
    .sort();
}

function sqliteCounts(db: SqliteDb): TableCounts {
  const counts: TableCounts = {};
  for (const table of sqliteTables(db)) {
    const row = db.prepare(`select count(*) as n from ${quoteIdent(table)}`).get() as { n: number };
    counts[table] = Number(row.n);
  }
  return counts;
}

function sqliteSchemaVersion(db: SqliteDb): { latest: string | null; applied: string[] } {
  const has = db.prepare(`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`).get();
  if (!has) return { latest: null, applied: [] };
  const applied = (db.prepare('select name from kysely_migration order by name').all() as Array<{ name: string }>).map((r) => r.name);
  return { latest: applied[applied.length - 1] ?? null, applied };
}

export interface SqliteSnapshotBackup<T> {
  /** Rows per table in the snapshot that was copied. */
  counts: TableCounts;
  /** Name of the newest applied migration in that snapshot. */
  schemaVersion: string | null;
  pages: number;
  /** Whatever `withinSnapshot` returned, computed on the very snapshot that was copied. */
  inSnapshot: T;
}

/**
 * Copy a live SQLite database to `destFile` while the app keeps writing.
 *
 * A second, read-only connection opens a read transaction and counts every table first: in WAL
 * mode that pins one snapshot, and `sqlite3_backup_step` reuses the open transaction, so the pages
 * copied are exactly the snapshot counted, however many rows the app's own connection commits
 * meanwhile (readers never block the writer). Copying from the app's connection instead would
 * make the copy end at "whenever the last step ran", with no way to count that same moment.
 * `withinSnapshot` runs on the same snapshot (the core verifies the audit chain there).
 */
export async function sqliteSnapshotBackup<T>(
  sourceFile: string,
  destFile: string,
  withinSnapshot: (db: Kysely<any>) => Promise<T>,
  opts: { pagesPerStep?: number; onProgress?: (p: { totalPages: number; remainingPages: number }) => void } = {},
): Promise<SqliteSnapshotBackup<T>> {
  const Sqlite = await loadSqlite();
  const src = new Sqlite(sourceFile, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    src.exec('BEGIN');
    try {
      const counts = sqliteCounts(src);
      const schemaVersion = sqliteSchemaVersion(src).latest;
      // Not destroyed: Kysely's destroy() would close `src`, which the finally below owns.
      const inSnapshot = await withinSnapshot(new Kysely<any>({ dialect: new SqliteDialect({ database: src }) }));
      // ~4 MB per step at 4 KiB pages: the event loop stays responsive on a multi-GB store.
      const step = opts.pagesPerStep ?? 1000;
      const meta = await src.backup(destFile, {
        progress: (p) => {
          opts.onProgress?.(p);
          return step;
        },
      });
      return { counts, schemaVersion, pages: meta.totalPages, inSnapshot };
    } finally {
      if (src.inTransaction) src.exec('COMMIT');
    }
  } finally {
    src.close();
  }
}

/**
 * Make a freshly copied file self-contained: the copy inherits the WAL flag from the source
 * header, and a WAL database opened elsewhere (read-only, another machine, a USB stick) wants
 * -wal/-shm side files. Rollback-journal mode keeps it a single file.
 */
export async function makeStandaloneSqliteFile(file: string): Promise<void> {
  const Sqlite = await loadSqlite();
  const db = new Sqlite(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

export interface SqliteInspection {
  /** `['ok']` when healthy, otherwise SQLite's own descriptions of what is wrong. */
  check: string[];
  counts: TableCounts;
  schemaVersion: string | null;
  appliedMigrations: string[];
  tables: string[];
}

/** Open a file read-only and check it: full `integrity_check` (or the faster `quick_check`), counts, schema. */
export async function inspectSqliteFile(file: string, opts: { check?: 'integrity' | 'quick' } = {}): Promise<SqliteInspection> {
  const Sqlite = await loadSqlite();
  const db = new Sqlite(file, { readonly: true, fileMustExist: true });
  try {
    const pragma = opts.check === 'quick' ? 'quick_check' : 'integrity_check';
    const check = (db.pragma(pragma) as Array<Record<string, string>>).map((r) => String(Object.values(r)[0]));
    const schema = sqliteSchemaVersion(db);
    const counts = sqliteCounts(db);
    return { check, counts, schemaVersion: schema.latest, appliedMigrations: schema.applied, tables: Object.keys(counts) };
  } finally {
    db.close();
  }
}

/**
 * `quick_check` (or `integrity_check`) of a file through a read-only connection: unlike opening
 * the store, this never writes to the file (no journal-mode switch), so a damaged file stays
 * byte-for-byte as found. Throws the driver's error when the file is not a database at all.
 */
export async function checkSqliteFile(file: string, kind: 'quick' | 'integrity' = 'quick'): Promise<string[]> {
  const Sqlite = await loadSqlite();
  const db = new Sqlite(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    return (db.pragma(kind === 'quick' ? 'quick_check' : 'integrity_check') as Array<Record<string, string>>).map((r) => String(Object.values(r)[0]));
  } finally {
    db.close();
  }
}

/** A read-only Kysely store over a backup copy, so the core can walk its audit chain. */
export async function openSqliteReadOnly(file: string): Promise<Store> {
  const Sqlite = await loadSqlite();
  const native = new Sqlite(file, { readonly: true, fileMustExist: true });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: native }) });
  return { db, kind: 'sqlite', describe: `SQLite (chỉ đọc): ${file}`, close: () => db.destroy(), native: { kind: 'sqlite', file } };
}

/** `PRAGMA quick_check` through the app's own connection (start-up check). */
export async function sqliteQuickCheck(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<Record<string, string>>`pragma quick_check`.execute(db);
  return rows.map((r) => String(Object.values(r)[0]));
}

export type SqliteDamage = 'not_a_database' | 'corrupt';

/** Whether a driver error means the file itself is damaged (as opposed to locked, missing, …). */
export function sqliteDamageOf(err: unknown): SqliteDamage | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_NOTADB') return 'not_a_database';
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_')) return 'corrupt';
  return null;
}

/**
 * Before replacing a database file: fold its WAL back in and leave it a single file, which SQLite
 * only allows when no other connection has it open. That doubles as the check that the app (or
 * another `motcua`) is really closed.
 */
export async function takeSqliteFileForReplace(file: string): Promise<'ready' | 'busy' | 'damaged'> {
  const Sqlite = await loadSqlite();
  let db: SqliteDb | undefined;
  try {
    db = new Sqlite(file, { fileMustExist: true, timeout: 0 });
    const mode = String(db.pragma('journal_mode = DELETE', { simple: true }));
    return mode.toLowerCase() === 'delete' ? 'ready' : 'busy';
  } catch (e) {
    if (sqliteDamageOf(e)) return 'damaged';
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
    throw e;
  } finally {
    db?.close();
  }
}

// ─── PostgreSQL ────────────────────────────────────────────────────────────────

/**
 * Find a PostgreSQL client tool: PATH first, then the usual install folders (Debian keeps
 * versioned binaries in /usr/lib/postgresql/<n>/bin, Windows in Program Files), newest first.
 */
export function findPgTool(
  name: 'pg_dump' | 'pg_restore',
  opts: { pathEnv?: string; extraDirs?: string[]; platform?: NodeJS.Platform } = {},
): string | null {
  const platform = opts.platform ?? process.platform;
  const exe = platform === 'win32' ? `${name}.exe` : name;
  const pathEnv = opts.pathEnv ?? process.env.PATH ?? '';
  const dirs = [...pathEnv.split(delimiter).filter((d) => d !== ''), ...(opts.extraDirs ?? defaultPgDirs(platform))];
  for (const dir of dirs) {
    const candidate = join(dir, exe);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

function defaultPgDirs(platform: NodeJS.Platform): string[] {
  const roots = platform === 'win32' ? [join(process.env.ProgramFiles ?? 'C:\\Program Files', 'PostgreSQL')] : ['/usr/lib/postgresql', '/usr/local/pgsql'];
  const out: string[] = [];
  for (const root of roots) {
    let versions: string[];
    try {
      versions = readdirSync(root);
    } catch {
      continue;
    }
    versions.sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    for (const v of versions) out.push(join(root, v, 'bin'));
    out.push(join(root, 'bin'));
  }
  return out;
}

/** A URL without its password, and the password for PGPASSWORD, so it never shows in a process list. */
export function pgConnectionForTools(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { dbname: u.toString(), env: password === undefined ? {} : { PGPASSWORD: password } };
}

export interface ToolRun {
  code: number | null;
  stderr: string;
}

function runTool(cmd: string, args: string[], env: NodeJS.ProcessEnv, onStdoutLine?: (line: string) => void): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', onStdoutLine ? 'pipe' : 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (d: string) => {
      if (stderr.length < 20_000) stderr += d;
    });
    let linesDone: Promise<void> = Promise.resolve();
    if (onStdoutLine && child.stdout) {
      const rl = createInterface({ input: child.stdout, crlfDelay: Infinity });
      rl.on('line', onStdoutLine);
      linesDone = new Promise((r) => rl.once('close', () => r()));
    }
    child.once('error', reject);
    child.once('close', (code) => {
      void linesDone.then(() => resolve({ code, stderr }));
    });
  });
}

export interface PgSnapshotDump<T> {
  counts: TableCounts;
  schemaVersion: string | null;
  run: ToolRun;
  /** Whatever `withinSnapshot` returned, computed on the very snapshot that was dumped. */
  inSnapshot: T;
}

/**
 * `pg_dump --format=custom` of exactly the snapshot we count: a REPEATABLE READ transaction exports
 * its snapshot, counts every table of the schema, runs `withinSnapshot` (the core verifies the
 * audit chain there), and pg_dump dumps that same snapshot with `--snapshot`.
 * Returns the tool's exit code and stderr; the caller turns failures into messages.
 */
export async function pgSnapshotDump<T>(
  db: Kysely<any>,
  target: { url: string; schema?: string },
  destFile: string,
  pgDump: string,
  withinSnapshot: (trx: Kysely<any>) => Promise<T>,
): Promise<PgSnapshotDump<T>> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const { rows: snap } = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx);
      const snapshotId = snap[0]!.id;
      const { rows: tables } = await sql<{ name: string }>`
        select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(trx);
      const counts: TableCounts = {};
      for (const { name } of tables) {
        const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.id(name)}`.execute(trx);
        counts[name] = Number(rows[0]!.n);
      }
      const schemaVersion =
        'kysely_migration' in counts
          ? ((await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(trx)).rows[0]?.name ?? null)
          : null;
      const inSnapshot = await withinSnapshot(trx);
      const { rows: cur } = await sql<{ schema: string }>`select current_schema() as schema`.execute(trx);
      const conn = pgConnectionForTools(target.url);
      const args = ['--format=custom', `--snapshot=${snapshotId}`, `--file=${destFile}`, `--schema=${target.schema ?? cur[0]!.schema}`, '--no-password', `--dbname=${conn.dbname}`];
      const run = await runTool(pgDump, args, conn.env);
      return { counts, schemaVersion, run, inSnapshot };
    });
}

export interface PgDumpContents {
  list: ToolRun;
  data: ToolRun;
  /** Tables with a TABLE DATA entry in the archive's table of contents. */
  tablesListed: string[];
  /** Rows per table, counted from the COPY blocks pg_restore writes out of the archive. */
  counts: TableCounts;
}

/**
 * Read a custom-format archive without a server: `pg_restore --list` (the archive is readable and
 * complete) and `pg_restore --data-only -f -`, counting the rows of every COPY block, so the
 * counts in the manifest are checked against what the file really holds.
 */
export async function readPgDump(pgRestore: string, file: string): Promise<PgDumpContents> {
  const tablesListed: string[] = [];
  const list = await runTool(pgRestore, ['--list', file], {}, (line) => {
    // "3340; 0 16390 TABLE DATA t_abc audit_log postgres"
    const m = /^\d+;\s+\d+\s+\d+\s+TABLE DATA\s+(\S+)\s+(\S+)\s/.exec(line);
    if (m) tablesListed.push(m[2]!);
  });
  const counts: TableCounts = {};
  let current: string | null = null;
  const data =
    list.code !== 0
      ? { code: null, stderr: 'skipped' }
      : await runTool(pgRestore, ['--data-only', '--file=-', file], {}, (line) => {
          if (current === null) {
            const m = /^COPY\s+((?:"(?:[^"]|"")+"|[^\s.(]+)\.)?("(?:[^"]|"")+"|[^\s(]+)\s/.exec(line);
            if (m) {
              current = unquoteIdent(m[2]!);
              counts[current] = 0;
            }
          } else if (line === '\\.') {
            current = null;
          } else {
            counts[current] = (counts[current] ?? 0) + 1;
          }
        });
  return { list, data, tablesListed: tablesListed.sort(), counts };
}

function unquoteIdent(s: string): string {
  return s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s;
}
