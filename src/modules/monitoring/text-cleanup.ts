import { charClasses, LETTER } from '../../text/char-class';
import { normalizeText, normalizeToneMarks } from '../../text/normalize';

/**
 * NFC normalisation and cleanup of incoming text: HTML remnants, entities, typographic quotes and dashes,
 * whitespace, old-style tone placement. Text with rarer problems (look-alike letters, control characters) goes
 * through the language core's full `normalizeText`; the common case takes a fast path with the same result.
 */
export function cleanText(text: string): string {
  const withoutTags = text.includes('<')
    ? text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]{0,500}>/g, ' ')
    : text;
  let decoded = withoutTags.includes('&') ? decodeEntities(withoutTags) : withoutTags;
  // One scan says which steps can change anything (most articles need none but trimming): the same result as
  // running every step.
  let found = cleanupNeeds(decoded);
  if (found & NOT_NFC_SAFE) {
    decoded = decoded.normalize('NFC');
    found = cleanupNeeds(decoded);
  }
  if (found & NEEDS_FULL) return straightenTypography(normalizeText(decoded));
  let out = found & TYPOGRAPHIC ? straightenTypography(decoded) : decoded;
  if (found & (SPACE_RUN | CARRIAGE_RETURN | NEWLINE_SPACE)) {
    // each step can make the next one's pattern: checked in turn
    if (SPACE_RUN_PATTERN.test(out)) out = out.replace(/[ \t\u00a0]+/g, ' ');
    if (out.includes('\r')) out = out.replace(/\r/g, '');
    if (out.includes(' \n') || out.includes('\n ')) out = out.replace(/ *\n */g, '\n');
    if (out.includes('\n\n\n')) out = out.replace(/\n{3,}/g, '\n\n');
  } else if (found & NEWLINE_RUN) {
    out = out.replace(/\n{3,}/g, '\n\n');
  }
  out = out.trim();
  // About one VNTC article in seven. Only removing carriage returns joins letters: otherwise the scan's answer
  // holds for the cleaned text too.
  const isNewStyle = found & CARRIAGE_RETURN ? NEW_STYLE_TONE.test(out) : (found & NEW_STYLE) !== 0;
  return isNewStyle ? normalizeToneMarks(out) : out;
}

/** Typographic quotes, primes, dashes and ellipses as their ASCII forms (as officers type them in queries). */
function straightenTypography(text: string): string {
  const table = cleanupTable();
  let out = '';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!(table[code]! & TYPOGRAPHIC)) continue;
    out += text.slice(runStart, i) + ASCII_FORMS.get(code)!;
    runStart = i + 1;
  }
  return runStart === 0 ? text : out + text.slice(runStart);
}

const ASCII_FORMS = new Map<number, string>();
for (const [characters, form] of [
  ['\u201c\u201d\u201e\u00ab\u00bb\u2033', '"'],
  ['\u2018\u2019\u201a\u2032\u00b4`', "'"],
  ['\u2010\u2011\u2012\u2013\u2014\u2212', '-'],
  ['\u2026', '...'],
] as const) {
  for (const character of characters) ASCII_FORMS.set(character.charCodeAt(0), form);
}

// Characters only the full normaliser handles: controls, zero-width and odd spaces, fullwidth forms,
// Greek/Cyrillic look-alikes.
const NEEDS_FULL_NORMALIZATION =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2000-\u200f\u202f\u205f\u2060\u3000\ufeff\uff01-\uff5e\u0370-\u03ff\u0400-\u04ff\u00d0\u00f0\u0189]/;
/** "New-style" tone placement at the end of a syllable (hoà, thuý, khoẻ): the text's tone marks are re-placed. */
const NEW_STYLE_TONE = /(?<![qQ])[oOuU][àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ](?!\p{L})/u;
const TONED_AFTER_O_U = /[àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ]/;
/** What `/[ \t\u00a0]+/g → ' '` changes: tabs, no-break spaces, runs of two or more spaces. */
const SPACE_RUN_PATTERN = /[\t\u00a0]| {2}/;

