import { charClasses, LETTER, NUMBER, SURROGATE } from '../../text/char-class';
import { SpanInterner } from '../../text/intern';
import { foldDiacritics, normalizeText, normalizeToneMarks } from '../../text/normalize';
import { languageFlags } from './language';
import { tokenHash64 } from './simhash';

/** Letters and digits of any script: one matching token. */
const TOKEN_PATTERN = /[\p{L}\p{N}]+/gu;

/** The token streams matching works on: lower-cased with accents, and folded (accent-free), aligned by position. */
export interface TokenStreams {
  exact: string[];
  folded: string[];
  /** Per token, what the other stages need from it (absent for text with stray combining marks). */
  infos?: TokenInfo[];
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
}

/**
 * Splits text into aligned accented / folded lower-case token arrays. Folding maps one character to one
 * character on NFC input, so both arrays tokenize identically.
 */
export function tokenizeForMatching(text: string): TokenStreams {
  const lower = text.toLowerCase();
  if (!STRAY_MARK.test(lower)) {
    // Without combining marks folding maps each character to one letter or digit, so the folded text splits
    // at the same places as the text: each token's folded form comes with its `TokenInfo`.
    const scanned = scanTokens(lower);
    if (scanned) return scanned;
  }
  const exact = lower.match(TOKEN_PATTERN) ?? [];
  const folded = foldDiacritics(lower).match(TOKEN_PATTERN) ?? [];
  if (folded.length !== exact.length) {
    // Stray combining marks removed by folding can merge nothing but may split differently: fold per token.
    return { exact, folded: exact.map((token) => foldDiacritics(token)) };
  }
  return { exact, folded };
}

/** Combining marks (removed by folding) and other characters whose folded form could split differently. */
const STRAY_MARK = /[\u0300-\u036f]/;
/**
 * The tokens of `TOKEN_PATTERN` in lower-cased text without combining marks, found with the character table
 * (runs of letters and digits) and looked up by their characters (FNV-1a and a comparison), so a token seen
 * before costs neither a string nor a string hash. Null for text with astral characters.
 */
function scanTokens(lower: string): TokenStreams | null {
  const classes = charClasses();
  const exact: string[] = [];
  const folded: string[] = [];
  const infos: TokenInfo[] = [];
  const length = lower.length;
  let i = 0;
  while (i < length) {
    let flags = classes[lower.charCodeAt(i)]!;
    if (!(flags & (LETTER | NUMBER))) {
      if (flags & SURROGATE) return null;
      i++;
      continue;
    }
    const start = i;
    let hash = 0x811c9dc5;
    while (i < length) {
      const code = lower.charCodeAt(i);
      flags = classes[code]!;
      if (!(flags & (LETTER | NUMBER))) break;
      hash = Math.imul(hash ^ code, 0x01000193);
      i++;
    }
    if (flags & SURROGATE) return null;
    const info = tokenInfos.get(lower, start, i, hash);
    exact.push(info.exact);
    folded.push(info.folded);
    infos.push(info);
  }
  return { exact, folded, infos };
}

/** Token facts by the token's characters (see `SpanInterner`), at most 200,000 tokens. */
const tokenInfos = new SpanInterner<TokenInfo>(200_000, (exact) => {
  const folded = foldDiacritics(exact);
  const [hashHigh, hashLow] = tokenHash64(folded);
  return { exact, folded, languageFlags: languageFlags(exact, folded), hashHigh, hashLow };
});

/** Folded lower-case tokens of a short string (query terms, source names). */
export function foldedTokens(text: string): string[] {
  return foldDiacritics(text.normalize('NFC').toLowerCase()).match(TOKEN_PATTERN) ?? [];
}

// Characters only the full normaliser handles: controls, zero-width and odd spaces, fullwidth forms,
// Greek/Cyrillic look-alikes.
const NEEDS_FULL_NORMALIZATION = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2000-\u200f\u202f\u205f\u2060\u3000\ufeff\uff01-\uff5e\u0370-\u03ff\u0400-\u04ff\u00d0\u00f0\u0189]/;
/** "New-style" tone placement at the end of a syllable (hoà, thuý, khoẻ): the text's tone marks are re-placed. */
const NEW_STYLE_TONE = /(?<![qQ])[oOuU][àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ](?!\p{L})/u;

