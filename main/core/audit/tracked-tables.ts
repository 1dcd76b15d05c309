/**
 * Which business rows the keyed audit chain vouches for (issue 15 item 3), and which of their
 * columns: the content a person relies on (names, ID numbers, PIN hashes, status, due dates, the
 * catalogue, the calendar, settings, issued documents). Columns the app changes on its own without
 * an audit entry (sign-in counters, print outcome, derived search text, timestamps) are left out, so
 * an honest desk never trips `verify`.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { readTrackedRow, type TrackedTableShape, type TrackedValues } from '../../store/audit-rows.repository';
import type { Database } from '../../store/schema';

export const TRACKED_TABLES = [
  { table: 'users', key: 'id', columns: ['name', 'display_name', 'role', 'secret_hash', 'active'] },
  { table: 'applicants', key: 'id', columns: ['kind', 'full_name', 'id_number', 'id_kind', 'date_of_birth', 'phone', 'email', 'address', 'id_qr_raw'] },
  {
    table: 'dossiers',
    key: 'code',
    columns: ['applicant_id', 'applicant_name', 'applicant_id_number', 'applicant_date_of_birth', 'applicant_phone', 'applicant_address', 'procedure_code', 'status', 'received_at', 'due_local', 'fee_amount', 'received_by'],
  },
  { table: 'procedures', key: 'id', columns: ['code', 'effective_from', 'name', 'data_json', 'retired_at'] },
  { table: 'calendar_years', key: 'year', columns: ['data_json'] },
  // The last scanner used is a convenience the scan screen writes on every scan, not office data.
  { table: 'settings', key: 'key', columns: ['value_json'], skipKeys: ['scanning.lastDevice'] },
  { table: 'unit_profile', key: 'id', columns: ['parent_agency', 'unit_name', 'agency_code', 'place', 'address', 'phone', 'email', 'officers_json'] },
  { table: 'printed_documents', key: 'id', columns: ['subject', 'form_kind', 'file_id', 'content_key'] },
  { table: 'dossier_scans', key: 'id', columns: ['dossier_id', 'component', 'file_id', 'sha256', 'detached_at'] },
] as const satisfies readonly TrackedTableShape[];

export type TrackedTable = (typeof TRACKED_TABLES)[number]['table'];

/** A row an audit entry vouches for. */
export interface RowRef {
  table: TrackedTable;
  id: string;
}

/** [table, id, digest of the content, or null when the change deleted the row] */
export type RowDigest = [TrackedTable, string, string | null];

export function shapeOf(table: string): TrackedTableShape | undefined {
  return TRACKED_TABLES.find((t) => t.table === table);
}

export function digestValues(table: string, values: TrackedValues): string {
  return createHash('sha256').update(JSON.stringify([table, values]), 'utf8').digest('hex');
}

/** The audit entity names used across the core, and the table row each one is about. */
const ENTITY_TABLES: Record<string, TrackedTable> = {
  user: 'users',
  dossier: 'dossiers',
  setting: 'settings',
  settings: 'settings',
  calendar_year: 'calendar_years',
  unit_profile: 'unit_profile',
  printed_document: 'printed_documents',
  dossier_scan: 'dossier_scans',
  applicant: 'applicants',
};

export function rowOfEntity(entity: string, entityId: string): RowRef | null {
  const table = ENTITY_TABLES[entity];
  return table ? { table, id: entityId } : null;
}

/** Digest the rows as they are now, inside the writing transaction (so the digest is of what commits). */
export async function digestRows(trx: Kysely<Database>, refs: RowRef[]): Promise<RowDigest[]> {
  const seen = new Set<string>();
  const out: RowDigest[] = [];
  for (const ref of refs) {
    const shape = shapeOf(ref.table);
    if (!shape || shape.skipKeys?.includes(ref.id)) continue;
    const k = `${ref.table}\u0000${ref.id}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const values = await readTrackedRow(trx, shape, ref.id);
    out.push([ref.table, ref.id, values === null ? null : digestValues(ref.table, values)]);
  }
  return out;
}
