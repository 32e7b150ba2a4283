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
import { scanTokenSpans, tokenize, type TokenKind } from './tokenize';

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
/**
 * The keys of a phrase table as a trie over their words, so the longest match is extended one word at a time by
 * integers instead of by building and hashing "a b c" strings. Each word of a key has a part id `p`; the node of
 * the one-word prefix `p` is `p + 1`, so the first step needs no lookup (a part that starts no key gets a node
 * with neither entry nor children, which ends the match as a missing prefix would).
 */
interface PhraseTrie {
  /** A word as it appears in the keys (lower-cased, or folded) → its part id. */
  parts: Map<string, number>;
  /** `node * parts.size + part` → the child node. */
  children: Map<number, number>;
  /** The entry of the phrase that ends at a node, if that phrase is a key. */
  entries: (Entry | undefined)[];
}

function buildPhraseTrie(table: Map<string, Entry>): PhraseTrie {
  const parts = new Map<string, number>();
  // keys are joined by single spaces and words never contain one, so splitting on ' ' gives back the words
  for (const key of table.keys()) for (const part of key.split(' ')) if (!parts.has(part)) parts.set(part, parts.size);
  const children = new Map<number, number>();
  const entries = new Array<Entry | undefined>(parts.size + 1).fill(undefined);
  for (const [key, entry] of table) {
    const keyParts = key.split(' ');
    let node = parts.get(keyParts[0]!)! + 1;
    for (let k = 1; k < keyParts.length; k++) {
      const edge = node * parts.size + parts.get(keyParts[k]!)!;
      let child = children.get(edge);
      if (child === undefined) {
        child = entries.length;
        entries.push(undefined);
        children.set(edge, child);
      }
      node = child;
    }
    entries[node] = entry;
  }
  return { parts, children, entries };
}
const accentedTrie = buildPhraseTrie(accentedTable);
const foldedTrie = buildPhraseTrie(foldedTable);

const MARKED = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/;
const MAX_CHARS = 20_000;
const POST_INTENSIFIERS = new Set(['lắm', 'quá', 'thật', 'vãi', 'vl', 'dã man', 'cực']);

const EMOJI_ENTRIES = Object.entries(EMOJI_SENTIMENT);
/** Any entry of the emoji table: most texts have none, and then one scan replaces the search for each entry. */
const MAY_HAVE_EMOJI = new RegExp(EMOJI_ENTRIES.map(([emoji]) => emoji.replace(/[-\\^$*+?.()|[\]{}]/g, '\\$&')).join('|'));

/** The spellings of a known word that results are made of. */
interface WordForms {
  raw: string;
  fold: string;
}

/** Distinct words kept; past it the table starts afresh (between documents, so a document's ids stay valid). */
const WORD_LIMIT = 100_000;
/** Room for the limit plus the new words of one document (at most one per character). */
const WORD_CAPACITY = WORD_LIMIT + MAX_CHARS;

/*
 * Known words, numbered by first sight. A token's lookup probes an open-addressing table of word ids sized to the
 * vocabulary (at most half full), then compares the word's hash, length and characters, which sit in dense arrays
 * by id; the facts the scan needs per word are typed arrays by id too: no string or object per token. Frequent
 * words are met first, so their entries sit together at the start of the arrays and stay in cache between
 * documents (this lookup runs for every token of every document).
 */
/** `id + 1` per slot; 0 marks an empty slot. */
let slots = new Int32Array(1 << 12);
let pool = new Uint16Array(1 << 20);
let poolEnd = 0;
const hashOf = new Int32Array(WORD_CAPACITY);
const poolStartOf = new Int32Array(WORD_CAPACITY);
const lengthOf = new Int32Array(WORD_CAPACITY);
const wordForms: WordForms[] = [];
let wordTotal = 0;
/** 1 when the word has a Vietnamese marked letter. */
const isMarkedOf = new Uint8Array(WORD_CAPACITY);
/** Part id of the word's lower-cased form in the accented phrase trie, of its fold in the folded one; -1 in no phrase. */
const accentedPartOf = new Int32Array(WORD_CAPACITY);
const foldedPartOf = new Int32Array(WORD_CAPACITY);
/** Multiplier of a term that the word follows ("tệ quá"); 0 when it is not a post-intensifier. */
const postIntensityOf = new Float64Array(WORD_CAPACITY);
/** Number of the compiled model that the word's feature indices below were looked up in (0: none yet). */
const featureModelOf = new Int32Array(WORD_CAPACITY);
/** Index of the word's unigram in the model, of its fold as first and as second syllable of bigrams; -1: none. */
const unigramOf = new Int32Array(WORD_CAPACITY);
const bigramFirstOf = new Int32Array(WORD_CAPACITY);
const bigramSecondOf = new Int32Array(WORD_CAPACITY);

