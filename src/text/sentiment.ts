/**
 * Sentiment (positive / negative / neutral) of news and comments about public affairs, with the words and
 * rules that drove the decision.
 *
 * Layer 1 — lexicon and rules (`sentiment-lexicon.ts`): longest-match phrase lookup on accented syllables,
 * or on folded syllables when the text is written without accents; negation flips the next term within three
 * syllables ("không hài lòng"), degree adverbs scale it ("rất tốt", "tệ quá"), a contrast connective
 * halves what came before and strengthens what follows ("tốt nhưng chậm"), emoji count.
 * Layer 2 — a learnable overlay: a 3-class linear model whose inputs are the lexicon score and folded
 * syllable n-grams, initialised to reproduce layer 1 and trained by `trainSentimentModel` on officers'
 * corrections (averaged perceptron). Each trained model records its version and parent, so a deployment
 * keeps the chain and can roll back. Pure, no I/O.
 */
import { foldDiacritics } from './normalize';
import { ACCENTED_ONLY_NEGATORS, CONTRASTS, EMOJI_SENTIMENT, INTENSIFIERS, NEGATORS, REDUCERS, SENTIMENT_LEXICON } from './sentiment-lexicon';
import { SpanInterner } from './intern';
import { scanTokenSpans, tokenize } from './tokenize';

export type SentimentLabel = 'positive' | 'negative' | 'neutral';
export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/** One piece of evidence behind a decision. */
export interface SentimentReason {
  /** The words (or emoji, or learned n-gram) as they appear. */
  text: string;
  /** Signed contribution (positive pushes towards positive). */
  weight: number;
  /** Which rule applied. */
  rule: 'lexicon' | 'negated' | 'reduced' | 'intensified' | 'after-contrast' | 'before-contrast' | 'emoji' | 'learned';
}

export interface SentimentResult {
  label: SentimentLabel;
  /** Lexicon score (sum of signed weights after rules). */
  score: number;
  /** Softmax probability of the chosen label under the model. */
  confidence: number;
  reasons: SentimentReason[];
}

/** Serialisable sentiment overlay model. */
export interface SentimentModel {
  kind: 'sentiment';
  version: string;
  parentVersion: string | null;
  /** label → feature → weight. Features: `lex:pos`, `lex:neg`, `bias`, `u:<fold>`, `b:<fold fold>`. */
  weights: Record<SentimentLabel, Record<string, number>>;
  meta: Record<string, unknown>;
}

interface Entry {
  weight: number;
  kind: 'term' | 'negator' | 'reducer' | 'intensifier' | 'contrast';
}

const MAX_PHRASE = 5;
const accentedTable = new Map<string, Entry>();
const foldedTable = new Map<string, Entry>();

function addEntry(phrase: string, entry: Entry, accentedOnly: boolean) {
  const key = phrase.toLowerCase().trim().split(/\s+/).join(' ');
  if (!accentedTable.has(key) || entry.kind === 'term') accentedTable.set(key, entry);
  const folded = foldDiacritics(key);
  if (!accentedOnly) {
    const prev = foldedTable.get(folded);
    if (!prev || (entry.kind === 'term' && Math.abs(entry.weight) > Math.abs(prev.weight))) foldedTable.set(folded, entry);
  }
}

