/**
 * The inputs of the learnable layer: `featuresOf` lists a text's features for training; for analysis, `scoreFeatures`
 * scores the words `scanLexicon` left in `textWords` under a model indexed by `compile`, with the same sums and no
 * feature strings.
 */
import { SENTIMENT_LABELS, type SentimentLabel, type SentimentModel } from './sentiment-model';
import type { LexiconAnalysis } from './sentiment-lexicon-scan';
import { textWords, wordCount } from './sentiment-text-words';
import { bigramFirstOf, bigramSecondOf, featureModelOf, unigramOf, wordForms } from './sentiment-words';

/** Features of a text for the model: `bias`, `lex:pos` or `lex:neg`, and its folded unigrams and bigrams. */
export function featuresOf(lex: LexiconAnalysis): Map<string, number> {
  const f = new Map<string, number>();
  f.set('bias', 1);
  if (lex.score > 0) f.set('lex:pos', lex.score);
  if (lex.score < 0) f.set('lex:neg', -lex.score);
  const s = lex.folded;
  for (let i = 0; i < s.length; i++) {
    f.set(`u:${s[i]!}`, 1);
    if (i + 1 < s.length) f.set(`b:${s[i]!} ${s[i + 1]!}`, 1);
  }
  return f;
}

/** One feature's weights for the three labels (0 where a label has none). */
interface FeatureWeights {
  key: string;
  negative: number;
  neutral: number;
  positive: number;
  /** How far the negative (positive) weight exceeds the best other label's: the evidence for a learned reason. */
  negativeMargin: number;
  positiveMargin: number;
  /** The `analyzeSentiment` call that last counted this feature (each feature counts once per text). */
  seenIn: number;
}

/**
 * A model's weights indexed for scoring without building feature strings: each known word caches, for the model
 * numbered `number`, the index of its unigram and its indices as first and second syllable of bigrams
 * (`unigramOf`, `bigramFirstOf`, `bigramSecondOf`), so a bigram is found by two integers.
 */
interface CompiledWeights {
  number: number;
  source: SentimentModel['weights'];
  bias?: FeatureWeights;
  lexPos?: FeatureWeights;
  lexNeg?: FeatureWeights;
  unigrams: FeatureWeights[];
  /** Folded syllable → index in `unigrams`. */
  unigramIndex: Map<string, number>;
  /** Folded syllable → its index as the first (second) syllable of a bigram. */
  bigramFirstIndex: Map<string, number>;
  bigramSecondIndex: Map<string, number>;
  /** `first * bigramSecondIndex.size + second` → the bigram. */
  bigrams: Map<number, FeatureWeights>;
}

const compiledModels = new WeakMap<SentimentModel, CompiledWeights>();
/** Numbers compiled models from 1 (0 marks a word with no cached features); wraps long before overflowing Int32Array. */
let compiledCount = 0;

/** A model's weights indexed for `scoreFeatures`, cached until the model's weights object is replaced. */
export function compile(model: SentimentModel): CompiledWeights {
  const cached = compiledModels.get(model);
  if (cached && cached.source === model.weights) return cached;
  const byKey = new Map<string, FeatureWeights>();
  for (const label of SENTIMENT_LABELS) {
    for (const [key, weight] of Object.entries(model.weights[label])) {
      let entry = byKey.get(key);
      if (!entry)
        byKey.set(key, (entry = { key, negative: 0, neutral: 0, positive: 0, negativeMargin: 0, positiveMargin: 0, seenIn: 0 }));
      entry[label] = weight;
    }
  }
  for (const entry of byKey.values()) {
    entry.negativeMargin = entry.negative - Math.max(entry.neutral, entry.positive);
    entry.positiveMargin = entry.positive - Math.max(entry.negative, entry.neutral);
  }
  compiledCount = (compiledCount % 0x7fffffff) + 1;
  const compiled: CompiledWeights = {
    number: compiledCount,
    source: model.weights,
    bias: byKey.get('bias'),
    lexPos: byKey.get('lex:pos'),
    lexNeg: byKey.get('lex:neg'),
    unigrams: [],
    unigramIndex: new Map(),
    bigramFirstIndex: new Map(),
    bigramSecondIndex: new Map(),
    bigrams: new Map(),
  };
  const indexOf = (index: Map<string, number>, fold: string) => {
    let at = index.get(fold);
    if (at === undefined) index.set(fold, (at = index.size));
    return at;
  };
  const bigrams: [first: number, second: number, entry: FeatureWeights][] = [];
  for (const [key, entry] of byKey) {
    if (key.startsWith('u:')) {
      compiled.unigramIndex.set(key.slice(2), compiled.unigrams.length);
      compiled.unigrams.push(entry);
    } else if (key.startsWith('b:')) {
      const space = key.indexOf(' ', 2);
      if (space < 0) continue;
      bigrams.push([
        indexOf(compiled.bigramFirstIndex, key.slice(2, space)),
        indexOf(compiled.bigramSecondIndex, key.slice(space + 1)),
        entry,
      ]);
    }
  }
  for (const [first, second, entry] of bigrams) compiled.bigrams.set(first * compiled.bigramSecondIndex.size + second, entry);
  compiledModels.set(model, compiled);
  return compiled;
}

