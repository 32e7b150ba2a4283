import { foldedTokens } from './text-features';
import { processDocument, type ProcessedDocument, type ProcessingContext } from './process';
import type { QueryRegistry } from './query/registry';
import type { MatchableDocument } from './query/match';
import type { IncomingDocument } from './contracts';
import type { BatchResult } from './ingest';

/**
 * The CPU part of ingest (processing, in-batch de-duplication, matching), apart from the database part in
 * `ingest.ts`: processing threads load only this (see `processing-pool.ts`).
 */

// the shape of every other token stream (see `tokenizeForMatching`)
const NO_TOKENS = { exact: [], folded: [], infos: undefined, starts: undefined, hasJoiningMarks: undefined };

/** Folded topic keys by topic label: there are a handful of labels, so each is folded once, not per document. */
const topicKeys = new Map<string, string>();

/** The view of a processed document the query matcher evaluates. */
export function toMatchable(
  document: Pick<ProcessedDocument, 'titleTokens' | 'bodyTokens' | 'lang' | 'sentiment' | 'topic' | 'sourceKey' | 'kind'>,
): MatchableDocument {
  const topic = document.topic ?? '';
  let topicKey = topicKeys.get(topic);
  if (topicKey === undefined) {
    topicKey = foldedTokens(topic).join(' ');
    // bounded, should topics ever be free text
    if (topicKeys.size < 1000) topicKeys.set(topic, topicKey);
  }
  return {
    title: document.titleTokens,
    body: document.bodyTokens,
    lang: document.lang,
    sentiment: document.sentiment,
    topicKey,
    sourceKey: document.sourceKey,
    kind: document.kind,
  };
}

/** What identifies a document's content within its source (the stored unique key besides the canonical URL). */
export function documentKey(document: Pick<ProcessedDocument, 'sourceKey' | 'contentHash'>): string {
  return `${document.sourceKey}|${document.contentHash.toString('hex')}`;
}

/** A batch processed in memory (CPU only), ready to store. */
export interface PreparedBatch {
  documents: ProcessedDocument[];
  matchedQueries: string[][];
  registry: QueryRegistry;
  duplicates: number;
  rejected: BatchResult['rejected'];
}

/** The CPU part of ingest: processing, in-batch de-duplication, matching against every saved query. */
export function prepareBatch({
  items,
  context,
  registry,
}: {
  items: readonly IncomingDocument[];
  context: ProcessingContext;
  registry: QueryRegistry;
}): PreparedBatch {
  const rejected: BatchResult['rejected'] = [];
  const documents: ProcessedDocument[] = [];
  const matchedQueries: string[][] = [];
  const seenUrls = new Set<string>();
  const seenHashes = new Set<string>();
  let duplicates = 0;
  items.forEach((item, index) => {
    const result = processDocument(item, context);
    if (!result.ok) {
      rejected.push({ index, reason: result.reason });
      return;
    }
    const document = result.document;
    if ((document.canonicalUrl && seenUrls.has(document.canonicalUrl)) || seenHashes.has(documentKey(document))) {
      duplicates++;
      return;
    }
    if (document.canonicalUrl) seenUrls.add(document.canonicalUrl);
    seenHashes.add(documentKey(document));
    // Matched as soon as it is processed, so its token streams (≈ 12 KB, not stored) are dropped before the next
    // document instead of a whole batch's being held until matching.
    const ids = registry.index.match(toMatchable(document));
    document.titleTokens = NO_TOKENS;
    document.bodyTokens = NO_TOKENS;
    // A privately imported document is matched only by its own organization's queries.
    matchedQueries.push(
      document.organizationId ? ids.filter((id) => registry.organizationOf.get(id) === document.organizationId) : ids,
    );
    documents.push(document);
  });
  return { documents, matchedQueries, registry, duplicates, rejected };
}
