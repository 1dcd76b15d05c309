import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * Reads of the business rows the keyed audit chain vouches for (core/audit/tracked-tables.ts says
 * which tables and columns): one row inside the writing transaction, or all of them, page by page,
 * for `verify`. Values come back as text (null stays null), so SQLite's 1 and PostgreSQL's 1 digest
 * alike.
 */
export interface TrackedTableShape {
  table: keyof Database & string;
  key: string;
  columns: readonly string[];
  /** Rows of this table that the app writes without an audit entry (e.g. the last scanner used). */
  skipKeys?: readonly string[];
}

export type TrackedValues = Array<string | null>;

function text(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

export async function readTrackedRow(db: Kysely<Database>, shape: TrackedTableShape, id: string): Promise<TrackedValues | null> {
  const cols = shape.columns.map((c) => sql.ref(c));
  const { rows } = await sql<Record<string, unknown>>`select ${sql.join(cols)} from ${sql.table(shape.table)} where cast(${sql.ref(shape.key)} as text) = ${id}`.execute(db);
  const row = rows[0];
  return row ? shape.columns.map((c) => text(row[c])) : null;
}

/** Rows in key order after `afterKey` (text order), `limit` at a time: verify walks a 100k-row table without holding it. */
export async function pageTrackedRows(
  db: Kysely<Database>,
  shape: TrackedTableShape,
  afterKey: string | null,
  limit: number,
): Promise<Array<{ id: string; values: TrackedValues }>> {
  const cols = shape.columns.map((c) => sql.ref(c));
  const keyText = sql`cast(${sql.ref(shape.key)} as text)`;
  const where = afterKey === null ? sql`1 = 1` : sql`${keyText} > ${afterKey}`;
  const { rows } = await sql<Record<string, unknown>>`select ${keyText} as motcua_key, ${sql.join(cols)} from ${sql.table(shape.table)} where ${where} order by ${keyText} limit ${limit}`.execute(db);
  return rows.map((r) => ({ id: String(r.motcua_key), values: shape.columns.map((c) => text(r[c])) }));
}
