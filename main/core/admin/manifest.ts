import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { MANIFEST_SUFFIX } from './names';

/** The small JSON written next to every backup (`motcua-….sqlite.json`). */
export const BackupManifestSchema = z.object({
  format: z.literal('motcua-backup/1'),
  engine: z.enum(['sqlite', 'postgres']),
  /** The backup's own file name (the manifest sits next to it). */
  file: z.string(),
  /** ISO-8601 UTC instant of the snapshot that was copied. */
  createdAt: z.string(),
  appVersion: z.string(),
  /** Name of the newest migration applied in the copied data, e.g. "0001-initial". */
  schemaVersion: z.string().nullable(),
  /** Rows per table in the copied snapshot (every table found in the database). */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  /** The audit chain as verified on the copied snapshot. */
  audit: z.object({ ok: z.boolean(), entries: z.number().int().nonnegative(), brokenAt: z.number().int().optional(), reason: z.string().optional() }),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Where the data came from (no password). */
  source: z.string(),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

export function manifestPathFor(backupPath: string): string {
  return backupPath + MANIFEST_SUFFIX;
}

/** The manifest next to a backup, `null` when there is none, or an error string when it is unreadable. */
export async function readManifest(backupPath: string): Promise<BackupManifest | null | { error: string }> {
  let text: string;
  try {
    text = await readFile(manifestPathFor(backupPath), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return { error: (e as Error).message };
  }
  try {
    const parsed = BackupManifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : { error: parsed.error.issues[0]?.message ?? 'invalid' };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
