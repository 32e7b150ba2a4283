/**
 * Evaluation of the text models: pure scoring functions used by `nhip nlp eval`, `bench/text.ts` and
 * `scripts/build-models.ts`. Timing is measured by the caller with `now` (injected so this stays pure).
 */
import type { SegmentedSentence, Segmenter } from './segment';
import { segmentSyllables } from './segment';

/** Precision / recall / F1 of one class. */
export interface ClassScore {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Scores of a classifier on labelled data. */
export interface ClassificationReport {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<string, ClassScore>;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

/**
 * Accuracy, macro-F1 and per-class precision/recall/F1. Classes are the union of gold and predicted labels;
 * macro-F1 averages over the gold classes.
 * @example scoreClassification(['a', 'b'], ['a', 'a']).accuracy // 0.5
 */
export function scoreClassification(gold: string[], predicted: string[]): ClassificationReport {
  const labels = [...new Set(gold)].sort();
  const perClass: Record<string, ClassScore> = {};
  let correct = 0;
  gold.forEach((g, i) => {
    if (g === predicted[i]) correct++;
  });
  let f1Sum = 0;
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const p = predicted[i];
      if (p === label && g === label) tp++;
      else if (p === label) fp++;
      else if (g === label) fn++;
    });
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    f1Sum += f1;
    perClass[label] = { precision: round(precision), recall: round(recall), f1: round(f1), support: tp + fn };
  }
  return {
    n: gold.length,
    accuracy: round(gold.length ? correct / gold.length : 0),
    macroF1: round(labels.length ? f1Sum / labels.length : 0),
    perClass,
  };
}

/**
 * Reads CoNLL-U: one sentence per block, one word per token line (multi-syllable words have internal
 * spaces, as in UD Vietnamese-VTB); multiword-token ranges and empty nodes are skipped.
 * @example parseConllu('1\tchính sách\t_\n\n')[0] // [['chính', 'sách']]
 */
export function parseConllu(text: string): SegmentedSentence[] {
  const sentences: SegmentedSentence[] = [];
  let current: SegmentedSentence = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      if (current.length) sentences.push(current);
      current = [];
      continue;
    }
    if (line.startsWith('#')) continue;
    const cols = line.split('\t');
    if (cols.length < 2 || !/^\d+$/.test(cols[0]!)) continue;
    const form = cols[1]!.trim();
    if (form) current.push(form.split(/\s+/));
  }
  if (current.length) sentences.push(current);
  return sentences;
}

/**
 * Reads the RDRsegmenter / VLSP format: one sentence per line, syllables of a word joined by "_".
 * @example parseUnderscoreSegmented('truyền_thông chính_sách')[0] // [['truyền', 'thông'], ['chính', 'sách']]
 */
export function parseUnderscoreSegmented(text: string): SegmentedSentence[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) =>
      l
        .split(/\s+/)
        .map((w) => w.split('_').filter(Boolean))
        .filter((w) => w.length > 0),
    );
}

function spans(words: string[][]): Set<string> {
  const out = new Set<string>();
  let pos = 0;
  for (const w of words) {
    out.add(`${pos}:${pos + w.length}`);
    pos += w.length;
  }
  return out;
}

/**
 * Word-level F1 of the segmenter on gold sentences (a word counts when both its boundaries match).
 * @example scoreSegmentation(parseConllu(dev), segmenter).wordF1 // ≈ 0.95
 */
export function scoreSegmentation(
  sentences: SegmentedSentence[],
  segmenter: Segmenter,
): { n: number; wordF1: number; precision: number; recall: number } {
  let tp = 0;
  let nGold = 0;
  let nPred = 0;
  for (const gold of sentences) {
    const sylls = gold.flat();
    const joins = segmentSyllables(sylls, segmenter);
    const predicted: string[][] = [];
    sylls.forEach((s, i) => {
      if (joins[i] && predicted.length) predicted[predicted.length - 1]!.push(s);
      else predicted.push([s]);
    });
    const g = spans(gold);
    const p = spans(predicted);
    nGold += g.size;
    nPred += p.size;
    for (const x of p) if (g.has(x)) tp++;
  }
  const precision = nPred ? tp / nPred : 0;
  const recall = nGold ? tp / nGold : 0;
  return {
    n: sentences.length,
    wordF1: round(precision + recall ? (2 * precision * recall) / (precision + recall) : 0),
    precision: round(precision),
    recall: round(recall),
  };
}

