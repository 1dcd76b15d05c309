import { sql, type Kysely, type Transaction } from 'kysely';
import type { StoreKind } from './dialect';
import type { Database } from './schema';

/**
 * Copy every table of one store into another (SQLite → PostgreSQL when an office moves to a
 * shared server, and back). Tables go in foreign-key order, in batches, inside one transaction on
 * each side: the source is read from one consistent snapshot, and the target either receives
 * everything with matching row counts or nothing at all.
 */
export interface CopySide {
  db: Kysely<Database>;
  kind: StoreKind;
}

export interface TableCopyCount {
  table: string;
  source: number;
  target: number;
}

export interface CopyOptions {
  /** Empty a target that already holds office data (otherwise refuse). */
  replace: boolean;
  onProgress?(p: { table: string; done: number; total: number }): void;
  /** Thrown when the target holds data and `replace` is false. */
  targetNotEmpty(): Error;
  /** Thrown when a table's count differs after the copy. */
  countMismatch(count: TableCopyCount): Error;
}

type AnyDb = Kysely<any>;

/** Tables that are bookkeeping of the migrator itself, never copied. */
// ocr_fts*: SQLite's FTS5 index and its shadow tables, rebuilt from ocr_pages (ocr.repository syncTextIndex).
const SKIP = /^(kysely_migration|kysely_migration_lock|sqlite_.*|ocr_fts.*)$/;
/** Tables whose rows mean "this store already holds an office's data". */
const OFFICE_DATA_TABLES = ['unit_profile', 'dossiers', 'users', 'audit_log'];

export async function listTables(db: AnyDb, kind: StoreKind): Promise<string[]> {
  if (kind === 'sqlite') {
    const r = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(db);
    return r.rows.map((x) => x.name).filter((n) => !SKIP.test(n));
  }
  const r = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return r.rows.map((x) => x.name).filter((n) => !SKIP.test(n));
}

async function foreignKeys(db: AnyDb, kind: StoreKind, tables: string[]): Promise<Array<[string, string]>> {
  if (kind === 'sqlite') {
    const out: Array<[string, string]> = [];
    for (const t of tables) {
      const r = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${t})`.execute(db);
      for (const row of r.rows) out.push([t, row.table]);
    }
    return out;
  }
  const r = await sql<{ child: string; parent: string }>`
    select tc.table_name as child, ccu.table_name as parent
    from information_schema.table_constraints tc
    join information_schema.constraint_column_usage ccu
      on tc.constraint_name = ccu.constraint_name and tc.constraint_schema = ccu.constraint_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`.execute(db);
  return r.rows.map((x) => [x.child, x.parent]);
}

/** Parents before children (Kahn's algorithm, alphabetical among equals so runs are repeatable). */
export async function tablesInDependencyOrder(db: AnyDb, kind: StoreKind): Promise<string[]> {
  const tables = await listTables(db, kind);
  const edges = (await foreignKeys(db, kind, tables)).filter(([c, p]) => c !== p && tables.includes(p));
  const remaining = new Set(tables);
  const order: string[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining].filter((t) => !edges.some(([c, p]) => c === t && remaining.has(p))).sort();
    if (ready.length === 0) throw new Error(`foreign-key cycle among ${[...remaining].join(', ')}`);
    for (const t of ready) {
      order.push(t);
      remaining.delete(t);
    }
  }
  return order;
}

async function primaryKey(db: AnyDb, kind: StoreKind, table: string): Promise<string[]> {
  if (kind === 'sqlite') {
    const r = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table}) where pk > 0 order by pk`.execute(db);
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{ name: string }>`
    select kcu.column_name as name
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu
      on tc.constraint_name = kcu.constraint_name and tc.constraint_schema = kcu.constraint_schema
    where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = current_schema() and tc.table_name = ${table}
    order by kcu.ordinal_position`.execute(db);
  return r.rows.map((x) => x.name);
}

async function columns(db: AnyDb, kind: StoreKind, table: string): Promise<Array<{ name: string; blob: boolean }>> {
  if (kind === 'sqlite') {
    const r = await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${table}) order by cid`.execute(db);
    return r.rows.map((x) => ({ name: x.name, blob: /blob/i.test(x.type) }));
  }
  const r = await sql<{ name: string; type: string }>`select column_name as name, data_type as type from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db);
  return r.rows.map((x) => ({ name: x.name, blob: x.type === 'bytea' }));
}

