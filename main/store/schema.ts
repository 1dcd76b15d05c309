import type { Generated } from 'kysely';
import type { DossierScansTable, FilesTable } from './schema-files';
import type { HandoverRecipientsTable } from './schema-handover';
import type { SearchIndexedApplicantsTable, SearchIndexMetaTable, SearchNameTokensTable } from './schema-search';

import type { SignatureTables } from './schema-signatures';

export type { DossierScansTable, FilesTable, HandoverRecipientsTable, SearchIndexedApplicantsTable, SearchIndexMetaTable, SearchNameTokensTable };

/**
 * The Kysely view of the database: one interface per table, snake_case like the SQL.
 * Portable across SQLite and PostgreSQL: text ids, ISO-8601 UTC timestamps as text,
 * integers for counts and money, 0/1 integers for flags, JSON as text.
 */
export interface Database extends SignatureTables {
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
  users: UsersTable;
  sessions: SessionsTable;
  dossier_handovers: DossierHandoversTable;
  handover_recipients: HandoverRecipientsTable;
  dossier_returns: DossierReturnsTable;
  dossier_ratings: DossierRatingsTable;
  printed_documents: PrintedDocumentsTable;
  dossier_scans: DossierScansTable;
  search_name_tokens: SearchNameTokensTable;
  search_indexed_applicants: SearchIndexedApplicantsTable;
  search_index_meta: SearchIndexMetaTable;
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
  /** 'sha256' (before the office had a recovery code) or 'hmac-sha256' under the office key (migration 0020). */
  mac: string;
  /** Keyed entries: JSON [[table, id, digest | null], …] of the rows this change left behind (null digest: deleted). */
  rows_json: string | null;
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
  /** The chip ID card's QR content the details came from ('' when typed; migration 0014). */
  id_qr_raw: string;
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
  /** The applicant as declared on this dossier (migration 0011); the applicants row may have moved on. */
  applicant_kind: string;
  applicant_name: string;
  applicant_id_kind: string;
  applicant_id_number: string;
  applicant_date_of_birth: string;
  applicant_phone: string;
  applicant_email: string;
  applicant_address: string;
  applicant_id_qr_raw: string;
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

/** Every rendered or printed document (migration 0006); the bytes are in `files`, reprints share the file. */
export interface PrintedDocumentsTable {
  id: string;
  dossier_id: string | null;
  notice_id: string | null;
  /** Dossier code, intake notice id or "book:FROM..TO". */
  subject: string;
  /** '01'..'07' (Mẫu số). */
  form_kind: string;
  file_id: string;
  pages: number;
  /** 'A4' | 'A5'. */
  paper: string;
  printer: string | null;
  copies: number;
  /** 'printed' | 'failed' | 'saved' (rendered and stored, not sent to a printer). */
  status: string;
  error_code: string | null;
  error_message: string | null;
  job_id: string | null;
  /** The printed_documents row whose stored bytes this reprint sent again. */
  reprint_of: string | null;
  /** Hash of what the form shows (migration 0013); null on rows issued before it. */
  content_key: string | null;
  actor: string;
  at: string;
}

/** One step of the processing-control slip (Mẫu 06, migration 0005): who gave the dossier to whom, when, and how the step went. */
export interface DossierHandoversTable {
  id: string;
  dossier_id: string;
  position: number;
  step_name: string;
  agency: string;
  giver: string;
  receiver: string;
  given_at: string;
  given_local: string;
  received_local: string;
  /** Working days the step may take (0 = within the day), null when unset. */
  allowed_days: number | null;
  due_local: string | null;
  finished_at: string | null;
  finished_local: string | null;
  paused_minutes: Generated<number>;
  /** 'Trước hạn' | 'Đúng hạn' | 'Quá hạn' once the step finished; '' while open or without an allowed time. */
  result: Generated<string>;
  note: string;
  /** The entry of the admin's list the receiver was picked from (migration 0015); null when typed. */
  recipient_id?: string | null;
}

/** Who collected the result (migration 0005). */
export interface DossierReturnsTable {
  dossier_id: string;
  collector_name: string;
  collector_id_number: string;
  is_applicant: number;
  /** Relation to the applicant; '' when the applicant collected it. */
  relation: string;
  officer: string;
  returned_at: string;
  returned_local: string;
  note: string;
  /** The authorisation paper of a collector other than the applicant (migration 0016); '' for the applicant. */
  authorisation?: string;
  /** Fee due at return and whether the clerk confirmed it was collected (null: returned before 0016). */
  fee_amount?: number;
  fee_collected?: number | null;
}

/** The citizen's rating of one dossier (DOMAIN.md §7, migration 0005). */
export interface DossierRatingsTable {
  dossier_id: string;
  /** 'rat_hai_long' | 'hai_long' | 'khong_hai_long'. */
  rating: string;
  /** JSON array of { criterion, rating }. */
  criteria_json: string;
  comment: string;
  source: string;
  at: string;
  at_local: string;
}

/** An officer who signs in (migration 0009). `name` is the lower-case sign-in name. */
export interface UsersTable {
  id: string;
  name: string;
  display_name: string;
  /** 'clerk' | 'leader' | 'admin' */
  role: string;
  /** "scrypt$N$r$p$salt$hash" (base64url); never the PIN itself. */
  secret_hash: string;
  active: Generated<number>;
  failed_attempts: Generated<number>;
  locked_until: string | null;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A signed-in session; `id` is the SHA-256 of the token handed to the transport. */
export interface SessionsTable {
  id: string;
  user_id: string;
  transport: string;
  created_at: string;
  expires_at: string;
}
