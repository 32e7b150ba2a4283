/**
 * Word segmentation: decides, for each pair of adjacent syllables, whether they belong to the same word
 * ("truyền thông" + "chính sách"). An averaged perceptron over lexical, dictionary and shape features,
 * decoded greedily left to right (the previous decision is a feature), in the spirit of RDRsegmenter /
 * VnCoreNLP's feature sets (Nguyen et al., 2018). Trained by `scripts/build-models.ts` on UD Vietnamese-VTB
 * train + the RDRsegmenter gold sample; scored on UD-VTB dev. Pure, no I/O.
 */
import { tokenize } from './tokenize';

/** Serialisable segmentation model. */
export interface SegmenterModel {
  kind: 'segmenter';
  version: string;
  /** feature → weight (positive = join with the previous syllable). */
  weights: Record<string, number>;
  /** Multi-syllable words seen in training, lower-cased, syllables separated by one space. */
  dictionary: string[];
  meta: Record<string, unknown>;
}

/** A segmenter ready to use: the model with its dictionary as a set. */
export interface Segmenter {
  model: SegmenterModel;
  weights: Map<string, number>;
  dictionary: Set<string>;
}

/**
 * Prepares a parsed segmentation model for use.
 * @example const segmenter = createSegmenter(loadModel('segmenter'));
 */
export function createSegmenter(model: SegmenterModel): Segmenter {
  return { model, weights: new Map(Object.entries(model.weights)), dictionary: new Set(model.dictionary) };
}

function shapeOf(s: string): string {
  if (/^\p{N}/u.test(s)) return 'N';
  if (!/\p{L}/u.test(s)) return 'P';
  const first = s[0]!;
  if (s.length > 1 && s === s.toUpperCase()) return 'A';
  return first !== first.toLowerCase() ? 'U' : 'L';
}

/** Feature strings for "does syllable i join syllable i-1" (i ≥ 1). */
function featuresAt(raw: string[], low: string[], i: number, prevJoin: boolean, dict: Set<string>): string[] {
  const p2 = low[i - 2] ?? '<s>';
  const p = low[i - 1]!;
  const c = low[i]!;
  const n = low[i + 1] ?? '</s>';
  const n2 = low[i + 2] ?? '</s>';
  const inD = (...w: string[]) => (dict.has(w.join(' ')) ? '1' : '0');
  const d2 = inD(p, c);
  const d3l = i >= 2 ? inD(p2, p, c) : '0';
  const d3r = i + 1 < low.length ? inD(p, c, n) : '0';
  const d2r = i + 1 < low.length ? inD(c, n) : '0';
  const d2l = i >= 2 ? inD(p2, p) : '0';
  const d4 =
    (i >= 3 && inD(low[i - 3]!, p2, p, c) === '1') ||
    (i >= 2 && i + 1 < low.length && inD(p2, p, c, n) === '1') ||
    (i + 2 < low.length && inD(p, c, n, n2) === '1')
      ? '1'
      : '0';
  const shape = shapeOf(raw[i - 1]!) + shapeOf(raw[i]!);
  const t = prevJoin ? 'J' : 'S';
  return [
    'b',
    `pc:${p}|${c}`,
    `p:${p}`,
    `c:${c}`,
    `n:${n}`,
    `cn:${c}|${n}`,
    `ppc:${p2}|${p}|${c}`,
    `pcn:${p}|${c}|${n}`,
    `d:${d2}${d3l}${d3r}${d2r}${d2l}${d4}`,
    `d2:${d2}`,
    `d3:${d3l}${d3r}`,
    `dr:${d2}${d2r}`,
    `dl:${d2}${d2l}`,
    `sh:${shape}`,
    `shd:${shape}${d2}`,
    `t:${t}${d2}`,
    `tp:${t}|${p}|${c}`,
  ];
}

function score(features: string[], weights: Map<string, number>): number {
  let s = 0;
  for (const f of features) s += weights.get(f) ?? 0;
  return s;
}

/**
 * Decides for each syllable whether it continues the previous word. `syllables` are the raw syllable
 * tokens (case kept; punctuation and numbers may be included and are never joined to letters).
 * @example segmentSyllables(['truyền', 'thông', 'chính', 'sách'], seg) // [false, true, false, true]
 */
