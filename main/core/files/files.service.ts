import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { findFileMeta, insertFile, readFileBytes, type FileMeta } from '../../store/files.repository';
import type { Database } from '../../store/schema';

export interface NewFile {
  kind: 'form' | 'scan' | 'result' | 'export';
  mime: string;
  name: string;
  bytes: Buffer;
  createdBy: string;
  at: string;
}

/** Store bytes in the caller's transaction (so the file and what points to it commit together). */
export async function storeFile(trx: Kysely<Database>, file: NewFile): Promise<FileMeta> {
  const meta: FileMeta = {
    id: randomUUID(),
    kind: file.kind,
    mime: file.mime,
    name: safeFileName(file.name),
    size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    created_at: file.at,
    created_by: file.createdBy,
  };
  await insertFile(trx, { ...meta, bytes: file.bytes });
  return meta;
}

export { findFileMeta, readFileBytes, type FileMeta };

/** Keep letters (with Vietnamese diacritics), digits, dot, dash, underscore; never a path. */
export function safeFileName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? 'tep';
  const cleaned = base.replace(/[^\p{L}\p{N}._ -]+/gu, '_').replace(/^\.+/, '').slice(0, 120).trim();
  return cleaned === '' ? 'tep' : cleaned;
}
