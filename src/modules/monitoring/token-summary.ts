import { LANGUAGE_FLAG_VALUES } from './language';
import { tokenizeForMatching, type Lexeme, type TokenEntry, type TokenStreams } from './tokens';
import { tsvectorBinaryToText, tsvectorTextToBinary, WEIGHT_A } from './tsvector-binary';
import { buildTsvector, compareLexemes, MAX_LEXEME_CHARS, MAX_POSITION, MAX_POSITIONS, SORT_KEY_LEXEME_LIMIT } from './tsvector';

// Scratch space of summarizeTokens, grown as needed: per position its value (negative: title, weight A) and the
// next position of its lexeme; per lexeme its first and last position, count, sort key and entry; per token its
// hashes; the folded text and the tsvector text as bytes.
let positionValues = new Int32Array(4096);
let positionNext = new Int32Array(4096);
let lexemeFirst = new Int32Array(4096);
let lexemeLast = new Int32Array(4096);
let lexemeCount = new Int32Array(4096);
let lexemeKeys = new Float64Array(4096);
let tokenHashesHigh = new Uint32Array(4096);
let tokenHashesLow = new Uint32Array(4096);
const lexemeEntries: Lexeme[] = [];
let joinedBytes = Buffer.allocUnsafe(16384);
let vectorBytes = Buffer.allocUnsafe(65536);
let vectorStamp = 0;
/** Tokens whose language flags `detectLanguageFromFlags` reads. */
const LANGUAGE_SAMPLE = 400;
const languageFlagCounts = new Int32Array(LANGUAGE_FLAG_VALUES);

/** What processing derives from the token facts of a document's title and body, in one pass over them. */
export interface TokenSummary {
  /** `buildTsvector(title.folded, body.folded)` in PostgreSQL's binary form (`tsvector-binary.ts`). */
  searchVector: Uint8Array;
  /** UTF-8 of `title.folded.concat(body.folded).join(' ')`. */
  foldedUtf8: Uint8Array;
  /** `tokenHash64` of every token's folded form, title then body. */
  hashesHigh: Uint32Array;
  hashesLow: Uint32Array;
  /** How many of the first 400 tokens (title then body) have each `languageFlags` value. */
  languageFlagCounts: Int32Array;
}

/**
 * The search vector, folded text, SimHash token hashes and language sample of a title and body from their token
 * facts: distinct lexemes found by a per-call stamp instead of a map, ordered by number, texts written as bytes.
 * Null when the streams have no facts. The arrays are views of buffers reused by the next call.
 */
