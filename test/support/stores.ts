import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { StoreConfig } from '../../main/store/dialect';

/**
 * The dialect matrix: every store suite runs on a fresh SQLite file and, when DATABASE_URL is set
 * (CI starts a throw-away PostgreSQL server), on a fresh schema of that server.
 */
export interface StoreTarget {
  name: 'sqlite' | 'postgres';
  /** A new empty store config, and a function that removes it afterwards. */
  fresh(): { config: StoreConfig; dataDir: string; cleanup(): Promise<void> };
}

export function storeTargets(): StoreTarget[] {
  const targets: StoreTarget[] = [
    {
      name: 'sqlite',
      fresh() {
        const dataDir = mkdtempSync(join(tmpdir(), 'motcua-store-'));
        return {
          config: { kind: 'sqlite', file: join(dataDir, 'motcua.sqlite') },
          dataDir,
          cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
        };
      },
    },
  ];
  const url = process.env.DATABASE_URL;
  // In CI every store suite must also run on PostgreSQL: a missing server is a failure, not a skip.
  if (!url && process.env.CI === 'true') throw new Error('CI=true but DATABASE_URL is not set: the PostgreSQL runs would vanish');
  if (url) {
    targets.push({
      name: 'postgres',
      fresh() {
        const dataDir = mkdtempSync(join(tmpdir(), 'motcua-store-'));
        const schema = `t_${randomBytes(6).toString('hex')}`;
        return {
          config: { kind: 'postgres', url, schema },
          dataDir,
          cleanup: async () => {
            const client = new pg.Client({ connectionString: url });
            await client.connect();
            await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
            await client.end();
            rmSync(dataDir, { recursive: true, force: true });
          },
        };
      },
    });
  }
  return targets;
}

/** Environment for child processes (host, CLI) that must run on their own SQLite file. */
export function sqliteChildEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.DATABASE_URL;
  delete env.MOTCUA_PG_SCHEMA;
  return env;
}
