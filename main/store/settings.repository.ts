import type { Kysely } from 'kysely';
import type { Database } from './schema';

export async function listCalendarYears(db: Kysely<Database>): Promise<Array<{ year: number; data_json: string }>> {
  return db.selectFrom('calendar_years').select(['year', 'data_json']).execute();
}

export async function upsertCalendarYear(db: Kysely<Database>, year: number, dataJson: string, at: string): Promise<void> {
  await db
    .insertInto('calendar_years')
    .values({ year, data_json: dataJson, updated_at: at })
    .onConflict((oc) => oc.column('year').doUpdateSet({ data_json: dataJson, updated_at: at }))
    .execute();
}

export async function readSetting(db: Kysely<Database>, key: string): Promise<unknown | undefined> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value_json) as unknown) : undefined;
}

export async function writeSetting(db: Kysely<Database>, key: string, value: unknown, at: string): Promise<void> {
  const value_json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value_json, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json, updated_at: at }))
    .execute();
}

/** Insert a setting only if absent (true when this call inserted it): two desks racing, one wins. */
export async function insertSettingOnce(db: Kysely<Database>, key: string, value: unknown, at: string): Promise<boolean> {
  const rows = await db
    .insertInto('settings')
    .values({ key, value_json: JSON.stringify(value), updated_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .execute();
  return rows.length === 1;
}