/** Every word-prefix of a table key ("a", "a b", "a b c" for "a b c"): a lookup stops at the first non-prefix. */
function prefixesOf(table: Map<string, Entry>): Set<string> {
  const out = new Set<string>();
  for (const key of table.keys()) {
    const parts = key.split(' ');
    for (let k = 1; k <= parts.length; k++) out.add(parts.slice(0, k).join(' '));
  }
  return out;
}
for (const n of NEGATORS) addEntry(n, { weight: -1, kind: 'negator' }, ACCENTED_ONLY_NEGATORS.includes(n));
for (const n of REDUCERS) addEntry(n, { weight: -1, kind: 'reducer' }, ['hết', 'phá', 'cứu', 'ngăn', 'chặn', 'đỡ', 'giúp', 'tặng'].includes(n));
// Intensifiers whose unaccented form is a frequent other word (cực/cục, lắm/làm, hơi/hỏi, cũng/cung) match accented text only.
const ACCENTED_ONLY_INTENSIFIERS = new Set(['cực', 'lắm', 'hơi', 'cũng']);
for (const [w, m] of Object.entries(INTENSIFIERS)) addEntry(w, { weight: m, kind: 'intensifier' }, ACCENTED_ONLY_INTENSIFIERS.has(w));
for (const c of CONTRASTS) addEntry(c, { weight: 1, kind: 'contrast' }, c === 'song');
for (const line of SENTIMENT_LEXICON.split('\n')) {
  const m = /^(.+?)\s+(-?\d+(?:\.\d+)?)(\s+a)?\s*$/.exec(line.trim());
  if (m) addEntry(m[1]!, { weight: Number(m[2]), kind: 'term' }, Boolean(m[3]));
}
const accentedPrefixes = prefixesOf(accentedTable);
const foldedPrefixes = prefixesOf(foldedTable);

const MARKED = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/;
const MAX_CHARS = 20_000;
const POST_INTENSIFIERS = new Set(['lắm', 'quá', 'thật', 'vãi', 'vl', 'dã man', 'cực']);

/** The emoji table with, for each entry, whether it is an ASCII emoticon (":)") rather than an emoji character. */
const EMOJI_ENTRIES = Object.entries(EMOJI_SENTIMENT).map(([emoji, weight]) => [emoji, weight, /^[\x20-\x7e]+$/.test(emoji)] as const);
const MAY_HAVE_EMOJI = new RegExp(`[${[...new Set(Object.keys(EMOJI_SENTIMENT).filter((emoji) => !/^[\x20-\x7e]+$/.test(emoji)).map((emoji) => emoji.charAt(0)))].join('')}]`);
const MAY_HAVE_EMOTICON = new RegExp([...new Set(Object.keys(EMOJI_SENTIMENT).filter((emoji) => /^[\x20-\x7e]+$/.test(emoji)).map((emoji) => emoji.charAt(0)))].map((ch) => ch.replace(/[-\\^$*+?.()|[\]{}]/g, '\\$&')).join('|'));

/** One word of the lexicon scan (or a sentence boundary, or a comma). */
interface Word {
  raw: string;
  low: string;
  fold: string;
  boundary: boolean;
}

/** A known word with its forms; shared by every occurrence (words are never modified). */
interface InternedWord extends Word {
  isMarked: boolean;
}
/** Known words by their characters (see `SpanInterner`), at most 100,000. */
const interned = new SpanInterner<InternedWord>(100_000, (raw) => {
  const { low, fold, isMarked } = wordForms(raw);
  return { raw, low, fold, boundary: false, isMarked };
});

/** The word `input[start, end)` with its forms: a word seen before costs no string, no lower-casing and no folding. */
function internWord(input: string, start: number, end: number): InternedWord {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ input.charCodeAt(i), 0x01000193);
  return interned.get(input, start, end, hash);
}

/** Lower-cased and folded forms of a token, and whether it has a Vietnamese marked letter. */
interface WordForms {
  low: string;
  fold: string;
  isMarked: boolean;
}
const WORD_FORMS_LIMIT = 100_000;
let wordFormsCache = new Map<string, WordForms>();

/** `wordForms` of a token, memoised (news reuses a few tens of thousands of syllables); the cache is bounded. */
function wordForms(raw: string): WordForms {
  let forms = wordFormsCache.get(raw);
  if (!forms) {
    const low = raw.toLowerCase();
    forms = { low, fold: foldDiacritics(low), isMarked: MARKED.test(low) };
    if (wordFormsCache.size >= WORD_FORMS_LIMIT) wordFormsCache = new Map();
    wordFormsCache.set(raw, forms);
  }
  return forms;
}

/** Result of the lexicon layer alone. */
export interface LexiconAnalysis {
  score: number;
  reasons: SentimentReason[];
  /** Folded syllables of the text (reused by the learnable layer). */
  folded: string[];
}

