import { sql, type SQL } from 'drizzle-orm';
import { getDb, type Database } from '../../platform/db';
import { isNetworkWide, type Actor } from '../../platform/actor';
import type { QueryNode } from './query/parse';
import { parseDateBound, parseQueryOrThrow } from './search-input';
import { toSummary, withRegisterNames, type DocumentRow } from './document-summary';
import { compileQueryToSql, isSqlExact, isSqlNearlyExact, needsRecheck } from './query/sql';
import { DocumentIndex, matchQuery } from './query/match';
import { foldedTokens, tokenizeForMatching } from './text-features';
import type { DocumentSummary } from './contracts';

/**
 * Re-checks a row in memory (phrases, NEAR distances, accent-exact mode); purged social posts (no text) are
 * kept as SQL found them, i.e. a phrase matches them when all its words occur.
 */
function verifies(ast: QueryNode, row: DocumentRow, isAccentExact: boolean): boolean {
  if (row.text === null) return true;
  const index = new DocumentIndex({
    title: tokenizeForMatching(row.title),
    body: tokenizeForMatching(row.text),
    lang: row.lang,
    sentiment: row.sentiment,
    topicKey: foldedTokens(row.topic ?? '').join(' '),
    sourceKey: row.source_key,
    kind: row.kind,
  });
  return matchQuery(ast, index, isAccentExact);
}

export interface SearchOptions {
  actor: Actor | null;
  query: string;
  from?: string;
  to?: string;
  limit?: number;
  isAccentExact?: boolean;
}

/**
 * Full-text search over stored documents with the topic-query language, newest first. SQL selects
 * candidates through the GIN indexes on folded lexemes; phrases, NEAR and accent-exact queries are verified
 * in memory.
 */
export async function searchDocuments({
  actor,
  query,
  from,
  to,
  limit = 50,
  isAccentExact = false,
}: SearchOptions): Promise<DocumentSummary[]> {
  const ast = parseQueryOrThrow(query);
  const fromDate = parseDateBound(from, 'from');
  const toDate = parseDateBound(to, 'to');
  return findDocuments({ actor, ast, isAccentExact, from: fromDate, to: toDate, limit });
}

/** Visibility on `monitoring_search s` (same rule as `visibleTo`, on the copied organization). */
function searchableBy(actor: Actor | null): SQL {
  if (!actor || isNetworkWide(actor)) return sql`true`;
  return sql`(s.organization_id IS NULL OR s.organization_id = ${actor.organizationId})`;
}

/** A row's place in newest-first order; `at` is PostgreSQL's text of the timestamp (microseconds kept). */
interface SearchKey {
  at: string;
  id: string;
  /** `at` in epoch milliseconds */
  ms: number;
}

interface SearchRow extends DocumentRow {
  key_at: string;
  key_ms: number;
}

/** How rechecked queries are read (see `findRechecked`); tests shrink them to reach every path. */
export interface SearchTuning {
  /** rows of the first date scan: enough to see whether matches are dense */
  probeRows: number;
  /** the date scan goes on while the rows still needed look fewer than this */
  maxScanRows: number;
  /** smallest time slice read through the indexes, in rows (a slice costs a GIN index scan per month) */
  minSliceRows: number;
  /** rows of the date index read (index only) to estimate how much time a slice of so many rows spans */
  rateSampleRows: number;
}

const DEFAULT_TUNING: SearchTuning = { probeRows: 500, maxScanRows: 10_000, minSliceRows: 20_000, rateSampleRows: 5_000 };

/**
 * Shared by search and query preview: compiled SQL, time bounds, verification, paging. Rows come newest first
 * from the month partitions of `monitoring_search`, joined to their documents for filters and display.
 *
 * A query the GIN index decides alone (words, prefixes, filters) is one planner-chosen statement: partitions
 * newest first, and per partition the GIN index (rare words) or the date index with the tsquery as a filter
 * (frequent words), the LIMIT stopping the scan. Phrases, NEAR and title terms are decided on each candidate
 * row, and the planner cannot tell how many candidates pass ("quoc hoi" NEAR/5 "du an": 7.6 % of a month's
 * rows hold the four words, 0.09 % match): it scans by date through tens of thousands of rows. Those queries
 * read in bounded slices instead (`findRechecked`).
 */
