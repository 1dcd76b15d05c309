import { defineConfig } from 'vitest/config';

/**
 * `npm run test:package`: the packaged layout (electron-builder --dir with a stand-in Electron) and a
 * run of the packaged main entry. Separate from the unit run because it builds dist/ and packages the
 * app, which the other suites must not see half-written.
 */
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 10 * 60_000,
    pool: 'forks',
    reporters: ['default', './test/support/suite-count-reporter.ts'],
  },
});
