/** The hand-over recipients table (migration 0015), part of the Kysely `Database` in schema.ts. */

/** Where dossiers are handed over to: a department and an officer in it (migration 0015). */
export interface HandoverRecipientsTable {
  id: string;
  department: string;
  full_name: string;
  position: string;
  active: number;
  created_at: string;
  updated_at: string;
}
