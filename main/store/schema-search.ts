/** The name-search index tables (migration 0008), part of the Kysely `Database` in schema.ts. */

/** One word of an applicant's folded name (migration 0008): name search is a prefix range on `token`. */
export interface SearchNameTokensTable {
  token: string;
  applicant_id: string;
}

/** The folded name each applicant was last indexed with, to spot renames and new applicants. */
export interface SearchIndexedApplicantsTable {
  applicant_id: string;
  name_folded: string;
}

/** One row (id = 1): dossiers created at or after this instant (less a margin) are re-checked for indexing. */
export interface SearchIndexMetaTable {
  id: number;
  dossier_watermark: string;
}
