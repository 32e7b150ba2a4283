/**
 * The words of the text the sentiment analysis reads: its tokens as word ids of the word table (numbers are words
 * too), sentence boundaries and commas, with each word's span, in buffers reused by every text. A caller that has
 * already looked the text's words up (monitoring's tokens) passes them as `KnownWords` and saves the lookups.
 */
import { isMarkedOf, makeRoomForWords, wordIdOf, wordTableGeneration } from './sentiment-words';
import { charClasses, LETTER, MARK, NUMBER, SPACE, SURROGATE } from './char-class';
import { emitPunctuation, NUMBER_SEPARATORS, PUNCT_CHARS, scanTokenSpans, tokenize, type TokenKind } from './tokenize';

/** Punctuation that ends a sentence for the rules (any of `.!?;…` in the token). */
const SENTENCE_END = new Set([...'.!?;…'].map((ch) => ch.charCodeAt(0)));
const COMMA_CODE = 0x2c;
const SPACE_CODE = 0x20;
/** Entries of `textWords` that are not word ids. */
export const BOUNDARY = -1;
export const COMMA = -2;

/**
 * Words of a text looked up by the caller, in increasing order of `starts`: the span `[starts[k], ends[k])` of the
 * text has the word id `ids[k]` (from `wordIdOf` of its lower-cased characters, looked up under `generation` of the
 * table), or -1 when unknown, and is made of `kinds[k]` characters. Spans the scan does not read as one word are
 * looked up as usual. Given only for NFC text (monitoring's cleaned texts), which is then not normalised again.
 */
export interface KnownWords {
  starts: Int32Array;
  ends: Int32Array;
  ids: Int32Array;
  kinds: Uint8Array;
  count: number;
  generation: number;
}

/** `KnownWords.kinds`: a span of letters only, of digits only, or of both (anything else). */
export const LETTERS_ONLY = 1;
export const DIGITS_ONLY = 2;
export const LETTERS_AND_DIGITS = 0;

/**
 * Word ids (or BOUNDARY, COMMA) of the text last read, and the span of each word, in buffers reused by every call;
 * the first `wordCount` are valid. Read by the rules of `scanLexicon` and by `scoreFeatures`.
 */
export let textWords = new Int32Array(4096);
export let wordStarts = new Int32Array(4096);
export let wordEnds = new Int32Array(4096);
export let wordCount = 0;
/** Words of letters read, and how many of them have a Vietnamese marked letter. */
export let letterWords = 0;
export let markedWords = 0;
let scanned = '';
let known: KnownWords | undefined;
let knownAt = 0;

/**
 * Reads the words of `input` (NFC, at most `MAX_CHARS`) into `textWords`. `knownWords`, when given, must be spans
 * of `input`.
 */
export function readWords(input: string, knownWords?: KnownWords): void {
  makeRoomForWords(input.length);
  if (textWords.length < input.length) {
    textWords = new Int32Array(input.length);
    wordStarts = new Int32Array(input.length);
    wordEnds = new Int32Array(input.length);
  }
  scanned = input;
  // ids looked up before the table started afresh are stale
  known = knownWords && knownWords.generation === wordTableGeneration() ? knownWords : undefined;
  startReading();
  // a walk over the known words that gives up part-way starts again with the scan
  if (!known || !readKnownWords(input, known)) {
    startReading();
    // Astral characters (emoji) make the span scanner decline; `tokenize` then gives the same tokens with offsets.
    if (!scanTokenSpans(input, addToken)) for (const token of tokenize(input)) addToken(token.kind, token.start, token.end);
  }
  scanned = '';
  known = undefined;
}

/** Empties `textWords` and its counts for a new reading. */
function startReading(): void {
  knownAt = 0;
  wordCount = 0;
  letterWords = 0;
  markedWords = 0;
}

/**
 * The tokens of `text` as `scanTokenSpans` reads them, from the known words and the characters between them: a
 * known span of letters is a word, one of digits a number (with the spans of digits it joins over separators), one
 * of both a word or number per run; between spans only spaces, punctuation and symbols are read. False (some
 * tokens possibly appended) where the tokenizer could read otherwise: e-mails, URLs, combining marks, astral
 * characters, letters and digits outside the known spans (a word cut at the end of the analysed text).
 */
