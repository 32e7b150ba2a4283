import { afterAll } from 'vitest';

/**
 * Each test file closes its job client and connection pool when it ends. Otherwise the last files' idle
 * connections are cut when the global teardown stops the test database, and each logs "idle database client error".
 */
afterAll(async () => {
  const { stopJobs } = await import('../src/platform/jobs');
  const { closeDatabase } = await import('../src/platform/db');
  await stopJobs();
  await closeDatabase();
});
