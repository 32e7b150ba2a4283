/**
 * Raw scores of a topic classifier (per label: prior + Σ feature value × weight, before the softmax). Bigram
 * models with at most 14 labels take the fast path: the features listed by `listFeatures`, counted in their
 * rows of the weights and idf interleaved per bucket (`rowsOf`), then scored against those rows; other models and
 * texts the scanner cannot read score the `docVector` of `textFeatures`. Both give the same floating-point
 * scores. Pure, no I/O.
 */
import { fromBase64 } from './base64';
import type { TopicClassifier } from './topic';
import { listed, listFeatures, listFoldedFeatures, listFoldedFeaturesOfWords, SCAN_LOWER_TEXT } from './topic-feature-scan';
import { docVector, FOLDED_XOR, MAX_FEATURE_CHARS } from './topic-features';

// Reused per document: the distinct listed features in first-occurrence order and their values.
let distinct = new Int32Array(8192);
let values = new Float64Array(8192);
/** Counts past 255 by bucket (minus 255): the count of a feature is one byte of its row. */
const countsPast255 = new Map<number, number>();
/** Byte of a row holding the feature's count while a document is scored (zero between documents). */
const COUNT_BYTE = 14;

/**
 * Counts `list[0..n)` in the count bytes of their rows, appending first occurrences to `distinct` from `size`;
 * returns the new size. Counting in the rows reads each feature's row here, in a loop of independent reads (many
 * in flight), and the scoring after it finds the rows in cache: no separate count array competes for the cache.
 */
function countListed(counts: Uint8Array, list: Int32Array, n: number, size: number): number {
  for (let k = 0; k < n; k++) {
    const f = list[k]!;
    const at = f * 16 + COUNT_BYTE;
    const count = counts[at]!;
    if (count === 255) countsPast255.set(f, (countsPast255.get(f) ?? 0) + 1);
    else counts[at] = count + 1;
    // branch-free: whether a feature is new is unpredictable
    distinct[size] = f;
    size += (count - 1) >>> 31;
  }
  return size;
}

/** Math.log1p of small counts (most features occur once or twice): the same values, without the call. */
const LOG1P = Float64Array.from({ length: 256 }, (_, n) => Math.log1p(n));

/**
 * The classifier's weights and idf interleaved per bucket, 16 bytes a row (label weights, the count byte at
 * byte 14, the idf byte at byte 15): scoring a feature reads one cache line instead of three scattered ones.
 * Null above 14 labels or for trigram models.
 */
interface ScoringRows {
  rows: Int8Array;
  /** The same bytes unsigned: counts and idf. */
  bytes: Uint8Array;
  offsets: Float64Array;
}
const rowsByClassifier = new WeakMap<TopicClassifier, ScoringRows | null>();

function rowsOf(classifier: TopicClassifier): ScoringRows | null {
  let scoring = rowsByClassifier.get(classifier);
  if (scoring !== undefined) return scoring;
  const { model, weights } = classifier;
  const L = model.labels.length;
  scoring = null;
  if (L <= COUNT_BYTE && (model.order ?? 2) === 2) {
    const size = 1 << model.bits;
    const rows = new Int8Array(size * 16);
    const idfBytes = model.idf ? fromBase64(model.idf) : undefined;
    for (let f = 0; f < size; f++) {
      for (let l = 0; l < L; l++) rows[f * 16 + l] = weights[f * L + l]!;
      if (idfBytes) rows[f * 16 + 15] = (idfBytes[f]! << 24) >> 24;
    }
    const offsets = new Float64Array(15);
    offsets.set(model.offsets);
    scoring = { rows, bytes: new Uint8Array(rows.buffer), offsets };
  }
  rowsByClassifier.set(classifier, scoring);
  return scoring;
}

/**
 * `rawScores` for bigram models with `listFeatures` and the interleaved rows: the same features, the same
 * values (idf = byte / 16 exactly), summed in the same order, so the same floating-point scores. Null when it
 * cannot be used (more than 14 labels, trigrams, astral characters).
 */
function fastRawScores(text: string, classifier: TopicClassifier): number[] | null {
  const scoring = rowsOf(classifier);
  if (!scoring) return null;
  const { model } = classifier;
  const mask = (1 << model.bits) - 1;
  const fold = model.fold ?? true;
  const seed = model.hashSeed ?? 0;
  const end = Math.min(text.length, MAX_FEATURE_CHARS);
  const foldedXor = fold === 'both' ? FOLDED_XOR : 0;
  const list = (input: string, length: number) =>
    fold === true ? listFoldedFeatures(input, length, seed, mask) : listFeatures(input, length, seed, mask, foldedXor);
  let scanned = list(text, end);
  if (scanned === SCAN_LOWER_TEXT) {
    const lower = text.slice(0, end).toLowerCase();
    scanned = list(lower, lower.length);
  }
  if (scanned < 0) return null;
  return scoreListed(classifier, scoring);
}