export async function findDocuments({
  actor,
  ast,
  isAccentExact,
  from,
  to,
  limit,
  tuning,
}: {
  actor: Actor | null;
  ast: QueryNode;
  isAccentExact: boolean;
  from?: Date;
  to?: Date;
  limit: number;
  tuning?: Partial<SearchTuning>;
}): Promise<DocumentSummary[]> {
  const db = await getDb();
  const exact = isSqlExact(ast, isAccentExact);
  const where = sql.join(
    [compileQueryToSql(ast, { isAccentExact }), searchableBy(actor)].map((condition) => sql`(${condition})`),
    sql` AND `,
  );
  const range = { from: from?.toISOString(), to: to?.toISOString() };
  // verified queries fetch more rows than the limit per page; a NEAR spelled out in SQL rarely fails the check
  const pageSize = exact ? limit : isSqlNearlyExact(ast, isAccentExact) ? limit + 10 : Math.min(limit * 4, 1000);
  const search: SearchState = {
    ast,
    isAccentExact,
    exact,
    where,
    range,
    limit,
    pageSize,
    tuning: { ...DEFAULT_TUNING, ...tuning },
    results: [],
  };
  if (needsRecheck(ast)) return withRegisterNames(await db.transaction((tx) => findRechecked(tx, search)));
  for (let page = 0; page < (exact ? 1 : 8) && search.results.length < limit; page++) {
    const rows = await selectRows(db, search, { limit: pageSize });
    if (!take(search, rows)) break;
  }
  return withRegisterNames(search.results);
}

type Executor = Pick<Database, 'execute'>;

interface SearchState {
  ast: QueryNode;
  isAccentExact: boolean;
  exact: boolean;
  /** the compiled query and visibility, over `s` and `d` */
  where: SQL;
  range: { from?: string; to?: string };
  limit: number;
  pageSize: number;
  tuning: SearchTuning;
  results: DocumentSummary[];
  /** rows before this key (newest first) are still to be read */
  before?: SearchKey;
}

/** Time bounds of the search and the rows already read, over `monitoring_search s`. */
function keyRange({ range, before }: SearchState): SQL {
  const conditions: SQL[] = [sql`true`];
  if (range.from) conditions.push(sql`s.published_at >= ${range.from}::timestamptz`);
  if (range.to) conditions.push(sql`s.published_at <= ${range.to}::timestamptz`);
  // the plain bound lets the planner skip later partitions (it does not prune on the row comparison)
  if (before)
    conditions.push(
      sql`s.published_at <= ${before.at}::timestamptz AND (s.published_at, s.document_id) < (${before.at}::timestamptz, ${before.id}::bigint)`,
    );
  return sql.join(conditions, sql` AND `);
}

/**
 * One page of matching rows, newest first. `source` is the table or a probe of it, aliased `s`; `lowBound`
 * limits a slice. A slice is planned as a whole (OFFSET 0 keeps the planner from optimising it for the first
 * rows, which would mean the date index with the tsquery as a filter) and sorted afterwards.
 */
async function selectRows(
  executor: Executor,
  search: SearchState,
  { source = sql`monitoring_search s`, lowBound, limit }: { source?: SQL; lowBound?: SQL; limit: number },
): Promise<SearchRow[]> {
  const text = search.exact ? sql`left(d.text, 280)` : sql`d.text`;
  const select = sql`
      SELECT d.id::text, d.url, d.title, ${text} AS text, d.published_at, d.source_name, d.source_key, d.kind, d.lang,
             d.story_id::text, d.sentiment, d.sentiment_reasons, d.topic, d.entity_ids, s.published_at::text AS key_at,
             extract(epoch FROM s.published_at)::float8 * 1000 AS key_ms, s.published_at AS sort_at, s.document_id AS sort_id
      FROM ${source} JOIN monitoring_documents d ON d.id = s.document_id
      WHERE ${search.where} AND ${keyRange(search)}${lowBound ?? sql``}`;
  const query = lowBound
    ? sql`SELECT * FROM (${select} OFFSET 0) slice ORDER BY slice.sort_at DESC, slice.sort_id DESC LIMIT ${limit}`
    : sql`${select} ORDER BY s.published_at DESC, s.document_id DESC LIMIT ${limit}`;
  return (await executor.execute(query)).rows as unknown as SearchRow[];
}

