import { eq, sql } from 'drizzle-orm';
import { getDb, rootCauseMessage } from '../../../platform/db';
import { logger } from '../../../platform/logger';
import { monitoringSources, type MonitoringSource } from '../schema';
import { ingestBatch } from '../ingest';
import { loadProcessingContext } from '../services';
import { outboundAllowedHosts } from '../sources';
import type { IncomingDocument } from '../contracts';
import { fetchUrl, fetchUrlWithRetries, FetchError, type FetchResult } from './http';
import { extractArticle } from './article';
import { FeedParseError, parseFeedDocument, type FeedEntry } from './feeds';
import { isAllowedByRobots } from './robots';
import { HostLimiter, politeRequest } from './host-limiter';
import { encodeFetchStatus } from './fetch-status';

/** Feed entries with less text than this get their article page fetched and read with Readability. */
const SUMMARY_ONLY_CHARS = 400;
/** Article pages fetched per run at most (the rest wait for the next run). */
const MAX_PAGES_PER_RUN = 30;
const MAX_FEED_BYTES = 20 * 1024 * 1024;
const MAX_PAGE_BYTES = 5 * 1024 * 1024;
const MAX_BACKOFF_MINUTES = 24 * 60;

const limiter = new HostLimiter(2, 500);

export interface FetchOutcome {
  status: 'ok' | 'not-modified' | 'skipped' | 'failed';
  items: number;
  ingested: number;
  duplicates: number;
  errors: string[];
}

/** One request under the host's politeness, shared by every fetch of this process (`politeRequest`). */
function politely(url: string, request: () => Promise<FetchResult>): Promise<FetchResult> {
  return politeRequest(limiter, url, request);
}

async function fetchArticlePage(url: string, allowedHosts: Set<string>): Promise<IncomingDocument | { error: string }> {
  try {
    if (!(await isAllowedByRobots(url, { allowedHosts, via: politely }))) return { error: `robots.txt disallows ${url}` };
    const page = await politely(url, () =>
      fetchUrl(url, { allowedHosts, maxBytes: MAX_PAGE_BYTES, accept: 'text/html,application/xhtml+xml' }),
    );
    const article = extractArticle(page.body, page.url);
    if (!article) return { error: `no article text found at ${url}` };
    return {
      url,
      title: article.title,
      text: article.text,
      publishedAt: article.publishedAt ?? new Date().toISOString(),
      author: article.byline,
    };
  } catch (error) {
    return { error: `${url}: ${(error as Error).message}` };
  }
}

/** Turns feed entries into incoming documents, fetching article pages for summary-only entries. */
async function entriesToDocuments(
  entries: FeedEntry[],
  source: MonitoringSource,
  allowedHosts: Set<string>,
  errors: string[],
): Promise<IncomingDocument[]> {
  const documents: IncomingDocument[] = [];
  let pages = 0;
  for (const entry of entries) {
    const plain = entry.content.replace(/<[^>]+>/g, ' ').trim();
    if (plain.length < SUMMARY_ONLY_CHARS && entry.url && pages < MAX_PAGES_PER_RUN) {
      pages++;
      const page = await fetchArticlePage(entry.url, allowedHosts);
      if ('error' in page) errors.push(page.error);
      else {
        documents.push({
          ...page,
          title: entry.title || page.title,
          publishedAt: entry.publishedAt ?? page.publishedAt,
          source: source.name,
          kind: source.documentKind,
        });
        continue;
      }
    }
    documents.push({
      url: entry.url,
      title: entry.title,
      text: entry.content,
      publishedAt: entry.publishedAt ?? new Date().toISOString(),
      author: entry.author,
      source: source.name,
      kind: source.documentKind,
    });
  }
  return documents;
}

/**
 * Fetches one source now: robots.txt, conditional GET, parse (feed, sitemap or article page), article
 * extraction for summary-only entries, ingest, and source health. Safe to repeat: documents are keyed by
 * canonical URL and content hash. Transient failures are retried in place with backoff; a failed run is
 * recorded in source health and the next run is pushed back exponentially.
 */