/** Empties the table when a document of `length` characters might not fit. */
function makeRoomForWords(length: number): void {
  if (wordTotal + length <= WORD_CAPACITY && poolEnd + length <= pool.length) return;
  slots.fill(0);
  wordForms.length = 0;
  wordTotal = 0;
  poolEnd = 0;
  if (pool.length < length) pool = new Uint16Array(length);
}

/** The empty slot where a word of `hash` goes. */
function freeSlot(hash: number): number {
  const mask = slots.length - 1;
  let slot = (hash ^ (hash >>> 16)) & mask;
  while (slots[slot] !== 0) slot = (slot + 1) & mask;
  return slot;
}

/** Id of the word `text[start, end)`, known or added (its forms and facts computed once). */
function wordIdOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  const length = end - start;
  const mask = slots.length - 1;
  for (let slot = (hash ^ (hash >>> 16)) & mask; ; slot = (slot + 1) & mask) {
    const id = slots[slot]! - 1;
    if (id < 0) break;
    if (hashOf[id] === hash && lengthOf[id] === length && isPooled(text, start, poolStartOf[id]!, length)) return id;
  }
  if (2 * (wordTotal + 1) > slots.length) {
    slots = new Int32Array(2 * slots.length);
    for (let known = 0; known < wordTotal; known++) slots[freeSlot(hashOf[known]!)] = known + 1;
  }
  const id = wordTotal++;
  slots[freeSlot(hash)] = id + 1;
  hashOf[id] = hash;
  poolStartOf[id] = poolEnd;
  lengthOf[id] = length;
  for (let i = start; i < end; i++) pool[poolEnd++] = text.charCodeAt(i);
  const raw = text.slice(start, end);
  const low = raw.toLowerCase();
  const fold = foldDiacritics(low);
  wordForms[id] = { raw, fold };
  isMarkedOf[id] = MARKED.test(low) ? 1 : 0;
  accentedPartOf[id] = accentedTrie.parts.get(low) ?? -1;
  foldedPartOf[id] = foldedTrie.parts.get(fold) ?? -1;
  postIntensityOf[id] = POST_INTENSIFIERS.has(low) ? (INTENSIFIERS[low] ?? 1.4) : 0;
  featureModelOf[id] = 0;
  return id;
}

function isPooled(text: string, start: number, poolStart: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (pool[poolStart + k] !== text.charCodeAt(start + k)) return false;
  return true;
}

/** Punctuation that ends a sentence for the rules (any of `.!?;…` in the token). */
const SENTENCE_END = new Set([...'.!?;…'].map((ch) => ch.charCodeAt(0)));
const COMMA_CODE = 0x2c;
/** Entries of `textWords` that are not word ids. */
const BOUNDARY = -1;
const COMMA = -2;

/** Word ids (or BOUNDARY, COMMA) of the text being scanned, in a buffer reused by every call; `wordCount` are valid. */
let textWords = new Int32Array(MAX_CHARS);
let wordCount = 0;
let letterWords = 0;
let markedWords = 0;
let scanned = '';

/** Appends one token of `scanned` to `textWords` (numbers are words; of punctuation, boundaries and commas only). */
function addToken(kind: TokenKind, start: number, end: number): void {
  if (kind === 'word' || kind === 'number') {
    const id = wordIdOf(scanned, start, end);
    if (kind === 'word') {
      letterWords++;
      markedWords += isMarkedOf[id]!;
    }
    textWords[wordCount++] = id;
  } else if (kind === 'punct') {
    for (let k = start; k < end; k++) {
      if (SENTENCE_END.has(scanned.charCodeAt(k))) {
        textWords[wordCount++] = BOUNDARY;
        return;
      }
    }
    if (end - start === 1 && scanned.charCodeAt(start) === COMMA_CODE) textWords[wordCount++] = COMMA;
  }
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
  const { score, reasons } = scanLexicon(text);
  const folded: string[] = [];
  for (let i = 0; i < wordCount; i++) if (textWords[i]! >= 0) folded.push(wordForms[textWords[i]!]!.fold);
  return { score, reasons, folded };
}

