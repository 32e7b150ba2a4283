import fs from 'node:fs';
import readline from 'node:readline';
import { parse as parseCsv } from 'csv-parse';
import { incomingDocumentSchema, type IncomingDocument, type IngestResult } from './contracts';
import { prepareBatch, storeBatch } from './ingest';
import { loadProcessingContext, loadQueryRegistry } from './services';

const BATCH_SIZE = 1000;
/** Rejections listed individually; beyond this only counted (a 1 GB file of garbage must not fill memory). */
const MAX_LISTED_REJECTIONS = 10_000;

export interface ImportOptions {
  file: string;
  format?: 'jsonl' | 'csv';
  sourceId?: string | null;
  organizationId?: string | null;
  /** Called after each stored batch (progress, tests that kill mid-import). */
  onBatch?: (progress: IngestResult) => void | Promise<void>;
}

export type ImportResult = IngestResult & { rejectedNotListed: number };

function describeZodError(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || 'line'}: ${issue.message}`).join('; ');
}

/**
 * Streams a JSONL or CSV export into the store in batches, so memory stays bounded whatever the file
 * size. Bad lines are reported with their line number and reason; the rest goes through. Re-running the
 * same import stores nothing twice (documents are keyed by canonical URL and content hash).
 */
export async function importDocumentsFile({ file, format, sourceId, organizationId, onBatch }: ImportOptions): Promise<ImportResult> {
  const kind = format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');
  const context = await loadProcessingContext({ sourceId, organizationId });
  const result: ImportResult = { ingested: 0, duplicates: 0, rejected: [], rejectedNotListed: 0 };
  const reject = (line: number, reason: string) => {
    if (result.rejected.length < MAX_LISTED_REJECTIONS) result.rejected.push({ line, reason });
    else result.rejectedNotListed++;
  };
  let batch: IncomingDocument[] = [];
  let lines: number[] = [];
  // One batch is stored while the next is processed: database and CPU work overlap, memory stays at two batches.
  let storing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (batch.length === 0) return;
    const batchLines = lines;
    const prepared = prepareBatch({ items: batch, context, registry: await loadQueryRegistry() });
    batch = [];
    lines = [];
    await storing;
    storing = storeBatch(prepared).then(async (outcome) => {
      result.ingested += outcome.ingested;
      result.duplicates += outcome.duplicates;
      for (const item of outcome.rejected) reject(batchLines[item.index]!, item.reason);
      await onBatch?.(result);
    });
    // Observed here so a failure is not reported as unhandled; the next `await storing` rethrows it.
    storing.catch(() => undefined);
  };
  const accept = async (lineNumber: number, value: unknown) => {
    const parsed = incomingDocumentSchema.safeParse(value);
    if (!parsed.success) return reject(lineNumber, describeZodError(parsed.error));
    batch.push(parsed.data);
    lines.push(lineNumber);
    if (batch.length >= BATCH_SIZE) await flush();
  };

  if (kind === 'jsonl') {
    const reader = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    let lineNumber = 0;
    for await (const line of reader) {
      lineNumber++;
      if (!line.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        reject(lineNumber, `invalid JSON: ${(error as Error).message}`);
        continue;
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        reject(lineNumber, 'a line must be one JSON object');
        continue;
      }
      await accept(lineNumber, value);
    }
  } else {
    const parser = fs.createReadStream(file).pipe(
      parseCsv({ columns: true, bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true }),
    );
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
  await flush();
  await storing;
  return result;
}
