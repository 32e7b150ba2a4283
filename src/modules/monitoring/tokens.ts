import { charClasses, LETTER, MARK, NUMBER, SURROGATE } from '../../text/char-class';
import { foldDiacritics } from '../../text/normalize';
import { SpanInterner, type SpanEntry } from '../../text/intern';
import { DIGITS_ONLY, LETTERS_AND_DIGITS, LETTERS_ONLY } from '../../text/sentiment';
import { languageFlags } from './language';
import { tokenHash64 } from './simhash';
import { lexemeSortKey } from './tsvector';

/** Letters and digits of any script: one matching token. */
const TOKEN_PATTERN = /[\p{L}\p{N}]+/gu;

/** The token streams matching works on: lower-cased with accents, and folded (accent-free), aligned by position. */
export interface TokenStreams {
  exact: string[];
  folded: string[];
  /** Per token, what the other stages need from it (absent for text with stray combining marks). */
  infos?: TokenInfo[];
  /** Per token (with `infos`), where it starts in the text (it is as long as its `exact` form). */
  starts?: number[];
  /**
   * (With `infos`) whether a combining mark outside U+0300–U+036F stands between tokens: it splits tokens here,
   * where other tokenizers (the language core's) read it as part of a word.
   */
  hasJoiningMarks?: boolean;
}

/**
 * What processing needs from one distinct token, looked up once per token occurrence (one hash of the token
 * string) instead of once per stage: its folded form, its language flags, its SimHash hashes.
 */
export interface TokenInfo {
  exact: string;
  folded: string;
  languageFlags: number;
  hashHigh: number;
  hashLow: number;
  /** Never shared by two different tokens in a process (a key for per-token caches of other stages). */
  id: number;
}

/**
 * A token's facts with its lexeme (accented forms of one folded token share it) and its table hash. Numbers read
 * per token occurrence are kept below 2^30 (small integers stored in the object): a 32-bit value in a field is a
 * separate heap number, one more memory load per read.
 */
export interface TokenEntry extends TokenInfo, SpanEntry {
  lexeme: Lexeme;
  /** Letters only, digits only, or both: `LETTERS_ONLY`, `DIGITS_ONLY`, `LETTERS_AND_DIGITS` of the sentiment words. */
  charKind: number;
  /** `hashHigh` and `hashLow` in 16-bit halves. */
  hashHighUpper: number;
  hashHighLower: number;
  hashLowUpper: number;
  hashLowLower: number;
}

/** A folded token, with what `summarizeTokens` keeps on it. */
export interface Lexeme {
  text: string;
  /** One UTF-8 byte per character. */
  isAscii: boolean;
  /** `lexemeSortKey` of the text. */
  sortKey: number;
  /** `summarizeTokens` call that last met the lexeme, and its index in that call. */
  stamp: number;
  slot: number;
}

/**
 * Splits text into aligned accented / folded lower-case token arrays. Folding maps one character to one
 * character on NFC input, so both arrays tokenize identically.
 */
export function tokenizeForMatching(text: string): TokenStreams {
  // Without combining marks folding maps each character to one letter or digit, so the folded text splits at the
  // same places as the text: each token's folded form comes with its `TokenInfo`.
  const scanned = scanTokens(text);
  if (scanned) return scanned;
  const lower = text.toLowerCase();
  if (!STRAY_MARK.test(lower)) {
    // characters the table does not lower-case alone (Σ depends on its neighbours) are lower-cased here
    const rescanned = scanTokens(lower);
    if (rescanned) return rescanned;
  }
  const exact = lower.match(TOKEN_PATTERN) ?? [];
  const folded = foldDiacritics(lower).match(TOKEN_PATTERN) ?? [];
  if (folded.length !== exact.length) {
    // Stray combining marks removed by folding can merge nothing but may split differently: fold per token.
    return withoutFacts(
      exact,
      exact.map((token) => foldDiacritics(token)),
    );
  }
  return withoutFacts(exact, folded);
}

/**
 * Token streams without per-token facts, in the same shape (same properties, same order) as `scanTokens` gives:
 * a second shape met now and then made every stage reading the streams deoptimize and recompile.
 */
function withoutFacts(exact: string[], folded: string[]): TokenStreams {
  return { exact, folded, infos: undefined, starts: undefined, hasJoiningMarks: undefined };
}

/** Combining marks (removed by folding) and other characters whose folded form could split differently. */
const STRAY_MARK = /[\u0300-\u036f]/;

/** `scanCodes()` values besides a lower-cased token character. */
const SEPARATOR = -1;
const ABORT = -2;
/** A separator that is a combining mark (see `TokenStreams.hasJoiningMarks`). */
const JOINING_MARK = -3;
let scanCodeTable: Int32Array | undefined;

/**
 * Per UTF-16 code unit, what `scanTokens` does with it: the lower-cased code unit of a token character (a letter
 * or digit once lower-cased, as `TOKEN_PATTERN` on the lower-cased text), SEPARATOR, or ABORT for what only the
 * whole-text path handles: surrogates, combining marks, characters that lower-case to two code units (İ) or by
 * context (Σ).
 */
