import type { Kysely } from 'kysely';
import type { StoreKind } from '../dialect';

/**
 * Intake: the procedure catalogue (one row per version of a procedure), editable calendar years,
 * settings, applicants, dossiers with their components and appointment history, the daily code
 * counters, and the intake refusals / supplement requests (Mẫu 02, 03) given at the desk.
 */
export async function up(db: Kysely<unknown>, _kind: StoreKind): Promise<void> {
  await db.schema
    .createTable('procedures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('procedures_code_version', ['code', 'effective_from'])
    .execute();

  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('applicants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('id_kind', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('applicants_id_number').on('applicants').column('id_number').execute();
  await db.schema.createIndex('applicants_phone').on('applicants').column('phone').execute();
  await db.schema.createIndex('applicants_name_folded').on('applicants').column('name_folded').execute();

  // One row per agency and receipt day: the last sequence number handed out (mã hồ sơ XXXX).
  await db.schema
    .createTable('dossier_counters')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_counters_pk', ['scope', 'period'])
    .execute();

  await db.schema
    .createTable('dossiers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('request_id', 'text', (c) => c.notNull().unique())
    .addColumn('agency_code', 'text', (c) => c.notNull())
    .addColumn('receipt_day', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('book_number', 'text', (c) => c.notNull())
    .addColumn('book_line', 'integer', (c) => c.notNull())
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('procedure_name', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('procedure_json', 'text', (c) => c.notNull())
    .addColumn('applicant_id', 'text', (c) => c.notNull().references('applicants.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_local', 'text', (c) => c.notNull())
    .addColumn('due_local', 'text', (c) => c.notNull())
    .addColumn('computed_due_local', 'text', (c) => c.notNull())
    .addColumn('limit_json', 'text', (c) => c.notNull())
    .addColumn('set_count', 'integer', (c) => c.notNull())
    .addColumn('fee_amount', 'integer', (c) => c.notNull())
    .addColumn('fee_breakdown', 'text', (c) => c.notNull())
    .addColumn('fee_input_json', 'text', (c) => c.notNull())
    .addColumn('return_method', 'text', (c) => c.notNull())
    .addColumn('received_by', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('dossiers_agency_day_seq', ['agency_code', 'receipt_day', 'seq'])
    .execute();
  await db.schema.createIndex('dossiers_received_at').on('dossiers').column('received_at').execute();
  await db.schema.createIndex('dossiers_due_local').on('dossiers').column('due_local').execute();
  await db.schema.createIndex('dossiers_applicant').on('dossiers').column('applicant_id').execute();
  await db.schema.createIndex('dossiers_status').on('dossiers').column('status').execute();

  await db.schema
    .createTable('dossier_components')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('dossiers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('count_expected', 'integer', (c) => c.notNull())
    .addColumn('received', 'integer', (c) => c.notNull())
    .addColumn('count_received', 'integer', (c) => c.notNull())
    .addUniqueConstraint('dossier_components_position', ['dossier_id', 'position'])
    .execute();

  // Every appointment a dossier ever had: computed at intake, overridden, extended (Mẫu 04).
  await db.schema
    .createTable('dossier_appointments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('dossiers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_local', 'text', (c) => c.notNull())
    .addColumn('previous_due_local', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dossier_appointments_dossier').on('dossier_appointments').column('dossier_id').execute();

  // Papers turned away at the desk: a supplement request (Mẫu 02) or a refusal (Mẫu 03). No dossier code.
  await db.schema
    .createTable('intake_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('applicant_id', 'text', (c) => c.notNull().references('applicants.id'))
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('procedure_name', 'text', (c) => c.notNull())
    .addColumn('missing_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('officer', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}