/**
 * NFC normalisation and cleanup of incoming text: HTML remnants, entities, typographic quotes and dashes,
 * whitespace, old-style tone placement. Text with rarer problems (look-alike letters, control characters) goes
 * through the language core's full `normalizeText`; the common case takes a fast path with the same result.
 */
export function cleanText(text: string): string {
  const withoutTags = text.includes('<') ? text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]{0,500}>/g, ' ') : text;
  const decoded = (withoutTags.includes('&') ? decodeEntities(withoutTags) : withoutTags).normalize('NFC');
  if (NEEDS_FULL_NORMALIZATION.test(decoded)) return straightenTypography(normalizeText(decoded));
  // Each step runs only when it can change something (most articles have no typographic quotes, tabs,
  // carriage returns or blank-line runs): the same result as running every replacement.
  let out = straightenTypography(decoded);
  if (SPACE_RUN.test(out)) out = out.replace(/[ \t\u00a0]+/g, ' ');
  if (out.includes('\r')) out = out.replace(/\r/g, '');
  if (out.includes(' \n') || out.includes('\n ')) out = out.replace(/ *\n */g, '\n');
  if (out.includes('\n\n\n')) out = out.replace(/\n{3,}/g, '\n\n');
  out = out.trim();
  // about one VNTC article in seven
  return NEW_STYLE_TONE.test(out) ? normalizeToneMarks(out) : out;
}

/** Typographic quotes, primes, dashes and ellipses as their ASCII forms (as officers type them in queries). */
function straightenTypography(text: string): string {
  if (!TYPOGRAPHIC.test(text)) return text;
  return text
    .replace(/[\u201c\u201d\u201e\u00ab\u00bb\u2033]/g, '"')
    .replace(/[\u2018\u2019\u201a\u2032\u00b4`]/g, "'")
    .replace(/[\u2010-\u2014\u2212]/g, '-')
    .replace(/\u2026/g, '...');
}

const TYPOGRAPHIC = /[\u201c\u201d\u201e\u00ab\u00bb\u2033\u2018\u2019\u201a\u2032\u00b4`\u2010-\u2014\u2212\u2026]/;
/** What `/[ \t\u00a0]+/g → ' '` changes: tabs, no-break spaces, runs of two or more spaces. */
const SPACE_RUN = /[\t\u00a0]| {2}/;

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Upper bound of a tsvector position (PostgreSQL clamps at 16383). */
const MAX_POSITION = 16383;

/**
 * Builds the text form of a PostgreSQL tsvector over folded tokens: title lexemes weighted A, body
 * lexemes unweighted, positions kept for phrase (`<->`) queries. Built in the worker so that the database
 * only parses it: the same lexemes `to_tsvector('simple', folded)` would produce.
 */
export function buildTsvector(titleTokens: readonly string[], bodyTokens: readonly string[]): string {
  // Per distinct token, in first-occurrence order: its entry so far ("'tok':1A,5") and how many positions it
  // holds. The entries are joined at the end, so the result is one flat string (not hundreds of concatenations
  // that the database client, or a thread's structured clone, would have to flatten).
  const slotOf = new Map<string, number>();
  const entries: string[] = [];
  const counts: number[] = [];
  const add = (token: string, position: number, weight: string) => {
    if (token.length > 200) return;
    const clamped = position < MAX_POSITION ? position : MAX_POSITION;
    const slot = slotOf.get(token);
    if (slot === undefined) {
      slotOf.set(token, entries.length);
      entries.push(`'${token}':${clamped}${weight}`);
      counts.push(1);
    } else if (counts[slot]! < 256) {
      entries[slot] += `,${clamped}${weight}`;
      counts[slot]!++;
    }
  };
  for (let index = 0; index < titleTokens.length; index++) add(titleTokens[index]!, index + 1, 'A');
  const offset = titleTokens.length + 2;
  for (let index = 0; index < bodyTokens.length; index++) add(bodyTokens[index]!, offset + index, '');
  return entries.join(' ');
}
