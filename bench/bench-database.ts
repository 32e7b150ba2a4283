/** What every bench needs to run on a database of its own. */
import fs from 'node:fs';
import net from 'node:net';

/** A TCP port free on the loopback interface now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Points the app's database at an embedded PostgreSQL in `dir` on a free port, unless DATABASE_URL names one. Call
 * before importing the platform's database module. (PostgreSQL runs as another user when the bench runs as root,
 * so the folder is opened to it.)
 */
export async function useBenchDatabaseIn(dir: string): Promise<void> {
  if (process.env.DATABASE_URL) return;
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  process.env.NHIP_DATA_DIR = dir;
  process.env.NHIP_EMBEDDED_PG_PORT ??= String(await freePort());
}
