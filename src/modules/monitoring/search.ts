import { sql, type SQL } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { isNetworkWide, type Actor } from '../../platform/actor';
import { parseQuery, QuerySyntaxError, type QueryNode } from './query/parse';
import { compileQueryToSql, isSqlExact } from './query/sql';
import { DocumentIndex, matchQuery } from './query/match';
import { foldedTokens, tokenizeForMatching } from './text-features';
import type { DocumentSummary } from './contracts';
import type { DocumentKind, Sentiment } from './schema';

const VIETNAM_OFFSET = '+07:00';

/**
 * Parses a date bound: `YYYY-MM-DD` is a calendar day in Vietnam (Asia/Ho_Chi_Minh, UTC+7, no DST), its
 * start for `from` and its end for `to`; a full ISO timestamp is taken as given.
 */
export function parseDateBound(value: string | undefined, edge: 'from' | 'to'): Date | undefined {
  if (!value) return undefined;
  const day = /^(\d{4}-\d{2}-\d{2})$/.exec(value.trim());
  const date = day ? new Date(`${day[1]}T${edge === 'from' ? '00:00:00.000' : '23:59:59.999'}${VIETNAM_OFFSET}`) : new Date(value);
  if (Number.isNaN(date.getTime())) throw new AppError('VALIDATION_FAILED', `"${value}" is not a date (use YYYY-MM-DD or an ISO timestamp)`, { invalidFields: [{ path: edge, message: 'not a date' }] });
  return date;
}

/** Parses a query or throws VALIDATION_FAILED carrying the syntax error's position. */
export function parseQueryOrThrow(query: string, field = 'q'): QueryNode {
  try {
    return parseQuery(query);
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      throw new AppError('VALIDATION_FAILED', `Query syntax error at position ${error.position}: ${error.message}`, {
        details: { position: error.position, length: error.length, message: error.message },
        invalidFields: [{ path: field, message: `${error.message} (position ${error.position})` }],
      });
    }
    throw error;
  }
}

interface DocumentRow {
  id: string;
  url: string | null;
  title: string;
  text: string | null;
  published_at: Date;
  source_name: string;
  source_key: string;
  kind: DocumentKind;
  lang: string;
  story_id: string | null;
  sentiment: Sentiment | null;
  sentiment_reasons: string[];
  topic: string | null;
  entity_ids: string[];
}

/** Visibility: public press for everyone; privately imported documents for their organization and the network level. */
export function visibleTo(actor: Actor | null): SQL {
  if (!actor || isNetworkWide(actor)) return sql`true`;
  return sql`(d.organization_id IS NULL OR d.organization_id = ${actor.organizationId})`;
}

export function toSummary(row: DocumentRow): DocumentSummary {
  return {
    id: String(row.id),
    url: row.url,
    title: row.title,
    publishedAt: new Date(row.published_at).toISOString(),
    source: row.source_name,
    kind: row.kind,
    lang: row.lang,
    storyId: row.story_id === null ? null : String(row.story_id),
    sentiment: row.sentiment,
    sentimentReasons: row.sentiment_reasons ?? [],
    topic: row.topic,
    entityIds: row.entity_ids ?? [],
    snippet: (row.text ?? '').slice(0, 280),
  };
}

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
export async function searchDocuments({ actor, query, from, to, limit = 50, isAccentExact = false }: SearchOptions): Promise<DocumentSummary[]> {
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

/**
 * Shared by search and query preview: compiled SQL, time bounds, verification, paging. Rows come newest first
 * from the month partitions of `monitoring_search` (the newest partitions are read first and the LIMIT stops
 * the scan), joined to their documents for filters and display.
 */
export async function findDocuments({ actor, ast, isAccentExact, from, to, limit }: { actor: Actor | null; ast: QueryNode; isAccentExact: boolean; from?: Date; to?: Date; limit: number }): Promise<DocumentSummary[]> {
  const db = await getDb();
  const exact = isSqlExact(ast, isAccentExact);
  const conditions: SQL[] = [compileQueryToSql(ast, { isAccentExact }), searchableBy(actor)];
  if (from) conditions.push(sql`s.published_at >= ${from.toISOString()}::timestamptz`);
  if (to) conditions.push(sql`s.published_at <= ${to.toISOString()}::timestamptz`);
  const where = sql.join(conditions.map((condition) => sql`(${condition})`), sql` AND `);
  const pageSize = exact ? limit : Math.min(limit * 4, 1000);
  const results: DocumentSummary[] = [];
  let before: { at: string; id: string } | undefined;
  for (let page = 0; page < (exact ? 1 : 8) && results.length < limit; page++) {
    const cursor = before ? sql` AND (s.published_at, s.document_id) < (${before.at}::timestamptz, ${before.id}::bigint)` : sql``;
    const rows = (
      await db.execute(sql`
        SELECT d.id::text, d.url, d.title, ${exact ? sql`left(d.text, 280)` : sql`d.text`} AS text, d.published_at, d.source_name, d.source_key, d.kind, d.lang,
               d.story_id::text, d.sentiment, d.sentiment_reasons, d.topic, d.entity_ids
        FROM monitoring_search s JOIN monitoring_documents d ON d.id = s.document_id
        WHERE ${where}${cursor}
        ORDER BY s.published_at DESC, s.document_id DESC
        LIMIT ${pageSize}`)
    ).rows as unknown as DocumentRow[];
    for (const row of rows) {
      if (results.length >= limit) break;
      if (exact || verifies(ast, row, isAccentExact)) results.push(toSummary(row));
    }
    if (rows.length < pageSize) break;
    const last = rows[rows.length - 1]!;
    before = { at: new Date(last.published_at).toISOString(), id: last.id };
  }
  return results;
}
