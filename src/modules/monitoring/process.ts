import crypto from 'node:crypto';
import { canonicalizeUrl, hostOf } from './canonical-url';
import { detectLanguage, detectLanguageFromFlagCounts } from './language';
import { simhash, simhashBands, simhashOfHashes } from './simhash';
import { buildTsvector, cleanText, foldedTokens, summarizeTokens, tokenizeForMatching, type TokenStreams } from './text-features';
import type { EntityMatcher } from './entities';
import { analyzerWithModels, ANALYZED_CHARS, type TextAnalysis, type TextAnalyzer } from './analysis';
import type { LanguageModelKind, LearnedModels } from './active-models';
import { pseudonymizeAuthor } from './pseudonym';
import { findPolicyReferencesIn } from './policy-references';
import { tsvectorTextToBinary } from './tsvector-binary';
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
  /** The search row's tsvector in PostgreSQL's binary form (`tsvector-binary.ts`). */
  searchVector: Uint8Array;
  titleTokens: TokenStreams;
  bodyTokens: TokenStreams;
}

/**
 * Entities found by name (directory bodies, register documents) followed by the documents the title and text cite
 * by number; a document both named and cited is listed once.
 */
function withPolicyReferences(entityIds: string[], title: string, text: string): string[] {
  const policies = findPolicyReferencesIn(title, text);
  if (policies.length === 0) return entityIds;
  return entityIds.concat(policies.filter((id) => !entityIds.includes(id)));
}

/** SHA-256 in one call where Node has it (20.12+): no hash object per document. */
const sha256: (data: string | Uint8Array) => Buffer =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha256', data, 'buffer')
    : (data) => crypto.createHash('sha256').update(data).digest();

/** The stored dedup key: the first 16 bytes of the SHA-256 of the folded tokens joined by spaces (UTF-8). */
function contentHashOf(foldedText: string | Uint8Array): Buffer {
  return sha256(foldedText).subarray(0, 16);
}

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
export function createProcessingContext(options: {
  sourceId?: string | null;
  organizationId?: string | null;
  secret: string;
  entities: EntityMatcher;
  /** The models learned from corrections in use (`learning.ts`), in place of the shipped ones. */
  learned?: LearnedModels;
}): ProcessingContext {
  return {
    sourceId: options.sourceId ?? null,
    organizationId: options.organizationId ?? null,
    pseudonymize: (author) => pseudonymizeAuthor(options.secret, author),
    entities: options.entities,
    analyze: analyzerWithModels(options.learned ?? {}),
  };
}

/**
 * The analyzer's input, with the folded tokens joined only if an analyzer reads them. A class, not an object
 * literal with a getter: V8 builds such a literal's accessor in the old generation, and its closure then kept
 * every document's token arrays alive through young-generation collections (12.6 KB an article promoted and left
 * to the full collector, measured with the sampling heap profiler).
 */
class AnalysisInput {
  constructor(
    readonly title: string,
    readonly text: string,
    readonly titleTokens: TokenStreams,
    readonly textTokens: TokenStreams,
    readonly only: LanguageModelKind | undefined = undefined,
  ) {}

  get foldedTokens(): string[] {
    return this.titleTokens.folded.concat(this.textTokens.folded);
  }
}

/**
 * A stored document's label of kind `only` (both kinds without it) read again by `analyze`: its title and text are
 * the cleaned ones processing analysed, so the shipped model gives back the labels it stored (re-labelling after an
 * activation). Only the lead the models read is tokenised: a token that the cut ends still ends past the lead, and
 * the models read only what ends in it.
 */
export function analyzeStoredText(analyze: TextAnalyzer, title: string, text: string, only?: LanguageModelKind): TextAnalysis {
  const lead = text.length > ANALYZED_CHARS + 1 ? text.slice(0, ANALYZED_CHARS + 1) : text;
  return analyze(new AnalysisInput(title, text, tokenizeForMatching(title), tokenizeForMatching(lead), only));
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
  if (Number.isNaN(publishedAt.getTime()))
    return { ok: false, reason: `publishedAt is not a date: ${String(input.publishedAt).slice(0, 40)}` };
  const now = context.now ?? new Date();
  if (publishedAt.getTime() - now.getTime() > MAX_FUTURE_MS)
    return { ok: false, reason: `publishedAt ${publishedAt.toISOString()} is in the future` };
  const sourceName = cleanText(input.source ?? '') || (input.url ? hostOf(input.url) : '') || 'unknown';
  const sourceKey = foldedTokens(sourceName).join(' ') || 'unknown';
  const kind: DocumentKind = input.kind ?? 'news';

  const titleTokens = tokenizeForMatching(title);
  const bodyTokens = tokenizeForMatching(text);
  let contentHash: Buffer;
  let lang: string;
  let fingerprint: bigint;
  let searchVector: Uint8Array;
  // the per-token facts were looked up once while tokenising: one pass over them, no second pass over the strings
  const summary = summarizeTokens(titleTokens, bodyTokens);
  if (summary) {
    contentHash = contentHashOf(summary.foldedUtf8);
    lang = detectLanguageFromFlagCounts(summary.languageFlagCounts);
    const from = bodyTokens.folded.length >= 8 ? titleTokens.folded.length : 0;
    fingerprint = simhashOfHashes(
      summary.hashesHigh.subarray(from),
      summary.hashesLow.subarray(from),
      summary.hashesHigh.length - from,
    );
    searchVector = summary.searchVector;
  } else {
    const allFolded = titleTokens.folded.concat(bodyTokens.folded);
    contentHash = contentHashOf(allFolded.join(' '));
    lang = detectLanguage(
      titleTokens.exact.concat(bodyTokens.exact.slice(0, 400)),
      titleTokens.folded.concat(bodyTokens.folded.slice(0, 400)),
    );
    fingerprint = simhash(bodyTokens.folded.length >= 8 ? bodyTokens.folded : allFolded);
    searchVector = tsvectorTextToBinary(buildTsvector(titleTokens.folded, bodyTokens.folded));
  }
  // the language core's models read the text; only the cue analyzer asks for the folded tokens
  const analysis = context.analyze(new AnalysisInput(title, text, titleTokens, bodyTokens));
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
      // directory organizations and provinces, then the policies (legal documents) the text cites
      entityIds: withPolicyReferences(context.entities.findInStreams(titleTokens, bodyTokens, publishedAt), title, text),
      searchVector,
      titleTokens,
      bodyTokens,
    },
  };
}
