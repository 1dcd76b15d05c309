import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../dialect';

/**
 * Reports (issue 7) count most dossiers in SQL groups and read only those needing judgement one by
 * one: a supplement wait or repeated supplement requests. This partial index lists just those, so
 * finding them no longer scans a year of dossiers. Its predicate is NEEDS_JUDGEMENT in
 * main/store/reports.repository.ts, word for word (both engines use a partial index only then).
 */
export async function up(db: Kysely<unknown>, _kind: StoreKind): Promise<void> {
  await sql`create index dossiers_needs_judgement on dossiers (received_local) where (supplement_count > 1 or paused_minutes > 0 or paused_since is not null)`.execute(db);
}
