import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { StoreConfig } from '../store/dialect';

/**
 * Desk configuration: `config.json` in the data folder, read once at start, validated, frozen.
 * DATABASE_URL in the environment wins over the file (tests, CI, an admin trying a server).
 */
export const DeskConfigSchema = z.strictObject({
  database: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('sqlite') }),
      z.strictObject({ kind: z.literal('postgres'), url: z.string().regex(/^postgres(ql)?:\/\//) }),
    ])
    .default({ kind: 'sqlite' }),
  /** Printing adapter; absent = the OS's printing system (CUPS, or Windows). MOTCUA_PRINTER overrides. */
  printer: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('cups'), server: z.string().min(1).optional() }),
      z.strictObject({ kind: z.literal('windows'), sumatraPath: z.string().min(1).optional() }),
      z.strictObject({ kind: z.literal('pdf-file'), dir: z.string().min(1).optional() }),
      z.strictObject({ kind: z.literal('fake') }),
    ])
    .optional(),
  /** Scheduled backups: only when a folder (a USB drive, a second disk) is chosen. */
  backup: z
    .strictObject({
      folder: z.string().min(1).optional(),
      intervalHours: z.number().positive().default(24),
      keep: z.number().int().min(1).default(14),
    })
    .default({ intervalHours: 24, keep: 14 }),
});
export type DeskConfig = z.output<typeof DeskConfigSchema>;

export const CONFIG_FILE = 'config.json';
export const SQLITE_FILE = 'motcua.sqlite';

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadDeskConfig(dataDir: string): Readonly<DeskConfig> {
  const file = join(dataDir, CONFIG_FILE);
  if (!existsSync(file)) return Object.freeze(DeskConfigSchema.parse({}));
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`Tệp cấu hình ${file} không đọc được: ${(e as Error).message}`, file);
  }
  const parsed = DeskConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ConfigError(`Tệp cấu hình ${file} có giá trị sai ở "${first?.path.join('.')}": ${first?.message}`, file);
  }
  return Object.freeze(parsed.data);
}

export function storeConfigFor(dataDir: string, config: DeskConfig, env: NodeJS.ProcessEnv = process.env): StoreConfig {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL, ...(env.MOTCUA_PG_SCHEMA ? { schema: env.MOTCUA_PG_SCHEMA } : {}) };
  if (config.database.kind === 'postgres') return { kind: 'postgres', url: config.database.url };
  return { kind: 'sqlite', file: join(dataDir, SQLITE_FILE) };
}

export interface BackupConfig {
  folder?: string;
  intervalHours: number;
  keep: number;
}

/**
 * Write the backup entry of config.json, keeping everything else the file holds. Written under a
 * temporary name and renamed, so a crash never leaves half a config (which would stop the desk).
 */
export function saveBackupConfig(dataDir: string, backup: BackupConfig): Readonly<DeskConfig> {
  const file = join(dataDir, CONFIG_FILE);
  let raw: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new ConfigError(`Tệp cấu hình ${file} không đọc được: ${(e as Error).message}`, file);
    }
  }
  const entry = { ...(backup.folder ? { folder: backup.folder } : {}), intervalHours: backup.intervalHours, keep: backup.keep };
  const next = DeskConfigSchema.parse({ ...raw, backup: entry });
  const tmp = `${file}.backup-tmp`;
  // Only the entry we own is normalised; the other entries are written back as they were read.
  writeFileSync(tmp, JSON.stringify({ ...raw, backup: next.backup }, null, 2) + '\n', { encoding: 'utf8', mode: 0o600 });
  renameSync(tmp, file);
  return Object.freeze(next);
}
