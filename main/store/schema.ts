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
  procedures: ProceduresTable;
  calendar_years: CalendarYearsTable;
  settings: SettingsTable;
  applicants: ApplicantsTable;
  dossier_counters: DossierCountersTable;
  dossiers: DossiersTable;
  dossier_components: DossierComponentsTable;
  dossier_appointments: DossierAppointmentsTable;
  intake_notices: IntakeNoticesTable;
  files: FilesTable;
  dossier_events: DossierEventsTable;
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

/** One version of one procedure of the catalogue; `data_json` is the full Procedure record. */
export interface ProceduresTable {
  id: string;
  code: string;
  name: string;
  field: string;
  effective_from: string;
  retired_at: string | null;
  data_json: string;
  updated_at: string;
}

/** An admin-edited holiday table for one year (otherwise official data or the Labour Code rules apply). */
export interface CalendarYearsTable {
  year: number;
  data_json: string;
  updated_at: string;
}

export interface SettingsTable {
  key: string;
  value_json: string;
  updated_at: string;
}

/** A citizen or organisation who files dossiers (người nộp hồ sơ). Reused across dossiers. */
export interface ApplicantsTable {
  id: string;
  kind: string;
  full_name: string;
  /** Lower case, no diacritics: "nguyen thi huong" finds "Nguyễn Thị Hường". */
  name_folded: string;
  id_number: string;
  id_kind: string;
  date_of_birth: string;
  phone: string;
  email: string;
  address: string;
  created_at: string;
  updated_at: string;
}

export interface DossierCountersTable {
  /** e.g. "code:H50.12.34" or "book:H50.12.34". */
  scope: string;
  /** e.g. "260317" (receipt day) or "2026" (book year). */
  period: string;
  last_value: number;
}

/** A dossier (hồ sơ) received at the desk. */
export interface DossiersTable {
  id: string;
  code: string;
  /** Idempotency key from the client: a retried or double-clicked save returns the same dossier. */
  request_id: string;
  agency_code: string;
  /** YYMMDD of the receipt day in Vietnam time, as in the code. */
  receipt_day: string;
  seq: number;
  book_number: string;
  book_line: number;
  procedure_code: string;
  procedure_name: string;
  field: string;
  /** The catalogue version the dossier was received under. */
  procedure_json: string;
  applicant_id: string;
  channel: string;
  status: string;
  received_at: string;
  received_local: string;
  due_local: string;
  computed_due_local: string;
  limit_json: string;
  set_count: number;
  fee_amount: number;
  fee_breakdown: string;
  fee_input_json: string;
  return_method: string;
  received_by: string;
  note: string;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
  // Life after intake (migration 0004). Instants are UTC ISO, *_local are Vietnam 'YYYY-MM-DDTHH:mm'.
  /** When the result was ready: the dossier counts as resolved (đã giải quyết) from here. */
  result_at: string | null;
  result_local: string | null;
  returned_at: string | null;
  returned_local: string | null;
  /** Refused, stopped or withdrawn. */
  closed_at: string | null;
  closed_local: string | null;
  /** Supplement requests after intake; more than one counts late in QĐ 766. */
  supplement_count: Generated<number>;
  /** Minutes spent waiting for the applicant's supplements (not counted against the deadline). */
  paused_minutes: Generated<number>;
  /** Set while waiting for a supplement. */
  paused_since: string | null;
  digitized_components: Generated<number>;
  reused_components: Generated<number>;
  has_electronic_result: Generated<number>;
  /** 'rat_hai_long' | 'hai_long' | 'khong_hai_long' once the citizen rated the service. */
  satisfaction: string | null;
}

export interface DossierComponentsTable {
  id: string;
  dossier_id: string;
  position: number;
  name: string;
  kind: string;
  required: number;
  count_expected: number;
  received: number;
  count_received: number;
}

export interface DossierAppointmentsTable {
  id: string;
  dossier_id: string;
  kind: string;
  due_local: string;
  previous_due_local: string | null;
  reason: string;
  actor: string;
  at: string;
}

export interface IntakeNoticesTable {
  id: string;
  kind: string;
  applicant_id: string;
  procedure_code: string;
  procedure_name: string;
  missing_json: string;
  reason: string;
  officer: string;
  at: string;
}

/** Stored bytes (PDFs, scans) with their checksum; other tables point here by id. */
export interface FilesTable {
  id: string;
  /** What it is: 'form', 'scan', 'result', 'export'. */
  kind: string;
  mime: string;
  /** A safe display/download name, e.g. "Mau01-H50.12.34-260317-0001.pdf". */
  name: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
  created_at: string;
  created_by: string;
}

/** Every transition and notable act on a dossier, in order: the history screen and Mẫu 06 read it. */
export interface DossierEventsTable {
  id: string;
  dossier_id: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  actor: string;
  at: string;
  at_local: string;
  note: string;
  data_json: string;
}
