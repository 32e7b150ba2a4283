import { defineConfig } from 'vitest/config';

// Browser journeys against a server started by scripts/run-e2e.mjs (which passes E2E_BASE_URL).
export default defineConfig({
  test: {
    include: ['e2e/*.spec.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    fileParallelism: false,
    sequence: { concurrent: false },
    env: { TZ: 'UTC' },
  },
});
