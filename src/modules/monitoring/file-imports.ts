/**
 * JSONL/CSV exports uploaded through the web (how platforms and vendors deliver social-media data): the upload is
 * streamed into PostgreSQL in 1 MB chunks (0215), so memory stays bounded and any worker process on any machine can
 * import it; a queued job reads the chunks back through the same streaming import as `nhip monitor import`, records
 * its progress and the rejected lines, and deletes the chunks when it ends.
 */
import { Readable } from 'node:stream';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { getDb, isTransientDatabaseError, rootCauseMessage, type Executor } from '../../platform/db';
import { env } from '../../platform/env';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import { defineJob, enqueueJob } from '../../platform/jobs';
import { canReadOrganizationRecord, isNetworkWide, type Actor } from '../../platform/actor';
import { logger } from '../../platform/logger';
import { importDocumentsFile } from './import';
import type { fileImportSchema } from './contracts';
import { assertCanWriteForOrganization, organizationFor } from './policies';

/** Bytes a chunk row holds. */
const CHUNK_BYTES = 1 << 20;
/** Chunks read back per statement while importing. */
const CHUNKS_PER_READ = 8;
/** Rejected lines kept on the import for people to read (all are counted). */
export const LISTED_IMPORT_REJECTIONS = 100;
/** An upload that stopped arriving this long ago is removed with its chunks. */
const ABANDONED_UPLOAD_MINUTES = 60;
/** A running import writes its heartbeat this often; one silent for `STALLED_IMPORT_SECONDS` lost its worker. */
const HEARTBEAT_MS = 30_000;
const STALLED_IMPORT_SECONDS = 180;
/** Runs an import gets: the job's first run and its retries (`importFileJob.retryLimit`). */
const IMPORT_RUNS = 4;

/** An uploaded import as the API returns it (`fileImportSchema`). */
export type FileImport = z.infer<typeof fileImportSchema>;
type FileImportStatus = FileImport['status'];