function readKnownWords(text: string, words: KnownWords): boolean {
  if (text.includes('@') || text.includes('://') || text.includes('www.')) return false;
  const classes = charClasses();
  const { starts, ends, kinds, count } = words;
  let gapStart = 0;
  for (let k = 0; k <= count; k++) {
    const start = k < count ? starts[k]! : text.length;
    // most gaps are one space
    if (
      !(start - gapStart === 1 && text.charCodeAt(gapStart) === SPACE_CODE) &&
      !readBetweenWords(text, gapStart, start, classes)
    )
      return false;
    if (k === count) break;
    let end = ends[k]!;
    const kind = kinds[k]!;
    if (kind === LETTERS_ONLY) {
      addToken('word', start, end);
    } else if (kind === DIGITS_ONLY) {
      // a number continues over a separator followed by digits (1.000, 31/3/2022): the next known spans
      while (NUMBER_SEPARATORS.has(text.charCodeAt(end)) && classes[text.charCodeAt(end + 1)]! & NUMBER) {
        if (k + 1 >= count || starts[k + 1] !== end + 1 || kinds[k + 1] !== DIGITS_ONLY) return false;
        k++;
        end = ends[k]!;
      }
      addToken('number', start, end);
    } else if (!readLettersAndDigits(text, start, end, classes)) {
      return false;
    }
    gapStart = end;
  }
  return true;
}

/**
 * Appends the words and numbers of a span of letters glued to digits ("COVID19", "20h"): each run of letters is a
 * word, each run of digits a number. False when its last run is digits that a separator joins to more digits.
 */
function readLettersAndDigits(text: string, start: number, end: number, classes: Uint8Array): boolean {
  let runStart = start;
  let isDigits = (classes[text.charCodeAt(start)]! & NUMBER) !== 0;
  for (let i = start + 1; i <= end; i++) {
    const isDigit = i < end && (classes[text.charCodeAt(i)]! & NUMBER) !== 0;
    if (i < end && isDigit === isDigits) continue;
    addToken(isDigits ? 'number' : 'word', runStart, i);
    runStart = i;
    isDigits = isDigit;
  }
  const lastIsDigit = (classes[text.charCodeAt(end - 1)]! & NUMBER) !== 0;
  return !(lastIsDigit && NUMBER_SEPARATORS.has(text.charCodeAt(end)) && classes[text.charCodeAt(end + 1)]! & NUMBER);
}

/**
 * Appends the punctuation tokens of `text[from, to)`, which holds no known word: runs of punctuation characters
 * (split as `tokenize` splits them), ended by spaces and symbols (symbols are tokens of their own, which the
 * analysis skips). False on a letter, digit, combining mark or surrogate.
 */
function readBetweenWords(text: string, from: number, to: number, classes: Uint8Array): boolean {
  let runStart = -1;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (PUNCT_CHARS.has(code)) {
      if (runStart < 0) runStart = i;
      continue;
    }
    if (runStart >= 0) {
      emitPunctuation(text, runStart, i, addToken);
      runStart = -1;
    }
    const flags = classes[code]!;
    if (flags & SPACE) continue;
    if (flags & (LETTER | NUMBER | MARK | SURROGATE)) return false;
  }
  if (runStart >= 0) emitPunctuation(text, runStart, to, addToken);
  return true;
}

/** Appends one token of `scanned` to `textWords` (numbers are words; of punctuation, boundaries and commas only). */
function addToken(kind: TokenKind, start: number, end: number): void {
  if (kind === 'word' || kind === 'number') {
    const id = knownIdOf(start, end);
    if (kind === 'word') {
      letterWords++;
      markedWords += isMarkedOf[id]!;
    }
    wordStarts[wordCount] = start;
    wordEnds[wordCount] = end;
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

/**
 * The id of the word `scanned[start, end)`: the known one when a known span is exactly this word (its facts are
 * those of its lower-cased form, as for any spelling of it), else looked up.
 */
function knownIdOf(start: number, end: number): number {
  if (known) {
    const { starts, count } = known;
    while (knownAt < count && starts[knownAt]! < start) knownAt++;
    if (knownAt < count && starts[knownAt] === start && known.ends[knownAt] === end && known.ids[knownAt]! >= 0)
      return known.ids[knownAt]!;
  }
  return wordIdOf(scanned, start, end);
}
