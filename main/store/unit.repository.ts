import type { Kysely } from 'kysely';
import type { Database, UnitProfileTable } from './schema';

export type UnitProfileRow = UnitProfileTable;

export async function findUnitProfile(db: Kysely<Database>): Promise<UnitProfileRow | undefined> {
  return db.selectFrom('unit_profile').selectAll().where('id', '=', 1).executeTakeFirst();
}

/** Insert or replace the single profile row. */
export async function upsertUnitProfile(db: Kysely<Database>, row: Omit<UnitProfileRow, 'id'>): Promise<void> {
  await db
    .insertInto('unit_profile')
    .values({ id: 1, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}
