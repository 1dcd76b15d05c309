import type { Kysely } from 'kysely';
import type { Database, ProceduresTable } from './schema';

export type ProcedureRow = ProceduresTable;

export async function listProcedureRows(db: Kysely<Database>): Promise<ProcedureRow[]> {
  return db.selectFrom('procedures').selectAll().orderBy('field').orderBy('code').orderBy('effective_from').execute();
}

export async function countProcedures(db: Kysely<Database>): Promise<number> {
  const r = await db.selectFrom('procedures').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findProcedureRow(db: Kysely<Database>, code: string, effectiveFrom: string): Promise<ProcedureRow | undefined> {
  return db.selectFrom('procedures').selectAll().where('code', '=', code).where('effective_from', '=', effectiveFrom).executeTakeFirst();
}

/** Insert a version, or replace the one with the same code and effective date. */
export async function upsertProcedureRow(db: Kysely<Database>, row: ProcedureRow): Promise<void> {
  const { id: _id, ...rest } = row;
  await db
    .insertInto('procedures')
    .values(row)
    .onConflict((oc) => oc.columns(['code', 'effective_from']).doUpdateSet(rest))
    .execute();
}
