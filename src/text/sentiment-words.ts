/**
 * The word table of the sentiment analysis: every word met gets an integer id, and the facts the lexicon scan and
 * the learned features need per word sit in typed arrays by id, computed once per word.
 */
import { foldDiacritics } from './normalize';
import { INTENSIFIERS } from './sentiment-lexicon';
import { accentedTrie, foldedTrie } from './sentiment-phrase-trie';

const MARKED = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/;
/** Characters of a text that are analysed (the rest is cut off). */
export const MAX_CHARS = 20_000;
const POST_INTENSIFIERS = new Set(['lắm', 'quá', 'thật', 'vãi', 'vl', 'dã man', 'cực']);

/** The spelling of a known word that the learned features are made of (results quote the text's own spans). */
interface WordForms {
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
/** Spellings by word id. */
export const wordForms: WordForms[] = [];
let wordTotal = 0;
/** 1 when the word has a Vietnamese marked letter. */
export const isMarkedOf = new Uint8Array(WORD_CAPACITY);
/** Part id of the word's lower-cased form in the accented phrase trie, of its fold in the folded one; -1 in no phrase. */
export const accentedPartOf = new Int32Array(WORD_CAPACITY);
export const foldedPartOf = new Int32Array(WORD_CAPACITY);
/** Multiplier of a term that the word follows ("tệ quá"); 0 when it is not a post-intensifier. */
export const postIntensityOf = new Float64Array(WORD_CAPACITY);
/** Number of the compiled model that the word's feature indices below were looked up in (0: none yet). */
export const featureModelOf = new Int32Array(WORD_CAPACITY);
/** Index of the word's unigram in the model, of its fold as first and as second syllable of bigrams; -1: none. */
export const unigramOf = new Int32Array(WORD_CAPACITY);
export const bigramFirstOf = new Int32Array(WORD_CAPACITY);
export const bigramSecondOf = new Int32Array(WORD_CAPACITY);

/** Times the table started afresh (ids from an earlier generation denote other words). */
let generation = 0;

/** The current generation of the table's ids. */
export function wordTableGeneration(): number {
  return generation;
}

/** Empties the table when a document of `length` characters might not fit. */
export function makeRoomForWords(length: number): void {
  if (wordTotal + length <= WORD_CAPACITY && poolEnd + length <= pool.length) return;
  generation++;
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
export function wordIdOf(text: string, start: number, end: number): number {
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
  const low = text.slice(start, end).toLowerCase();
  const fold = foldDiacritics(low);
  wordForms[id] = { fold };
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