/**
 * Lexicon-and-rules analysis: signed score with its reasons. Works on accented and unaccented text.
 * @example scoreLexicon('Thủ tục rất nhanh gọn, cán bộ nhiệt tình').score > 0 // true
 */
export function scoreLexicon(text: string): LexiconAnalysis {
  const input = (text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text).normalize('NFC');
  const words: Word[] = [];
  let letters = 0;
  let marked = 0;
  // Common case: words are looked up by their characters in a table of known words (no string per word).
  const isScanned = scanTokenSpans(input, (kind, start, end) => {
    if (kind === 'word' || kind === 'number') {
      const word = internWord(input, start, end);
      if (kind === 'word') {
        letters++;
        if (word.isMarked) marked++;
      }
      words.push(word);
    } else if (kind === 'punct') {
      const text = input.slice(start, end);
      if (/[.!?;…]/.test(text)) words.push({ raw: text, low: text, fold: text, boundary: true });
      else if (text === ',') words.push({ raw: text, low: ',', fold: ',', boundary: false });
    }
  });
  for (const t of isScanned ? [] : tokenize(input)) {
    if (t.kind === 'word' || t.kind === 'number') {
      const { low, fold, isMarked } = wordForms(t.text);
      if (t.kind === 'word') {
        letters++;
        if (isMarked) marked++;
      }
      words.push({ raw: t.text, low, fold, boundary: false });
    } else if (t.kind === 'punct' && /[.!?;…]/.test(t.text)) {
      words.push({ raw: t.text, low: t.text, fold: t.text, boundary: true });
    } else if (t.kind === 'punct' && t.text === ',') {
      words.push({ raw: t.text, low: ',', fold: ',', boundary: false });
    }
  }
  const accented = letters > 0 && marked / letters >= 0.2;
  const table = accented ? accentedTable : foldedTable;
  const prefixes = accented ? accentedPrefixes : foldedPrefixes;
  const keyOf = (i: number) => (accented ? words[i]!.low : words[i]!.fold);
  const reasons: SentimentReason[] = [];
  let score = 0;
  let negateUntil = -1;
  let reduceUntil = -1;
  let lastTermEnd = -10;
  let intensity = 1;
  let intensityUntil = -1;
  let clauseFactor = 1;
  let sentenceStartReason = 0;
  for (let i = 0; i < words.length; ) {
    const w = words[i]!;
    if (w.boundary) {
      negateUntil = -1;
      reduceUntil = -1;
      intensityUntil = -1;
      clauseFactor = 1;
      sentenceStartReason = reasons.length;
      i++;
      continue;
    }
    // Longest phrase of the table starting here: extend one word at a time while the words so far are a
    // prefix of some table key (same result as trying the longest length first, without building every key).
    let match: { len: number; entry: Entry } | null = null;
    let key = '';
    const maxLen = Math.min(MAX_PHRASE, words.length - i);
    for (let len = 1; len <= maxLen; len++) {
      const wk = words[i + len - 1]!;
      if (wk.boundary || wk.low === ',') break;
      key = len === 1 ? keyOf(i) : `${key} ${keyOf(i + len - 1)}`;
      if (!prefixes.has(key)) break;
      const entry = table.get(key);
      if (entry) match = { len, entry };
    }
    if (!match) {
      if (w.low === ',') {
        negateUntil = Math.min(negateUntil, i);
        reduceUntil = Math.min(reduceUntil, i);
      }
      i++;
      continue;
    }
    const { len, entry } = match;
    const surface = words.slice(i, i + len).map((x) => x.raw).join(' ');
    if (entry.kind === 'negator') {
      negateUntil = i + len + 3;
    } else if (entry.kind === 'reducer') {
      reduceUntil = i + len + 2;
      // "tai nạn giảm hẳn": a reducer right after a negative term flips it
      const last = reasons[reasons.length - 1];
      if (last && lastTermEnd >= i - 1 && last.weight < 0 && last.rule === 'lexicon') {
        score -= last.weight * 1.8;
        last.weight = Math.round(-last.weight * 0.8 * 100) / 100;
        last.rule = 'reduced';
        reduceUntil = -1;
      }
    } else if (entry.kind === 'intensifier') {
      intensity = entry.weight;
      intensityUntil = i + len + 2;
    } else if (entry.kind === 'contrast') {
      for (let r = sentenceStartReason; r < reasons.length; r++) {
        const reason = reasons[r]!;
        score -= reason.weight / 2;
        reason.weight /= 2;
        reason.rule = 'before-contrast';
      }
      clauseFactor = 1.5;
    } else {
      let weight = entry.weight;
      let rule: SentimentReason['rule'] = 'lexicon';
      if (i < intensityUntil) {
        weight *= intensity;
        rule = 'intensified';
      }
      const next = words[i + len];
      if (next && POST_INTENSIFIERS.has(next.low)) {
        weight *= INTENSIFIERS[next.low] ?? 1.4;
        rule = 'intensified';
      }
      if (i < reduceUntil && weight !== 0) {
        weight = -weight * 0.8;
        rule = 'reduced';
        reduceUntil = -1;
      } else if (i < negateUntil) {
        // "không tốt" is negative; "không tệ" is mildly positive (weaker than the plain opposite).
        weight = weight > 0 ? -weight : -weight * 0.5;
        rule = 'negated';
        negateUntil = -1;
      }
      if (clauseFactor !== 1) {
        weight *= clauseFactor;
        if (rule === 'lexicon') rule = 'after-contrast';
      }
      weight = Math.round(weight * 100) / 100;
      score += weight;
      if (weight !== 0) {
        reasons.push({ text: surface, weight, rule });
        lastTermEnd = i + len;
      }
      intensityUntil = -1;
    }
    i += len;
  }
  // Most texts have neither emoji nor emoticons: one scan each decides whether the per-emoji search is needed.
  const mayHaveEmoji = MAY_HAVE_EMOJI.test(input);
  const mayHaveEmoticon = MAY_HAVE_EMOTICON.test(input);
  for (const [emoji, weight, isEmoticon] of EMOJI_ENTRIES) {
    if (!(isEmoticon ? mayHaveEmoticon : mayHaveEmoji)) continue;
    if (input.includes(emoji)) {
      score += weight;
      reasons.push({ text: emoji, weight, rule: 'emoji' });
    }
  }
  return { score: Math.round(score * 100) / 100, reasons, folded: words.filter((x) => !x.boundary && x.low !== ',').map((x) => x.fold) };
}

