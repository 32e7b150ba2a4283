/**
 * Tokenisation into syllables, numbers, punctuation and symbols. Vietnamese writes one syllable per
 * space-separated unit, so a syllable is a maximal run of letters (with combining marks); multi-syllable
 * words are rebuilt by `segment.ts`. Pure, no I/O.
 */

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
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const kind: TokenKind = m[1]
      ? 'url'
      : m[2]
        ? 'email'
        : m[3]
          ? 'number'
          : m[4]
            ? 'word'
            : m[5]
              ? 'punct'
              : 'symbol';
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
