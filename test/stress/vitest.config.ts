import { defineConfig } from 'vitest/config';

/**
 * `npm run test:stress`: the long crash-safety campaign (100 SIGKILL runs unless MOTCUA_STRESS_RUNS
 * says otherwise) and the channel fuzzing with many more cases than the regular suite.
 */
export default defineConfig({
  test: {
    include: ['test/stress/**/*.test.ts', 'test/contract/fuzz-channels.test.ts'],
    environment: 'node',
    testTimeout: 60 * 60_000,
    hookTimeout: 5 * 60_000,
    pool: 'forks',
    // One host at a time: the runs measure the desk, not a machine starved by parallel suites.
    fileParallelism: false,
    env: { MOTCUA_FUZZ_RUNS: process.env.MOTCUA_FUZZ_RUNS ?? '150' },
  },
});