/** Numbers the calls of `scoreFeatures`, for `FeatureWeights.seenIn`. */
let featureCall = 0;
/**
 * The n-gram features of the last `scoreFeatures` call: the first `ngramsFoundCount` entries (the array is reused,
 * never emptied: emptying it frees its storage, and refilling it allocates again).
 */
export const ngramsFound: FeatureWeights[] = [];
export let ngramsFoundCount = 0;

/**
 * Class scores of `featuresOf(scoreLexicon(text))` under the model, for the words `scanLexicon` left in `textWords`,
 * and the model's n-gram features present (in `ngramsFound`), in the order `featuresOf` would list them. Features
 * the model has no weight for add exactly 0 and are skipped, so the sums are the same as over the full feature
 * map, in the same order.
 */
export function scoreFeatures(compiled: CompiledWeights, lexiconScore: number): Record<SentimentLabel, number> {
  const call = ++featureCall;
  let found = 0;
  // featuresOf lists u:w0, b:w0 w1, u:w1, b:w1 w2, …: at each word, the bigram it ends, then its unigram
  let previous = -1;
  // imported bindings held in locals for the loop (each read of an import goes through its module cell)
  const words = textWords;
  const count = wordCount;
  for (let i = 0; i < count; i++) {
    const id = words[i]!;
    if (id < 0) continue;
    if (featureModelOf[id] !== compiled.number) {
      const fold = wordForms[id]!.fold;
      featureModelOf[id] = compiled.number;
      unigramOf[id] = compiled.unigramIndex.get(fold) ?? -1;
      bigramFirstOf[id] = compiled.bigramFirstIndex.get(fold) ?? -1;
      bigramSecondOf[id] = compiled.bigramSecondIndex.get(fold) ?? -1;
    }
    if (previous >= 0 && bigramFirstOf[previous]! >= 0 && bigramSecondOf[id]! >= 0) {
      const bigram = compiled.bigrams.get(bigramFirstOf[previous]! * compiled.bigramSecondIndex.size + bigramSecondOf[id]!);
      if (bigram) found = noteFound(bigram, call, found);
    }
    if (unigramOf[id]! >= 0) found = noteFound(compiled.unigrams[unigramOf[id]!]!, call, found);
    previous = id;
  }
  ngramsFoundCount = found;
  // The sums in the order of `featuresOf`: bias, lexicon, then each n-gram once. Held in locals, not in an object
  // or a closure's variables, where a double may be a boxed number that every addition replaces.
  let negative = 0;
  let neutral = 0;
  let positive = 0;
  const lexicon = lexiconScore > 0 ? compiled.lexPos : lexiconScore < 0 ? compiled.lexNeg : undefined;
  const lexiconValue = lexiconScore > 0 ? lexiconScore : -lexiconScore;
  for (let k = -2; k < found; k++) {
    const entry = k === -2 ? compiled.bias : k === -1 ? lexicon : ngramsFound[k]!;
    if (!entry) continue;
    const value = k === -1 ? lexiconValue : 1;
    negative += entry.negative * value;
    neutral += entry.neutral * value;
    positive += entry.positive * value;
  }
  return { negative, neutral, positive };
}

/** Records an n-gram feature the first time the `scoreFeatures` call `call` meets it; returns the new count. */
function noteFound(entry: FeatureWeights, call: number, found: number): number {
  if (entry.seenIn === call) return found;
  entry.seenIn = call;
  if (found < ngramsFound.length) ngramsFound[found] = entry;
  else ngramsFound.push(entry);
  return found + 1;
}
