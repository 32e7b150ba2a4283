import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { env } from '../../platform/env';
import { incomingDocumentSchema, type IncomingDocument, type IngestResult } from './contracts';
import { settleSearchIndex, storeBatch, sweepOrphanSearchRows } from './ingest';
import { prepareBatch, type PreparedBatch } from './prepare';
import { defaultProcessingThreads, ProcessingPool } from './processing-pool';
import { getDeploymentSecret } from '../../platform/secret';
import { loadEntityDirectory, loadQueryRegistry } from './services';
import { createProcessingContext } from './process';
import { loadActiveModels } from './active-models';

const BATCH_SIZE = 1000;
/** Rejections listed individually; beyond this only counted (a 1 GB file of garbage must not fill memory). */
const MAX_LISTED_REJECTIONS = 10_000;
/** A longer JSONL line is refused without being parsed. */
const MAX_LINE_CHARS = 10_000_000;

/**
 * Lines of a UTF-8 file, pulled chunk by chunk: the consumer's `await` is the back-pressure, so memory holds one
 * chunk plus the current line whatever the file size (readline's iterator may buffer ahead of a slow consumer).
 */
async function* readLines(input: Readable): AsyncGenerator<{ line: string; isTooLong: boolean }> {
  let pending = '';
  let isSkipping = false;
  // decoded here, so a character split between two chunks is whole
  for await (const chunk of input.setEncoding('utf8') as AsyncIterable<string>) {
    let start = 0;
    for (let newline = chunk.indexOf('\n'); newline >= 0; newline = chunk.indexOf('\n', start)) {
      const piece = chunk.slice(start, newline);
      start = newline + 1;
      if (isSkipping) {
        isSkipping = false;
        pending = '';
        continue;
      }
      const line = (pending + piece).replace(/\r$/, '');
      pending = '';
      yield { line, isTooLong: false };
    }
    if (!isSkipping) pending += chunk.slice(start);
    if (pending.length > MAX_LINE_CHARS) {
      pending = '';
      isSkipping = true;
      yield { line: '', isTooLong: true };
    }
  }
  if (pending && !isSkipping) yield { line: pending, isTooLong: false };
}

export interface ImportOptions {
  /** The file's path, or its name when `open` gives its bytes (the format follows its extension). */
  file: string;
  /** The bytes, when they are not a local file (an upload kept in the database); read once. */
  open?: () => Readable;
  format?: 'jsonl' | 'csv';
  sourceId?: string | null;
  organizationId?: string | null;
  /** Called after each stored batch (progress, tests that kill mid-import) with the batch's store time in ms. */
  onBatch?: (progress: IngestResult, batch: { storeMs: number; documents: number }) => void | Promise<void>;
  /**
   * Worker threads processing the documents (default `NHIP_PROCESSING_THREADS`, else one per core, at most 4);
   * 0 processes on the calling thread. The threads start with the second batch: a small file does not wait for them.
   */
  processingThreads?: number;
}

export type ImportResult = IngestResult & { rejectedNotListed: number };

/**
 * Why a line is not JSON, without the line: V8 quotes it in some messages (`Unexpected token 'N', "{"author":
 * Nguyen…" is not valid JSON`), and reports are kept (an uploaded import's rejected lines) and shown; a post's text
 * or its author's name must not be repeated into them.
 */
function jsonErrorReason(error: Error): string {
  return `invalid JSON: ${error.message.replace(/, .* is not valid JSON$/s, '')}`;
}

