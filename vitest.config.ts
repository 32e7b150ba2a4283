import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // tests that change what every process does (activating a language model) run alone afterwards:
    // vitest.alone.config.ts
    exclude: [...configDefaults.exclude, '**/*.alone.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/close-connections.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    env: { TZ: 'UTC', NODE_ENV: 'test', LOG_LEVEL: 'warn' },
  },
});