// Bits of `cleanupTable()` per character and of `cleanupNeeds()` per text.
const NEEDS_FULL = 1;
const TYPOGRAPHIC = 2;
/** A tab or no-break space; for a text, also two spaces in a row. */
const SPACE_RUN = 4;
const SPACE = 8;
const NEWLINE = 16;
const CARRIAGE_RETURN = 32;
/** A vowel of `NEW_STYLE_TONE`'s second class. */
const TONED = 64;
/** Not known to stay itself under NFC whatever surrounds it. */
const NOT_NFC_SAFE = 128;
// Only per text:
const NEWLINE_SPACE = 256;
const NEWLINE_RUN = 512;
const NEW_STYLE = 1024;
// Only per character: o, O, u or U (the vowel before a `NEW_STYLE_TONE` one).
const O_OR_U = 2048;
/** The per-character bits `cleanupNeeds` passes on to a text's bits as they are. */
const PASSED_ON = NEEDS_FULL | TYPOGRAPHIC | SPACE_RUN | CARRIAGE_RETURN | NOT_NFC_SAFE;

let cleanupCodes: Uint16Array | undefined;

/**
 * Per UTF-16 code unit, what it asks of `cleanText`. NFC-safe characters are starters (combining class 0) that
 * NFC leaves alone and that never combine with a character before them (NFC_QC=Yes): Latin below U+0300, the
 * Vietnamese precomposed letters (U+1E00–U+1EFF) and general punctuation, when NFC keeps them. A text of only
 * such characters is in NFC (UAX #15 quick check), so it is not normalised again.
 */
function cleanupTable(): Uint16Array {
  if (cleanupCodes) return cleanupCodes;
  const table = new Uint16Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    const character = String.fromCharCode(code);
    let flags = 0;
    if (NEEDS_FULL_NORMALIZATION.test(character)) flags |= NEEDS_FULL;
    if (ASCII_FORMS.has(code)) flags |= TYPOGRAPHIC;
    if (code === 0x09 || code === 0xa0) flags |= SPACE_RUN;
    if (code === 0x20) flags |= SPACE;
    if (code === 0x0a) flags |= NEWLINE;
    if (code === 0x0d) flags |= CARRIAGE_RETURN;
    if (TONED_AFTER_O_U.test(character)) flags |= TONED;
    if (code === 0x6f || code === 0x4f || code === 0x75 || code === 0x55) flags |= O_OR_U;
    const isSafeRange = code < 0x300 || (code >= 0x1e00 && code <= 0x1eff) || (code >= 0x2010 && code <= 0x206f);
    if (!isSafeRange || (code >= 0xd800 && code <= 0xdfff) || character.normalize('NFC') !== character) flags |= NOT_NFC_SAFE;
    table[code] = flags;
  }
  cleanupCodes = table;
  return table;
}

/**
 * The `cleanupTable()` bits of a text's characters, with runs of spaces and newlines and new-style tones. Pairs
 * and triples of characters are read from the bits of the one or two before, without branches: spaces and
 * letters alternate too irregularly for the branch predictor.
 */
function cleanupNeeds(text: string): number {
  const table = cleanupTable();
  const length = text.length;
  let found = 0;
  let before = 0;
  let twoBefore = 0;
  for (let i = 0; i < length; i++) {
    const flags = table[text.charCodeAt(i)]!;
    found |= flags & PASSED_ON;
    // two spaces: SPACE (8) >> 1 is SPACE_RUN (4)
    found |= (before & flags & SPACE) >> 1;
    // space then newline, newline then space: NEWLINE (16) << 4 and SPACE (8) << 5 are NEWLINE_SPACE (256)
    found |= (((before & SPACE) << 1) & flags & NEWLINE) << 4;
    found |= (((before & NEWLINE) >> 1) & flags & SPACE) << 5;
    // three newlines: NEWLINE (16) << 5 is NEWLINE_RUN (512)
    found |= (twoBefore & before & flags & NEWLINE) << 5;
    if (flags & TONED && before & O_OR_U && isNewStyleTone(text, i)) found |= NEW_STYLE;
    twoBefore = before;
    before = flags;
  }
  return found;
}

/** `NEW_STYLE_TONE` matches with its vowel at `i` (a `TONED` character). */
function isNewStyleTone(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  if (before !== 0x6f && before !== 0x4f && before !== 0x75 && before !== 0x55) return false;
  const twoBefore = text.charCodeAt(i - 2);
  if (twoBefore === 0x71 || twoBefore === 0x51) return false;
  if (i + 1 >= text.length) return true;
  const next = text.charCodeAt(i + 1);
  if (next >= 0xd800 && next <= 0xdbff) return !/\p{L}/u.test(String.fromCodePoint(text.codePointAt(i + 1)!));
  return !(charClasses()[next]! & LETTER);
}

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
