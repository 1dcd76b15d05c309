import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../dialect';

/**
 * Name search probes (issue 7). A multi-word name search starts from the rarest typed word and checks
 * each other word per applicant ("does this applicant also have a word starting with 'nguyen'?"); and
 * a search whose words match thousands of applicants walks the dossiers newest first and asks the same
 * question per dossier. Both are one seek on (applicant_id, token). The old index on applicant_id
 * alone is a prefix of this one, so it goes. The walk itself reads (received_at, code, applicant_id)
 * from an index in the table's sort order, never the wide dossier rows.
 *
 * PostgreSQL also gets a full-text GIN index over the folded names: intersecting several words'
 * compressed posting lists there costs a few milliseconds, where a seek per applicant costs ten
 * microseconds each in PostgreSQL (against one in the in-process SQLite). An expression index,
 * not a stored column, so backups and restores see the table unchanged.
 */
export async function up(db: Kysely<unknown>, kind: StoreKind): Promise<void> {
  await db.schema.createIndex('search_name_tokens_applicant_token').on('search_name_tokens').columns(['applicant_id', 'token']).execute();
  await db.schema.dropIndex('search_name_tokens_applicant').execute();
  await db.schema.createIndex('dossiers_received_walk').on('dossiers').columns(['received_at', 'code', 'applicant_id']).execute();
  if (kind === 'postgres') await sql`create index applicants_name_fts on applicants using gin (to_tsvector('simple', name_folded))`.execute(db);
}