/**
 * Adds the rows that pass verification to the results and moves the key past the last row. True when the
 * page was full (more rows may follow under the same conditions).
 */
function take(search: SearchState, rows: SearchRow[]): boolean {
  for (const row of rows) {
    if (search.results.length >= search.limit) break;
    if (search.exact || verifies(search.ast, row, search.isAccentExact)) search.results.push(toSummary(row));
  }
  const last = rows[rows.length - 1];
  if (last) search.before = { at: last.key_at, id: last.id, ms: Number(last.key_ms) };
  return rows.length === search.pageSize;
}

/**
 * Newest-first search for queries decided on each candidate row, in one read-only transaction:
 *  1. scan by date (the newest `probeRows` rows, pipelined, so a frequent phrase stops after a few dozen rows)
 *     while the matches seen so far say the rest is near;
 *  2. then time slices sized from that density: each slice is read through its month's GIN index combined
 *     with the date index (a bitmap AND), i.e. only the slice's candidates are checked, sorted and limited.
 *     Slices grow until the limit is reached or the time range is exhausted.
 * Every row of the range is read at most once and in key order, so the result is the same as one query with
 * ORDER BY … LIMIT; only the work differs.
 */
async function findRechecked(tx: Executor, search: SearchState): Promise<DocumentSummary[]> {
  const { limit, pageSize, tuning } = search;
  let scanned = 0; // rows read by date, in completed probes
  let budget = tuning.probeRows;
  for (;;) {
    const start = search.before;
    const probe = sql`(SELECT s.document_id, s.published_at, s.organization_id, s.lexemes FROM monitoring_search s
      WHERE ${keyRange(search)} ORDER BY s.published_at DESC, s.document_id DESC LIMIT ${budget}) s`;
    const rows = await selectRows(tx, search, { source: probe, limit: pageSize });
    const isFull = take(search, rows);
    if (search.results.length >= limit) return search.results;
    if (isFull) continue;
    // the whole probe was read: where did it end?
    const edge = (
      await tx.execute(sql`
        SELECT count(*)::int AS n, extract(epoch FROM min(k.published_at))::float8 * 1000 AS oldest,
               (array_agg(k.published_at::text ORDER BY k.published_at, k.document_id))[1] AS at,
               (array_agg(k.document_id::text ORDER BY k.published_at, k.document_id))[1] AS id
        FROM (SELECT s.published_at, s.document_id FROM monitoring_search s WHERE ${keyRange({ ...search, before: start })}
              ORDER BY s.published_at DESC, s.document_id DESC LIMIT ${budget}) k`)
    ).rows[0] as { n: number; oldest: number | null; at: string | null; id: string | null };
    if (edge.n < budget || edge.at === null || edge.id === null) return search.results; // the range is exhausted
    scanned += budget;
    search.before = { at: edge.at, id: edge.id, ms: Number(edge.oldest) };
    const found = search.results.length;
    const rowsNeeded = found > 0 ? ((limit - found) * scanned) / found : Infinity;
    if (rowsNeeded <= tuning.maxScanRows) {
      budget = Math.max(Math.ceil(rowsNeeded * 1.5), Math.ceil(tuning.probeRows / 5));
      continue;
    }
    // a density from a handful of matches is too rough to give up the scan on: read three times as many, once
    if (found < 5 && scanned === tuning.probeRows && scanned * 4 <= tuning.maxScanRows) {
      budget = scanned * 3;
      continue;
    }
    return findInSlices(tx, search, { scanned });
  }
}

