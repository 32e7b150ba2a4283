/**
 * Training of the topic classifiers over the features of `topic-features.ts`: the linear model of the 10 VNTC
 * news topics (`trainLinearTopicModel`: averaged passive-aggressive or softmax regression over tf-idf,
 * L2-normalised vectors) and multinomial naive Bayes for deployment-defined categories (`trainTopicModel`,
 * `trainCustomClassifier`). Deterministic; weights are quantised to int8 (base64) to keep the artifact small.
 * Pure, no I/O.
 */
import { toBase64 } from './base64';
import type { LabelledText, TopicModel } from './topic';
import { docVector, textFeatures } from './topic-features';

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
      for (let l = 0; l < L; l++) sum += perFeature[l] = r[f * L + l]!;
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
  /** Moves label l's weights over the document's features by `delta` (and their running sums, for averaging). */
  const update = (idx: readonly number[], val: readonly number[], l: number, delta: number) => {
    b[l]! += delta;
    ub[l]! += step * delta;
    for (let k = 0; k < idx.length; k++) {
      const p = idx[k]! * L + l;
      const dv = delta * val[k]! * (r ? r[p]! : 1);
      w[p]! += dv;
      u[p]! += step * dv;
    }
  };
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
            if (r) sq += (v * v * (r[idx[k]! * L + g]! ** 2 + r[idx[k]! * L + rival]! ** 2)) / 2;
            else sq += v * v;
          }
          const tau = Math.min(C, hinge / (2 * sq));
          update(idx, val, g, tau);
          update(idx, val, rival, -tau);
        }
        step++;
        continue;
      }
      let max = -Infinity;
      for (let l = 0; l < L; l++) if (scores[l]! > max) max = scores[l]!;
      let sum = 0;
      for (let l = 0; l < L; l++) sum += scores[l] = Math.exp(scores[l]! - max);
      for (let l = 0; l < L; l++) {
        const g = (l === gold[d] ? 1 : 0) - scores[l]! / sum;
        if (Math.abs(g) < 1e-4) continue;
        update(idx, val, l, lr * g);
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
  return trainTopicModel(examples, {
    bits: 16,
    alpha: 0.5,
    version: options.version ?? '1',
    meta: { custom: true, examples: examples.length },
  });
}
