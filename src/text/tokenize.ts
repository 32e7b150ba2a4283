/**
 * Tokenisation into syllables, numbers, punctuation and symbols. Vietnamese writes one syllable per
 * space-separated unit, so a syllable is a maximal run of letters (with combining marks); multi-syllable
 * words are rebuilt by `segment.ts`. Pure, no I/O.
 */
import { charClasses, LETTER, MARK, NUMBER, SPACE } from './char-class';

export type TokenKind = 'word' | 'number' | 'punct' | 'symbol' | 'url' | 'email';

/** One token with its offsets in the input string (UTF-16 code units). */
export interface Token {
  text: string;
  kind: TokenKind;
  start: number;
  end: number;
}

// Order matters: URLs and emails before numbers and words; numbers keep Vietnamese separators
// (1.234.567, 1,5, 31/3/2022, 07/CT-TTg stays split as number + punct + word).
const TOKEN_RE =
  /(https?:\/\/[^\s]+|www\.[^\s]+)|([\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,})|(\p{N}+(?:[.,/:]\p{N}+)*)|((?:\p{L}|\p{M})+)|([.,;:!?…"'()[\]{}«»“”‘’\-–—/\\]+)|(\S)/gu;

/**
 * Splits text into tokens (whitespace dropped). Letters glued to digits ("F0", "COVID19") split into a word
 * and a number.
 * @example tokenize('Ngày 31/3/2022, Bộ TT&TT').map((t) => t.text) // ['Ngày', '31/3/2022', ',', 'Bộ', 'TT', '&', 'TT']
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Astral characters (emoji, rare CJK) are code points of two units: the regular expression handles them.
  if (!scanTokenSpans(text, (kind, start, end) => tokens.push({ text: text.slice(start, end), kind, start, end })))
    return tokenizeWithExpression(text);
  return tokens;
}

const HAS_SURROGATE = /[\ud800-\udfff]/;
/** Characters of a punctuation token (`TOKEN_RE`'s fifth alternative). */
export const PUNCT_CHARS = new Set([...'.,;:!?…"\'()[]{}«»“”‘’-–—/\\'].map((ch) => ch.charCodeAt(0)));
const URL_TRAILER = new Set([...'.,;:!?)'].map((ch) => ch.charCodeAt(0)));
const DOT = 0x2e;
const H = 0x68;
const W = 0x77;
/** Extra characters of an e-mail's local part and domain besides letters and digits. */
const LOCAL_EXTRA = new Set([...'._%+-'].map((ch) => ch.charCodeAt(0)));
const DOMAIN_EXTRA = new Set([...'.-'].map((ch) => ch.charCodeAt(0)));
/** Characters that join digits into one number token (1.234.567, 1,5, 31/3/2022). */
export const NUMBER_SEPARATORS = new Set([...'.,/:'].map((ch) => ch.charCodeAt(0)));

/**
 * The tokens of `tokenize` as spans, without building their strings (for callers that look tokens up by their
 * characters). At each non-space position the alternatives of `TOKEN_RE` are tried in the same order (URL,
 * e-mail, number, word, punctuation, any other character), each matching exactly what its expression would,
 * backtracking included, so the tokens are those of `tokenizeWithExpression`. Returns false, reporting nothing, when the text has astral characters (`tokenize` handles those
 * with the regular expression).
 * @example scanTokenSpans('Bộ TT', (kind, start, end) => console.log(kind, start, end)) // word 0 2, word 3 5
 */
export function scanTokenSpans(text: string, emit: (kind: TokenKind, start: number, end: number) => void): boolean {
  if (HAS_SURROGATE.test(text)) return false;
  const classes = charClasses();
  const length = text.length;
  let nextAt = text.indexOf('@');
  const isSpace = (index: number) => (classes[text.charCodeAt(index)]! & SPACE) !== 0;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    const flags = classes[code]!;
    if (flags & SPACE) {
      i++;
      continue;
    }
    // 1. URL: https?://\S+ or www.\S+, then trailing punctuation given back (looked for only at an "h" or a "w")
    if (code === H || code === W) {
      const prefix = text.startsWith('https://', i) ? 8 : text.startsWith('http://', i) ? 7 : text.startsWith('www.', i) ? 4 : 0;
      if (prefix > 0 && i + prefix < length && !isSpace(i + prefix)) {
        let end = i + prefix;
        while (end < length && !isSpace(end)) end++;
        while (end > i && URL_TRAILER.has(text.charCodeAt(end - 1))) end--;
        emit('url', i, end);
        i = end;
        continue;
      }
    }
    // 2. e-mail: [\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}
    if (nextAt >= 0 && nextAt < i) nextAt = text.indexOf('@', i);
    if (nextAt > i && (flags & (LETTER | NUMBER) || LOCAL_EXTRA.has(code))) {
      let localEnd = i;
      while (
        localEnd < length &&
        (classes[text.charCodeAt(localEnd)]! & (LETTER | NUMBER) || LOCAL_EXTRA.has(text.charCodeAt(localEnd)))
      )
        localEnd++;
      if (localEnd === nextAt) {
        let domainEnd = localEnd + 1;
        while (
          domainEnd < length &&
          (classes[text.charCodeAt(domainEnd)]! & (LETTER | NUMBER) || DOMAIN_EXTRA.has(text.charCodeAt(domainEnd)))
        )
          domainEnd++;
        // the greedy domain gives back characters until a "." followed by at least two letters
        let end = -1;
        for (let dot = domainEnd - 1; dot >= localEnd + 2; dot--) {
          if (text.charCodeAt(dot) !== DOT) continue;
          let letters = dot + 1;
          while (letters < domainEnd && classes[text.charCodeAt(letters)]! & LETTER) letters++;
          if (letters - dot - 1 >= 2) {
            end = letters;
            break;
          }
        }
        if (end > 0) {
          emit('email', i, end);
          i = end;
          continue;
        }
      }
    }
    // 3. number: \p{N}+(?:[.,/:]\p{N}+)*
    if (flags & NUMBER) {
      let end = i + 1;
      for (;;) {
        while (end < length && classes[text.charCodeAt(end)]! & NUMBER) end++;
        if (end + 1 < length && NUMBER_SEPARATORS.has(text.charCodeAt(end)) && classes[text.charCodeAt(end + 1)]! & NUMBER)
          end += 2;
        else break;
      }
      emit('number', i, end);
      i = end;
      continue;
    }
    // 4. word: (?:\p{L}|\p{M})+
    if (flags & (LETTER | MARK)) {
      let end = i + 1;
      while (end < length && classes[text.charCodeAt(end)]! & (LETTER | MARK)) end++;
      emit('word', i, end);
      i = end;
      continue;
    }
    // 5. punctuation run: "..." and "?!" stay whole, other runs split into single characters
    if (PUNCT_CHARS.has(code)) {
      let end = i + 1;
      while (end < length && PUNCT_CHARS.has(text.charCodeAt(end))) end++;
      emitPunctuation(text, i, end, emit);
      i = end;
      continue;
    }
    // 6. any other character
    emit('symbol', i, i + 1);
    i++;
  }
  return true;
}

const EXCLAMATION = 0x21;
const QUESTION = 0x3f;

/**
 * Emits the punctuation run `text[start, end)` as `tokenize` splits it: "..." and "?!" stay whole, other runs of
 * several characters become one token per character.
 */
export function emitPunctuation(
  text: string,
  start: number,
  end: number,
  emit: (kind: TokenKind, start: number, end: number) => void,
): void {
  if (end - start > 1) {
    let dots = true;
    let marks = true;
    for (let k = start; k < end; k++) {
      const code = text.charCodeAt(k);
      if (code !== DOT) dots = false;
      if (code !== EXCLAMATION && code !== QUESTION) marks = false;
    }
    if (!dots && !marks) {
      for (let k = start; k < end; k++) emit('punct', k, k + 1);
      return;
    }
  }
  emit('punct', start, end);
}

/**
 * The reference tokenizer (one regular expression); `tokenize` gives the same tokens faster.
 * @example tokenizeWithExpression('Bộ TT&TT').map((t) => t.text) // ['Bộ', 'TT', '&', 'TT']
 */
export function tokenizeWithExpression(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const kind: TokenKind = m[1] ? 'url' : m[2] ? 'email' : m[3] ? 'number' : m[4] ? 'word' : m[5] ? 'punct' : 'symbol';
    let value = m[0];
    if (kind === 'punct' && value.length > 1 && !/^(\.{2,}|[!?]+)$/.test(value)) {
      // "),", ".\"" → one token per character, but keep "..." and "?!" whole
      for (let k = 0; k < value.length; k++) {
        tokens.push({ text: value[k]!, kind, start: m.index + k, end: m.index + k + 1 });
      }
      continue;
    }
    if (kind === 'url' || kind === 'email') value = value.replace(/[.,;:!?)]+$/, '');
    tokens.push({ text: value, kind, start: m.index, end: m.index + value.length });
    if (value.length < m[0].length) TOKEN_RE.lastIndex = m.index + value.length;
  }
  return tokens;
}

/**
 * The syllables of a text, lower-cased letters only, in order (numbers and punctuation dropped).
 * @example syllables('Thủ tướng Chính phủ!') // ['thủ', 'tướng', 'chính', 'phủ']
 */
export function syllables(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) if (t.kind === 'word') out.push(t.text.toLowerCase());
  return out;
}
