/**
 * The store handles a repository function can ask for, so its signature says what it may do:
 * `Db` any handle (reads, or a single write that stands alone), `Tx` only inside a transaction (a
 * write that must commit together with others, such as its audit entry), `ReadDb` reads only.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

export type Db = Kysely<Database>;

/**
 * A transaction. Kysely's Transaction has `isTransaction: true` where a plain Kysely has `boolean`,
 * so passing `deps.db` where a Tx is asked for is a compile error, not a half-saved write at run time.
 */
export type Tx = Transaction<Database>;

/** A handle that can only read: both `db` and a transaction fit, and the function cannot write through it. */
export type ReadDb = Pick<Kysely<Database>, 'selectFrom' | 'fn'>;

/** Run a query per slice of ids (an IN list stays well under both engines' parameter limits) and join the rows. */
export async function inSlices<T>(ids: readonly string[], run: (slice: string[]) => Promise<T[]>, size = 500): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += size) out.push(...(await run(ids.slice(i, i + size))));
  return out;
}