/**
 * `rawScores` of a text given as its folded runs of letters and digits (see `listFoldedFeaturesOfWords`), for
 * models of folded features only; null when it cannot be used (then score the text).
 */
export function rawScoresOfFoldedWords(words: readonly string[], count: number, classifier: TopicClassifier): number[] | null {
  const scoring = rowsOf(classifier);
  const { model } = classifier;
  if (!scoring || (model.fold ?? true) !== true) return null;
  if (listFoldedFeaturesOfWords(words, count, model.hashSeed ?? 0, (1 << model.bits) - 1) < 0) return null;
  return scoreListed(classifier, scoring);
}

/** The scores of the features in `listed` (the streams the model reads). */
function scoreListed(classifier: TopicClassifier, scoring: ScoringRows): number[] {
  const { rows, bytes, offsets } = scoring;
  const { model } = classifier;
  const fold = model.fold ?? true;
  // 'both': accented features, then folded ones; otherwise the one stream the model reads
  const nA = fold === true ? 0 : listed.lengths[0]!;
  const nF = fold === false ? 0 : listed.lengths[1]!;
  if (distinct.length < nA + nF) {
    distinct = new Int32Array(nA + nF);
    values = new Float64Array(nA + nF);
  }
  const size = countListed(bytes, listed.folded, nF, countListed(bytes, listed.accented, nA, 0));
  const hasIdf = Boolean(model.idf);
  let norm = 0;
  for (let k = 0; k < size; k++) {
    const f = distinct[k]!;
    let count = bytes[f * 16 + COUNT_BYTE]!;
    if (count === 255) count += countsPast255.get(f) ?? 0;
    bytes[f * 16 + COUNT_BYTE] = 0;
    const tf = count < LOG1P.length ? LOG1P[count]! : Math.log1p(count);
    // (the idf byte read unsigned)
    const v = hasIdf ? tf * (bytes[f * 16 + 15]! / 16) : tf;
    values[k] = v;
    norm += v * v;
  }
  countsPast255.clear();
  if (model.normalize && norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let k = 0; k < size; k++) values[k]! *= inv;
  }
  const L = model.labels.length;
  const sums = labelSums;
  sums.fill(0);
  sums.set(model.priors);
  for (let l = 0; l < L; l += 5) addWeightedRows(sums, l, rows, offsets, model.scale, distinct, values, size);
  const scores = new Array<number>(L);
  for (let l = 0; l < L; l++) scores[l] = sums[l]!;
  return scores;
}

/** Running sums of `fastRawScores` (up to 14 labels, and the padding's). */
const labelSums = new Float64Array(15);

/**
 * Adds value × weight of each distinct feature to the sums of labels `first`..`first + 4`, feature after feature
 * as `rawScores` does (so the same floating-point sums): five sums held in locals take half the time of a loop
 * over the labels per feature. Labels past the model's read the rows' zero padding and are not returned.
 */
function addWeightedRows(
  sums: Float64Array,
  first: number,
  rows: Int8Array,
  offsets: Float64Array,
  scale: number,
  features: Int32Array,
  values: Float64Array,
  size: number,
): void {
  let s0 = sums[first]!;
  let s1 = sums[first + 1]!;
  let s2 = sums[first + 2]!;
  let s3 = sums[first + 3]!;
  let s4 = sums[first + 4]!;
  const o0 = offsets[first]!;
  const o1 = offsets[first + 1]!;
  const o2 = offsets[first + 2]!;
  const o3 = offsets[first + 3]!;
  const o4 = offsets[first + 4]!;
  for (let k = 0; k < size; k++) {
    const v = values[k]!;
    const row = features[k]! * 16 + first;
    s0 += v * (rows[row]! * scale + o0);
    s1 += v * (rows[row + 1]! * scale + o1);
    s2 += v * (rows[row + 2]! * scale + o2);
    s3 += v * (rows[row + 3]! * scale + o3);
    s4 += v * (rows[row + 4]! * scale + o4);
  }
  sums[first] = s0;
  sums[first + 1] = s1;
  sums[first + 2] = s2;
  sums[first + 3] = s3;
  sums[first + 4] = s4;
}

/**
 * Per-label scores of a text before the softmax: `fastRawScores` when it applies, else the same sums over
 * `docVector`.
 * @example rawScores('Học phí tăng', classifier).length // classifier.model.labels.length
 */
export function rawScores(text: string, classifier: TopicClassifier): number[] {
  const fast = fastRawScores(text, classifier);
  if (fast) return fast;
  const { model, weights } = classifier;
  const L = model.labels.length;
  const scores = model.priors.slice();
  const { idx, val } = docVector(
    text,
    model.bits,
    model.normalize,
    classifier.idf,
    model.fold ?? true,
    model.hashSeed ?? 0,
    model.order ?? 2,
  );
  for (let k = 0; k < idx.length; k++) {
    const v = val[k]!;
    const base = idx[k]! * L;
    for (let l = 0; l < L; l++) scores[l]! += v * (weights[base + l]! * model.scale + model.offsets[l]!);
  }
  return scores;
}