export async function fetchSource({ sourceId }: { sourceId: string }): Promise<FetchOutcome> {
  const db = await getDb();
  const [source] = await db.select().from(monitoringSources).where(eq(monitoringSources.id, sourceId));
  if (!source || !source.url || !source.isEnabled) return { status: 'skipped', items: 0, ingested: 0, duplicates: 0, errors: [] };
  const allowedHosts = await outboundAllowedHosts();
  const errors: string[] = [];
  try {
    if (!(await isAllowedByRobots(source.url, { allowedHosts, via: politely })))
      throw new FetchError('HTTP_STATUS', `robots.txt disallows ${source.url}`, 403);
    let documents: IncomingDocument[] = [];
    let etag = source.etag;
    let lastModified = source.lastModified;
    let isNotModified = false;
    if (source.kind === 'article') {
      const page = await fetchArticlePage(source.url, allowedHosts);
      if ('error' in page) throw new FeedParseError(page.error);
      documents = [{ ...page, source: source.name, kind: source.documentKind }];
    } else {
      const feedUrl = source.url;
      const response = await fetchUrlWithRetries(feedUrl, {
        allowedHosts,
        etag: source.etag,
        lastModified: source.lastModified,
        maxBytes: MAX_FEED_BYTES,
        eachAttempt: (attempt) => politely(feedUrl, attempt),
      });
      etag = response.etag;
      lastModified = response.lastModified;
      isNotModified = response.isNotModified;
      if (!isNotModified) {
        const parsed = parseFeedDocument(response.body, response.contentType);
        const entries = [...parsed.entries];
        // A sitemap index: read its first child sitemaps (news sitemaps are small).
        for (const child of parsed.sitemaps.slice(0, 5)) {
          try {
            const childResponse = await politely(child, () => fetchUrl(child, { allowedHosts, maxBytes: MAX_FEED_BYTES }));
            entries.push(...parseFeedDocument(childResponse.body, childResponse.contentType).entries);
          } catch (error) {
            errors.push(`${child}: ${(error as Error).message}`);
          }
        }
        documents = await entriesToDocuments(entries, source, allowedHosts, errors);
      }
    }
    const context = await loadProcessingContext({ sourceId: source.id, organizationId: source.organizationId });
    const result = documents.length
      ? await ingestBatch({ items: documents, context })
      : { ingested: 0, duplicates: 0, rejected: [] };
    for (const rejected of result.rejected) errors.push(`item ${rejected.index + 1}: ${rejected.reason}`);
    const status = isNotModified ? 'not-modified' : 'ok';
    await db
      .update(monitoringSources)
      .set({
        etag,
        lastModified,
        lastFetchAt: sql`now()`,
        lastSuccessAt: sql`now()`,
        lastStatus: encodeFetchStatus({
          outcome: isNotModified ? 'notModified' : 'ok',
          failureReason: null,
          itemErrors: errors.length,
        }),
        lastError: errors.length ? errors.slice(0, 5).join('\n').slice(0, 2000) : null,
        lastItemCount: documents.length,
        totalItemCount: sql`${monitoringSources.totalItemCount} + ${result.ingested}`,
        errorCount: sql`${monitoringSources.errorCount} + ${errors.length}`,
        consecutiveFailures: 0,
        nextRunAt: sql`now() + make_interval(mins => ${source.intervalMinutes})`,
        updatedAt: sql`now()`,
      })
      .where(eq(monitoringSources.id, source.id));
    return { status, items: documents.length, ingested: result.ingested, duplicates: result.duplicates, errors };
  } catch (error) {
    // a database failure's own message, not Drizzle's wrapper quoting the statement and the items' text
    const message = rootCauseMessage(error).slice(0, 2000);
    const failures = source.consecutiveFailures + 1;
    const backoff = Math.min(source.intervalMinutes * 2 ** Math.min(failures, 10), MAX_BACKOFF_MINUTES);
    // never before the time the host asked for (Retry-After, or the rest of another fetch's deferral)
    const retryAfterSeconds = error instanceof FetchError ? (error.retryAfterMs ?? 0) / 1000 : 0;
    await db
      .update(monitoringSources)
      .set({
        lastFetchAt: sql`now()`,
        lastStatus: encodeFetchStatus({
          outcome: 'failed',
          failureReason: error instanceof FetchError ? error.reason : error instanceof FeedParseError ? 'PARSE' : null,
          itemErrors: 0,
        }),
        lastError: message,
        lastItemCount: 0,
        errorCount: sql`${monitoringSources.errorCount} + 1`,
        consecutiveFailures: failures,
        nextRunAt: sql`now() + greatest(make_interval(mins => ${backoff}), make_interval(secs => ${retryAfterSeconds}))`,
        updatedAt: sql`now()`,
      })
      .where(eq(monitoringSources.id, source.id));
    logger.warn({ sourceId, err: message }, 'source fetch failed');
    return { status: 'failed', items: 0, ingested: 0, duplicates: 0, errors: [message] };
  }
}

/**
 * Claims the enabled sources whose next run is due (SKIP LOCKED, so several schedulers never claim the
 * same source) and moves their next run forward; the caller enqueues one fetch job per claimed source.
 */
export async function claimDueSources({ limit = 100 }: { limit?: number } = {}): Promise<string[]> {
  const db = await getDb();
  const result = await db.execute(sql`
    UPDATE monitoring_sources s SET next_run_at = now() + make_interval(mins => s.interval_minutes), updated_at = now()
    WHERE s.id IN (
      SELECT id FROM monitoring_sources
      WHERE is_enabled AND url IS NOT NULL AND kind IN ('feed', 'sitemap', 'article') AND next_run_at <= now()
      ORDER BY next_run_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING s.id`);
  return (result.rows as { id: string }[]).map((row) => row.id);
}