export function segmentSyllables(syllables: string[], segmenter: Segmenter): boolean[] {
  const low = syllables.map((s) => s.toLowerCase());
  const joins: boolean[] = new Array<boolean>(syllables.length).fill(false);
  for (let i = 1; i < syllables.length; i++) {
    if (!/\p{L}/u.test(syllables[i]!) || !/\p{L}/u.test(syllables[i - 1]!)) continue;
    joins[i] = score(featuresAt(syllables, low, i, joins[i - 1]!, segmenter.dictionary), segmenter.weights) > 0;
  }
  return joins;
}

/**
 * Segments a text into words (syllables of one word joined by a space), punctuation kept as its own word.
 * @example segmentWords('Tăng cường công tác truyền thông chính sách', seg) // ['Tăng cường', 'công tác', 'truyền thông', 'chính sách']
 */
export function segmentWords(text: string, segmenter: Segmenter): string[] {
  const toks = tokenize(text).map((t) => t.text);
  return joinWords(toks, segmentSyllables(toks, segmenter));
}

/** Groups syllables into words from join flags. */
export function joinWords(syllables: string[], joins: boolean[]): string[] {
  const words: string[] = [];
  syllables.forEach((s, i) => {
    if (joins[i] && words.length > 0) words[words.length - 1] += ` ${s}`;
    else words.push(s);
  });
  return words;
}

/** A training sentence: its words, each a list of syllables. */
export type SegmentedSentence = string[][];

/**
 * Trains an averaged perceptron segmenter. Deterministic: the sentence order is shuffled with `seed`.
 * @example const model = trainSegmenter(sentences, { epochs: 8, seed: 1 });
 */
export function trainSegmenter(
  sentences: SegmentedSentence[],
  options: { epochs?: number; seed?: number; folds?: number; version?: string; meta?: Record<string, unknown> } = {},
): SegmenterModel {
  const epochs = options.epochs ?? 8;
  const dictionary = new Set<string>();
  for (const sentence of sentences) for (const w of sentence) if (w.length > 1) dictionary.add(w.join(' ').toLowerCase());
  // Jackknifed dictionaries: a sentence's dictionary features come from the other folds only, so the
  // perceptron learns how far to trust the dictionary on unseen text (otherwise it fires perfectly in training).
  const folds = options.folds ?? 5;
  const foldDicts: Set<string>[] = [];
  for (let k = 0; k < folds; k++) {
    const d = new Set<string>();
    sentences.forEach((sentence, idx) => {
      if (idx % folds !== k) for (const w of sentence) if (w.length > 1) d.add(w.join(' ').toLowerCase());
    });
    foldDicts.push(d);
  }
  const weights = new Map<string, number>();
  const totals = new Map<string, number>(); // for averaging (lazy update trick)
  const stamps = new Map<string, number>();
  let step = 1;
  const update = (f: string, delta: number) => {
    const w = weights.get(f) ?? 0;
    const since = step - (stamps.get(f) ?? 0);
    totals.set(f, (totals.get(f) ?? 0) + since * w);
    stamps.set(f, step);
    weights.set(f, w + delta);
  };
  const order = sentences.map((_, i) => i);
  let rng = options.seed ?? 1;
  const rand = () => {
    rng = (rng * 1103515245 + 12345) & 0x7fffffff;
    return rng / 0x7fffffff;
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const idx of order) {
      const sentence = sentences[idx]!;
      const raw: string[] = [];
      const gold: boolean[] = [];
      for (const w of sentence) w.forEach((s, k) => (raw.push(s), gold.push(k > 0)));
      const low = raw.map((s) => s.toLowerCase());
      let prev = false;
      for (let i = 1; i < raw.length; i++) {
        if (!/\p{L}/u.test(raw[i]!) || !/\p{L}/u.test(raw[i - 1]!)) {
          prev = false;
          continue;
        }
        const feats = featuresAt(raw, low, i, prev, foldDicts[idx % folds]!);
        const predicted = score(feats, weights) > 0;
        if (predicted !== gold[i]) {
          const delta = gold[i] ? 1 : -1;
          for (const f of feats) update(f, delta);
        }
        prev = gold[i]!; // teacher forcing on the history feature
        step++;
      }
    }
  }
  const averaged: Record<string, number> = {};
  for (const [f, w] of [...weights.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const total = (totals.get(f) ?? 0) + (step - (stamps.get(f) ?? 0)) * w;
    const avg = Math.round((total / step) * 1000) / 1000;
    if (avg !== 0) averaged[f] = avg;
  }
  return {
    kind: 'segmenter',
    version: options.version ?? '1',
    weights: averaged,
    dictionary: [...dictionary].sort(),
    meta: options.meta ?? {},
  };
}
