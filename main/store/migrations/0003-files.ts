import type { Kysely } from 'kysely';
import type { StoreKind } from '../dialect';
import { columnTypes } from './column-types';

/**
 * Bytes of every stored document (printed forms, scans, results) live in the store itself, so a
 * dossier and its files commit in one transaction, every desk sees them, and one backup holds all.
 */
export async function up(db: Kysely<unknown>, kind: StoreKind): Promise<void> {
  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', columnTypes(kind).bytes, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('files_sha256').on('files').column('sha256').execute();
}