/**
 * Syllable and sentence accuracy of diacritics restoration: `restored[i]` against `gold[i]`, compared
 * syllable by syllable (letters only, case-insensitive).
 * @example scoreDiacritics(['Thủ tướng'], ['Thủ tướng']).syllableAccuracy // 1
 */
export function scoreDiacritics(
  gold: string[],
  restored: string[],
): { n: number; syllableAccuracy: number; sentenceAccuracy: number; syllables: number } {
  let total = 0;
  let correct = 0;
  let sentencesCorrect = 0;
  const split = (s: string) => s.toLowerCase().match(/[\p{L}\p{M}]+/gu) ?? [];
  gold.forEach((g, i) => {
    const gs = split(g);
    const rs = split(restored[i] ?? '');
    let ok = gs.length === rs.length;
    gs.forEach((s, k) => {
      total++;
      if (rs[k] === s) correct++;
      else ok = false;
    });
    if (ok) sentencesCorrect++;
  });
  return {
    n: gold.length,
    syllableAccuracy: round(total ? correct / total : 0),
    sentenceAccuracy: round(gold.length ? sentencesCorrect / gold.length : 0),
    syllables: total,
  };
}

/** A labelled line of an evaluation file (`{"text": …, "label": …}`). */
export interface LabelledRow {
  text: string;
  label: string;
}

/**
 * Parses JSON Lines of `{text, label}`; blank lines are skipped, a malformed line is an error naming it.
 * @example parseLabelledJsonl('{"text":"tốt","label":"positive"}\n').length // 1
 */
export function parseLabelledJsonl(content: string): LabelledRow[] {
  const rows: LabelledRow[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1}: not valid JSON`);
    }
    const row = value as Partial<LabelledRow>;
    if (typeof row.text !== 'string' || typeof row.label !== 'string')
      throw new Error(`line ${i + 1}: expected {"text": string, "label": string}`);
    rows.push({ text: row.text, label: row.label });
  });
  return rows;
}

/**
 * Scores a classifier (any `predict` function) on labelled rows, with throughput.
 * `now` returns milliseconds (e.g. `performance.now`), injected to keep this module pure.
 * @example evaluateClassifier(rows, (t) => analyzeSentiment(t, model).label, () => performance.now())
 */
export function evaluateClassifier(
  rows: LabelledRow[],
  predict: (text: string) => string,
  now: () => number,
): ClassificationReport & { docsPerSecond: number } {
  const t0 = now();
  const predicted = rows.map((r) => predict(r.text));
  const ms = Math.max(now() - t0, 1e-3);
  return {
    ...scoreClassification(
      rows.map((r) => r.label),
      predicted,
    ),
    docsPerSecond: Math.round(rows.length / (ms / 1000)),
  };
}

/**
 * Diacritics evaluation: each gold line is normalised (tone placement), stripped of its marks, restored,
 * and compared syllable by syllable.
 * @example evaluateDiacritics(['Thủ tướng Chính phủ'], (t) => restoreDiacritics(t, restorer), normalizeText, foldDiacritics, () => performance.now())
 */
export function evaluateDiacritics(
  lines: string[],
  restore: (text: string) => string,
  normalize: (text: string) => string,
  strip: (text: string) => string,
  now: () => number,
): { n: number; syllableAccuracy: number; sentenceAccuracy: number; syllablesPerSecond: number } {
  const gold = lines.map(normalize).filter((l) => l.trim().length > 0);
  const stripped = gold.map(strip);
  const t0 = now();
  const restored = stripped.map(restore);
  const ms = Math.max(now() - t0, 1e-3);
  const score = scoreDiacritics(gold, restored);
  return {
    n: score.n,
    syllableAccuracy: score.syllableAccuracy,
    sentenceAccuracy: score.sentenceAccuracy,
    syllablesPerSecond: Math.round(score.syllables / (ms / 1000)),
  };
}

/**
 * Segmentation evaluation with throughput.
 * @example evaluateSegmentation(parseConllu(text), segmenter, () => performance.now()).wordF1
 */
export function evaluateSegmentation(
  sentences: SegmentedSentence[],
  segmenter: Segmenter,
  now: () => number,
): { n: number; wordF1: number; sentencesPerSecond: number } {
  const t0 = now();
  const score = scoreSegmentation(sentences, segmenter);
  const ms = Math.max(now() - t0, 1e-3);
  return { n: score.n, wordF1: score.wordF1, sentencesPerSecond: Math.round(score.n / (ms / 1000)) };
}
