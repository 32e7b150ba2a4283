import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';

/**
 * Starts one real embedded PostgreSQL for the whole test run (or uses TEST_DATABASE_URL), migrates and
 * seeds it once. Tests isolate themselves by creating fresh organizations, not by truncating.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export default async function setup(): Promise<() => Promise<void>> {
  process.env.TZ = 'UTC';
  process.env.LOG_LEVEL ??= 'warn';
  let dataDir: string | undefined;
  if (process.env.TEST_DATABASE_URL) {
    process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhip-test-'));
    fs.chmodSync(dataDir, 0o755);
    process.env.NHIP_DATA_DIR = dataDir;
    process.env.NHIP_EMBEDDED_PG_PORT = String(await freePort());
    delete process.env.DATABASE_URL;
  }
  const { getDatabase, closeDatabase } = await import('../src/platform/db');
  const { prepareDatabase } = await import('../src/server/boot');
  const { url } = await getDatabase();
  await prepareDatabase();
  // Test workers connect to the server this process started.
  process.env.DATABASE_URL = url;
  return async () => {
    const { stopJobs } = await import('../src/platform/jobs');
    await stopJobs();
    await closeDatabase();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
