import type { Kysely } from 'kysely';
import type { StoreKind } from '../dialect';

/**
 * The keyed audit chain (issue 15 item 3): each entry says how it is sealed ('sha256' for the
 * entries written before the office had a recovery code, 'hmac-sha256' under the office key after)
 * and, when keyed, the digests of the business rows the change left behind, so `verify` can name a
 * row edited behind the app's back.
 */
export async function up(db: Kysely<unknown>, _kind: StoreKind): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('mac', 'text', (c) => c.notNull().defaultTo('sha256')).execute();
  await db.schema.alterTable('audit_log').addColumn('rows_json', 'text').execute();
}