function scanCodes(): Int32Array {
  if (scanCodeTable) return scanCodeTable;
  const classes = charClasses();
  const table = new Int32Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    const lower = String.fromCharCode(code).toLowerCase();
    const lowerCode = lower.charCodeAt(0);
    if (classes[code]! & SURROGATE || lower.length !== 1 || code === 0x3a3 || (lowerCode >= 0x300 && lowerCode <= 0x36f))
      table[code] = ABORT;
    else
      table[code] = classes[lowerCode]! & (LETTER | NUMBER) ? lowerCode : classes[lowerCode]! & MARK ? JOINING_MARK : SEPARATOR;
  }
  scanCodeTable = table;
  return table;
}

// Reused across calls: the token arrays are sliced from them at their exact length.
const scratchExact: string[] = [];
const scratchFolded: string[] = [];
const scratchInfos: TokenEntry[] = [];
// (an array of small integers: its slice is a heap copy, where a typed array's would allocate a backing store)
const scratchStarts: number[] = [];

/**
 * The tokens of `TOKEN_PATTERN` in the lower-cased text, found with the character table (runs of letters and
 * digits, lower-cased as read) and looked up by their characters (FNV-1a and a comparison), so a token seen
 * before costs neither a string nor a string hash. Null for text the table cannot lower-case alone.
 */
function scanTokens(text: string): TokenStreams | null {
  const codes = scanCodes();
  const length = text.length;
  let count = 0;
  let hasJoiningMarks = false;
  let i = 0;
  while (i < length) {
    let code = codes[text.charCodeAt(i)]!;
    if (code < 0) {
      if (code === ABORT) return null;
      if (code === JOINING_MARK) hasJoiningMarks = true;
      i++;
      continue;
    }
    const start = i;
    let hash = 0x811c9dc5;
    do {
      hash = Math.imul(hash ^ code, 0x01000193);
      i++;
    } while (i < length && (code = codes[text.charCodeAt(i)]!) >= 0);
    const entry = tokenTable.get(text, start, i, hash, codes);
    if (count < scratchInfos.length) {
      scratchStarts[count] = start;
      scratchExact[count] = entry.exact;
      scratchFolded[count] = entry.folded;
      scratchInfos[count] = entry;
    } else {
      scratchStarts.push(start);
      scratchExact.push(entry.exact);
      scratchFolded.push(entry.folded);
      scratchInfos.push(entry);
    }
    count++;
  }
  return {
    exact: scratchExact.slice(0, count),
    folded: scratchFolded.slice(0, count),
    infos: scratchInfos.slice(0, count),
    starts: scratchStarts.slice(0, count),
    hasJoiningMarks,
  };
}

let nextTokenId = 1;
/** Distinct tokens kept; past it the table starts afresh (bounded memory on endless vocabularies). */
const TOKEN_LIMIT = 200_000;
/**
 * Token facts by the token's characters lower-cased through the scan table: a token seen before costs neither a
 * string nor a string hash. The entry is the token's facts themselves (`TokenEntry` is a `SpanEntry`).
 */
const tokenTable = new SpanInterner<TokenEntry>(TOKEN_LIMIT, (text, start, end, hash) =>
  createToken(text.slice(start, end).toLowerCase(), hash),
);
let lexemeTable = new Map<string, Lexeme>();

/** The facts of a new token (lower-cased: the table's mapping of its characters, one code unit each). */
function createToken(exact: string, hash: number): TokenEntry {
  const folded = foldDiacritics(exact);
  const [hashHigh, hashLow] = tokenHash64(folded);
  let lexeme = lexemeTable.get(folded);
  if (!lexeme) {
    let isAscii = true;
    for (let k = 0; k < folded.length; k++) if (folded.charCodeAt(k) >= 0x80) isAscii = false;
    lexeme = { text: flatString(folded), isAscii, sortKey: lexemeSortKey(folded), stamp: 0, slot: 0 };
    if (lexemeTable.size >= TOKEN_LIMIT) lexemeTable = new Map();
    lexemeTable.set(folded, lexeme);
  }
  return {
    exact,
    folded: lexeme.text,
    languageFlags: languageFlags(exact, folded),
    hashHigh,
    hashLow,
    id: nextTokenId++,
    lexeme,
    charKind: charKindOf(exact),
    key: exact,
    hash,
    hashHighUpper: hashHigh >>> 16,
    hashHighLower: hashHigh & 0xffff,
    hashLowUpper: hashLow >>> 16,
    hashLowLower: hashLow & 0xffff,
  };
}

/** Whether a token (letters and digits only) has only letters, only digits, or both. */
function charKindOf(token: string): number {
  const classes = charClasses();
  let flags = 0;
  for (let k = 0; k < token.length; k++) flags |= classes[token.charCodeAt(k)]!;
  return flags & NUMBER ? (flags & LETTER ? LETTERS_AND_DIGITS : DIGITS_ONLY) : LETTERS_ONLY;
}

/**
 * The text as one sequential string: folding builds a changed token by concatenation, and reading the
 * characters of such a string goes through its parts on every later read.
 */
function flatString(text: string): string {
  if (text.length > 256) return text;
  const codes = new Array<number>(text.length);
  for (let k = 0; k < text.length; k++) codes[k] = text.charCodeAt(k);
  return String.fromCharCode(...codes);
}

/** Folded lower-case tokens of a short string (query terms, source names). */
export function foldedTokens(text: string): string[] {
  return foldDiacritics(text.normalize('NFC').toLowerCase()).match(TOKEN_PATTERN) ?? [];
}
