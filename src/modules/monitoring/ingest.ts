import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { getDatabase } from '../../platform/db';
import { logger } from '../../platform/logger';
import { hammingDistance, NEAR_DUPLICATE_DISTANCE } from './simhash';
import { prepareBatch, documentKey, type PreparedBatch } from './prepare';
import type { ProcessedDocument, ProcessingContext } from './process';
import { loadQueryRegistry } from './services';
import type { QueryRegistry } from './query/registry';
import type { IncomingDocument } from './contracts';

/** Serialises the story-assignment + insert step across worker processes (see docs/monitoring.md). */
const INGEST_LOCK = 727_200;
/** How far apart in publication time two copies of one story may be. */
const STORY_WINDOW_MS = 7 * 86_400_000;

export interface BatchResult {
  ingested: number;
  duplicates: number;
  rejected: { index: number; reason: string }[];
  documentIds: number[];
  matches: number;
  /** Milliseconds per database step (lock wait, dedup check, stories, insert, mentions) for the bench. */
  timings?: Record<string, number>;
}

/**
 * Items processed and stored per transaction by `ingestBatch`. Processing is synchronous CPU work (≈ 0.3 ms an
 * article): a 5,000-item webhook push processed in one go would hold the event loop of the web process for over
 * a second, while in chunks it is free again at each chunk's database round trips.
 */
export const INGEST_CHUNK_ITEMS = 250;

/**
 * Processes and stores a batch of incoming items, in transactions of `INGEST_CHUNK_ITEMS`: rejects bad items
 * with a reason (`index` in `items`), skips documents already stored (same canonical URL, or same content from
 * the same source; also when an earlier item of the batch was it), clusters near-duplicates into stories,
 * matches every saved query, and writes documents, stories and matches with multi-row statements. Safe to
 * re-run: a re-import, or a retry after a failure half-way, stores nothing twice.
 */
export async function ingestBatch({
  items,
  context,
  registry,
}: {
  items: readonly IncomingDocument[];
  context: ProcessingContext;
  registry?: QueryRegistry;
}): Promise<BatchResult> {
  const queries = registry ?? (await loadQueryRegistry());
  const total: BatchResult = { ingested: 0, duplicates: 0, rejected: [], documentIds: [], matches: 0 };
  for (let start = 0; start < items.length; start += INGEST_CHUNK_ITEMS) {
    const chunk = await storeBatch(
      prepareBatch({ items: items.slice(start, start + INGEST_CHUNK_ITEMS), context, registry: queries }),
    );
    total.ingested += chunk.ingested;
    total.duplicates += chunk.duplicates;
    total.rejected.push(...chunk.rejected.map(({ index, reason }) => ({ index: start + index, reason })));
    total.documentIds.push(...chunk.documentIds);
    total.matches += chunk.matches;
  }
  return total;
}