export async function countRows(db: AnyDb, table: string): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** True when the store holds a unit profile, dossiers, officers or audit entries. */
export async function holdsOfficeData(db: AnyDb, kind: StoreKind): Promise<boolean> {
  const tables = await listTables(db, kind);
  for (const t of OFFICE_DATA_TABLES) if (tables.includes(t) && (await countRows(db, t)) > 0) return true;
  return false;
}

/** PostgreSQL serial columns keep their own counter: move it past the copied values. */
async function resetSequences(trx: AnyDb, table: string): Promise<void> {
  const r = await sql<{ name: string }>`select column_name as name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} and column_default like 'nextval(%'`.execute(trx);
  for (const { name } of r.rows) {
    await sql`select setval(pg_get_serial_sequence(${table}, ${name}), coalesce((select max(${sql.ref(name)}) from ${sql.table(table)}), 0) + 1, false)`.execute(trx);
  }
}

export async function copyStore(source: CopySide, target: CopySide, options: CopyOptions): Promise<TableCopyCount[]> {
  const read = source.kind === 'postgres' ? source.db.transaction().setIsolationLevel('repeatable read') : source.db.transaction();
  return read.execute(async (src) => {
    const order = await tablesInDependencyOrder(src, source.kind);
    const targetTables = new Set(await listTables(target.db, target.kind));
    const missing = order.filter((t) => !targetTables.has(t));
    if (missing.length > 0) throw new Error(`target store lacks tables ${missing.join(', ')} (migrate it first)`);
    const totals = new Map<string, number>();
    for (const t of order) totals.set(t, await countRows(src, t));
    const total = [...totals.values()].reduce((a, b) => a + b, 0);

    return target.db.transaction().execute(async (dst: Transaction<Database>) => {
      if ((await holdsOfficeData(dst, target.kind)) && !options.replace) throw options.targetNotEmpty();
      // Whatever the target's own migrations seeded (e.g. the audit chain's genesis row) is replaced too.
      if (target.kind === 'sqlite') await sql`pragma defer_foreign_keys = on`.execute(dst);
      for (const t of [...order].reverse()) await sql`delete from ${sql.table(t)}`.execute(dst);

      let done = 0;
      options.onProgress?.({ table: order[0] ?? '', done, total });
      for (const table of order) {
        const cols = await columns(src, source.kind, table);
        const pk = await primaryKey(src, source.kind, table);
        const orderBy = pk.length > 0 ? pk : cols.filter((c) => !c.blob).map((c) => c.name);
        const batch = cols.some((c) => c.blob) ? 20 : Math.max(1, Math.min(500, Math.floor(8000 / Math.max(1, cols.length))));
        const count = totals.get(table) ?? 0;
        for (let offset = 0; offset < count; offset += batch) {
          let q = src.selectFrom(table as never).selectAll();
          for (const c of orderBy) q = q.orderBy(sql.ref(c) as never);
          const rows = (await q.limit(batch).offset(offset).execute()) as Array<Record<string, unknown>>;
          if (rows.length === 0) break;
          await dst.insertInto(table as never).values(rows.map((r) => normalizeRow(r)) as never).execute();
          done += rows.length;
          options.onProgress?.({ table, done, total });
        }
        if (target.kind === 'postgres') await resetSequences(dst, table);
      }

      const counts: TableCopyCount[] = [];
      for (const table of order) {
        const c = { table, source: totals.get(table) ?? 0, target: await countRows(dst, table) };
        counts.push(c);
        if (c.source !== c.target) throw options.countMismatch(c);
      }
      return counts;
    });
  });
}

/** Bytes arrive as Buffer from both drivers; Uint8Array views are normalised so both accept them. */
function normalizeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v) : v;
  return out;
}
