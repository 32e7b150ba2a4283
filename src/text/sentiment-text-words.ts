/**
 * The words of the text the sentiment analysis reads: its tokens as word ids of the word table (numbers are words
 * too), sentence boundaries and commas, with each word's span, in buffers reused by every text. A caller that has
 * already looked the text's words up (monitoring's tokens) passes them as `KnownWords` and saves the lookups.
 */
import { isMarkedOf, makeRoomForWords, wordIdOf, wordTableGeneration } from './sentiment-words';
import { scanTokenSpans, tokenize, type TokenKind } from './tokenize';

/** Punctuation that ends a sentence for the rules (any of `.!?;…` in the token). */
const SENTENCE_END = new Set([...'.!?;…'].map((ch) => ch.charCodeAt(0)));
const COMMA_CODE = 0x2c;
/** Entries of `textWords` that are not word ids. */
export const BOUNDARY = -1;
export const COMMA = -2;

/**
 * Words of a text looked up by the caller, in increasing order of `starts`: the span `[starts[k], ends[k])` of the
 * text has the word id `ids[k]` (from `wordIdOf` of its lower-cased characters, looked up under `generation` of the
 * table), or -1 when unknown. Spans the scan does not read as one word are looked up as usual.
 */
export interface KnownWords {
  starts: Int32Array;
  ends: Int32Array;
  ids: Int32Array;
  count: number;
  generation: number;
}

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
  knownAt = 0;
  wordCount = 0;
  letterWords = 0;
  markedWords = 0;
  // Astral characters (emoji) make the span scanner decline; `tokenize` then gives the same tokens with offsets.
  if (!scanTokenSpans(input, addToken)) for (const token of tokenize(input)) addToken(token.kind, token.start, token.end);
  scanned = '';
  known = undefined;
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
