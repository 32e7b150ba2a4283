/**
 * What the sentiment analysis decides and learns: labels, reasons, results, the serialisable overlay model, and
 * the base model that reproduces the lexicon decision. Re-exported by `sentiment.ts`.
 */

export type SentimentLabel = 'positive' | 'negative' | 'neutral';
export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/** One piece of evidence behind a decision. */
export interface SentimentReason {
  /** The words (or emoji, or learned n-gram) as they appear. */
  text: string;
  /** Signed contribution (positive pushes towards positive). */
  weight: number;
  /** Which rule applied. */
  rule: 'lexicon' | 'negated' | 'reduced' | 'intensified' | 'after-contrast' | 'before-contrast' | 'emoji' | 'learned';
}

export interface SentimentResult {
  label: SentimentLabel;
  /** Lexicon score (sum of signed weights after rules). */
  score: number;
  /** Softmax probability of the chosen label under the model. */
  confidence: number;
  reasons: SentimentReason[];
}

/** Serialisable sentiment overlay model. */
export interface SentimentModel {
  kind: 'sentiment';
  version: string;
  parentVersion: string | null;
  /** label → feature → weight. Features: `lex:pos`, `lex:neg`, `bias`, `u:<fold>`, `b:<fold fold>`. */
  weights: Record<SentimentLabel, Record<string, number>>;
  meta: Record<string, unknown>;
}

/** Decision threshold of the base model: |score| below it is neutral. */
export const BASE_THRESHOLD = 0.5;

/**
 * The base model: weights that reproduce the lexicon decision (score ≥ 0.5 positive, ≤ -0.5 negative).
 * @example analyzeSentiment('tốt', createBaseSentimentModel()).label // 'positive'
 */
export function createBaseSentimentModel(): SentimentModel {
  return {
    kind: 'sentiment',
    version: '0',
    parentVersion: null,
    weights: { positive: { 'lex:pos': 1 }, negative: { 'lex:neg': 1 }, neutral: { bias: BASE_THRESHOLD } },
    meta: { description: 'lexicon only' },
  };
}
