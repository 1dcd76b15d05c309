import { sql, type Kysely } from 'kysely';
import { nameTokens } from '../search-tokens';
import type { StoreKind } from '../dialect';

/**
 * Search and reports (issue 7).
 *
 * Name search: `search_name_tokens` holds every word of every applicant's folded name ("Nguyễn Thị
 * Hường" → nguyen, thi, huong), so "huo" is a prefix range on a B-tree (token >= 'huo' AND token <
 * 'hup') on both SQLite and PostgreSQL instead of a LIKE '%…%' scan. The token column is binary
 * ordered (COLLATE "C" on PostgreSQL) so the range means "starts with" whatever the server's locale.
 * `search_indexed_applicants` records which folded name each applicant was indexed with, and
 * `search_index_meta` the newest dossier created_at already looked at (see main/core/reports/search-index.ts).
 *
 * PostgreSQL also gets text_pattern_ops indexes so `LIKE 'p%'` on ID numbers, phones and codes uses
 * an index under any collation (SQLite uses GLOB on its binary indexes instead).
 */
export async function up(db: Kysely<unknown>, kind: StoreKind): Promise<void> {
  const tokenType = kind === 'postgres' ? sql`text collate "C"` : sql`text`;
  await db.schema
    .createTable('search_name_tokens')
    .addColumn('token', tokenType, (c) => c.notNull())
    .addColumn('applicant_id', 'text', (c) => c.notNull().references('applicants.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('search_name_tokens_pk', ['token', 'applicant_id'])
    .execute();
  await db.schema.createIndex('search_name_tokens_applicant').on('search_name_tokens').column('applicant_id').execute();

  await db.schema
    .createTable('search_indexed_applicants')
    .addColumn('applicant_id', 'text', (c) => c.primaryKey().references('applicants.id').onDelete('cascade'))
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('search_index_meta')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('dossier_watermark', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createIndex('dossiers_created_at').on('dossiers').column('created_at').execute();
  await db.schema.createIndex('dossiers_received_local').on('dossiers').column('received_local').execute();
  // Search picks a page of codes from this narrow index alone: on SQLite the dossier rows carry the
  // catalogue JSON and reading hundreds of them to sort is what made a name search slow.
  await db.schema
    .createIndex('dossiers_search_cover')
    .on('dossiers')
    .columns(['applicant_id', 'received_at', 'code', 'status', 'field', 'channel', 'procedure_code', 'received_by', 'received_local', 'due_local'])
    .execute();

  if (kind === 'postgres') {
    await sql`create index applicants_id_number_prefix on applicants (id_number text_pattern_ops)`.execute(db);
    await sql`create index applicants_phone_prefix on applicants (phone text_pattern_ops)`.execute(db);
    await sql`create index dossiers_code_prefix on dossiers (code text_pattern_ops)`.execute(db);
  }

  // Index the applicants that exist already (an upgraded desk), in pages to bound memory.
  const tdb = db as unknown as Kysely<{
    applicants: { id: string; full_name: string; name_folded: string };
    dossiers: { created_at: string };
    search_name_tokens: { token: string; applicant_id: string };
    search_indexed_applicants: { applicant_id: string; name_folded: string };
    search_index_meta: { id: number; dossier_watermark: string };
  }>;
  let after = '';
  for (;;) {
    const page = await tdb.selectFrom('applicants').select(['id', 'full_name', 'name_folded']).where('id', '>', after).orderBy('id').limit(2000).execute();
    if (page.length === 0) break;
    const tokens = page.flatMap((a) => nameTokens(a.full_name).map((token) => ({ token, applicant_id: a.id })));
    for (let i = 0; i < tokens.length; i += 500) await tdb.insertInto('search_name_tokens').values(tokens.slice(i, i + 500)).execute();
    await tdb
      .insertInto('search_indexed_applicants')
      .values(page.map((a) => ({ applicant_id: a.id, name_folded: a.name_folded })))
      .execute();
    after = page[page.length - 1]!.id;
  }
  const newest = await tdb.selectFrom('dossiers').select((eb) => eb.fn.max('created_at').as('m')).executeTakeFirst();
  await tdb
    .insertInto('search_index_meta')
    .values({ id: 1, dossier_watermark: (newest?.m as string | null | undefined) ?? '' })
    .execute();
}
