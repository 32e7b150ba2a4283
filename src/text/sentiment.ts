/**
 * Sentiment (positive / negative / neutral) of news and comments about public affairs, with the words and
 * rules that drove the decision.
 *
 * Layer 1 — lexicon and rules (`sentiment-lexicon-scan.ts`, on the data of `sentiment-lexicon.ts`, the tries of
 * `sentiment-phrase-trie.ts` and the word table of `sentiment-words.ts`): longest-match phrase lookup on accented
 * syllables, or on folded syllables when the text is written without accents; negation flips the next term within
 * three syllables ("không hài lòng"), degree adverbs scale it ("rất tốt", "tệ quá"), a contrast connective
 * halves what came before and strengthens what follows ("tốt nhưng chậm"), emoji count.
 * Layer 2 — a learnable overlay (`sentiment-features.ts`, `sentiment-training.ts`): a 3-class linear model whose
 * inputs are the lexicon score and folded syllable n-grams, initialised to reproduce layer 1 and trained by
 * `trainSentimentModel` on officers' corrections (averaged perceptron). Each trained model records its version and parent, so a deployment
 * keeps the chain and can roll back. Pure, no I/O.
 */
import { compile, ngramsFound, ngramsFoundCount, scoreFeatures } from './sentiment-features';
import { scanLexicon } from './sentiment-lexicon-scan';
import type { KnownWords } from './sentiment-text-words';
import {
  createBaseSentimentModel,
  type SentimentLabel,
  type SentimentModel,
  type SentimentReason,
  type SentimentResult,
} from './sentiment-model';

export { scoreLexicon, type LexiconAnalysis } from './sentiment-lexicon-scan';
export { BASE_THRESHOLD, createBaseSentimentModel, SENTIMENT_LABELS } from './sentiment-model';
export type { SentimentLabel, SentimentModel, SentimentReason, SentimentResult } from './sentiment-model';
export { trainSentimentModel, type SentimentExample } from './sentiment-training';
export { DIGITS_ONLY, LETTERS_AND_DIGITS, LETTERS_ONLY, type KnownWords } from './sentiment-text-words';
export { makeRoomForWords, wordIdOf, wordTableGeneration } from './sentiment-words';

/**
 * Sentiment of a text with reasons: the lexicon evidence plus, for a trained model, the learned n-grams
 * that moved the decision most. Empty text is neutral.
 * @example analyzeSentiment('Cán bộ phường làm việc quá chậm, dân bức xúc', model).label // 'negative'
 */
export function analyzeSentiment(
  text: string,
  model: SentimentModel = createBaseSentimentModel(),
  knownWords?: KnownWords,
): SentimentResult {
  const { score, reasons } = scanLexicon(text, knownWords);
  const { negative, neutral, positive } = scoreFeatures(compile(model), score);
  // the first label with the highest score, in the order of SENTIMENT_LABELS (named fields: no keyed lookups)
  let label: SentimentLabel = 'neutral';
  let max = neutral;
  if (negative > max) {
    label = 'negative';
    max = negative;
  }
  if (positive > max) {
    label = 'positive';
    max = positive;
  }
  const sum = Math.exp(negative - max) + Math.exp(neutral - max) + Math.exp(positive - max);
  // Learned evidence: n-gram features whose weight for the chosen label exceeds the best other label.
  if (label !== 'neutral') {
    const learned: SentimentReason[] = [];
    for (let k = 0; k < ngramsFoundCount; k++) {
      const entry = ngramsFound[k]!;
      const margin = label === 'positive' ? entry.positiveMargin : entry.negativeMargin;
      if (margin > 0.3)
        learned.push({
          text: entry.key.slice(2),
          weight: Math.round((label === 'positive' ? margin : -margin) * 100) / 100,
          rule: 'learned',
        });
    }
    learned.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
    reasons.push(...learned.slice(0, 3));
  }
  return { label, score, confidence: Math.round((1 / sum) * 1000) / 1000, reasons };
}