function describeZodError(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || 'line'}: ${issue.message}`).join('; ');
}

/**
 * Streams a JSONL or CSV export into the store in batches, so memory stays bounded whatever the file
 * size. Bad lines are reported with their line number and reason; the rest goes through. Re-running the
 * same import stores nothing twice (documents are keyed by canonical URL and content hash).
 */
export async function importDocumentsFile({
  file,
  open = () => fs.createReadStream(file, { highWaterMark: 1 << 20 }),
  format,
  sourceId,
  organizationId,
  onBatch,
  processingThreads,
}: ImportOptions): Promise<ImportResult> {
  const kind = format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');
  // A re-run after a killed import first removes the search rows the killed batch left without documents.
  await sweepOrphanSearchRows();
  // The secret and the directory serve both this thread's context and the processing threads' setup.
  const [secret, directory, learned] = await Promise.all([getDeploymentSecret(), loadEntityDirectory(), loadActiveModels()]);
  const context = createProcessingContext({ sourceId, organizationId, secret, entities: directory.matcher, learned });
  const threads = processingThreads ?? env.monitoring.processingThreads ?? defaultProcessingThreads();
  let pool: ProcessingPool | null = null;
  const result: ImportResult = { ingested: 0, duplicates: 0, rejected: [], rejectedNotListed: 0 };
  const reject = (line: number, reason: string) => {
    if (result.rejected.length < MAX_LISTED_REJECTIONS) result.rejected.push({ line, reason });
    else result.rejectedNotListed++;
  };
  let batch: IncomingDocument[] = [];
  let lines: number[] = [];
  let batches = 0;
  // Batches are processed ahead (on the pool's threads, or on this thread while the previous batch is stored) and
  // stored one at a time in file order; at most `threads + 1` batches are held, so memory stays bounded.
  let storing: Promise<void> = Promise.resolve();
  const unsettled: Promise<void>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const batchLines = lines;
    const items = batch;
    batch = [];
    lines = [];
    const registry = await loadQueryRegistry();
    if (++batches === 2 && threads > 0) {
      pool = new ProcessingPool(threads, {
        sourceId: sourceId ?? null,
        organizationId: organizationId ?? null,
        secret,
        entities: directory.entries,
        learned,
      });
    }
    const preparing: Promise<PreparedBatch> = pool
      ? pool.prepare(items, registry)
      : Promise.resolve(prepareBatch({ items, context, registry }));
    preparing.catch(() => undefined);
    const previous = storing;
    storing = (async () => {
      const prepared = await preparing;
      await previous;
      const storeStarted = performance.now();
      const outcome = await storeBatch(prepared);
      result.ingested += outcome.ingested;
      result.duplicates += outcome.duplicates;
      for (const item of outcome.rejected) reject(batchLines[item.index]!, item.reason);
      await onBatch?.(result, { storeMs: performance.now() - storeStarted, documents: prepared.documents.length });
    })();
    // Observed here so a failure is not reported as unhandled; awaiting it below or at the end rethrows it.
    storing.catch(() => undefined);
    unsettled.push(storing);
    while (unsettled.length > Math.max(1, pool?.size ?? 0)) await unsettled.shift();
  };
  const accept = async (lineNumber: number, value: unknown) => {
    const parsed = incomingDocumentSchema.safeParse(value);
    if (!parsed.success) return reject(lineNumber, describeZodError(parsed.error));
    batch.push(parsed.data);
    lines.push(lineNumber);
    if (batch.length >= BATCH_SIZE) await flush();
  };

  const readInput = async () => {
    if (kind === 'jsonl') {
      let lineNumber = 0;
      for await (const { line, isTooLong } of readLines(open())) {
        lineNumber++;
        if (isTooLong) {
          reject(lineNumber, `line longer than ${MAX_LINE_CHARS} characters`);
          continue;
        }
        if (!line.trim()) continue;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch (error) {
          reject(lineNumber, jsonErrorReason(error as Error));
          continue;
        }
        if (!value || typeof value !== 'object' || Array.isArray(value)) {
          reject(lineNumber, 'a line must be one JSON object');
          continue;
        }
        await accept(lineNumber, value);
      }
    } else {
      const input = open();
      const parser = input.pipe(
        parseCsv({ columns: true, bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true }),
      );
      // pipe() does not pass a read error on: the loop below would wait for ever
      input.once('error', (error) => parser.destroy(error));

      for await (const record of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
        const row = record.record;
        const publishedAt = row.publishedAt ?? row.published_at ?? '';
        await accept(record.info.lines, {
          url: row.url || null,
          title: row.title ?? null,
          text: row.text ?? null,
          publishedAt,
          source: row.source || null,
          kind: row.kind || 'news',
          author: row.author || null,
        });
      }
    }
  };

  try {
    await readInput();
    await flush();
    await storing;
  } finally {
    await (pool as ProcessingPool | null)?.close();
  }
  await settleSearchIndex();
  return result;
}
