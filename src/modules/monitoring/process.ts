import crypto from 'node:crypto';
import { canonicalizeUrl, hostOf } from './canonical-url';
import { detectLanguage, detectLanguageFromFlags } from './language';
import { simhash, simhashBands, simhashOfHashes } from './simhash';
import { buildSearchVector, cleanText, foldedTokens, foldedUtf8, tokenizeForMatching, type TokenInfo, type TokenStreams } from './text-features';
import type { EntityMatcher } from './entities';
import { getAnalyzer, type TextAnalyzer } from './analysis';
import { pseudonymizeAuthor } from './pseudonym';
import type { DocumentKind, Sentiment } from './schema';
import type { IncomingDocument } from './contracts';

/** Longest text kept per document; longer bodies are cut (HTML bombs, pasted dumps). */
export const MAX_TEXT_CHARS = 200_000;
/** Documents dated further ahead than this are refused: a wrong clock, not news from the future. */
const MAX_FUTURE_MS = 24 * 3600_000;

/** A document after processing: everything the database row, the story clustering and query matching need. */
export interface ProcessedDocument {
  canonicalUrl: string | null;
  url: string | null;
  contentHash: Buffer;
  sourceId: string | null;
  sourceName: string;
  sourceKey: string;
  organizationId: string | null;
  kind: DocumentKind;
  lang: string;
  title: string;
  text: string;
  byline: string | null;
  authorPseudonym: string | null;
  publishedAt: Date;
  simhash: bigint;
  bands: [number, number, number, number];
  topic: string | null;
  topicScore: number | null;
  sentiment: Sentiment;
  sentimentScore: number;
  sentimentReasons: string[];
  entityIds: string[];
  searchVector: string;
  titleTokens: TokenStreams;
  bodyTokens: TokenStreams;
}

const NO_INFOS: readonly TokenInfo[] = [];
// Reused by simhashOfInfos: the tokens' hashes.
let hashesHigh = new Uint32Array(4096);
let hashesLow = new Uint32Array(4096);

/** SimHash of the tokens of `first` then `second` from their interned hashes. */
function simhashOfInfos(first: readonly TokenInfo[], second: readonly TokenInfo[]): bigint {
  const n = first.length + second.length;
  if (hashesHigh.length < n) {
    hashesHigh = new Uint32Array(Math.max(n, 2 * hashesHigh.length));
    hashesLow = new Uint32Array(hashesHigh.length);
  }
  const high = hashesHigh;
  const low = hashesLow;
  for (let i = 0; i < first.length; i++) {
    high[i] = first[i]!.hashHigh;
    low[i] = first[i]!.hashLow;
  }
  for (let i = 0, at = first.length; i < second.length; i++, at++) {
    high[at] = second[i]!.hashHigh;
    low[at] = second[i]!.hashLow;
  }
  return simhashOfHashes(high, low, n);
}

/** Language flags of the first 400 tokens of title and body, what `detectLanguageFromFlags` reads. */
function languageSample(title: readonly TokenInfo[], body: readonly TokenInfo[]): number[] {
  const size = Math.min(LANGUAGE_SAMPLE, title.length + body.length);
  const flags = new Array<number>(size);
  for (let i = 0; i < size; i++) flags[i] = (i < title.length ? title[i]! : body[i - title.length]!).languageFlags;
  return flags;
}
const LANGUAGE_SAMPLE = 400;

/** What processing needs besides the document: the source it came from and the shared services. */
export interface ProcessingContext {
  sourceId?: string | null;
  organizationId?: string | null;
  /** Keyed pseudonym of a social author (never the raw name). */
  pseudonymize: (author: string) => string;
  entities: EntityMatcher;
  analyze: TextAnalyzer;
  now?: Date;
}

/**
 * The context of documents from one source, from the deployment secret (author pseudonyms) and the directory's
 * entity matcher; no database here, so processing threads build it too.
 */
export function createProcessingContext(options: { sourceId?: string | null; organizationId?: string | null; secret: string; entities: EntityMatcher }): ProcessingContext {
  return {
    sourceId: options.sourceId ?? null,
    organizationId: options.organizationId ?? null,
    pseudonymize: (author) => pseudonymizeAuthor(options.secret, author),
    entities: options.entities,
    analyze: getAnalyzer(),
  };
}

