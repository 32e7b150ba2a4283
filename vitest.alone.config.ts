import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * Tests that change network-wide state every other test reads (a language model version put in use relabels
 * documents and changes how every process labels new ones): run after the others, one file at a time, so no
 * other test sees their window. `npm run test:unit` runs both configurations.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: ['src/**/*.alone.test.ts'],
    exclude: [...configDefaults.exclude],
    poolOptions: { forks: { maxForks: 1, minForks: 1 } },
  },
});
