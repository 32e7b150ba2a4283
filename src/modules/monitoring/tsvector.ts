/** Upper bound of a tsvector position (PostgreSQL clamps at 16383). */
export const MAX_POSITION = 16383;
/** Positions kept per lexeme (PostgreSQL's MAXNUMPOS). */
export const MAX_POSITIONS = 256;
/** Longest token that becomes a lexeme. */
export const MAX_LEXEME_CHARS = 200;

/**
 * Builds the text form of a PostgreSQL tsvector over folded tokens: title lexemes weighted A, body
 * lexemes unweighted, positions kept for phrase (`<->`) queries: the same lexemes `to_tsvector('simple', folded)`
 * would produce, in PostgreSQL's lexeme order (`compareLexemes`). Processing writes the binary form straight from
 * the token facts (`token-summary.ts`); this text is the fallback's input (`tsvectorTextToBinary`) and what tests
 * compare against.
 * @example buildTsvector(['hoc', 'phi'], ['hoc']) // "'hoc':1A,4 'phi':2A"
 */
export function buildTsvector(titleTokens: readonly string[], bodyTokens: readonly string[]): string {
  // Per distinct token: its entry so far ("'tok':1A,5") and how many positions it holds. The entries are
  // joined at the end, so the result is one flat string.
  const slotOf = new Map<string, number>();
  const lexemes: string[] = [];
  const entries: string[] = [];
  const counts: number[] = [];
  const add = (token: string, position: number, weight: string) => {
    if (token.length > MAX_LEXEME_CHARS) return;
    const clamped = position < MAX_POSITION ? position : MAX_POSITION;
    const slot = slotOf.get(token);
    if (slot === undefined) {
      slotOf.set(token, entries.length);
      lexemes.push(token);
      entries.push(`'${token}':${clamped}${weight}`);
      counts.push(1);
    } else if (counts[slot]! < MAX_POSITIONS) {
      entries[slot] += `,${clamped}${weight}`;
      counts[slot]!++;
    }
  };
  for (let index = 0; index < titleTokens.length; index++) add(titleTokens[index]!, index + 1, 'A');
  const offset = titleTokens.length + 2;
  for (let index = 0; index < bodyTokens.length; index++) add(bodyTokens[index]!, offset + index, '');
  const order = lexemes.map((_, slot) => slot).sort((a, b) => compareLexemes(lexemes[a]!, lexemes[b]!));
  return order.map((slot) => entries[slot]!).join(' ');
}

/**
 * PostgreSQL's lexeme order (`tsCompareString`): bytes of the UTF-8 forms compared as unsigned, a prefix
 * first. UTF-16 code units compare the same way except surrogates, whose code points lie above U+E000–U+FFFF.
 * @example compareLexemes('hoc', 'hoa') > 0 // true
 */
export function compareLexemes(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let k = 0; k < length; k++) {
    let x = a.charCodeAt(k);
    let y = b.charCodeAt(k);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** Characters in a `lexemeSortKey`, and the 6-bit code of each in the key. */
const SORT_KEY_CHARS = 6;
/** Bound of the lexeme index that follows a sort key in one number (`key * SORT_KEY_LEXEME_LIMIT + index`). */
export const SORT_KEY_LEXEME_LIMIT = 2 ** 17;

/**
 * A number that orders lexemes as `compareLexemes` does, from their first six characters: digits, then A–Z,
 * then a–z, then anything else (63, and nothing after it in the key), 0 past the end. Lexemes with equal keys
 * are ordered by `compareLexemes`. Below 2^36, so that with a lexeme index below 2^17 it fits a double exactly.
 */
export function lexemeSortKey(lexeme: string): number {
  let key = 0;
  let isOpen = true;
  for (let k = 0; k < SORT_KEY_CHARS; k++) {
    let code = 0;
    if (isOpen && k < lexeme.length) {
      const c = lexeme.charCodeAt(k);
      if (c >= 0x30 && c <= 0x39) code = c - 0x30 + 1;
      else if (c >= 0x41 && c <= 0x5a) code = c - 0x41 + 11;
      else if (c >= 0x61 && c <= 0x7a) code = c - 0x61 + 37;
      else {
        code = 63;
        isOpen = false;
      }
    }
    key = key * 64 + code;
  }
  return key;
}