/** Decision threshold of the base model: |score| below it is neutral. */
export const BASE_THRESHOLD = 0.5;

/**
 * The base model: weights that reproduce the lexicon decision (score ≥ 0.5 positive, ≤ -0.5 negative).
 * @example analyzeSentiment('tốt', createBaseSentimentModel()).label // 'positive'
 */
export function createBaseSentimentModel(): SentimentModel {
  return {
    kind: 'sentiment',
    version: '0',
    parentVersion: null,
    weights: { positive: { 'lex:pos': 1 }, negative: { 'lex:neg': 1 }, neutral: { bias: BASE_THRESHOLD } },
    meta: { description: 'lexicon only' },
  };
}

function featuresOf(lex: LexiconAnalysis): Map<string, number> {
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
}

/** A model's weights indexed for scoring without building feature strings: unigrams and bigrams by syllable. */
interface CompiledWeights {
  source: SentimentModel['weights'];
  bias?: FeatureWeights;
  lexPos?: FeatureWeights;
  lexNeg?: FeatureWeights;
  unigrams: Map<string, FeatureWeights>;
  bigrams: Map<string, Map<string, FeatureWeights>>;
}

const compiledModels = new WeakMap<SentimentModel, CompiledWeights>();

function compile(model: SentimentModel): CompiledWeights {
  const cached = compiledModels.get(model);
  if (cached && cached.source === model.weights) return cached;
  const byKey = new Map<string, FeatureWeights>();
  for (const label of SENTIMENT_LABELS) {
    for (const [key, weight] of Object.entries(model.weights[label])) {
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { key, negative: 0, neutral: 0, positive: 0 }));
      entry[label] = weight;
    }
  }
  const compiled: CompiledWeights = { source: model.weights, bias: byKey.get('bias'), lexPos: byKey.get('lex:pos'), lexNeg: byKey.get('lex:neg'), unigrams: new Map(), bigrams: new Map() };
  for (const [key, entry] of byKey) {
    if (key.startsWith('u:')) compiled.unigrams.set(key.slice(2), entry);
    else if (key.startsWith('b:')) {
      const space = key.indexOf(' ', 2);
      if (space < 0) continue;
      const first = key.slice(2, space);
      let second = compiled.bigrams.get(first);
      if (!second) compiled.bigrams.set(first, (second = new Map<string, FeatureWeights>()));
      second.set(key.slice(space + 1), entry);
    }
  }
  compiledModels.set(model, compiled);
  return compiled;
}

