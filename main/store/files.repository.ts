import type { Kysely } from 'kysely';
import type { Database, FilesTable } from './schema';

export type FileMeta = Omit<FilesTable, 'bytes'>;

export async function insertFile(db: Kysely<Database>, row: FilesTable): Promise<void> {
  await db.insertInto('files').values(row).execute();
}

export async function findFileMeta(db: Kysely<Database>, id: string): Promise<FileMeta | undefined> {
  return db.selectFrom('files').select(['id', 'kind', 'mime', 'name', 'size', 'sha256', 'created_at', 'created_by']).where('id', '=', id).executeTakeFirst();
}

export async function readFileBytes(db: Kysely<Database>, id: string): Promise<{ meta: FileMeta; bytes: Buffer } | undefined> {
  const row = await db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const { bytes, ...meta } = row;
  return { meta, bytes: Buffer.from(bytes) };
}
