/**
 * Topic classification over hashed syllable unigrams and bigrams (accented and/or accent-folded). The 10 VNTC
 * news topics use a linear model (`trainLinearTopicModel`: averaged passive-aggressive or softmax regression
 * over tf-idf, L2-normalised vectors); deployment-defined categories use multinomial naive Bayes
 * (`trainCustomClassifier`). Weights are stored quantised to int8 (base64) to keep the artifact small. Pure, no I/O.
 *
 * This file holds the model types, decoding and `classifyTopic`, and re-exports the rest: the features are in
 * `topic-features.ts` (and their fast scanner in `topic-feature-scan.ts`), scoring in `topic-scoring.ts`,
 * training in `topic-training.ts`.
 */
import { fromBase64 } from './base64';
import { rawScores, rawScoresOfFoldedWords } from './topic-scoring';
import { decodeIdf } from './topic-features';

export { textFeatures } from './topic-features';
export { trainCustomClassifier, trainLinearTopicModel, trainTopicModel } from './topic-training';

/** Serialisable naive-Bayes text classifier. */
export interface TopicModel {
  kind: 'topic';
  version: string;
  labels: string[];
  /** Hash space is 2^bits buckets. */
  bits: number;
  /** ln prior per label. */
  priors: number[];
  /** base64 of Int8Array[bucket * labels.length + label]: (ln P(feature|label) - offset[label]) / scale */
  weights: string;
  scale: number;
  offsets: number[];
  /** true for the linear (logistic) model: features are log(1+tf)·idf, L2-normalised; false for naive Bayes. */
  normalize: boolean;
  /** base64 of Uint8Array[bucket]: idf quantised as round(idf * 16), linear model only. */
  idf?: string;
  /** Features are accent-folded (default true); false keeps accents; 'both' emits both. */
  fold?: boolean | 'both';
  /** Seed of the feature hash (default 0). */
  hashSeed?: number;
  /** Longest syllable n-gram used as a feature (default 2: unigrams + bigrams; 3 adds trigrams). */
  order?: number;
  /** Ensemble: when present, the scores are the average of the members' (same labels), top-level weights unused. */
  members?: TopicModel[];
  meta: Record<string, unknown>;
}

/** A classifier ready to use (decoded weights). */
export interface TopicClassifier {
  model: TopicModel;
  members?: TopicClassifier[];
  idf?: Float64Array;
  weights: Int8Array;
  mask: number;
}

/** A labelled example for training. */
export interface LabelledText {
  text: string;
  label: string;
}

/** Result of a classification: best label, its probability, and the distribution. */
export interface TopicResult {
  label: string;
  confidence: number;
  scores: Record<string, number>;
}

/**
 * Decodes a topic model for classification.
 * @example const classifier = createTopicClassifier(loadModel('topic'));
 */
export function createTopicClassifier(model: TopicModel): TopicClassifier {
  if (model.members?.length) {
    return { model, members: model.members.map(createTopicClassifier), weights: new Int8Array(0), mask: 0 };
  }
  const bytes = fromBase64(model.weights);
  const idf = decodeIdf(model);
  return { model, idf, weights: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length), mask: (1 << model.bits) - 1 };
}

/**
 * Classifies a text. Empty or feature-less text gets the prior distribution.
 * @example classifyTopic('Đội tuyển Việt Nam thắng 2-0 tại vòng loại World Cup', classifier).label // 'The thao'
 */
export function classifyTopic(text: string, classifier: TopicClassifier): TopicResult {
  const { model } = classifier;
  let scores: number[];
  if (classifier.members) {
    scores = new Array<number>(model.labels.length).fill(0);
    for (const member of classifier.members) {
      const s = rawScores(text, member);
      for (let l = 0; l < s.length; l++) scores[l]! += s[l]! / classifier.members.length;
    }
  } else {
    scores = rawScores(text, classifier);
  }
  return resultOf(scores, model);
}

/**
 * `classifyTopic` of a text given as its folded runs of letters and digits, in order (`words[0, count)`: a
 * monitoring document's tokens), so the text is not scanned again; null when the model or the words need the text.
 * @example classifyTopicOfFoldedWords(['doi', 'tuyen', 'thang'], 3, classifier)?.label // as classifyTopic('Đội tuyển thắng', …)
 */
export function classifyTopicOfFoldedWords(
  words: readonly string[],
  count: number,
  classifier: TopicClassifier,
): TopicResult | null {
  if (classifier.members) return null;
  const scores = rawScoresOfFoldedWords(words, count, classifier);
  return scores && resultOf(scores, classifier.model);
}

/** The best label, its probability and the distribution (softmax) of raw scores. */
function resultOf(scores: number[], model: TopicModel): TopicResult {
  const L = model.labels.length;
  let best = 0;
  for (let l = 1; l < L; l++) if (scores[l]! > scores[best]!) best = l;
  const max = scores[best]!;
  let sum = 0;
  const exp = scores.map((s) => Math.exp(s - max));
  for (const e of exp) sum += e;
  const dist: Record<string, number> = {};
  model.labels.forEach((label, l) => (dist[label] = Math.round((exp[l]! / sum) * 1e4) / 1e4));
  return { label: model.labels[best]!, confidence: dist[model.labels[best]!]!, scores: dist };
}
