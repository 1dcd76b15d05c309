import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../main/store/dialect';
import { checkStoreOffline, runCrashCampaign, type Ledger } from '../stress/crash-harness';

/**
 * The short crash-safety campaign of the regular suite: a handful of SIGKILLs of the real host
 * process during intake, printing, page and CSV imports and backups (the long one with 100 runs is
 * `npm run test:stress`). Every acknowledged save must survive; nothing half-written may show.
 * Then the checker itself is shown to catch damage, so a green campaign means something.
 */
const seed = Number(process.env.MOTCUA_STRESS_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe('crash safety under SIGKILL (short)', () => {
  it(`loses nothing acknowledged over 5 kill/restart runs (seed ${seed}), and the checker catches tampering`, { timeout: 300_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'motcua-crash-'));
    try {
      const s = await runCrashCampaign({ runs: 5, seed, dataDir, maxKillDelayMs: 1000, bootKillShare: 0.2 });
      process.stdout.write(
        `crash safety (short): runs ${s.runs}, kills ${s.kills}, acknowledged ${s.acknowledged.dossiers} dossiers / ${s.acknowledged.prints} receipts / ${s.acknowledged.scans} scans, losses ${s.losses}, seed ${s.seed}\n`,
      );
      expect(s.problems, s.problems.join('\n')).toEqual([]);
      expect(s.kills).toBe(5);
      expect(s.acknowledged.dossiers).toBeGreaterThan(0);

      // Negative control: damage the store the way a non-atomic save would, and the same checks must say so.
      const file = join(dataDir, 'motcua.sqlite');
      const store = await openStore({ kind: 'sqlite', file });
      const victim = await store.db.selectFrom('dossiers').select(['id', 'code']).orderBy('code').executeTakeFirstOrThrow();
      await store.db.deleteFrom('dossier_appointments').where('dossier_id', '=', victim.id).execute();
      await sql`UPDATE dossier_counters SET last_value = last_value + 1 WHERE scope LIKE 'code:%'`.execute(store.db);
      await sql`UPDATE audit_log SET actor = 'ke-gian' WHERE seq = 2`.execute(store.db);
      await store.close();
      const found: string[] = [];
      const empty: Ledger = { dossiers: new Map(), prints: [], scans: [], imports: [], pendingImports: [], backups: [], backupFolder: join(dataDir, 'stress-backups'), verifiedBackups: new Set() };
      await checkStoreOffline(0, file, empty, (_run, what) => found.push(what));
      expect(found.some((p) => p.includes(`half-written dossier ${victim.code}: no appointment`)), found.join('\n')).toBe(true);
      expect(found.some((p) => /code counter .* is \d+ but the highest number is/.test(p)), found.join('\n')).toBe(true);
      expect(found.some((p) => p.startsWith('integrity check failed') || p.startsWith('audit chain broken')), found.join('\n')).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