/**
 * Class scores of `featuresOf(lex)` under the model, and the model's n-gram features present in it, in the
 * order `featuresOf` would list them. Features the model has no weight for add exactly 0 and are skipped, so
 * the sums are the same as over the full feature map, in the same order.
 */
function scoreFeatures(model: SentimentModel, lex: LexiconAnalysis): { scores: Record<SentimentLabel, number>; ngrams: FeatureWeights[] } {
  const compiled = compile(model);
  const scores = { negative: 0, neutral: 0, positive: 0 };
  const addTerm = (entry: FeatureWeights | undefined, value: number) => {
    if (!entry) return;
    scores.negative += entry.negative * value;
    scores.neutral += entry.neutral * value;
    scores.positive += entry.positive * value;
  };
  addTerm(compiled.bias, 1);
  if (lex.score > 0) addTerm(compiled.lexPos, lex.score);
  if (lex.score < 0) addTerm(compiled.lexNeg, -lex.score);
  const ngrams: FeatureWeights[] = [];
  const seen = new Set<FeatureWeights>();
  const s = lex.folded;
  for (let i = 0; i < s.length; i++) {
    const unigram = compiled.unigrams.get(s[i]!);
    if (unigram && !seen.has(unigram)) {
      seen.add(unigram);
      ngrams.push(unigram);
      addTerm(unigram, 1);
    }
    if (i + 1 < s.length) {
      const bigram = compiled.bigrams.get(s[i]!)?.get(s[i + 1]!);
      if (bigram && !seen.has(bigram)) {
        seen.add(bigram);
        ngrams.push(bigram);
        addTerm(bigram, 1);
      }
    }
  }
  return { scores, ngrams };
}

/**
 * Sentiment of a text with reasons: the lexicon evidence plus, for a trained model, the learned n-grams
 * that moved the decision most. Empty text is neutral.
 * @example analyzeSentiment('Cán bộ phường làm việc quá chậm, dân bức xúc', model).label // 'negative'
 */
export function analyzeSentiment(text: string, model: SentimentModel = createBaseSentimentModel()): SentimentResult {
  const lex = scoreLexicon(text);
  const { scores, ngrams } = scoreFeatures(model, lex);
  let label: SentimentLabel = 'neutral';
  for (const l of SENTIMENT_LABELS) if (scores[l] > scores[label]) label = l;
  const max = scores[label];
  let sum = 0;
  for (const l of SENTIMENT_LABELS) sum += Math.exp(scores[l] - max);
  const reasons = lex.reasons.slice();
  // Learned evidence: n-gram features whose weight for the chosen label exceeds the best other label.
  const learned: SentimentReason[] = [];
  for (const entry of ngrams) {
    const own = entry[label];
    let other = -Infinity;
    for (const l of SENTIMENT_LABELS) if (l !== label) other = Math.max(other, entry[l]);
    const margin = own - other;
    if (margin > 0.3 && label !== 'neutral') learned.push({ text: entry.key.slice(2), weight: Math.round((label === 'positive' ? margin : -margin) * 100) / 100, rule: 'learned' });
  }
  learned.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  reasons.push(...learned.slice(0, 3));
  return { label, score: lex.score, confidence: Math.round((1 / sum) * 1000) / 1000, reasons };
}