/** `scoreLexicon` without the folded syllables: the words of the text are left in `textWords[0, wordCount)`. */
function scanLexicon(text: string): { score: number; reasons: SentimentReason[] } {
  const input = (text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text).normalize('NFC');
  makeRoomForWords(input.length);
  if (textWords.length < input.length) textWords = new Int32Array(input.length);
  scanned = input;
  wordCount = 0;
  letterWords = 0;
  markedWords = 0;
  // Astral characters (emoji) make the span scanner decline; `tokenize` then gives the same tokens with offsets.
  if (!scanTokenSpans(input, addToken)) for (const token of tokenize(input)) addToken(token.kind, token.start, token.end);
  scanned = '';
  const accented = letterWords > 0 && markedWords / letterWords >= 0.2;
  const trie = accented ? accentedTrie : foldedTrie;
  const partCount = trie.parts.size;
  const partOf = accented ? accentedPartOf : foldedPartOf;
  const reasons: SentimentReason[] = [];
  let score = 0;
  let negateUntil = -1;
  let reduceUntil = -1;
  let lastTermEnd = -10;
  let intensity = 1;
  let intensityUntil = -1;
  let clauseFactor = 1;
  let sentenceStartReason = 0;
  for (let i = 0; i < wordCount; ) {
    const id = textWords[i]!;
    if (id === BOUNDARY) {
      negateUntil = -1;
      reduceUntil = -1;
      intensityUntil = -1;
      clauseFactor = 1;
      sentenceStartReason = reasons.length;
      i++;
      continue;
    }
    // Longest phrase of the table starting here: walk the trie one word at a time (boundaries and commas are
    // in no phrase, so they end it).
    let len = 0;
    let entry: Entry | undefined;
    let part = id >= 0 ? partOf[id]! : -1;
    if (part >= 0) {
      let node = part + 1;
      entry = trie.entries[node];
      if (entry) len = 1;
      const maxLen = Math.min(MAX_PHRASE, wordCount - i);
      for (let k = 2; k <= maxLen; k++) {
        const next = textWords[i + k - 1]!;
        part = next >= 0 ? partOf[next]! : -1;
        if (part < 0) break;
        const child = trie.children.get(node * partCount + part);
        if (child === undefined) break;
        node = child;
        const longer = trie.entries[node];
        if (longer) {
          entry = longer;
          len = k;
        }
      }
    }
    if (!entry) {
      if (id === COMMA) {
        negateUntil = Math.min(negateUntil, i);
        reduceUntil = Math.min(reduceUntil, i);
      }
      i++;
      continue;
    }
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
      const after = i + len < wordCount ? textWords[i + len]! : -1;
      if (after >= 0 && postIntensityOf[after] !== 0) {
        weight *= postIntensityOf[after]!;
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
        let surface = wordForms[id]!.raw;
        for (let k = 1; k < len; k++) surface += ` ${wordForms[textWords[i + k]!]!.raw}`;
        reasons.push({ text: surface, weight, rule });
        lastTermEnd = i + len;
      }
      intensityUntil = -1;
    }
    i += len;
  }
  if (MAY_HAVE_EMOJI.test(input)) {
    for (const [emoji, weight] of EMOJI_ENTRIES) {
      if (input.includes(emoji)) {
        score += weight;
        reasons.push({ text: emoji, weight, rule: 'emoji' });
      }
    }
  }
  return { score: Math.round(score * 100) / 100, reasons };
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