/** Milliseconds per row just before the search key, from the next `rateSampleRows` of the date index. */
async function msPerRowBelow(tx: Executor, search: SearchState): Promise<number> {
  const sample = (
    await tx.execute(sql`
      SELECT count(*)::int AS n, extract(epoch FROM max(k.published_at))::float8 * 1000 AS newest, extract(epoch FROM min(k.published_at))::float8 * 1000 AS oldest
      FROM (SELECT s.published_at FROM monitoring_search s WHERE ${keyRange(search)} ORDER BY s.published_at DESC, s.document_id DESC LIMIT ${search.tuning.rateSampleRows}) k`)
  ).rows[0] as { n: number; newest: number | null; oldest: number | null };
  if (sample.n < 2) return Infinity; // at most one row left: one slice takes it
  return Math.max((Number(sample.newest) - Number(sample.oldest)) / sample.n, 1e-3);
}

/** Start of the UTC month (a partition of monitoring_search) holding the rows just before `ms`. */
function monthStartBelow(ms: number): number {
  const date = new Date(ms - 1);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

async function findInSlices(tx: Executor, search: SearchState, seen: { scanned: number }): Promise<DocumentSummary[]> {
  const { limit, tuning } = search;
  const oldest = (
    await tx.execute(
      sql`SELECT extract(epoch FROM min(s.published_at))::float8 * 1000 AS ms FROM monitoring_search s WHERE ${search.range.from ? sql`s.published_at >= ${search.range.from}::timestamptz` : sql`true`}`,
    )
  ).rows[0] as { ms: number | null };
  if (oldest.ms === null) return search.results;
  const floor = Number(oldest.ms);
  let covered = seen.scanned;
  // Each slice costs a GIN index scan per month while a slice's extra rows cost little, so slices are sized
  // half again as large as the density seen so far asks (half a match counted when none was seen).
  const found = search.results.length;
  let sliceRows = Math.max(
    tuning.minSliceRows,
    Math.min(((limit - found) * seen.scanned * 1.5) / Math.max(found, 0.5), tuning.minSliceRows * 5),
  );
  let msPerRow = await msPerRowBelow(tx, search);
  // Only bitmap plans from here: the date index alone would read every row of a slice. No JIT (a slice over
  // several months is costed high enough to trigger it, and compiling costs more than the slice).
  await tx.execute(sql`SET LOCAL enable_indexscan = off`);
  await tx.execute(sql`SET LOCAL enable_seqscan = off`);
  await tx.execute(sql`SET LOCAL jit = off`);
  for (;;) {
    const top = search.before!.ms;
    // A slice stays within one month: rates differ between months (a partial current month, an archive), and
    // each month's rate is sampled when the search reaches it.
    const target = Number.isFinite(msPerRow) ? Math.floor(top - sliceRows * msPerRow) : floor;
    const low = Math.max(floor, monthStartBelow(top), target);
    const lowAt = new Date(low).toISOString();
    const lowBound = low <= floor ? sql` AND true` : sql` AND s.published_at >= ${lowAt}::timestamptz`;
    for (;;) {
      const rows = await selectRows(tx, search, { lowBound, limit: search.pageSize });
      const isFull = take(search, rows);
      if (search.results.length >= limit) return search.results;
      if (!isFull) break;
    }
    if (low <= floor) return search.results;
    covered += (top - low) / msPerRow;
    // everything at or after `low` has been read
    search.before = { at: lowAt, id: '0', ms: low };
    const foundNow = search.results.length;
    sliceRows = Math.min(
      Math.max(((limit - foundNow) * covered * 1.5) / Math.max(foundNow, 0.5), tuning.minSliceRows),
      sliceRows * 8,
    );
    if (low === monthStartBelow(low + 1)) {
      await tx.execute(sql`SET LOCAL enable_indexscan = on`);
      msPerRow = await msPerRowBelow(tx, search);
      await tx.execute(sql`SET LOCAL enable_indexscan = off`);
    }
  }
}