/** The database part of ingest: one transaction of multi-row statements (see `ingestBatch`). */
export async function storeBatch({
  documents: processed,
  matchedQueries,
  registry: queries,
  duplicates: batchDuplicates,
  rejected,
}: PreparedBatch): Promise<BatchResult> {
  let duplicates = batchDuplicates;
  if (processed.length === 0) return { ingested: 0, duplicates, rejected, documentIds: [], matches: 0 };
  const { pool } = await getDatabase();
  const client = await pool.connect();
  const timings: Record<string, number> = {};
  let mark = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = (timings[name] ?? 0) + now - mark;
    mark = now;
  };
  let searchWriting: Promise<string[]> | undefined;
  let allIds: number[] = [];
  try {
    // One round trip: the transaction, the ingest lock, and ids for every document (allocated under the lock,
    // so ids become visible in increasing order; a duplicate dropped below leaves a gap).
    const opening = (await client.query(
      `BEGIN; SELECT pg_advisory_xact_lock(${INGEST_LOCK}); SELECT nextval(pg_get_serial_sequence('monitoring_documents', 'id'))::text AS id FROM generate_series(1, ${processed.length})`,
    )) as unknown as pg.QueryResult<{ id: string }>[];
    allIds = opening[2]!.rows.map((row) => Number(row.id));
    lap('lock');
    // The search rows are written meanwhile on a second connection (another core), in their own transaction
    // that commits before this one: search joins monitoring_documents, so they are found exactly from the
    // moment the documents commit, and rows whose documents are not stored (duplicates, a failed batch) are
    // never returned and are deleted below.
    searchWriting = writeSearchRows(pool, processed, allIds);
    searchWriting.catch(() => undefined);
    // Optimistic: most batches hold only new documents, and the unique indexes check that during the COPY
    // anyway, so the documents are COPYed without a dedup query first. If one is stored already (a re-import,
    // a retried job), the COPY fails on its unique index and is rolled back to its savepoint; then stored
    // documents are dropped and the rest is stored as before.
    let fresh = processed;
    let ids = allIds;
    let storyIds = await assignStories(client, fresh, ids);
    lap('stories');
    let inserted = await copyDocuments(client, fresh, ids, storyIds);
    lap('insert');
    if (!inserted) {
      const idOf = new Map(processed.map((document, index) => [document, allIds[index]!]));
      fresh = await dropStored(client, processed);
      lap('dedup');
      ids = fresh.map((document) => idOf.get(document)!);
      storyIds = await assignStories(client, fresh, ids);
      lap('stories again');
      inserted = fresh.length > 0 ? await insertDocuments(client, fresh, ids, storyIds) : new Set<number>();
      lap('insert again');
    }
    duplicates += processed.length - inserted.size;
    await upsertStories(client, fresh, ids, storyIds, inserted);
    const matches = await insertMatches(client, fresh, ids, storyIds, inserted, processed, matchedQueries, queries);
    lap('mentions');
    await searchWriting;
    lap('search wait');
    await settleSearchRows(client, processed, allIds, inserted);
    await client.query('COMMIT');
    lap('commit');
    return { ingested: inserted.size, duplicates, rejected, documentIds: [...inserted], matches, timings };
  } catch (error) {
    // The search rows are settled before the lock is released (a second writer never runs meanwhile); those
    // of a failed batch point to no document and are removed.
    const isSearchWritten = searchWriting
      ? await searchWriting.then(
          () => true,
          () => false,
        )
      : false;
    await client.query('ROLLBACK').catch(() => undefined);
    if (isSearchWritten) {
      await settleSearchRows(pool, processed, allIds, new Set()).catch((cleanupError: unknown) =>
        logger.warn(
          { err: cleanupError },
          'removing the search rows of a failed batch failed (search never returns them; the next sweep removes them)',
        ),
      );
    }
    throw error;
  } finally {
    client.release();
  }
}

/** Writes (COPY) and commits the search rows of a batch on a connection of its own; returns their months. */
async function writeSearchRows(pool: pg.Pool, documents: ProcessedDocument[], ids: number[]): Promise<string[]> {
  const client = await pool.connect();
  try {
    const months = await insertSearchRows(client, documents, ids);
    // Committed: their pending lists can be merged already, while the documents are still being stored.
    scheduleSearchMerge(months);
    return months;
  } finally {
    client.release();
  }
}

/**
 * Deletes the search rows of the batch's documents that were not stored, and the batch's pending record (in
 * `executor`'s transaction): what is left of the batch's search rows belongs to stored documents.
 */
async function settleSearchRows(
  executor: pg.PoolClient | pg.Pool,
  documents: ProcessedDocument[],
  ids: number[],
  stored: Set<number>,
): Promise<void> {
  const dropped = ids
    .map((id, index) => ({ id, at: documents[index]!.publishedAt.toISOString() }))
    .filter(({ id }) => !stored.has(id));
  // published_at first: it prunes partitions and leads their (published_at, document_id) index.
  if (dropped.length > 0) {
    await executor.query(
      'DELETE FROM monitoring_search WHERE published_at = ANY($1::timestamptz[]) AND document_id = ANY($2::bigint[])',
      [dropped.map(({ at }) => at), dropped.map(({ id }) => id)],
    );
  }
  await executor.query('DELETE FROM monitoring_search_pending WHERE first_document_id = $1', [ids[0]]);
}

/**
 * Removes the search rows of batches whose process died between committing them and committing their documents
 * (recorded in `monitoring_search_pending`). Under the ingest lock, so no batch is between its two commits; a
 * record of a live batch never outlives the lock. Returns the number of search rows removed.
 */