export type ProcessResult = { ok: true; document: ProcessedDocument } | { ok: false; reason: string };

/**
 * Turns one incoming item into a processed document: cleanup and NFC, canonical URL, content hash,
 * language, SimHash, entities, topic and sentiment, searchable lexemes. Pure apart from the context.
 */
export function processDocument(input: IncomingDocument, context: ProcessingContext): ProcessResult {
  const title = cleanText(input.title ?? '').slice(0, 1000);
  const text = cleanText(input.text ?? '').slice(0, MAX_TEXT_CHARS);
  if (!title && !text) return { ok: false, reason: 'title and text are both empty' };
  let canonicalUrl: string | null = null;
  if (input.url) {
    canonicalUrl = canonicalizeUrl(input.url);
    if (!canonicalUrl) return { ok: false, reason: `url is not an http(s) URL: ${String(input.url).slice(0, 100)}` };
  }
  const publishedAt = new Date(input.publishedAt);
  if (Number.isNaN(publishedAt.getTime())) return { ok: false, reason: `publishedAt is not a date: ${String(input.publishedAt).slice(0, 40)}` };
  const now = context.now ?? new Date();
  if (publishedAt.getTime() - now.getTime() > MAX_FUTURE_MS) return { ok: false, reason: `publishedAt ${publishedAt.toISOString()} is in the future` };
  const sourceName = cleanText(input.source ?? '') || (input.url ? hostOf(input.url) : '') || 'unknown';
  const sourceKey = foldedTokens(sourceName).join(' ') || 'unknown';
  const kind: DocumentKind = input.kind ?? 'news';

  const titleTokens = tokenizeForMatching(title);
  const bodyTokens = tokenizeForMatching(text);
  const allFolded = titleTokens.folded.concat(bodyTokens.folded);
  // the stored dedup key: SHA-256 of the folded tokens joined by spaces
  const contentHash = crypto.createHash('sha256').update(foldedUtf8(titleTokens, bodyTokens)).digest().subarray(0, 16);
  let lang: string;
  let fingerprint: bigint;
  if (titleTokens.infos && bodyTokens.infos) {
    // the per-token facts were looked up once while tokenising: no second pass over the token strings
    lang = detectLanguageFromFlags(languageSample(titleTokens.infos, bodyTokens.infos));
    fingerprint = bodyTokens.folded.length >= 8 ? simhashOfInfos(NO_INFOS, bodyTokens.infos) : simhashOfInfos(titleTokens.infos, bodyTokens.infos);
  } else {
    lang = detectLanguage(titleTokens.exact.concat(bodyTokens.exact.slice(0, 400)), titleTokens.folded.concat(bodyTokens.folded.slice(0, 400)));
    fingerprint = simhash(bodyTokens.folded.length >= 8 ? bodyTokens.folded : allFolded);
  }
  const analysis = context.analyze({ title, foldedTokens: allFolded, text });
  const author = input.author?.trim();
  return {
    ok: true,
    document: {
      canonicalUrl,
      url: input.url ?? null,
      contentHash,
      sourceId: context.sourceId ?? null,
      sourceName,
      sourceKey,
      organizationId: context.organizationId ?? null,
      kind,
      lang,
      title,
      text,
      // Press bylines are published; social authors are people and only ever stored as pseudonyms.
      byline: kind === 'news' && author ? author.slice(0, 200) : null,
      authorPseudonym: kind === 'social' && author ? context.pseudonymize(author) : null,
      publishedAt,
      simhash: fingerprint,
      bands: simhashBands(fingerprint),
      topic: analysis.topic,
      topicScore: analysis.topicScore,
      sentiment: analysis.sentiment,
      sentimentScore: analysis.sentimentScore,
      sentimentReasons: analysis.reasons,
      entityIds: context.entities.findInStreams(titleTokens, bodyTokens),
      searchVector: buildSearchVector(titleTokens, bodyTokens),
      titleTokens,
      bodyTokens,
    },
  };
}
