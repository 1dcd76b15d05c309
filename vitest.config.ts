import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Office keys live outside the data folder (main/adapters/keys): suites keep theirs in a throw-away
// folder, never in the developer's ~/.config. Child processes (CLI, host) inherit it.
process.env.MOTCUA_KEY_DIR ??= mkdtempSync(join(tmpdir(), 'motcua-keys-'));

// Unit, contract, store and device suites run in Node. Playwright's *.spec.ts stay out.
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'main/**/*.test.ts', 'renderer/src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'test/e2e/**', 'test/stress/**', 'test/bench/**', 'test/package/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Per-suite counts after every run; with CI=true a skipped test fails the run.
    reporters: ['default', './test/support/suite-count-reporter.ts'],
  },
});
