import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseChoice, OfficePort } from '../core/office/office.service';
import { CONFIG_FILE, DeskConfigSchema, SQLITE_FILE, loadDeskConfig } from './config';

/** config.json and the SQLite file of one data folder, for the office (several desks) screens. */
export function createOfficePort(dataDir: string, env: NodeJS.ProcessEnv = process.env): OfficePort {
  const configFile = join(dataDir, CONFIG_FILE);
  return {
    configured: () => loadDeskConfig(dataDir).database,
    envOverride: () => Boolean(env.DATABASE_URL),
    writeDatabase(choice: DatabaseChoice) {
      // Keep whatever else config.json holds; only the database entry changes.
      const raw: Record<string, unknown> = existsSync(configFile) ? (JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>) : {};
      const next = DeskConfigSchema.parse({ ...raw, database: choice });
      const tmp = `${configFile}.tmp`;
      writeFileSync(tmp, JSON.stringify(next, null, 2) + '\n', { encoding: 'utf8', mode: 0o600 });
      renameSync(tmp, configFile);
    },
    stageLocalFile() {
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
      const file = join(dataDir, `${SQLITE_FILE}.importing-${stamp}`);
      const live = join(dataDir, SQLITE_FILE);
      const suffixes = ['', '-wal', '-shm'];
      return {
        file,
        commit() {
          // The old file is kept (renamed), never deleted: an admin can still go back to it.
          for (const sfx of suffixes) {
            if (existsSync(live + sfx)) renameSync(live + sfx, join(dataDir, `${SQLITE_FILE}.before-${stamp}${sfx}`));
          }
          for (const sfx of suffixes) if (existsSync(file + sfx)) renameSync(file + sfx, live + sfx);
        },
        discard() {
          for (const sfx of suffixes) rmSync(file + sfx, { force: true });
        },
      };
    },
  };
}
