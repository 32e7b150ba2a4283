import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type pg from 'pg';

const tableMarker = '@@TABLE ';

interface BackupHeader {
  format: string;
  migrations: string[];
  tables: string[];
  /** Partitions among `tables`: parent and bound, so that a restore can create the ones it lacks. */
  partitions?: Record<string, { parent: string; bound: string }>;
}

/**
 * The tables that hold rows: plain tables and the partitions of partitioned tables (a partitioned parent
 * holds none itself, and COPY cannot read it).
 */
async function tablesWithRows(
  client: pg.PoolClient,
): Promise<{ tables: string[]; partitions: NonNullable<BackupHeader['partitions']> }> {
  const result = await client.query<{ name: string; parent: string | null; bound: string | null }>(`
    SELECT c.relname AS name, parent.relname AS parent, pg_get_expr(c.relpartbound, c.oid) AS bound
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
    LEFT JOIN pg_class parent ON parent.oid = i.inhparent
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'nhip_migrations'
    ORDER BY c.relname`);
  const partitions: NonNullable<BackupHeader['partitions']> = {};
  for (const row of result.rows) if (row.parent && row.bound) partitions[row.name] = { parent: row.parent, bound: row.bound };
  return { tables: result.rows.map((row) => row.name), partitions };
}

/** Every application table, partitioned parents included (what a restore truncates). */
async function applicationTables(client: pg.PoolClient): Promise<string[]> {
  const result = await client.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'nhip_migrations' ORDER BY tablename",
  );
  return result.rows.map((row) => row.tablename);
}

/**
 * Writes a consistent logical backup (one REPEATABLE READ snapshot) of every application table as
 * gzip'd PostgreSQL COPY text, with the list of applied migrations. Job-queue state is not included.
 */
export async function backupDatabase(pool: pg.Pool, file: string): Promise<{ tables: number; rows: number }> {
  const client = await pool.connect();
  const gzip = zlib.createGzip();
  const out = fs.createWriteStream(file);
  const finished = pipeline(gzip, out);
  let rows = 0;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { tables, partitions } = await tablesWithRows(client);
    const migrations = (await client.query<{ name: string }>('SELECT name FROM nhip_migrations ORDER BY name')).rows.map(
      (r) => r.name,
    );
    gzip.write(
      JSON.stringify({ format: 'nhip-backup', version: 1, createdAt: new Date().toISOString(), migrations, tables, partitions }) +
        '\n',
    );
    for (const table of tables) {
      gzip.write(`${tableMarker}${table}\n`);
      const stream = client.query(copyTo(`COPY ${client.escapeIdentifier(table)} TO STDOUT`));
      for await (const chunk of stream) {
        rows += (chunk as Buffer).toString('utf8').split('\n').length - 1;
        if (!gzip.write(chunk)) await new Promise((resolve) => gzip.once('drain', resolve));
      }
      gzip.write('\\.\n');
    }
    await client.query('COMMIT');
    gzip.end();
    await finished;
    return { tables: tables.length, rows };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    gzip.destroy();
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Replaces every application table's content with the backup's, in one transaction: either the whole
 * backup is restored or nothing changes. The schema must be at the backup's migration level or newer.
 */
export async function restoreDatabase(pool: pg.Pool, file: string): Promise<{ tables: number }> {
  if (!fs.existsSync(file)) throw new Error(`Backup file ${file} does not exist`);
  const client = await pool.connect();
  let header: BackupHeader | undefined;
  let copyStream: Writable | undefined;
  let restored = 0;
  try {
    await client.query('BEGIN');
    // Replica mode skips triggers (the audit log's append-only guard) and FK checks while loading.
    await client.query("SET LOCAL session_replication_role = 'replica'");
    // Created only now: readline emits lines eagerly, and lines emitted before iteration starts are lost.
    const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!header) {
        const parsed = JSON.parse(line) as BackupHeader;
        if (parsed.format !== 'nhip-backup') throw new Error(`${file} is not an Nhịp backup`);
        header = parsed;
        const applied = new Set(
          (await client.query<{ name: string }>('SELECT name FROM nhip_migrations')).rows.map((r) => r.name),
        );
        const missing = parsed.migrations.filter((m) => !applied.has(m));
        if (missing.length > 0) throw new Error(`Run the migrations first; missing: ${missing.join(', ')}`);
        const tables = await applicationTables(client);
        if (tables.length > 0)
          await client.query(`TRUNCATE ${tables.map((t) => client.escapeIdentifier(t)).join(', ')} RESTART IDENTITY`);
        continue;
      }
      if (!copyStream && line.startsWith(tableMarker)) {
        const table = line.slice(tableMarker.length);
        const partition = header.partitions?.[table];
        if (partition) {
          // Partitions are created on demand (e.g. one per month), so the target may not have this one yet.
          await client.query(
            `CREATE TABLE IF NOT EXISTS ${client.escapeIdentifier(table)} PARTITION OF ${client.escapeIdentifier(partition.parent)} ${partition.bound}`,
          );
        }
        copyStream = client.query(copyFrom(`COPY ${client.escapeIdentifier(table)} FROM STDIN`));
        continue;
      }
      if (copyStream) {
        if (line === '\\.') {
          const done = new Promise<void>((resolve, reject) => {
            copyStream!.once('finish', () => resolve());
            copyStream!.once('error', reject);
          });
          copyStream.end();
          await done;
          copyStream = undefined;
          restored++;
        } else if (!copyStream.write(line + '\n')) {
          await new Promise((resolve) => copyStream!.once('drain', resolve));
        }
      }
    }
    if (!header) throw new Error(`${file} is empty`);
    // Serial columns continue after the restored ids.
    const sequences = await client.query<{ table_name: string; column_name: string; seq: string }>(`
      SELECT c.table_name, c.column_name, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) AS seq
      FROM information_schema.columns c
      WHERE c.table_schema = 'public' AND pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) IS NOT NULL`);
    for (const row of sequences.rows) {
      await client.query(
        `SELECT setval($1, COALESCE((SELECT max(${client.escapeIdentifier(row.column_name)}) FROM ${client.escapeIdentifier(row.table_name)}), 0) + 1, false)`,
        [row.seq],
      );
    }
    await client.query('COMMIT');
    return { tables: restored };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