export function summarizeTokens(title: TokenStreams, body: TokenStreams): TokenSummary | null {
  const titleInfos = title.infos as TokenEntry[] | undefined;
  const bodyInfos = body.infos as TokenEntry[] | undefined;
  if (!titleInfos || !bodyInfos) return null;
  const titleLength = titleInfos.length;
  const total = titleLength + bodyInfos.length;
  if (total >= SORT_KEY_LEXEME_LIMIT) return null;
  if (positionValues.length < total) {
    const size = Math.max(total, positionValues.length * 2);
    positionValues = new Int32Array(size);
    positionNext = new Int32Array(size);
    lexemeFirst = new Int32Array(size);
    lexemeLast = new Int32Array(size);
    lexemeCount = new Int32Array(size);
    lexemeKeys = new Float64Array(size);
    tokenHashesHigh = new Uint32Array(size);
    tokenHashesLow = new Uint32Array(size);
  }
  languageFlagCounts.fill(0);
  const stamp = ++vectorStamp;
  let lexemes = 0;
  let positions = 0;
  let bytes = 4;
  let joined = joinedBytes;
  let joinedLength = 0;
  const offset = titleLength + 2;
  for (let index = 0; index < total; index++) {
    const isTitle = index < titleLength;
    const token = isTitle ? titleInfos[index]! : bodyInfos[index - titleLength]!;
    tokenHashesHigh[index] = (token.hashHighUpper << 16) | token.hashHighLower;
    tokenHashesLow[index] = (token.hashLowUpper << 16) | token.hashLowLower;
    if (index < LANGUAGE_SAMPLE) languageFlagCounts[token.languageFlags]!++;
    const entry = token.lexeme;
    const text = entry.text;
    // the folded text: tokens joined by single spaces
    if (joinedLength + 3 * text.length + 1 > joined.length) {
      const grown = Buffer.allocUnsafe(Math.max(2 * joined.length, joinedLength + 3 * text.length + 1));
      joined.copy(grown, 0, 0, joinedLength);
      joined = joinedBytes = grown;
    }
    if (index > 0) joined[joinedLength++] = 0x20;
    if (entry.isAscii) {
      for (let k = 0; k < text.length; k++) joined[joinedLength++] = text.charCodeAt(k);
    } else {
      joinedLength += joined.write(text, joinedLength, 'utf8');
    }
    // the lexeme's positions
    const position = isTitle ? index + 1 : offset + index - titleLength;
    const clamped = position < MAX_POSITION ? position : MAX_POSITION;
    positionValues[positions] = isTitle ? -clamped : clamped;
    positionNext[positions] = -1;
    if (entry.stamp !== stamp) {
      entry.stamp = stamp;
      if (text.length > MAX_LEXEME_CHARS) {
        entry.slot = -1;
        continue;
      }
      entry.slot = lexemes;
      lexemeEntries[lexemes] = entry;
      lexemeFirst[lexemes] = positions;
      lexemeLast[lexemes] = positions;
      lexemeCount[lexemes] = 1;
      lexemeKeys[lexemes] = entry.sortKey * SORT_KEY_LEXEME_LIMIT + lexemes;
      // UTF-8 bytes, the zero byte, the position count
      bytes += 3 + 3 * text.length;
      lexemes++;
    } else {
      const slot = entry.slot;
      if (slot < 0 || lexemeCount[slot]! >= MAX_POSITIONS) continue;
      positionNext[lexemeLast[slot]!] = positions;
      lexemeLast[slot] = positions;
      lexemeCount[slot]!++;
    }
    bytes += 2;
    positions++;
  }
  const keys = lexemeKeys.subarray(0, lexemes);
  sortKeys(keys);
  const searchVector = orderSortKeyTies(keys)
    ? tsvectorTextToBinary(buildTsvector(title.folded, body.folded))
    : writeSearchVector(keys, bytes);
  return {
    searchVector,
    foldedUtf8: joined.subarray(0, joinedLength),
    hashesHigh: tokenHashesHigh.subarray(0, total),
    hashesLow: tokenHashesLow.subarray(0, total),
    languageFlagCounts,
  };
}

/**
 * The binary tsvector (`tsvector-binary.ts`) of the lexemes of `keys` (sorted) with their positions, in a copy of
 * its own; `bytes` bounds its length. Positions clamped to the same value are written once, as PostgreSQL keeps them.
 */
function writeSearchVector(keys: Float64Array, bytes: number): Uint8Array {
  if (vectorBytes.length < bytes) vectorBytes = Buffer.allocUnsafe(Math.max(bytes, vectorBytes.length * 2));
  const out = vectorBytes;
  const count = keys.length;
  out[0] = count >>> 24;
  out[1] = (count >>> 16) & 0xff;
  out[2] = (count >>> 8) & 0xff;
  out[3] = count & 0xff;
  let at = 4;
  for (let rank = 0; rank < count; rank++) {
    const slot = slotOfKey(keys[rank]!);
    const lexeme = lexemeEntries[slot]!;
    const text = lexeme.text;
    if (lexeme.isAscii) {
      for (let k = 0; k < text.length; k++) out[at++] = text.charCodeAt(k);
    } else {
      at += out.write(text, at, 'utf8');
    }
    out[at++] = 0;
    const countAt = at;
    at += 2;
    let written = 0;
    let previous = -1;
    for (let position = lexemeFirst[slot]!; position >= 0; position = positionNext[position]!) {
      const value = positionValues[position]!;
      const number = value < 0 ? -value : value;
      if (number === previous) continue;
      previous = number;
      const word = value < 0 ? WEIGHT_A | number : number;
      out[at++] = word >>> 8;
      out[at++] = word & 0xff;
      written++;
    }
    out[countAt] = written >>> 8;
    out[countAt + 1] = written & 0xff;
  }
  return new Uint8Array(out.subarray(0, at));
}

/**
 * `buildTsvector(title.folded, body.folded)`, from the token facts when the streams have them (the text of the
 * binary form `summarizeTokens` writes).
 * @example buildSearchVector(tokenizeForMatching('Học phí'), tokenizeForMatching('học')) // "'hoc':1A,4 'phi':2A"
 */
