import type { Kysely } from 'kysely';
import type { StoreKind } from '../dialect';

/**
 * What the return confirms (issue 14 item 14): the paper that authorised someone other than the
 * applicant to collect the result, and that the fee was collected (the amount due at return, 0 when
 * the procedure is free). Returns recorded before this migration read as "not stated".
 */
export async function up(db: Kysely<unknown>, _kind: StoreKind): Promise<void> {
  await db.schema.alterTable('dossier_returns').addColumn('authorisation', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('dossier_returns').addColumn('fee_amount', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // 1 = the clerk confirmed the fee was collected; 0 = no fee due; null = returned before this was asked.
  await db.schema.alterTable('dossier_returns').addColumn('fee_collected', 'integer').execute();
}
