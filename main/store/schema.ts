import type { Generated } from 'kysely';

/**
 * The Kysely view of the database: one interface per table, snake_case like the SQL.
 * Portable across SQLite and PostgreSQL: text ids, ISO-8601 UTC timestamps as text,
 * integers for counts and money, 0/1 integers for flags, JSON as text.
 */
export interface Database {
  unit_profile: UnitProfileTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}

/** Exactly one row (id = 1): the unit this desk works for. */
export interface UnitProfileTable {
  id: number;
  parent_agency: string;
  unit_name: string;
  agency_code: string;
  place: string;
  address: string;
  phone: string;
  email: string;
  /** JSON array of { name, title }. */
  officers_json: string;
  updated_at: string;
}

/** Append-only, hash-chained record of every change (issue: audit trail). */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

/** One row (id = 1) holding the chain's head; updating it first serialises appends across desks. */
export interface AuditHeadTable {
  id: number;
  last_seq: Generated<number>;
  last_hash: string;
}