export function buildSearchVector(title: TokenStreams, body: TokenStreams): string {
  const summary = summarizeTokens(title, body);
  return summary ? tsvectorBinaryToText(summary.searchVector) : buildTsvector(title.folded, body.folded);
}

/**
 * The UTF-8 bytes of `title.folded.concat(body.folded).join(' ')`, from the token facts when the streams have
 * them (a view of a reused buffer: valid until the next call).
 * @example Buffer.from(foldedUtf8(tokenizeForMatching('Học'), tokenizeForMatching('phí'))).toString() // 'hoc phi'
 */
export function foldedUtf8(title: TokenStreams, body: TokenStreams): Uint8Array {
  return summarizeTokens(title, body)?.foldedUtf8 ?? Buffer.from(title.folded.concat(body.folded).join(' '));
}

const FIRST_CHARACTER = 2 ** (5 * 6 + 17);
const bucketEnds = new Int32Array(65);
let sortedKeys = new Float64Array(4096);

/**
 * Sorts lexeme keys ascending: bucketed by their first character's code (a counting sort), each bucket by
 * insertion. About 3x faster than `Float64Array.prototype.sort` on a document's ~160 lexemes.
 */
function sortKeys(keys: Float64Array): void {
  const n = keys.length;
  if (sortedKeys.length < n) sortedKeys = new Float64Array(Math.max(n, 2 * sortedKeys.length));
  const sorted = sortedKeys;
  bucketEnds.fill(0);
  for (let i = 0; i < n; i++) bucketEnds[Math.floor(keys[i]! / FIRST_CHARACTER) + 1]!++;
  for (let bucket = 0; bucket < 64; bucket++) bucketEnds[bucket + 1]! += bucketEnds[bucket]!;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    sorted[bucketEnds[Math.floor(key / FIRST_CHARACTER)]!++] = key;
  }
  // each bucket now ends where the next begins
  for (let bucket = 0, start = 0; bucket < 64; bucket++) {
    const end = bucketEnds[bucket]!;
    for (let i = start + 1; i < end; i++) {
      const key = sorted[i]!;
      let j = i - 1;
      while (j >= start && sorted[j]! > key) {
        sorted[j + 1] = sorted[j]!;
        j--;
      }
      sorted[j + 1] = key;
    }
    start = end;
  }
  keys.set(sorted.subarray(0, n));
}

/**
 * Orders lexemes with equal six-character keys (adjacent once the keys are sorted) by `compareLexemes`: an
 * insertion sort within each run, which leaves every other key where it is. True when two of them have the same
 * text: lexemes of one text from before and after the lexeme table started afresh (between the title and the body).
 */
function orderSortKeyTies(keys: Float64Array): boolean {
  let hasDuplicates = false;
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    // sorted keys further apart than the index range cannot share a prefix
    if (key - keys[i - 1]! >= SORT_KEY_LEXEME_LIMIT) continue;
    const prefix = Math.floor(key / SORT_KEY_LEXEME_LIMIT);
    if (prefix !== Math.floor(keys[i - 1]! / SORT_KEY_LEXEME_LIMIT)) continue;
    const text = lexemeEntries[slotOfKey(key)]!.text;
    let j = i - 1;
    while (
      j >= 0 &&
      Math.floor(keys[j]! / SORT_KEY_LEXEME_LIMIT) === prefix &&
      compareLexemes(lexemeEntries[slotOfKey(keys[j]!)]!.text, text) > 0
    ) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
    if (
      j >= 0 &&
      Math.floor(keys[j]! / SORT_KEY_LEXEME_LIMIT) === prefix &&
      compareLexemes(lexemeEntries[slotOfKey(keys[j]!)]!.text, text) === 0
    )
      hasDuplicates = true;
  }
  return hasDuplicates;
}

/** The lexeme index in a sort key (its low 17 bits; no floating-point remainder). */
function slotOfKey(key: number): number {
  return key - Math.floor(key / SORT_KEY_LEXEME_LIMIT) * SORT_KEY_LEXEME_LIMIT;
}

// Type feedback for the tie path of `orderSortKeyTies` (lexemes sharing a six-character key, as "nghien" and
// "nghieng"), which about one document in a hundred takes. Optimized before any document took it, `summarizeTokens`
// left its compiled code for the interpreter at every such document instead of being recompiled (197 times in
// 20,000 articles, `node --trace-deopt`).
summarizeTokens(tokenizeForMatching('nghiên nghiêng'), tokenizeForMatching(''));
