import { existsSync, readFileSync } from 'node:fs';
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
