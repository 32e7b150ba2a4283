/**
 * Adapting the linear topic model to officers' corrections: the shipped weights move, by multiclass
 * passive-aggressive steps (PA-I), until every corrected text scores its corrected topic first by a margin, and
 * only the buckets of the corrected texts' features move. The result is stored as the difference from the shipped
 * model (`TopicAdaptation`: the changed buckets' rows, ≈ 14 bytes a bucket instead of the model's 5 MB), applied
 * to it when processing loads (`applyTopicAdaptation`). Deterministic; priors are left as they are, so topics no
 * correction speaks of keep their calibration. Pure, no I/O.
 */
import { fromBase64, toBase64 } from './base64';
import { createTopicClassifier, type LabelledText, type TopicClassifier, type TopicModel } from './topic';
import { decodeIdf, docVector, textFeatures } from './topic-features';

/** The changed rows of a linear topic model, from the model it was adapted from. */
export interface TopicAdaptation {
  kind: 'topic-adaptation';
  version: string;
  /** Version of the model the rows apply to (`TopicModel.version`); another base cannot use them. */
  baseVersion: string;
  labels: string[];
  /** base64 of Int32Array: the changed buckets, ascending. */
  buckets: string;
  /** base64 of Int8Array[k * labels.length + label]: the new quantised weights of `buckets[k]`. */
  rows: string;
  meta: Record<string, unknown>;
}

/**
 * Adapts `base` (a single linear model: `normalize`, no ensemble) to labelled texts. Each pass visits the examples
 * in order; an example whose topic does not lead by `margin` moves the weights of its `features` most distinctive
 * features (highest tf·idf) toward its topic and away from the best other one by the PA-I step (at most `C`);
 * passes stop when none moves or after `epochs`. Moving only the distinctive features is what keeps the rest of
 * the model: moving all of an article's ≈ 600 features, 10 corrections cost 0.7 points of accuracy on held-out
 * VNTC articles no correction touched, 50 cost 1.7; moving 30, 0.1–0.3 (`npm run bench:topic-learning`).
 * @example const adaptation = adaptTopicModel(loadModel('topic'), [{ text: 'Giá vàng …', label: 'Kinh doanh' }], { version: '2' });
 */
export function adaptTopicModel(
  base: TopicModel,
  examples: readonly LabelledText[],
  options: {
    version: string;
    epochs?: number;
    C?: number;
    /** How far the corrected topic must score above every other (scores before the softmax). */
    margin?: number;
    /** How many of each text's features move. */
    features?: number;
    /**
     * Buckets that never move: an outlet's boilerplate in the documents the model labels in use
     * (`boilerplateBuckets`). A word every article of an outlet carries is unknown to the model, so it would rank
     * among a corrected article's most distinctive features; moving it would move all that outlet's articles.
     */
    boilerplate?: ReadonlySet<number>;
    /** `createTopicClassifier(base)`, when the caller holds one already (building it decodes every weight). */
    classifier?: TopicClassifier;
    meta?: Record<string, unknown>;
  },
): TopicAdaptation {
  if (base.members?.length || !base.normalize)
    throw new Error('adaptTopicModel: only a single linear topic model can be adapted');
  const epochs = options.epochs ?? 50;
  const C = options.C ?? 0.3;
  const margin = options.margin ?? 1;
  const featureCount = options.features ?? 30;
  const L = base.labels.length;
  const classifier = options.classifier ?? createTopicClassifier(base);
  const { weights } = classifier;
  const { scale, offsets } = base;
  // the touched buckets' weights in floating point; the others are read from the quantised weights
  const moved = new Map<number, Float64Array>();
  const rowOf = (bucket: number) => {
    let row = moved.get(bucket);
    if (!row) {
      row = Float64Array.from({ length: L }, (_, l) => weights[bucket * L + l]! * scale + offsets[l]!);
      moved.set(bucket, row);
    }
    return row;
  };
  const gold = examples.map((example) => {
    const label = base.labels.indexOf(example.label);
    if (label < 0) throw new Error(`adaptTopicModel: "${example.label}" is not a topic of the model`);
    return label;
  });
  const vectors = examples.map((example) =>
    docVector(example.text, base.bits, true, classifier.idf, base.fold ?? true, base.hashSeed ?? 0, base.order ?? 2),
  );
  // positions in each vector of the features that move: the highest values, first occurrence first on ties
  const boilerplate = options.boilerplate;
  const rankOf = (bucket: number, value: number) => (boilerplate?.has(bucket) ? 0 : value);
  const moving = vectors.map(({ idx, val }) => {
    const rank = val.map((value, k) => rankOf(idx[k]!, value));
    const positions = val
      .map((_, k) => k)
      .filter((k) => rank[k]! > 0)
      .sort((a, b) => rank[b]! - rank[a]! || a - b)
      .slice(0, featureCount);
    return { positions, norm: positions.reduce((sum, k) => sum + val[k]! ** 2, 0) };
  });
  const scores = new Float64Array(L);
  let passes = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    passes++;
    let steps = 0;
    vectors.forEach(({ idx, val }, d) => {
      for (let l = 0; l < L; l++) scores[l] = base.priors[l]!;
      for (let k = 0; k < idx.length; k++) {
        const bucket = idx[k]!;
        const row = moved.get(bucket);
        const v = val[k]!;
        for (let l = 0; l < L; l++) scores[l]! += v * (row ? row[l]! : weights[bucket * L + l]! * scale + offsets[l]!);
      }
      const g = gold[d]!;
      let rival = g === 0 ? 1 : 0;
      for (let l = 0; l < L; l++) if (l !== g && scores[l]! > scores[rival]!) rival = l;
      const { positions, norm } = moving[d]!;
      const hinge = margin - (scores[g]! - scores[rival]!);
      if (hinge <= 0 || norm === 0) return;
      // both rows move by tau·x over the moving features: the margin grows by 2·tau·|x|² (theirs)
      const tau = Math.min(C, hinge / (2 * norm));
      for (const k of positions) {
        const row = rowOf(idx[k]!);
        row[g]! += tau * val[k]!;
        row[rival]! -= tau * val[k]!;
      }
      steps++;
    });
    if (steps === 0) break;
  }
  const buckets = Int32Array.from([...moved.keys()].sort((a, b) => a - b));
  const rows = new Int8Array(buckets.length * L);
  buckets.forEach((bucket, k) => {
    const row = moved.get(bucket)!;
    for (let l = 0; l < L; l++) rows[k * L + l] = Math.max(-127, Math.min(127, Math.round((row[l]! - offsets[l]!) / scale)));
  });
  return {
    kind: 'topic-adaptation',
    version: options.version,
    baseVersion: base.version,
    labels: [...base.labels],
    buckets: toBase64(new Uint8Array(buckets.buffer)),
    rows: toBase64(new Uint8Array(rows.buffer)),
    meta: { ...options.meta, examples: examples.length, passes, changedBuckets: buckets.length },
  };
}