function compile(model: SentimentModel): CompiledWeights {
  const cached = compiledModels.get(model);
  if (cached && cached.source === model.weights) return cached;
  const byKey = new Map<string, FeatureWeights>();
  for (const label of SENTIMENT_LABELS) {
    for (const [key, weight] of Object.entries(model.weights[label])) {
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { key, negative: 0, neutral: 0, positive: 0, negativeMargin: 0, positiveMargin: 0, seenIn: 0 }));
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
      bigrams.push([indexOf(compiled.bigramFirstIndex, key.slice(2, space)), indexOf(compiled.bigramSecondIndex, key.slice(space + 1)), entry]);
    }
  }
  for (const [first, second, entry] of bigrams) compiled.bigrams.set(first * compiled.bigramSecondIndex.size + second, entry);
  compiledModels.set(model, compiled);
  return compiled;
}

/** Numbers the calls of `scoreFeatures`, for `FeatureWeights.seenIn`. */
let featureCall = 0;
/** The n-gram features of the last `scoreFeatures` call (reused). */
const ngramsFound: FeatureWeights[] = [];

/**
 * Class scores of `featuresOf(scoreLexicon(text))` under the model, for the words `scanLexicon` left in `textWords`,
 * and the model's n-gram features present (in `ngramsFound`), in the order `featuresOf` would list them. Features
 * the model has no weight for add exactly 0 and are skipped, so the sums are the same as over the full feature
 * map, in the same order.
 */
function scoreFeatures(compiled: CompiledWeights, lexiconScore: number): Record<SentimentLabel, number> {
  const call = ++featureCall;
  ngramsFound.length = 0;
  const scores = { negative: 0, neutral: 0, positive: 0 };
  const addTerm = (entry: FeatureWeights | undefined, value: number) => {
    if (!entry) return;
    scores.negative += entry.negative * value;
    scores.neutral += entry.neutral * value;
    scores.positive += entry.positive * value;
  };
  // each n-gram counts once, in the order of its first occurrence
  const addNgram = (entry: FeatureWeights | undefined) => {
    if (!entry || entry.seenIn === call) return;
    entry.seenIn = call;
    ngramsFound.push(entry);
    addTerm(entry, 1);
  };
  addTerm(compiled.bias, 1);
  if (lexiconScore > 0) addTerm(compiled.lexPos, lexiconScore);
  if (lexiconScore < 0) addTerm(compiled.lexNeg, -lexiconScore);
  // featuresOf lists u:w0, b:w0 w1, u:w1, b:w1 w2, …: at each word, the bigram it ends, then its unigram
  let previous = -1;
  for (let i = 0; i < wordCount; i++) {
    const id = textWords[i]!;
    if (id < 0) continue;
    if (featureModelOf[id] !== compiled.number) {
      const fold = wordForms[id]!.fold;
      featureModelOf[id] = compiled.number;
      unigramOf[id] = compiled.unigramIndex.get(fold) ?? -1;
      bigramFirstOf[id] = compiled.bigramFirstIndex.get(fold) ?? -1;
      bigramSecondOf[id] = compiled.bigramSecondIndex.get(fold) ?? -1;
    }
    if (previous >= 0 && bigramFirstOf[previous]! >= 0 && bigramSecondOf[id]! >= 0) {
      addNgram(compiled.bigrams.get(bigramFirstOf[previous]! * compiled.bigramSecondIndex.size + bigramSecondOf[id]!));
    }
    if (unigramOf[id]! >= 0) addNgram(compiled.unigrams[unigramOf[id]!]);
    previous = id;
  }
  return scores;
}

/**
 * Sentiment of a text with reasons: the lexicon evidence plus, for a trained model, the learned n-grams
 * that moved the decision most. Empty text is neutral.
 * @example analyzeSentiment('Cán bộ phường làm việc quá chậm, dân bức xúc', model).label // 'negative'
 */
export function analyzeSentiment(text: string, model: SentimentModel = createBaseSentimentModel()): SentimentResult {
  const { score, reasons } = scanLexicon(text);
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
    for (const entry of ngramsFound) {
      const margin = label === 'positive' ? entry.positiveMargin : entry.negativeMargin;
      if (margin > 0.3) learned.push({ text: entry.key.slice(2), weight: Math.round((label === 'positive' ? margin : -margin) * 100) / 100, rule: 'learned' });
    }
    learned.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
    reasons.push(...learned.slice(0, 3));
  }
  return { label, score, confidence: Math.round((1 / sum) * 1000) / 1000, reasons };
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
