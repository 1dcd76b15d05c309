import type { ColumnDataType, Expression } from 'kysely';
import { sql } from 'kysely';
import type { StoreKind } from '../dialect';

/** The few column types that differ between SQLite and PostgreSQL, chosen once per migration run. */
export function columnTypes(kind: StoreKind): { bytes: ColumnDataType | Expression<unknown>; serial: ColumnDataType | Expression<unknown> } {
  return kind === 'postgres' ? { bytes: 'bytea', serial: sql`bigserial` } : { bytes: 'blob', serial: 'integer' };
}