/** Texts (stories) of a source it takes before its boilerplate can be told from its news. */
export const MIN_SOURCE_STORIES = 20;

/**
 * The buckets of `base` that are some outlet's boilerplate in the documents the model labels in use: found in at
 * least half of one source's texts and at least ten times as common there as in the model's training texts (its
 * idf). `textsBySource` holds per source one text per story (copies would count a story several times); a source
 * with fewer than `MIN_SOURCE_STORIES` is not judged. A signature or footer on every article of an outlet is
 * boilerplate; a new word of the news spread over many outlets' stories ("VNeID") is not, and corrections teach it.
 * @example boilerplateBuckets(loadModel('topic'), [outletTexts, otherOutletTexts]).has(bucketOfTheFooter) // true
 */
export function boilerplateBuckets(base: TopicModel, textsBySource: Iterable<readonly string[]>): Set<number> {
  const boilerplate = new Set<number>();
  const idf = decodeIdf(base);
  if (!idf) return boilerplate;
  const size = 1 << base.bits;
  const df = new Uint32Array(size);
  // the text that last counted each bucket: a feature counts once per text
  const lastText = new Int32Array(size).fill(-1);
  let textNumber = 0;
  for (const texts of textsBySource) {
    if (texts.length < MIN_SOURCE_STORIES) continue;
    const counted: number[] = [];
    for (const text of texts) {
      for (const bucket of textFeatures(text, base.bits, base.fold ?? true, base.hashSeed ?? 0, base.order ?? 2)) {
        if (lastText[bucket] === textNumber) continue;
        lastText[bucket] = textNumber;
        const count = df[bucket]!;
        df[bucket] = count + 1;
        if (count === 0) counted.push(bucket);
      }
      textNumber++;
    }
    for (const bucket of counted) {
      const share = df[bucket]! / texts.length;
      // the training share from the stored idf = log((n + 1) / (df + 1)) + 1
      const trainingShare = Math.exp(1 - idf[bucket]!);
      if (share >= 0.5 && share >= 10 * trainingShare) boilerplate.add(bucket);
      df[bucket] = 0;
    }
  }
  return boilerplate;
}

/**
 * The model `adaptation` describes: `base` with the changed rows written in. Throws when the adaptation was made
 * from another model (its buckets mean other features there).
 * @example const classifier = createTopicClassifier(applyTopicAdaptation(loadModel('topic'), adaptation));
 */
export function applyTopicAdaptation(base: TopicModel, adaptation: TopicAdaptation): TopicModel {
  if (adaptation.baseVersion !== base.version)
    throw new Error(`topic adaptation ${adaptation.version} was made from model ${adaptation.baseVersion}, not ${base.version}`);
  const L = base.labels.length;
  const weights = fromBase64(base.weights);
  const signed = new Int8Array(weights.buffer, weights.byteOffset, weights.length);
  const bucketBytes = fromBase64(adaptation.buckets);
  const buckets = new Int32Array(bucketBytes.buffer, bucketBytes.byteOffset, bucketBytes.length / 4);
  const rowBytes = fromBase64(adaptation.rows);
  const rows = new Int8Array(rowBytes.buffer, rowBytes.byteOffset, rowBytes.length);
  buckets.forEach((bucket, k) => signed.set(rows.subarray(k * L, (k + 1) * L), bucket * L));
  return {
    ...base,
    version: adaptation.version,
    weights: toBase64(weights),
    meta: { ...base.meta, adaptedFrom: base.version, adaptation: adaptation.meta },
  };
}