export async function sweepOrphanSearchRows(): Promise<number> {
  const { pool } = await getDatabase();
  const client = await pool.connect();
  try {
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${INGEST_LOCK})`);
    const removed = await client.query(
      `WITH pending AS (DELETE FROM monitoring_search_pending RETURNING published_at, document_ids),
            rows AS (SELECT u.at, u.id FROM pending, unnest(pending.published_at, pending.document_ids) AS u(at, id))
       DELETE FROM monitoring_search s USING rows
       WHERE s.published_at = rows.at AND s.document_id = rows.id
         AND NOT EXISTS (SELECT 1 FROM monitoring_documents d WHERE d.id = rows.id)`,
    );
    await client.query('COMMIT');
    if (removed.rowCount)
      logger.info({ rows: removed.rowCount }, 'removed search rows of documents never stored (a process died mid-batch)');
    return removed.rowCount ?? 0;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Documents whose canonical URL or (source, content hash) is not stored yet. */
async function dropStored(client: pg.PoolClient, documents: ProcessedDocument[]): Promise<ProcessedDocument[]> {
  const urls = documents.map((document) => document.canonicalUrl).filter((url): url is string => url !== null);
  // Two index lookups joined by UNION ALL (an OR across the two unique indexes would scan the table).
  const existing = await client.query<{ canonical_url: string | null; key: string }>(
    `SELECT canonical_url, source_key || '|' || encode(content_hash, 'hex') AS key FROM monitoring_documents WHERE canonical_url = ANY($1::text[])
     UNION ALL
     SELECT d.canonical_url, d.source_key || '|' || encode(d.content_hash, 'hex') FROM unnest($2::text[], $3::bytea[]) AS u(source_key, content_hash)
       JOIN monitoring_documents d ON d.source_key = u.source_key AND d.content_hash = u.content_hash`,
    [urls, documents.map((document) => document.sourceKey), documents.map((document) => document.contentHash)],
  );
  const storedUrls = new Set(existing.rows.map((row) => row.canonical_url));
  const storedKeys = new Set(existing.rows.map((row) => row.key));
  return documents.filter(
    (document) => !(document.canonicalUrl && storedUrls.has(document.canonicalUrl)) && !storedKeys.has(documentKey(document)),
  );
}

/**
 * Story of each document: the story of the earliest-published near-duplicate (stored or earlier in this
 * batch), else a new story whose id is the document's own id. Candidates come from the four SimHash bands.
 */
async function assignStories(client: pg.PoolClient, documents: ProcessedDocument[], ids: number[]): Promise<number[]> {
  const times = documents.map((document) => document.publishedAt.getTime());
  // Per document and band, the earliest stored document in its ±7-day window whose SimHash is within the
  // distance: one (bandN, published_at) index range per document and band (migration 0205), read in time order
  // and stopped at the first near-duplicate. Only the earliest can be chosen below, so one row per band comes
  // back (a widely copied story returned every copy).
  const band = (n: number) => `
    (SELECT d.id, d.story_id, d.simhash, d.published_at FROM monitoring_documents d
     WHERE d.band${n} = u.band${n} AND d.published_at BETWEEN u.at - interval '7 days' AND u.at + interval '7 days'
       AND bit_count((d.simhash # u.simhash)::bit(64)) <= $7
     ORDER BY d.published_at, d.id LIMIT 1)`;
  const stored = await client.query<{ id: string; story_id: string | null; simhash: string; published_at: Date }>(
    `SELECT DISTINCT c.id::text, c.story_id::text, c.simhash::text, c.published_at
     FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::bigint[], $6::timestamptz[]) AS u(band0, band1, band2, band3, simhash, at)
     CROSS JOIN LATERAL (${band(0)} UNION ALL ${band(1)} UNION ALL ${band(2)} UNION ALL ${band(3)}) c`,
    [
      documents.map((document) => document.bands[0]),
      documents.map((document) => document.bands[1]),
      documents.map((document) => document.bands[2]),
      documents.map((document) => document.bands[3]),
      documents.map((document) => document.simhash.toString()),
      documents.map((document) => document.publishedAt.toISOString()),
      NEAR_DUPLICATE_DISTANCE,
    ],
  );
  interface Candidate {
    id: number;
    storyId: number;
    simhash: bigint;
    publishedAt: number;
  }
  // Earliest first; among documents published at the same moment, the first stored.
  const isEarlier = (a: Candidate, b: Candidate) =>
    a.publishedAt < b.publishedAt || (a.publishedAt === b.publishedAt && a.id < b.id);
  const buckets = new Map<string, Candidate[]>();
  const addCandidate = (candidate: Candidate, bandValues: readonly number[]) => {
    bandValues.forEach((value, band) => {
      const key = `${band}:${value}`;
      (buckets.get(key) ?? buckets.set(key, []).get(key)!).push(candidate);
    });
  };
  for (const row of stored.rows) {
    const hash = BigInt(row.simhash);
    const unsigned = BigInt.asUintN(64, hash);
    const values = [0n, 16n, 32n, 48n].map((shift) => Number((unsigned >> shift) & 0xffffn));
    addCandidate(
      { id: Number(row.id), storyId: Number(row.story_id ?? row.id), simhash: hash, publishedAt: row.published_at.getTime() },
      values,
    );
  }
  const order = documents.map((_, index) => index).sort((a, b) => times[a]! - times[b]!);
  const storyIds = new Array<number>(documents.length);
  for (const index of order) {
    const document = documents[index]!;
    let best: Candidate | undefined;
    for (let band = 0; band < 4; band++) {
      for (const candidate of buckets.get(`${band}:${document.bands[band]}`) ?? []) {
        if (Math.abs(candidate.publishedAt - times[index]!) > STORY_WINDOW_MS) continue;
        if (hammingDistance(candidate.simhash, document.simhash) > NEAR_DUPLICATE_DISTANCE) continue;
        if (!best || isEarlier(candidate, best)) best = candidate;
      }
    }
    const storyId = best?.storyId ?? ids[index]!;
    storyIds[index] = storyId;
    addCandidate({ id: ids[index]!, storyId, simhash: document.simhash, publishedAt: times[index]! }, document.bands);
  }
  return storyIds;
}

const STAGED_COLUMNS =
  'id, canonical_url, url, content_hash, source_id, source_name, source_key, organization_id, kind, lang, title, text, byline, author_pseudonym, published_at, story_id, simhash, band0, band1, band2, band3, topic, topic_score, sentiment, sentiment_score, sentiment_reasons, entity_ids';

/** A value in PostgreSQL's COPY text format. */
function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  // `includes` and `replaceAll` of one character are native scans: ~4× faster than one regex scan with a
  // replacer on 2 KB articles (which hold newlines, rarely the other three).
  let escaped = value.includes('\\') ? value.replaceAll('\\', '\\\\') : value;
  if (escaped.includes('\n')) escaped = escaped.replaceAll('\n', '\\n');
  if (escaped.includes('\r')) escaped = escaped.replaceAll('\r', '\\r');
  if (escaped.includes('\t')) escaped = escaped.replaceAll('\t', '\\t');
  return escaped;
}

function copyLine(document: ProcessedDocument, id: number, storyId: number): string {
  return [
    id,
    document.canonicalUrl,
    document.url,
    `\\x${document.contentHash.toString('hex')}`,
    document.sourceId,
    document.sourceName,
    document.sourceKey,
    document.organizationId,
    document.kind,
    document.lang,
    document.title,
    document.text,
    document.byline,
    document.authorPseudonym,
    document.publishedAt.toISOString(),
    storyId,
    document.simhash.toString(),
    document.bands[0],
    document.bands[1],
    document.bands[2],
    document.bands[3],
    document.topic,
    document.topicScore,
    document.sentiment,
    document.sentimentScore,
    JSON.stringify(document.sentimentReasons),
    `{${document.entityIds.join(',')}}`,
  ]
    .map((value) => copyValue(value))
    .join('\t');
}

/**
 * Streams the documents' COPY text lines into `statement` on this client, COPY_CHUNK_LINES lines at a time. Lines
 * are made chunk by chunk, not all first: a batch's lines (≈ 4 MB of strings) held until the COPY ended outlived
 * young collections (the store bench's old generation grew 54–66 MB per 20,000 documents, 34–36 MB now).
 */
async function copyDocumentLines(
  client: pg.PoolClient,
  statement: string,
  documents: ProcessedDocument[],
  ids: number[],
  storyIds: number[],
): Promise<void> {
  const stream = client.query(copyFrom(statement));
  const done = new Promise<void>((resolve, reject) => {
    stream.once('finish', () => resolve());
    stream.once('error', reject);
  });
  const chunk: string[] = [];
  for (let start = 0; start < documents.length; start += COPY_CHUNK_LINES) {
    const end = Math.min(start + COPY_CHUNK_LINES, documents.length);
    chunk.length = 0;
    for (let index = start; index < end; index++) chunk.push(copyLine(documents[index]!, ids[index]!, storyIds[index]!));
    // no 2-3 MB string to build, encode and collect per statement
    stream.write(chunk.join('\n') + '\n');
  }
  stream.end();
  await done;
}

const COPY_CHUNK_LINES = 32;

/** COPY into the table inside a savepoint; undefined (and rolled back) when a row hits a unique index. */
async function copyDocuments(
  client: pg.PoolClient,
  documents: ProcessedDocument[],
  ids: number[],
  storyIds: number[],
): Promise<Set<number> | undefined> {
  await client.query('SAVEPOINT monitoring_copy');
  try {
    await copyDocumentLines(client, `COPY monitoring_documents (${STAGED_COLUMNS}) FROM STDIN`, documents, ids, storyIds);
    await client.query('RELEASE SAVEPOINT monitoring_copy');
    return new Set(ids);
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
    await client.query('ROLLBACK TO SAVEPOINT monitoring_copy');
    return undefined;
  }
}

/**
 * COPY straight into the table: under the ingest advisory lock, `dropStored` has just ruled out every
 * conflict with stored rows, so there is nothing for ON CONFLICT to do. A writer that bypasses the lock could
 * still collide; then the batch falls back (savepoint) to COPY into a temporary staging table + INSERT …
 * SELECT … ON CONFLICT DO NOTHING, which skips the colliding rows.
 */
async function insertDocuments(
  client: pg.PoolClient,
  documents: ProcessedDocument[],
  ids: number[],
  storyIds: number[],
): Promise<Set<number>> {
  const copied = await copyDocuments(client, documents, ids, storyIds);
  if (copied) return copied;
  await client.query(
    // Same toast_tuple_target as the table (migration 0201): staged values are not compressed only to be copied over.
    `CREATE TEMP TABLE IF NOT EXISTS monitoring_staging (LIKE monitoring_documents INCLUDING DEFAULTS EXCLUDING IDENTITY) WITH (toast_tuple_target = 8160) ON COMMIT DELETE ROWS`,
  );
  await copyDocumentLines(client, `COPY monitoring_staging (${STAGED_COLUMNS}) FROM STDIN`, documents, ids, storyIds);
  const result = await client.query<{ id: string }>(
    `INSERT INTO monitoring_documents (${STAGED_COLUMNS}) SELECT ${STAGED_COLUMNS} FROM monitoring_staging ON CONFLICT DO NOTHING RETURNING id::text`,
  );
  return new Set(result.rows.map((row) => Number(row.id)));
}

/** Months (UTC) whose monitoring_search partition this process has already made sure of. */
const knownPartitions = new Set<string>();

/**
 * Makes the documents searchable: their tsvectors go into the month partitions of monitoring_search (created
 * here first when a month is new; only one batch writes search rows at a time, under its ingest lock), into
 * each partition's GIN pending list. Each statement commits on its own (the COPY is atomic). Returns the
 * months (UTC, `YYYY-MM`) written to.
 */
async function insertSearchRows(client: pg.PoolClient, documents: ProcessedDocument[], ids: number[]): Promise<string[]> {
  if (documents.length === 0) return [];
  const months = new Set<string>();
  for (const document of documents) months.add(document.publishedAt.toISOString().slice(0, 7));
  // Recorded (and committed) before the rows: if this process dies before the documents commit, the record names
  // the rows a sweep must remove. The documents' transaction deletes it.
  await client.query(
    'INSERT INTO monitoring_search_pending (first_document_id, published_at, document_ids) VALUES ($1, $2::timestamptz[], $3::bigint[])',
    [ids[0], documents.map((document) => document.publishedAt.toISOString()), ids],
  );
  const missing = [...months].filter((month) => !knownPartitions.has(month));
  if (missing.length > 0) {
    await client.query('SELECT monitoring_search_partition(m::timestamptz) FROM unnest($1::text[]) AS m', [
      missing.map((month) => `${month}-01T00:00:00Z`),
    ]);
    for (const month of missing) knownPartitions.add(month);
  }
  await copySearchRows(client, documents, ids);
  return [...months];
}

/**
 * COPYs search rows in COPY's binary format, `SEARCH_ROWS_PER_CHUNK` rows a buffer: four fields per row (id int8,
 * published_at timestamptz in microseconds since 2000, organization_id text or NULL, lexemes as `tsvectorrecv`
 * reads them). Binary, PostgreSQL copies each tsvector instead of parsing its text form, the larger part of a
 * search row's insert.
 */
async function copySearchRows(client: pg.PoolClient, documents: ProcessedDocument[], ids: number[]): Promise<void> {
  const stream = client.query(
    copyFrom('COPY monitoring_search (document_id, published_at, organization_id, lexemes) FROM STDIN (FORMAT binary)'),
  );
  const done = new Promise<void>((resolve, reject) => {
    stream.once('finish', () => resolve());
    stream.once('error', reject);
  });
  stream.write(BINARY_COPY_HEADER);
  for (let start = 0; start < documents.length; start += SEARCH_ROWS_PER_CHUNK) {
    const end = Math.min(start + SEARCH_ROWS_PER_CHUNK, documents.length);
    let size = 0;
    for (let index = start; index < end; index++) {
      const document = documents[index]!;
      size += 2 + 12 + 12 + 4 + 4 + document.searchVector.length;
      if (document.organizationId !== null) size += Buffer.byteLength(document.organizationId, 'utf8');
    }
    const chunk = Buffer.allocUnsafe(size);
    let at = 0;
    for (let index = start; index < end; index++) {
      const document = documents[index]!;
      at = chunk.writeInt16BE(4, at);
      at = writeInt64Field(chunk, at, ids[index]!);
      // microseconds since 2000-01-01: below 2^53 for any date of this era, so exact as a double
      at = writeInt64Field(chunk, at, (document.publishedAt.getTime() - POSTGRES_EPOCH_MS) * 1000);
      if (document.organizationId === null) at = chunk.writeInt32BE(-1, at);
      else {
        const length = chunk.write(document.organizationId, at + 4, 'utf8');
        chunk.writeInt32BE(length, at);
        at += 4 + length;
      }
      const vector = document.searchVector;
      at = chunk.writeInt32BE(vector.length, at);
      chunk.set(vector, at);
      at += vector.length;
    }
    stream.write(chunk);
  }
  stream.write(BINARY_COPY_TRAILER);
  stream.end();
  await done;
}

/** Milliseconds from the Unix epoch to PostgreSQL's (2000-01-01 UTC), the origin of binary timestamps. */
const POSTGRES_EPOCH_MS = 946_684_800_000;
const SEARCH_ROWS_PER_CHUNK = 64;
const BINARY_COPY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const BINARY_COPY_TRAILER = Buffer.from([0xff, 0xff]);

/** A binary COPY int8 field (its length, then the value as two 32-bit halves); the value is an exact double. */
function writeInt64Field(buffer: Buffer, at: number, value: number): number {
  const high = Math.floor(value / 2 ** 32);
  at = buffer.writeInt32BE(8, at);
  at = buffer.writeInt32BE(high, at);
  return buffer.writeUInt32BE(value - high * 2 ** 32, at);
}

/** Months whose GIN pending lists wait for the next merge, and the merge running now (one per process). */
const monthsToMerge = new Set<string>();
let merging: Promise<void> | undefined;

/**
 * Merges the GIN pending lists of the partitions just written to, on its own connection and without waiting:
 * the next batch is stored meanwhile (on a second core), so the inserting transaction only appends to the
 * pending list and rarely has to merge it itself (it does past `gin_pending_list_limit`). Documents are
 * searchable before the merge: searches read the pending list too.
 */
function scheduleSearchMerge(months: readonly string[]): void {
  for (const month of months) monthsToMerge.add(month);
  if (merging || monthsToMerge.size === 0) return;
  merging = (async () => {
    const { pool } = await getDatabase();
    while (monthsToMerge.size > 0) {
      const partitions = [...monthsToMerge].map((month) => `monitoring_search_${month.replace('-', '_')}`);
      monthsToMerge.clear();
      await mergeSearchPendingLists(pool, partitions);
    }
  })()
    .catch((error: unknown) =>
      logger.warn({ err: error }, 'merging search pending lists failed (the next insert or autovacuum merges them)'),
    )
    .finally(() => {
      merging = undefined;
    });
}

async function mergeSearchPendingLists(pool: pg.Pool, partitions: string[]): Promise<void> {
  await pool.query(
    `SELECT gin_clean_pending_list(i.indexrelid::regclass)
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
     WHERE a.amname = 'gin' AND i.indrelid = ANY (SELECT to_regclass(p) FROM unnest($1::text[]) AS p)`,
    [partitions],
  );
}

/** Waits for the background merge of search pending lists, if one is running (bench, tests, shutdown). */
export async function settleSearchIndex(): Promise<void> {
  while (merging) await merging;
}

async function upsertStories(
  client: pg.PoolClient,
  documents: ProcessedDocument[],
  ids: number[],
  storyIds: number[],
  inserted: Set<number>,
): Promise<void> {
  const stories = new Map<number, { title: string; first: Date; last: Date; count: number }>();
  documents.forEach((document, index) => {
    if (!inserted.has(ids[index]!)) return;
    const storyId = storyIds[index]!;
    const story = stories.get(storyId);
    if (!story)
      stories.set(storyId, { title: document.title, first: document.publishedAt, last: document.publishedAt, count: 1 });
    else {
      story.count++;
      if (document.publishedAt < story.first) {
        story.first = document.publishedAt;
        story.title = document.title;
      }
      if (document.publishedAt > story.last) story.last = document.publishedAt;
    }
  });
  const entries = [...stories.entries()];
  await client.query(
    `INSERT INTO monitoring_stories AS s (id, title, first_published_at, last_published_at, document_count)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::int[])
     ON CONFLICT (id) DO UPDATE SET
       document_count = s.document_count + excluded.document_count,
       title = CASE WHEN excluded.first_published_at < s.first_published_at THEN excluded.title ELSE s.title END,
       first_published_at = least(s.first_published_at, excluded.first_published_at),
       last_published_at = greatest(s.last_published_at, excluded.last_published_at),
       updated_at = now()`,
    [
      entries.map(([id]) => id),
      entries.map(([, story]) => story.title),
      entries.map(([, story]) => story.first.toISOString()),
      entries.map(([, story]) => story.last.toISOString()),
      entries.map(([, story]) => story.count),
    ],
  );
}

async function insertMatches(
  client: pg.PoolClient,
  fresh: ProcessedDocument[],
  ids: number[],
  storyIds: number[],
  inserted: Set<number>,
  processed: ProcessedDocument[],
  matchedQueries: string[][],
  registry: QueryRegistry,
): Promise<number> {
  const matchesOf = new Map<ProcessedDocument, string[]>();
  processed.forEach((document, index) => matchesOf.set(document, matchedQueries[index]!));
  const rows = {
    queryId: [] as string[],
    documentId: [] as number[],
    organizationId: [] as string[],
    publishedAt: [] as string[],
    sentiment: [] as string[],
    kind: [] as string[],
    sourceKey: [] as string[],
    storyId: [] as number[],
  };
  fresh.forEach((document, index) => {
    const id = ids[index]!;
    if (!inserted.has(id)) return;
    for (const queryId of matchesOf.get(document) ?? []) {
      rows.queryId.push(queryId);
      rows.documentId.push(id);
      rows.organizationId.push(registry.organizationOf.get(queryId)!);
      rows.publishedAt.push(document.publishedAt.toISOString());
      rows.sentiment.push(document.sentiment);
      rows.kind.push(document.kind);
      rows.sourceKey.push(document.sourceKey);
      rows.storyId.push(storyIds[index]!);
    }
  });
  if (rows.queryId.length === 0) return 0;
  // A query deleted meanwhile fails the foreign key; join against live queries instead.
  const result = await client.query(
    `INSERT INTO monitoring_query_matches (query_id, document_id, organization_id, published_at, sentiment, document_kind, source_key, story_id)
     SELECT t.* FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::bigint[])
       AS t(query_id, document_id, organization_id, published_at, sentiment, document_kind, source_key, story_id)
     JOIN monitoring_queries q ON q.id = t.query_id
     ON CONFLICT DO NOTHING`,
    [
      rows.queryId,
      rows.documentId,
      rows.organizationId,
      rows.publishedAt,
      rows.sentiment,
      rows.kind,
      rows.sourceKey,
      rows.storyId,
    ],
  );
  return result.rowCount ?? 0;
}