/** A labelled correction (from an officer in the product, or a labelled set). */
export interface SentimentExample {
  text: string;
  label: SentimentLabel;
}

/**
 * Trains a new overlay model from corrections on top of `base` (averaged perceptron, fixed order shuffle,
 * deterministic). The result has version `base.version + 1` and records its parent, so the caller can keep
 * every version and roll back by re-activating the parent.
 * @example const v2 = trainSentimentModel(corrections, v1); // v2.parentVersion === v1.version
 */
export function trainSentimentModel(
  corrections: SentimentExample[],
  base: SentimentModel = createBaseSentimentModel(),
  options: { epochs?: number; learningRate?: number; seed?: number } = {},
): SentimentModel {
  // Defaults chosen by 2-fold cross-validation inside the training part of test-data/nlp/sentiment.jsonl.
  const epochs = options.epochs ?? 4;
  const eta = options.learningRate ?? 0.05;
  const weights: Record<SentimentLabel, Map<string, number>> = {
    negative: new Map(Object.entries(base.weights.negative)),
    neutral: new Map(Object.entries(base.weights.neutral)),
    positive: new Map(Object.entries(base.weights.positive)),
  };
  const totals: Record<SentimentLabel, Map<string, number>> = { negative: new Map(), neutral: new Map(), positive: new Map() };
  const stamps: Record<SentimentLabel, Map<string, number>> = { negative: new Map(), neutral: new Map(), positive: new Map() };
  let step = 1;
  const update = (label: SentimentLabel, k: string, delta: number) => {
    const w = weights[label].get(k) ?? 0;
    totals[label].set(k, (totals[label].get(k) ?? 0) + (step - (stamps[label].get(k) ?? 0)) * w);
    stamps[label].set(k, step);
    weights[label].set(k, w + delta);
  };
  const data = corrections.filter((c) => SENTIMENT_LABELS.includes(c.label)).map((c) => ({ f: featuresOf(scoreLexicon(c.text)), label: c.label }));
  const order = data.map((_, i) => i);
  let rng = options.seed ?? 11;
  const rand = () => {
    rng = (rng * 1103515245 + 12345) & 0x7fffffff;
    return rng / 0x7fffffff;
  };
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const idx of order) {
      const { f, label } = data[idx]!;
      const s = { negative: 0, neutral: 0, positive: 0 };
      for (const l of SENTIMENT_LABELS) for (const [k, v] of f) s[l] += (weights[l].get(k) ?? 0) * v;
      let pred: SentimentLabel = 'neutral';
      for (const l of SENTIMENT_LABELS) if (s[l] > s[pred]) pred = l;
      if (pred !== label) {
        for (const [k, v] of f) {
          // lexicon features move slowly: they carry prior knowledge that a few corrections should not erase
          const rate = k.startsWith('lex:') || k === 'bias' ? eta * 0.2 : eta;
          update(label, k, rate * v);
          update(pred, k, -rate * v);
        }
      }
      step++;
    }
  }
  const out: Record<SentimentLabel, Record<string, number>> = { negative: {}, neutral: {}, positive: {} };
  for (const l of SENTIMENT_LABELS) {
    const keys = [...weights[l].keys()].sort();
    for (const k of keys) {
      const w = weights[l].get(k)!;
      const seenAt = stamps[l].get(k);
      // lazily averaged weight; a feature never updated keeps its base weight
      const v = seenAt === undefined ? w : ((totals[l].get(k) ?? 0) + (step - seenAt) * w) / step;
      const r = Math.round(v * 1000) / 1000;
      if (r !== 0) out[l][k] = r;
    }
  }
  const nextVersion = String((Number.parseInt(base.version, 10) || 0) + 1);
  return {
    kind: 'sentiment',
    version: nextVersion,
    parentVersion: base.version,
    weights: out,
    meta: { trainedOn: data.length, epochs, learningRate: eta },
  };
}