interface ImportRow {
  id: string;
  organization_id: string | null;
  file_name: string;
  format: 'jsonl' | 'csv';
  byte_size: string | number;
  status: FileImportStatus;
  ingested: number;
  duplicates: number;
  rejected_count: number;
  rejected: { line: number; reason: string }[];
  error: string | null;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  attempts: number;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function toFileImport(row: ImportRow): FileImport {
  return {
    id: row.id,
    organizationId: row.organization_id,
    fileName: row.file_name,
    format: row.format,
    byteSize: Number(row.byte_size),
    status: row.status,
    ingested: row.ingested,
    duplicates: row.duplicates,
    rejectedCount: row.rejected_count,
    rejected: row.rejected,
    error: row.error,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

/** The import's format from an explicit choice or the file's extension (`.jsonl`, `.ndjson`, `.csv`). */
export function importFormatOf(fileName: string, format?: string): 'jsonl' | 'csv' {
  const chosen = format ?? /\.(jsonl|ndjson|csv)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (chosen === 'jsonl' || chosen === 'ndjson') return 'jsonl';
  if (chosen === 'csv') return 'csv';
  throw new AppError('VALIDATION_FAILED', 'Name the format: a .jsonl or .csv file, or format=jsonl|csv', {
    invalidFields: [{ path: 'format', message: 'jsonl or csv' }],
  });
}

/**
 * Receives an uploaded export: checks who may import for which organization, streams the body into chunk rows
 * (refusing it past `maxBytes`, or empty, with nothing kept), then queues the import job. Returns the queued import.
 */
export async function receiveImport({
  actor,
  fileName,
  format,
  organizationId,
  body,
  announcedBytes,
  maxBytes = env.monitoring.maxImportBytes,
  requestId,
}: {
  actor: Actor;
  fileName: string;
  format?: string;
  organizationId?: string | null;
  body: AsyncIterable<Uint8Array> | null;
  /** The request's Content-Length, when sent: a file announced past the limit is refused before a byte is read. */
  announcedBytes?: number;
  maxBytes?: number;
  requestId?: string;
}): Promise<FileImport> {
  const organization = organizationFor(actor, organizationId);
  assertCanWriteForOrganization(actor, organization);
  const tooLarge = () =>
    new AppError('PAYLOAD_TOO_LARGE', `The file exceeds ${maxBytes} bytes (NHIP_MAX_IMPORT_BYTES); use nhip monitor import`);
  if (announcedBytes !== undefined && announcedBytes > maxBytes) throw tooLarge();
  const name = fileName.normalize('NFC').trim().slice(0, 255);
  if (!name) throw new AppError('VALIDATION_FAILED', 'Name the file', { invalidFields: [{ path: 'name', message: 'required' }] });
  const kind = importFormatOf(name, format);
  const db = await getDb();
  const { rows } = await db.execute(sql`
    INSERT INTO monitoring_imports (organization_id, file_name, format, created_by)
    VALUES (${organization}, ${name}, ${kind}, ${actor.userId}) RETURNING id`);
  const importId = (rows[0] as { id: string }).id;
  let size = 0;
  try {
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const writeChunk = async (bytes: Buffer) => {
      await db.execute(
        sql`INSERT INTO monitoring_import_chunks (import_id, seq, bytes) VALUES (${importId}, ${seq++}, ${bytes})`,
      );
    };
    for await (const piece of body ?? []) {
      size += piece.byteLength;
      if (size > maxBytes) throw tooLarge();
      pending.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
      pendingBytes += piece.byteLength;
      if (pendingBytes >= CHUNK_BYTES) {
        const joined = Buffer.concat(pending);
        for (let at = 0; at + CHUNK_BYTES <= joined.length; at += CHUNK_BYTES)
          await writeChunk(joined.subarray(at, at + CHUNK_BYTES));
        const rest = joined.subarray(joined.length - (joined.length % CHUNK_BYTES));
        pending = rest.length ? [Buffer.from(rest)] : [];
        pendingBytes = rest.length;
      }
    }
    if (pendingBytes) await writeChunk(Buffer.concat(pending));
    if (size === 0)
      throw new AppError('VALIDATION_FAILED', 'The file is empty', { invalidFields: [{ path: 'file', message: 'empty' }] });
  } catch (error) {
    // a refused or broken upload keeps nothing
    await db.execute(sql`DELETE FROM monitoring_imports WHERE id = ${importId}`);
    throw error;
  }
  return db.transaction(async (tx) => {
    const { rows: queued } = await tx.execute(sql`
      UPDATE monitoring_imports SET status = 'queued', byte_size = ${size} WHERE id = ${importId} RETURNING *`);
    const created = toFileImport(queued[0] as unknown as ImportRow);
    await enqueueJob(importFileJob, { importId }, { tx, singletonKey: `import:${importId}` });
    await recordAudit(tx, {
      actor,
      action: 'monitoring.import.create',
      entityType: 'monitoring_import',
      entityId: importId,
      organizationId: organization,
      after: { fileName: name, format: kind, byteSize: size },
      requestId,
    });
    return created;
  });
}

/** The upload's bytes, read back a few chunks per statement. */
async function* chunksOf(importId: string): AsyncGenerator<Buffer> {
  const db = await getDb();
  for (let next = 0; ;) {
    const { rows } = await db.execute(sql`
      SELECT seq, bytes FROM monitoring_import_chunks WHERE import_id = ${importId} AND seq >= ${next}
      ORDER BY seq LIMIT ${CHUNKS_PER_READ}`);
    if (rows.length === 0) return;
    for (const row of rows as { seq: number; bytes: Buffer }[]) {
      yield row.bytes;
      next = row.seq + 1;
    }
  }
}

async function finishImport(
  executor: Executor,
  importId: string,
  outcome: { status: 'done' | 'failed'; error?: string },
): Promise<void> {
  await executor.execute(sql`
    UPDATE monitoring_imports SET status = ${outcome.status}, error = ${outcome.error ?? null}, finished_at = now()
    WHERE id = ${importId}`);
  await executor.execute(sql`DELETE FROM monitoring_import_chunks WHERE import_id = ${importId}`);
}

/**
 * Runs a queued import: the same streaming import as the CLI, for the uploader's organization, with the counts
 * written after every stored batch. Safe to run again after a killed worker: documents already stored count as
 * duplicates. A file that cannot be read as a whole (a read error, not bad lines) ends as failed with the reason;
 * a database failure that says nothing of the file (the connection lost, the server restarting) queues it again and
 * throws, so the job's retry takes it up, until its `IMPORT_RUNS` runs are spent.
 */
export async function runFileImport({ importId }: { importId: string }): Promise<FileImport | null> {
  const db = await getDb();
  // queued, or running with a silent heartbeat (its worker died): never two live runs of one import
  const { rows } = await db.execute(sql`
    UPDATE monitoring_imports
    SET status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()), heartbeat_at = now(),
      error = NULL
    WHERE id = ${importId} AND (status = 'queued' OR (status = 'running'
      AND coalesce(heartbeat_at, '-infinity') < now() - make_interval(secs => ${STALLED_IMPORT_SECONDS})))
    RETURNING *`);
  const row = rows[0] as unknown as ImportRow | undefined;
  if (!row) return null; // ended, removed, or running on a live worker
  const heartbeat = setInterval(() => {
    db.execute(sql`UPDATE monitoring_imports SET heartbeat_at = now() WHERE id = ${importId}`).catch((error: Error) =>
      logger.warn({ importId, err: error.message }, 'import heartbeat failed'),
    );
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    const result = await importDocumentsFile({
      file: row.file_name,
      format: row.format,
      open: () => Readable.from(chunksOf(importId)),
      organizationId: row.organization_id,
      onBatch: async (progress) => {
        await db.execute(sql`
          UPDATE monitoring_imports SET ingested = ${progress.ingested}, duplicates = ${progress.duplicates},
            rejected_count = ${progress.rejected.length} WHERE id = ${importId}`);
      },
    });
    const rejectedCount = result.rejected.length + result.rejectedNotListed;
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        UPDATE monitoring_imports SET ingested = ${result.ingested}, duplicates = ${result.duplicates},
          rejected_count = ${rejectedCount},
          rejected = ${JSON.stringify(result.rejected.slice(0, LISTED_IMPORT_REJECTIONS))}::jsonb
        WHERE id = ${importId}`);
      await finishImport(tx, importId, { status: 'done' });
    });
  } catch (error) {
    const message = rootCauseMessage(error).slice(0, 2000);
    if (isTransientDatabaseError(error) && row.attempts < IMPORT_RUNS) {
      // the database went away under the import, not the file: queued again (chunks kept) for the job's retry,
      // which finds the batches stored so far as duplicates
      logger.warn({ importId, err: message, attempt: row.attempts }, 'file import interrupted; it will be retried');
      await db.execute(sql`
        UPDATE monitoring_imports SET status = 'queued', error = ${message} WHERE id = ${importId} AND status = 'running'`);
      throw error;
    }
    logger.warn({ importId, err: message }, 'file import failed');
    await db.transaction((tx) => finishImport(tx, importId, { status: 'failed', error: message }));
  } finally {
    clearInterval(heartbeat);
  }
  const { rows: ended } = await db.execute(sql`SELECT * FROM monitoring_imports WHERE id = ${importId}`);
  return toFileImport(ended[0] as unknown as ImportRow);
}

/** The latest imports the actor may read: their organization's, or every organization's for network-wide roles. */
export async function listImports({ actor, limit = 50 }: { actor: Actor; limit?: number }): Promise<FileImport[]> {
  const db = await getDb();
  const { rows } = await db.execute(sql`
    SELECT * FROM monitoring_imports
    WHERE status <> 'receiving' AND ${isNetworkWide(actor) ? sql`true` : sql`organization_id = ${actor.organizationId}`}
    ORDER BY created_at DESC LIMIT ${limit}`);
  return (rows as unknown as ImportRow[]).map(toFileImport);
}

/** One import, if the actor may read it. */
export async function getImport({ actor, importId }: { actor: Actor; importId: string }): Promise<FileImport> {
  const db = await getDb();
  const { rows } = await db.execute(sql`SELECT * FROM monitoring_imports WHERE id = ${importId} AND status <> 'receiving'`);
  const row = rows[0] as unknown as ImportRow | undefined;
  if (!row || (row.organization_id !== null && !canReadOrganizationRecord(actor, row.organization_id)))
    throw new AppError('NOT_FOUND', 'No such import');
  return toFileImport(row);
}

/**
 * Uploads abandoned mid-way (the browser closed, the web process killed) are removed with their chunks; imports
 * whose worker died (heartbeat silent), and queued imports no job will run, are queued again. Returns what it did.
 */
export async function tendImports(): Promise<{ removedUploads: number; resumed: string[] }> {
  const db = await getDb();
  const { rows: removed } = await db.execute(sql`
    DELETE FROM monitoring_imports WHERE status = 'receiving'
      AND created_at < now() - make_interval(mins => ${ABANDONED_UPLOAD_MINUTES}) RETURNING id`);
  // running with a silent heartbeat (its worker died), or queued with no job left to run it (the job's retries
  // were spent on failures that were not the import's own)
  const { rows: stalled } = await db.execute(sql`
    SELECT i.id, i.attempts FROM monitoring_imports i
    WHERE (i.status = 'running'
        AND coalesce(i.heartbeat_at, '-infinity') < now() - make_interval(secs => ${STALLED_IMPORT_SECONDS}))
      OR (i.status = 'queued' AND i.created_at < now() - interval '1 minute'
        AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = ${importFileJob.name}
          AND j.data->>'importId' = i.id::text AND j.state IN ('created', 'retry', 'active')))`);
  const resumed: string[] = [];
  for (const { id, attempts } of stalled as { id: string; attempts: number }[]) {
    // keyed by attempt: the dead run's job may still be active in the queue until it expires
    await enqueueJob(importFileJob, { importId: id }, { singletonKey: `import:${id}:${attempts}` });
    resumed.push(id);
  }
  if (resumed.length) logger.info({ resumed }, 'imports whose worker died or whose job ended are queued again');
  return { removedUploads: removed.length, resumed };
}

/** Imports one uploaded file; a run whose worker died is taken up again (`tendImports`, `runFileImport`). */
export const importFileJob = defineJob({
  name: 'monitoring.import-file',
  schema: z.object({ importId: z.string().uuid() }),
  handler: async ({ importId }) => {
    await runFileImport({ importId });
  },
  retryLimit: IMPORT_RUNS - 1,
  retryDelaySeconds: 30,
  // a 1 GB export takes minutes on one machine (about 4 at 1,700 docs/s)
  expireInSeconds: 60 * 60,
  concurrency: 1,
});

/** Every minute: abandoned uploads and imports whose worker died. */
export const tendImportsJob = defineJob({
  name: 'monitoring.tend-imports',
  schema: z.object({}).passthrough(),
  handler: async () => {
    await tendImports();
  },
  cron: '* * * * *',
  cronPayload: {},
  retryLimit: 0,
});
