/**
 * Features of the topic classifiers: hashed (FNV-1a) syllable unigrams and bigrams, optionally trigrams, of
 * the lower-cased text, accented and/or accent-folded, and the tf-idf document vector built from them. This is
 * the reference definition: the training code uses it, and the fast scanner of `topic-feature-scan.ts` lists
 * the same features. Pure, no I/O.
 */
import { fromBase64 } from './base64';
import { foldDiacritics } from './normalize';

const WORD_RE = /[\p{L}\p{M}]+|\p{N}+/gu;

/** Mixed into a folded feature's hash in models of both streams, so the folded half hashes apart from the accented. */
export const FOLDED_XOR = 0x5bd1e995;

/** A word as a feature: a number (a word starting with a digit) is one word, "0". */
const featureWord = (word: string) => (word.charCodeAt(0) < 0x3a ? '0' : word);

/**
 * The idf of each bucket of a topic model (stored as round(idf × 16) per bucket), or undefined for models without.
 * @example decodeIdf(loadModel('topic'))![bucket] // ≈ log((n + 1) / (df + 1)) + 1
 */
export function decodeIdf(model: { idf?: string }): Float64Array | undefined {
  return model.idf ? Float64Array.from(fromBase64(model.idf), (byte) => byte / 16) : undefined;
}
/** Only this many leading characters of a text are read for features (bounded time on huge inputs). */
export const MAX_FEATURE_CHARS = 20_000;

function fnv1a(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Hashed feature buckets of a text: folded lower-case syllables and syllable bigrams (numbers as one token).
 * Only the first 20,000 characters count (bounded time on huge inputs).
 * @example textFeatures('Học phí tăng', 18).length // 5 (3 unigrams + 2 bigrams)
 */
export function textFeatures(text: string, bits: number, fold: boolean | 'both' = true, seed = 0, order = 2): number[] {
  const mask = (1 << bits) - 1;
  const input = text.length > MAX_FEATURE_CHARS ? text.slice(0, MAX_FEATURE_CHARS) : text;
  const lower = input.toLowerCase();
  if (fold === 'both') {
    // accented features plus folded ones (prefixed so they hash apart): accented text uses both,
    // unaccented text still finds the folded half
    const out = textFeatures(input, bits, false, seed, order);
    for (const f of textFeatures(input, bits, true, seed, order)) out.push((f ^ FOLDED_XOR) & mask);
    return out;
  }
  const words = (fold ? foldDiacritics(lower) : lower).match(WORD_RE) ?? [];
  const out: number[] = [];
  let prev = '';
  let prev2 = '';
  for (let w of words) {
    w = featureWord(w);
    out.push(fnv1a(w, seed) & mask);
    if (prev) {
      const bigram = `${prev} ${w}`;
      out.push(fnv1a(bigram, seed) & mask);
      if (order > 2 && prev2) out.push(fnv1a(`${prev2} ${bigram}`, seed) & mask);
    }
    prev2 = prev;
    prev = w;
  }
  return out;
}

/**
 * How rare a folded syllable n-gram ("hoc phi") was in a topic model's training texts: the idf of its bucket (0
 * for a model without idf). Numbers count as one word, as the features hash them: "2" and "30/12" are common.
 * @example ngramIdf(loadModel('topic'))('tam giam') > ngramIdf(loadModel('topic'))('cua') // true
 */
export function ngramIdf(model: {
  bits: number;
  idf?: string;
  fold?: boolean | 'both';
  hashSeed?: number;
}): (ngram: string) => number {
  const idf = decodeIdf(model);
  if (!idf) return () => 0;
  const mask = (1 << model.bits) - 1;
  return (ngram) => {
    const bucket = fnv1a(ngram.split(' ').map(featureWord).join(' '), model.hashSeed ?? 0) & mask;
    return idf[model.fold === 'both' ? (bucket ^ FOLDED_XOR) & mask : bucket]!;
  };
}

/**
 * The document vector of a text as parallel arrays (bucket, value), buckets in first-occurrence order: log(1+tf),
 * times `idf` when given, L2-normalised when `normalize` is set.
 * @example docVector('học phí học phí', 18, true).idx.length // 4 (học, phí, "học phí", "phí học")
 */
export function docVector(
  text: string,
  bits: number,
  normalize: boolean,
  idf?: Float64Array,
  fold: boolean | 'both' = true,
  seed = 0,
  order = 2,
): { idx: number[]; val: number[] } {
  const tf = new Map<number, number>();
  for (const f of textFeatures(text, bits, fold, seed, order)) tf.set(f, (tf.get(f) ?? 0) + 1);
  const idx: number[] = [];
  const val: number[] = [];
  let norm = 0;
  for (const [f, n] of tf) {
    const v = idf ? Math.log1p(n) * idf[f]! : Math.log1p(n);
    idx.push(f);
    val.push(v);
    norm += v * v;
  }
  if (normalize && norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < val.length; i++) val[i]! *= inv;
  }
  return { idx, val };
}
