/**
 * Topic classification over hashed syllable unigrams and bigrams (accented and/or accent-folded). The 10 VNTC
 * news topics use a linear model (`trainLinearTopicModel`: averaged passive-aggressive or softmax regression
 * over tf-idf, L2-normalised vectors); deployment-defined categories use multinomial naive Bayes
 * (`trainCustomClassifier`). Weights are stored quantised to int8 (base64) to keep the artifact small. Pure, no I/O.
 */
import { charClasses, LETTER, MARK, NUMBER, SURROGATE } from './char-class';
import { foldDiacritics, foldTable } from './normalize';

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

const WORD_RE = /[\p{L}\p{M}]+|\p{N}+/gu;
const MAX_FEATURE_CHARS = 20_000;

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
    for (const f of textFeatures(input, bits, true, seed, order)) out.push((f ^ 0x5bd1e995) & mask);
    return out;
  }
  const words = (fold ? foldDiacritics(lower) : lower).match(WORD_RE) ?? [];
  const out: number[] = [];
  let prev = '';
  let prev2 = '';
  for (let w of words) {
    if (w.charCodeAt(0) < 0x3a) w = '0';
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

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Trains a multinomial naive-Bayes classifier (Laplace smoothing `alpha`; each document's feature counts are
 * log-scaled, log(1+tf), and documents are not length-normalised). Deterministic; returns a serialisable model.
 * @example const model = trainTopicModel(docs, { bits: 18 });
 */
export function trainTopicModel(
  examples: LabelledText[],
  options: { bits?: number; alpha?: number; version?: string; meta?: Record<string, unknown> } = {},
): TopicModel {
  const bits = options.bits ?? 18;
  const alpha = options.alpha ?? 0.1;
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const L = labels.length;
  const size = 1 << bits;
  const counts = new Float64Array(size * L);
  const totals = new Float64Array(L);
  const docCounts = new Float64Array(L);
  for (const ex of examples) {
    const li = labels.indexOf(ex.label);
    docCounts[li]!++;
    const tf = new Map<number, number>();
    for (const f of textFeatures(ex.text, bits)) tf.set(f, (tf.get(f) ?? 0) + 1);
    for (const [f, n] of tf) {
      const v = Math.log1p(n);
      counts[f * L + li]! += v;
      totals[li]! += v;
    }
  }
  const logp = new Float64Array(size * L);
  const offsets: number[] = [];
  for (let l = 0; l < L; l++) {
    const denom = Math.log(totals[l]! + alpha * size);
    let min = Infinity;
    let max = -Infinity;
    for (let f = 0; f < size; f++) {
      const v = Math.log(counts[f * L + l]! + alpha) - denom;
      logp[f * L + l] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    offsets.push((min + max) / 2);
  }
  let range = 0;
  for (let f = 0; f < size; f++) for (let l = 0; l < L; l++) range = Math.max(range, Math.abs(logp[f * L + l]! - offsets[l]!));
  const scale = range / 127 || 1;
  const q = new Int8Array(size * L);
  for (let f = 0; f < size; f++) for (let l = 0; l < L; l++) q[f * L + l] = Math.round((logp[f * L + l]! - offsets[l]!) / scale);
  const n = examples.length;
  return {
    kind: 'topic',
    version: options.version ?? '1',
    labels,
    bits,
    priors: [...docCounts].map((c) => Math.log((c + 1) / (n + L))),
    weights: toBase64(new Uint8Array(q.buffer)),
    scale,
    offsets,
    normalize: false,
    meta: options.meta ?? {},
  };
}

function docVector(text: string, bits: number, normalize: boolean, idf?: Float64Array, fold: boolean | 'both' = true, seed = 0, order = 2): { idx: number[]; val: number[] } {
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

/**
 * Trains a multinomial logistic-regression classifier (averaged SGD, fixed seed) over the same hashed
 * features, log(1+tf) and L2-normalised. More accurate than naive Bayes on VNTC; used for the 10 topics.
 * @example const model = trainLinearTopicModel(docs, { bits: 18, epochs: 6 });
 */
export function trainLinearTopicModel(
  examples: LabelledText[],
  options: {
    bits?: number;
    epochs?: number;
    learningRate?: number;
    decay?: boolean;
    seed?: number;
    fold?: boolean | 'both';
    hashSeed?: number;
    /** Longest syllable n-gram (default 2). */
    order?: number;
    /** 'logistic' (softmax, default) or 'pa' (multiclass passive-aggressive PA-I, aggressiveness `C`). */
    loss?: 'logistic' | 'pa';
    C?: number;
    /** NBSVM-style: scale each feature, per class, by its naive-Bayes log-count ratio (class vs rest). */
    nbRatio?: boolean;
    version?: string;
    meta?: Record<string, unknown>;
  } = {},
): TopicModel {
  const bits = options.bits ?? 18;
  const ngram = options.order ?? 2;
  const loss = options.loss ?? 'logistic';
  const C = options.C ?? 1;
  const epochs = options.epochs ?? 6;
  const lr0 = options.learningRate ?? 0.5;
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const L = labels.length;
  const size = 1 << bits;
  const df = new Float64Array(size);
  const fold = options.fold ?? true;
  const hashSeed = options.hashSeed ?? 0;
  const gold = examples.map((e) => labels.indexOf(e.label));
  // r[f * L + l]: NB log-count ratio of feature f for class l vs the rest (binarised counts, add-one)
  let r: Float64Array | undefined;
  if (options.nbRatio) {
    r = new Float64Array(size * L);
    const totals = new Float64Array(L);
    examples.forEach((e, d) => {
      for (const f of new Set(textFeatures(e.text, bits, fold, hashSeed, ngram))) {
        r![f * L + gold[d]!]!++;
        totals[gold[d]!]!++;
      }
    });
    const all = totals.reduce((a, x) => a + x, 0);
    const perFeature = new Float64Array(L);
    for (let f = 0; f < size; f++) {
      let sum = 0;
      for (let l = 0; l < L; l++) sum += (perFeature[l] = r[f * L + l]!);
      for (let l = 0; l < L; l++) {
        const p = (perFeature[l]! + 1) / (totals[l]! + size);
        const q = (sum - perFeature[l]! + 1) / (all - totals[l]! + size);
        r[f * L + l] = Math.log(p / q);
      }
    }
  }
  for (const e of examples) for (const f of new Set(textFeatures(e.text, bits, fold, hashSeed, ngram))) df[f]!++;
  const idfBytes = new Uint8Array(size);
  const idf = new Float64Array(size);
  for (let f = 0; f < size; f++) {
    idfBytes[f] = Math.min(255, Math.round(Math.log((examples.length + 1) / (df[f]! + 1)) * 16 + 16));
    idf[f] = idfBytes[f]! / 16;
  }
  const vectors = examples.map((e) => docVector(e.text, bits, true, idf, fold, hashSeed, ngram));
  const w = new Float64Array(size * L);
  const u = new Float64Array(size * L); // Σ step·Δ, for averaging
  const b = new Float64Array(L);
  const ub = new Float64Array(L);
  const order = examples.map((_, i) => i);
  let rng = options.seed ?? 7;
  const rand = () => {
    rng = (rng * 1103515245 + 12345) & 0x7fffffff;
    return rng / 0x7fffffff;
  };
  let step = 1;
  const scores = new Float64Array(L);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const lr = options.decay === false ? lr0 : lr0 / (1 + epoch);
    for (const d of order) {
      const { idx, val } = vectors[d]!;
      for (let l = 0; l < L; l++) scores[l] = b[l]!;
      for (let k = 0; k < idx.length; k++) {
        const base = idx[k]! * L;
        const v = val[k]!;
        if (r) for (let l = 0; l < L; l++) scores[l]! += v * r[base + l]! * w[base + l]!;
        else for (let l = 0; l < L; l++) scores[l]! += v * w[base + l]!;
      }
      if (loss === 'pa') {
        const g = gold[d]!;
        let rival = g === 0 ? 1 : 0;
        for (let l = 0; l < L; l++) if (l !== g && scores[l]! > scores[rival]!) rival = l;
        const hinge = 1 - (scores[g]! - scores[rival]!);
        if (hinge > 0) {
          let sq = 1;
          for (let k = 0; k < idx.length; k++) {
            const v = val[k]!;
            if (r) sq += v * v * (r[idx[k]! * L + g]! ** 2 + r[idx[k]! * L + rival]! ** 2) / 2;
            else sq += v * v;
          }
          const tau = Math.min(C, hinge / (2 * sq));
          for (const [l, sign] of [[g, 1], [rival, -1]] as const) {
            const delta = sign * tau;
            b[l]! += delta;
            ub[l]! += step * delta;
            for (let k = 0; k < idx.length; k++) {
              const p = idx[k]! * L + l;
              const dv = delta * val[k]! * (r ? r[p]! : 1);
              w[p]! += dv;
              u[p]! += step * dv;
            }
          }
        }
        step++;
        continue;
      }
      let max = -Infinity;
      for (let l = 0; l < L; l++) if (scores[l]! > max) max = scores[l]!;
      let sum = 0;
      for (let l = 0; l < L; l++) sum += (scores[l] = Math.exp(scores[l]! - max));
      for (let l = 0; l < L; l++) {
        const g = (l === gold[d] ? 1 : 0) - scores[l]! / sum;
        if (Math.abs(g) < 1e-4) continue;
        const delta = lr * g;
        b[l]! += delta;
        ub[l]! += step * delta;
        for (let k = 0; k < idx.length; k++) {
          const p = idx[k]! * L + l;
          const dv = delta * val[k]! * (r ? r[p]! : 1);
          w[p]! += dv;
          u[p]! += step * dv;
        }
      }
      step++;
    }
  }
  let range = 0;
  for (let p = 0; p < w.length; p++) {
    w[p] = (w[p]! - u[p]! / step) * (r ? r[p]! : 1);
    range = Math.max(range, Math.abs(w[p]!));
  }
  const scale = range / 127 || 1;
  const q = new Int8Array(size * L);
  for (let p = 0; p < w.length; p++) q[p] = Math.round(w[p]! / scale);
  return {
    kind: 'topic',
    version: options.version ?? '1',
    labels,
    bits,
    priors: [...b].map((x, l) => x - ub[l]! / step),
    weights: toBase64(new Uint8Array(q.buffer)),
    scale,
    offsets: new Array<number>(L).fill(0),
    normalize: true,
    idf: toBase64(idfBytes),
    fold,
    hashSeed,
    ...(ngram !== 2 ? { order: ngram } : {}),
    meta: options.meta ?? {},
  };
}

/**
 * Trains a classifier for deployment-defined categories from labelled examples (e.g. "học phí",
 * "đất đai", "giao thông" complaints). A pure function: the caller stores the returned JSON.
 * @example const model = trainCustomClassifier([{ text: 'tăng học phí', label: 'giao-duc' }, …]);
 */
export function trainCustomClassifier(examples: LabelledText[], options: { version?: string } = {}): TopicModel {
  if (examples.length === 0) throw new Error('trainCustomClassifier: no examples');
  return trainTopicModel(examples, { bits: 16, alpha: 0.5, version: options.version ?? '1', meta: { custom: true, examples: examples.length } });
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
  const idf = model.idf ? Float64Array.from(fromBase64(model.idf), (b) => b / 16) : undefined;
  return { model, idf, weights: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length), mask: (1 << model.bits) - 1 };
}

const FNV_PRIME = 0x01000193;
const SPACE_CODE = 32;
const ZERO_CODE = 0x30;
/** `textFeatures` sets the folded features of fold='both' apart from the accented ones with this xor. */
const FOLDED_XOR = 0x5bd1e995;

// Negative entries of `scanCodes()`: what a scanner does instead of reading the code unit.
/** A surrogate (astral character): the caller falls back to `textFeatures`. */
const SCAN_ASTRAL = -1;
/** Lower-cases to several code units (İ) or by context (Σ, Unicode Final_Sigma): scan `toLowerCase()` of the text. */
const SCAN_LOWER_TEXT = -2;
/** A combining mark the fold removes (folded column only): skipped, it does not end a token. */
const SCAN_SKIP = -3;
const KIND_SHIFT = 16;
const LETTER_KIND = 1;
const NUMBER_KIND = 2;

let scanTable: Int32Array | undefined;

/**
 * For each UTF-16 code unit c, [2c] for the accented stream and [2c + 1] for the folded one: the lower-cased
 * (then folded) code unit | its token kind << 16 (0 separator, 1 letter or mark, 2 number: the classes of
 * `WORD_RE`), or a SCAN_ value. One lookup per character replaces `toLowerCase()` of the text (a copy), the
 * fold table and the class table.
 */
function scanCodes(): Int32Array {
  if (scanTable) return scanTable;
  const classes = charClasses();
  const fold = foldTable();
  const entryOf = (code: number) => {
    const flags = classes[code]!;
    if (flags & SURROGATE) return SCAN_ASTRAL;
    return code | ((flags & (LETTER | MARK) ? LETTER_KIND : flags & NUMBER ? NUMBER_KIND : 0) << KIND_SHIFT);
  };
  const table = new Int32Array(0x20000);
  for (let code = 0; code < 0x10000; code++) {
    const lower = String.fromCharCode(code).toLowerCase();
    if (classes[code]! & SURROGATE) {
      table[2 * code] = table[2 * code + 1] = SCAN_ASTRAL;
    } else if (lower.length !== 1 || code === 0x3a3 || lower.toLowerCase() !== lower) {
      table[2 * code] = table[2 * code + 1] = SCAN_LOWER_TEXT;
    } else {
      const lowerCode = lower.charCodeAt(0);
      const folded = fold[lowerCode]!;
      table[2 * code + 1] = folded < 0 ? SCAN_SKIP : entryOf(folded);
      // a scanner stops on the accented entry only
      table[2 * code] = table[2 * code + 1] === SCAN_ASTRAL ? SCAN_ASTRAL : entryOf(lowerCode);
    }
  }
  scanTable = table;
  return table;
}

/**
 * Lists the features `textFeatures(text.slice(0, end), bits, 'both', seed, 2)` lists, in the same order: the
 * accented stream into `listedAccented`, the folded one (xor-ed with `foldedXor`) into `listedFolded`, their
 * lengths into `listedLengths`. Both streams are read in one pass (their token ends mostly coincide, which the
 * branch predictor learns). Tokens are runs of letters/marks or of numbers; FNV-1a is computed while reading, a
 * bigram's hash continues its first word's hash over " " and the second word (FNV is sequential), so no token or
 * bigram string is built. Returns 0, or a negative SCAN_ value (nothing usable listed).
 */
function listFeatures(text: string, end: number, seed: number, mask: number, foldedXor: number): number {
  if (listedAccented.length < 2 * end) {
    listedAccented = new Int32Array(2 * end);
    listedFolded = new Int32Array(2 * end);
  }
  const accented = listedAccented;
  const folded = listedFolded;
  const table = scanCodes();
  const offset = (0x811c9dc5 ^ seed) >>> 0;
  // `textFeatures` replaces a token starting with a digit (code < 0x3a) by "0"
  const zeroHash = Math.imul(offset ^ ZERO_CODE, FNV_PRIME);
  let nA = 0;
  let nF = 0;
  // per stream: kind of the token being read (0 between tokens), whether it reads as "0", its hash, the hash of
  // the bigram it ends, the previous token's hash
  let kindA = 0;
  let isZeroA = false;
  let hashA = 0;
  let bigramA = 0;
  let previousA = 0;
  let hasPreviousA = false;
  let kindF = 0;
  let isZeroF = false;
  let hashF = 0;
  let bigramF = 0;
  let previousF = 0;
  let hasPreviousF = false;
  // the step past the end reads code 0, a separator, and closes the last tokens
  for (let i = 0; i <= end; i++) {
    const at = i < end ? 2 * text.charCodeAt(i) : 0;
    const entryA = table[at]!;
    if (entryA < 0) return entryA;
    const charKindA = entryA >>> KIND_SHIFT;
    if (charKindA !== kindA) {
      if (kindA !== 0) {
        accented[nA] = hashA & mask;
        accented[nA + 1] = bigramA & mask;
        nA += hasPreviousA ? 2 : 1;
        previousA = hashA;
        hasPreviousA = true;
      }
      kindA = charKindA;
      if (charKindA !== 0) {
        isZeroA = (entryA & 0xffff) < 0x3a;
        hashA = isZeroA ? zeroHash : offset;
        bigramA = Math.imul(previousA ^ SPACE_CODE, FNV_PRIME);
        if (isZeroA) bigramA = Math.imul(bigramA ^ ZERO_CODE, FNV_PRIME);
      }
    }
    if (charKindA !== 0 && !isZeroA) {
      hashA = Math.imul(hashA ^ (entryA & 0xffff), FNV_PRIME);
      bigramA = Math.imul(bigramA ^ (entryA & 0xffff), FNV_PRIME);
    }
    // the folded stream: the same steps over the folded code units, skipping the marks the fold removes
    const entryF = table[at + 1]!;
    if (entryF === SCAN_SKIP) continue;
    const charKindF = entryF >>> KIND_SHIFT;
    if (charKindF !== kindF) {
      if (kindF !== 0) {
        folded[nF] = (hashF ^ foldedXor) & mask;
        folded[nF + 1] = (bigramF ^ foldedXor) & mask;
        nF += hasPreviousF ? 2 : 1;
        previousF = hashF;
        hasPreviousF = true;
      }
      kindF = charKindF;
      if (charKindF !== 0) {
        isZeroF = (entryF & 0xffff) < 0x3a;
        hashF = isZeroF ? zeroHash : offset;
        bigramF = Math.imul(previousF ^ SPACE_CODE, FNV_PRIME);
        if (isZeroF) bigramF = Math.imul(bigramF ^ ZERO_CODE, FNV_PRIME);
      }
    }
    if (charKindF !== 0 && !isZeroF) {
      hashF = Math.imul(hashF ^ (entryF & 0xffff), FNV_PRIME);
      bigramF = Math.imul(bigramF ^ (entryF & 0xffff), FNV_PRIME);
    }
  }
  listedLengths[0] = nA;
  listedLengths[1] = nF;
  return 0;
}

// Reused per document: the features of each stream as listed (repeats included), their counts by bucket (zero
// between documents), the distinct ones in first-occurrence order, their idf bytes and their values.
let listedAccented = new Int32Array(8192);
let listedFolded = new Int32Array(8192);
const listedLengths = new Int32Array(2);
let counts = new Uint8Array(0);
/** Counts past 255 by bucket (minus 255): a byte per bucket keeps the count array small enough to stay cached. */
const countsPast255 = new Map<number, number>();
let distinct = new Int32Array(8192);
let distinctIdf = new Uint8Array(8192);
let values = new Float64Array(8192);

/** Counts `list[0..n)` into `counts`, appending first occurrences to `distinct` from `size`; returns the new size. */
function countListed(list: Int32Array, n: number, size: number): number {
  for (let k = 0; k < n; k++) {
    const f = list[k]!;
    const count = counts[f]!;
    if (count === 255) countsPast255.set(f, (countsPast255.get(f) ?? 0) + 1);
    else counts[f] = count + 1;
    // branch-free: whether a feature is new is unpredictable
    distinct[size] = f;
    size += (count - 1) >>> 31;
  }
  return size;
}

/** Math.log1p of small counts (most features occur once or twice): the same values, without the call. */
const LOG1P = Float64Array.from({ length: 256 }, (_, n) => Math.log1p(n));

/**
 * The classifier's weights and idf interleaved per bucket, 16 bytes a row (label weights, then the idf byte at
 * byte 15): scoring a feature reads one cache line instead of three scattered ones. Null above 15 labels or
 * for trigram models.
 */
interface ScoringRows {
  rows: Int8Array;
  offsets: Float64Array;
}
const rowsByClassifier = new WeakMap<TopicClassifier, ScoringRows | null>();

function rowsOf(classifier: TopicClassifier): ScoringRows | null {
  let scoring = rowsByClassifier.get(classifier);
  if (scoring !== undefined) return scoring;
  const { model, weights } = classifier;
  const L = model.labels.length;
  scoring = null;
  if (L <= 15 && (model.order ?? 2) === 2) {
    const size = 1 << model.bits;
    const rows = new Int8Array(size * 16);
    const idfBytes = model.idf ? fromBase64(model.idf) : undefined;
    for (let f = 0; f < size; f++) {
      for (let l = 0; l < L; l++) rows[f * 16 + l] = weights[f * L + l]!;
      if (idfBytes) rows[f * 16 + 15] = idfBytes[f]! << 24 >> 24;
    }
    const offsets = new Float64Array(15);
    offsets.set(model.offsets);
    scoring = { rows, offsets };
  }
  rowsByClassifier.set(classifier, scoring);
  return scoring;
}

/**
 * `rawScores` for bigram models with `listFeatures` and the interleaved rows: the same features, the same
 * values (idf = byte / 16 exactly), summed in the same order, so the same floating-point scores. Null when it
 * cannot be used (more than 15 labels, trigrams, astral characters).
 */
function fastRawScores(text: string, classifier: TopicClassifier): number[] | null {
  const scoring = rowsOf(classifier);
  if (!scoring) return null;
  const { rows, offsets } = scoring;
  const { model } = classifier;
  const mask = (1 << model.bits) - 1;
  const fold = model.fold ?? true;
  const seed = model.hashSeed ?? 0;
  const end = Math.min(text.length, MAX_FEATURE_CHARS);
  const foldedXor = fold === 'both' ? FOLDED_XOR : 0;
  let scanned = listFeatures(text, end, seed, mask, foldedXor);
  if (scanned === SCAN_LOWER_TEXT) {
    const lower = text.slice(0, end).toLowerCase();
    scanned = listFeatures(lower, lower.length, seed, mask, foldedXor);
  }
  if (scanned < 0) return null;
  // 'both': accented features, then folded ones; otherwise the one stream the model reads
  const nA = fold === true ? 0 : listedLengths[0]!;
  const nF = fold === false ? 0 : listedLengths[1]!;
  if (counts.length <= mask) counts = new Uint8Array(mask + 1);
  if (distinct.length < nA + nF) {
    distinct = new Int32Array(nA + nF);
    values = new Float64Array(nA + nF);
  }
  const size = countListed(listedFolded, nF, countListed(listedAccented, nA, 0));
  const hasIdf = Boolean(model.idf);
  if (distinctIdf.length < size) distinctIdf = new Uint8Array(size);
  // the rows are read here first, mostly from memory: a loop that does nothing else keeps many reads in flight
  // (the Uint8Array keeps the idf byte unsigned)
  if (hasIdf) for (let k = 0; k < size; k++) distinctIdf[k] = rows[distinct[k]! * 16 + 15]!;
  let norm = 0;
  for (let k = 0; k < size; k++) {
    const f = distinct[k]!;
    let count = counts[f]!;
    if (count === 255) count += countsPast255.get(f) ?? 0;
    counts[f] = 0;
    const tf = count < LOG1P.length ? LOG1P[count]! : Math.log1p(count);
    const v = hasIdf ? tf * (distinctIdf[k]! / 16) : tf;
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

/** Running sums of `fastRawScores` (up to 15 labels). */
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

function rawScores(text: string, classifier: TopicClassifier): number[] {
  const fast = fastRawScores(text, classifier);
  if (fast) return fast;
  const { model, weights } = classifier;
  const L = model.labels.length;
  const scores = model.priors.slice();
  const { idx, val } = docVector(text, model.bits, model.normalize, classifier.idf, model.fold ?? true, model.hashSeed ?? 0, model.order ?? 2);
  for (let k = 0; k < idx.length; k++) {
    const v = val[k]!;
    const base = idx[k]! * L;
    for (let l = 0; l < L; l++) scores[l]! += v * (weights[base + l]! * model.scale + model.offsets[l]!);
  }
  return scores;
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
