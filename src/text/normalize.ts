/**
 * Vietnamese text normalisation: NFC, one tone-mark placement convention, accent folding,
 * cleanup of whitespace / quotes / look-alike characters, and number and date expressions.
 *
 * Tone-mark convention: the "old style" (kiểu cũ) — `hòa`, `thúy`, `khỏe` — places the tone on the first
 * vowel of an open `oa`/`oe`/`uy` rhyme. We choose it because it is the majority spelling in the corpora the
 * models are trained on (VNTC news: `hòa` 50 vs `hoà` 5 on a sample) and the spelling of the state header
 * "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in the administrative-document templates (Nghị định 30/2020/NĐ-CP).
 * Rule source: the placement rules described in "Quy tắc đặt dấu thanh trong chữ quốc ngữ" (Wikipedia vi),
 * old-style variant.
 *
 * Pure functions, no I/O.
 */
import { charClasses, LETTER, SURROGATE } from './char-class';
import { SpanInterner, type SpanEntry } from './intern';

/** Tone index: 0 none (ngang), 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng. */
export type Tone = 0 | 1 | 2 | 3 | 4 | 5;

const TONED_VOWELS: Record<string, string> = {
  a: 'aàáảãạ',
  ă: 'ăằắẳẵặ',
  â: 'âầấẩẫậ',
  e: 'eèéẻẽẹ',
  ê: 'êềếểễệ',
  i: 'iìíỉĩị',
  o: 'oòóỏõọ',
  ô: 'ôồốổỗộ',
  ơ: 'ơờớởỡợ',
  u: 'uùúủũụ',
  ư: 'ưừứửữự',
  y: 'yỳýỷỹỵ',
};

const FOLD_BASE: Record<string, string> = {
  a: 'a',
  ă: 'a',
  â: 'a',
  e: 'e',
  ê: 'e',
  i: 'i',
  o: 'o',
  ô: 'o',
  ơ: 'o',
  u: 'u',
  ư: 'u',
  y: 'y',
};

/** char → [vowel without tone, tone] for every toned/untoned Vietnamese vowel, both cases. */
const VOWEL_INFO = new Map<string, { base: string; tone: Tone }>();
/** char → ASCII fold (lower and upper case kept). */
const FOLD_CHAR = new Map<string, string>();
/** `${baseVowel}${tone}` → toned char (lower case). */
const APPLY_TONE = new Map<string, string>();

for (const [base, forms] of Object.entries(TONED_VOWELS)) {
  const chars = [...forms];
  chars.forEach((ch, tone) => {
    const upper = ch.toUpperCase();
    const upperBase = base.toUpperCase();
    VOWEL_INFO.set(ch, { base, tone: tone as Tone });
    VOWEL_INFO.set(upper, { base: upperBase, tone: tone as Tone });
    const fold = FOLD_BASE[base] ?? base;
    FOLD_CHAR.set(ch, fold);
    FOLD_CHAR.set(upper, fold.toUpperCase());
    APPLY_TONE.set(`${base}${tone}`, ch);
    APPLY_TONE.set(`${upperBase}${tone}`, upper);
  });
}
FOLD_CHAR.set('đ', 'd');
FOLD_CHAR.set('Đ', 'D');

/**
 * Removes all Vietnamese diacritics (tone and vowel-quality marks) and maps đ→d, keeping case.
 * Input is expected in NFC; other combining marks are removed too.
 * @example foldDiacritics('Học phí Đà Nẵng') // 'Hoc phi Da Nang'
 */
export function foldDiacritics(text: string): string {
  const table = foldTable();
  let start = 0;
  // most text starts with a run that needs no change: copy it as a slice
  while (start < text.length && table[text.charCodeAt(start)] === text.charCodeAt(start)) start++;
  if (start === text.length) return text;
  if (text.length - start < 48) {
    // short words (the common call): concatenation is cheaper than a buffer
    let out = text.slice(0, start);
    for (let i = start; i < text.length; i++) {
      const folded = table[text.charCodeAt(i)]!;
      if (folded >= 0) out += String.fromCharCode(folded);
    }
    return out;
  }
  if (foldBuffer.length < text.length) foldBuffer = new Uint16Array(Math.max(text.length, foldBuffer.length * 2));
  const codes = foldBuffer;
  let length = 0;
  for (let i = start; i < text.length; i++) {
    const folded = table[text.charCodeAt(i)]!;
    if (folded >= 0) codes[length++] = folded;
  }
  let out = text.slice(0, start);
  for (let i = 0; i < length; i += 0x2000) out += String.fromCharCode(...codes.subarray(i, Math.min(length, i + 0x2000)));
  return out;
}

let foldBuffer = new Uint16Array(4096);
let foldCodes: Int32Array | undefined;

/**
 * `foldDiacritics` per UTF-16 code unit: the folded code unit, or -1 for a combining mark (U+0300–U+036F)
 * that folding removes. Lets scanners fold while they read, without building the folded string.
 * @example foldTable()['ộ'.charCodeAt(0)] === 'o'.charCodeAt(0) // true
 */
export function foldTable(): Int32Array {
  if (foldCodes) return foldCodes;
  const table = new Int32Array(0x10000);
  for (let code = 0; code < 0x10000; code++) table[code] = code;
  for (let code = 0x300; code <= 0x36f; code++) table[code] = -1;
  for (const [ch, folded] of FOLD_CHAR) table[ch.charCodeAt(0)] = folded.charCodeAt(0);
  foldCodes = table;
  return table;
}

/**
 * Lower-cases and folds diacritics: the key for accent-insensitive matching.
 * @example foldKey('HỌC PHÍ') // 'hoc phi'
 */
export function foldKey(text: string): string {
  return foldDiacritics(text.toLowerCase());
}

/**
 * Splits one syllable into its letters without tone and its tone.
 * @example splitTone('hòa') // { bare: 'hoa', tone: 1 }
 */
export function splitTone(syllable: string): { bare: string; tone: Tone } {
  let tone: Tone = 0;
  let bare = '';
  for (const ch of syllable) {
    const info = VOWEL_INFO.get(ch);
    if (info) {
      if (info.tone !== 0) tone = info.tone;
      bare += info.base;
    } else {
      bare += ch;
    }
  }
  return { bare, tone };
}

const MARKED_VOWELS = new Set(['ă', 'â', 'ê', 'ô', 'ơ', 'ư']);
const ALL_VOWELS = new Set(Object.keys(TONED_VOWELS));

/**
 * Puts `tone` on the right vowel of a toneless syllable, old-style (hòa, thúy).
 * Returns the input unchanged if it has no vowel.
 * @example applyTone('thuy', 2) // 'thúy'
 */
export function applyTone(bare: string, tone: Tone): string {
  if (tone === 0) return bare;
  const lower = bare.toLowerCase();
  const chars = [...lower];
  // The vowel nucleus: skip the initial consonant; "qu" and "gi" (before another vowel) are consonants.
  let start = 0;
  while (start < chars.length && !ALL_VOWELS.has(chars[start]!)) start++;
  if (start >= chars.length) return bare;
  if (start > 0 && chars[start - 1] === 'q' && chars[start] === 'u') start++;
  else if (
    start > 0 &&
    chars[start - 1] === 'g' &&
    chars[start] === 'i' &&
    start + 1 < chars.length &&
    ALL_VOWELS.has(chars[start + 1]!)
  )
    start++;
  let end = start;
  while (end < chars.length && ALL_VOWELS.has(chars[end]!)) end++;
  if (end === start) {
    // "gì", "quá" edge: the consonant-glide was the only vowel
    start = start - 1;
    end = start + 1;
  }
  const hasFinal = end < chars.length;
  let pos = -1;
  for (let i = start; i < end; i++) if (MARKED_VOWELS.has(chars[i]!)) pos = i; // ươ → ơ (the last)
  if (pos < 0) {
    const n = end - start;
    if (n === 1) pos = start;
    else if (hasFinal) pos = end - 1;
    else if (n >= 3) pos = start + 1;
    else pos = start; // old style: hòa, thúy, mía, múa
  }
  const src = [...bare];
  const target = src[pos]!;
  const isUpper = target !== target.toLowerCase();
  const toned = APPLY_TONE.get(`${chars[pos]!}${tone}`);
  if (!toned) return bare;
  src[pos] = isUpper ? toned.toUpperCase() : toned;
  return src.join('');
}

const VI_LETTERS =
  /^[a-zA-ZàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ]+$/;

/**
 * Re-places the tone mark of one syllable according to the old-style convention.
 * Non-Vietnamese words are returned unchanged.
 * @example normalizeToneMark('hoà') // 'hòa'
 */
export function normalizeToneMark(syllable: string): string {
  if (syllable.length > 7) return syllable;
  let normalized = toneMarkCache.get(syllable);
  if (normalized === undefined) {
    normalized = placeToneMark(syllable);
    if (toneMarkCache.size >= TONE_MARK_CACHE_LIMIT) toneMarkCache.clear();
    toneMarkCache.set(syllable, normalized);
  }
  return normalized;
}

// Text repeats a few thousand syllables: each is re-placed once (the cache is bounded).
const TONE_MARK_CACHE_LIMIT = 50_000;
const toneMarkCache = new Map<string, string>();

function placeToneMark(syllable: string): string {
  if (!VI_LETTERS.test(syllable)) return syllable;
  const { bare, tone } = splitTone(syllable);
  if (tone === 0) return syllable;
  return applyTone(bare, tone);
}

/**
 * `normalizeToneMark` on every word of a text (words of more than 7 letters are not syllables).
 * @example normalizeToneMarks('Uỷ ban hoà giải') // 'Ủy ban hòa giải'
 */
export function normalizeToneMarks(text: string): string {
  const classes = charClasses();
  const vowels = vowelCodes();
  const length = text.length;
  let out = '';
  let runStart = 0;
  let i = 0;
  // Words are runs of letters; only a word of at most 7 letters with a toned vowel can change. Its re-placed form
  // is found by its characters, without a string per word.
  while (i < length) {
    if (!(classes[text.charCodeAt(i)]! & LETTER)) {
      // astral letters join words: the regular expression splits such text
      if (classes[text.charCodeAt(i)]! & SURROGATE) return normalizeToneMarksOfWords(text);
      i++;
      continue;
    }
    const start = i;
    let hasTone = 0;
    let vowelCount = 0;
    let code = 0;
    while (i < length && classes[(code = text.charCodeAt(i))]! & LETTER) {
      const vowel = vowels[code]!;
      hasTone |= vowel & TONED;
      vowelCount += vowel & VOWEL;
      i++;
    }
    // a tone on a word's only vowel has nowhere else to go: the word stays as it is
    if (!hasTone || vowelCount < 2 || i - start > 7) continue;
    let hash = 0x811c9dc5;
    for (let k = start; k < i; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193);
    const replaced = retonedWords.get(text, start, i, hash).retoned;
    if (replaced === null) continue;
    out += text.slice(runStart, start) + replaced;
    runStart = i;
  }
  return runStart === 0 ? text : out + text.slice(runStart);
}

/** `normalizeToneMarks` by a regular expression over the words (text with astral characters). */
function normalizeToneMarksOfWords(text: string): string {
  return text.replace(/[\p{L}]+/gu, (word) => (word.length <= 7 ? normalizeToneMark(word) : word));
}

/** Re-placed form of a word of at most 7 letters, null when it stays as it is (bounded like the cache above). */
const retonedWords = new SpanInterner<SpanEntry & { retoned: string | null }>(
  TONE_MARK_CACHE_LIMIT,
  (input, start, end, hash) => {
    const word = input.slice(start, end);
    const normalized = placeToneMark(word);
    return { key: word, hash, retoned: normalized === word ? null : normalized };
  },
);

let vowelTable: Uint8Array | undefined;
/** Bits of `vowelCodes()`: a Vietnamese vowel letter (either case), and one carrying a tone mark. */
const VOWEL = 1;
const TONED = 2;

/** Per code unit, VOWEL | TONED bits: the tone of a toned vowel is all `placeToneMark` moves, and only between vowels. */
function vowelCodes(): Uint8Array {
  if (vowelTable) return vowelTable;
  const table = new Uint8Array(0x10000);
  for (const [character, { tone }] of VOWEL_INFO) table[character.charCodeAt(0)] = VOWEL | (tone !== 0 ? TONED : 0);
  vowelTable = table;
  return table;
}

// Look-alikes: Cyrillic/Greek letters that render like Latin ones (Unicode confusables.txt), fullwidth forms.
const LOOKALIKES: Record<string, string> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
  у: 'y',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  І: 'I',
  ο: 'o',
  Ο: 'O',
  α: 'a',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ρ: 'P',
  Τ: 'T',
  Χ: 'X',
  ð: 'đ',
  Ð: 'Đ',
  Ɖ: 'Đ',
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2033': '"',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u2032': "'",
  '`': "'",
  '\u00b4': "'",
  '\u2013': '-',
  '\u2014': '-',
  '\u2012': '-',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2026': '...',
};

/**
 * Canonical form of a text: NFC; look-alike letters, typographic quotes, dashes and ellipsis mapped to plain
 * forms; control and zero-width characters removed; runs of spaces collapsed (newlines kept, at most two);
 * tone marks re-placed old-style (hòa, thúy).
 * @example normalizeText('Cộng  hoà “xã hội”') // 'Cộng hòa "xã hội"'
 */
export function normalizeText(text: string): string {
  let s = text.normalize('NFC');
  // Characters are copied in runs: only the ones replaced or dropped below end a run.
  let out = '';
  let runStart = 0;
  const replace = (i: number, replacement: string) => {
    out += s.slice(runStart, i) + replacement;
    runStart = i + 1;
  };
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x80) {
      if (code === 0x09) replace(i, ' ');
      else if ((code < 0x20 && code !== 0x0a) || code === 0x7f) replace(i, '');
      continue;
    }
    // fullwidth ASCII → ASCII
    if (code >= 0xff01 && code <= 0xff5e) {
      replace(i, String.fromCharCode(code - 0xfee0));
      continue;
    }
    if (code === 0xa0 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0x3000) {
      replace(i, ' ');
      continue;
    }
    if ((code >= 0x200b && code <= 0x200f) || code === 0xfeff || code === 0x2060 || (code >= 0x80 && code < 0xa0)) {
      replace(i, '');
      continue;
    }
    const ch = s[i]!;
    const rep = LOOKALIKES[ch];
    // Only letters in a Latin word are look-alikes; a whole Cyrillic/Greek word stays as written.
    if (rep !== undefined && !(/\p{L}/u.test(ch) && !isLatinContext(s, i))) replace(i, rep);
  }
  out += s.slice(runStart);
  s = out.normalize('NFC');
  s = s
    .replace(/[ ]{2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return normalizeToneMarks(s);
}

function isLatinContext(s: string, i: number): boolean {
  const prev = s[i - 1] ?? '';
  const next = s[i + 1] ?? '';
  return /[A-Za-z\u00c0-\u024f\u1e00-\u1eff]/.test(prev) || /[A-Za-z\u00c0-\u024f\u1e00-\u1eff]/.test(next);
}

// ───────────────────────── numbers ─────────────────────────

const NUMBER_WORDS: Record<string, number> = {
  khong: 0,
  mot: 1,
  mốt: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  tu: 4,
  nam: 5,
  lam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
  muoi: 10,
};
const SCALE_WORDS: Record<string, number> = {
  nghin: 1e3,
  ngan: 1e3,
  trieu: 1e6,
  ty: 1e9,
  ti: 1e9,
  k: 1e3,
};

/**
 * Parses a Vietnamese-formatted number: "." thousands and "," decimal separators ("1.234.567", "1,5"),
 * optional scale word ("2,5 tỷ", "300 nghìn"), and small spelled numbers ("ba", "mười").
 * Returns null when the text is not a number.
 * @example parseVietnameseNumber('1,5 tỷ') // 1500000000
 */
export function parseVietnameseNumber(text: string): number | null {
  const t = foldKey(text.trim());
  const m = /^([+-]?\d{1,3}(?:\.\d{3})+|[+-]?\d+)(?:,(\d+))?(?:\s*(nghin|ngan|trieu|ty|ti|k)\b)?$/.exec(t);
  if (m) {
    const intPart = m[1]!.replace(/\./g, '');
    const value = Number(m[2] ? `${intPart}.${m[2]}` : intPart);
    const scale = m[3] ? (SCALE_WORDS[m[3]] ?? 1) : 1;
    return Number.isFinite(value) ? value * scale : null;
  }
  const w = t.split(/\s+/);
  if (w.length === 1 && NUMBER_WORDS[w[0]!] !== undefined && w[0] !== 'tu' && w[0] !== 'nam') return NUMBER_WORDS[w[0]!]!;
  return null;
}

// ───────────────────────── dates ─────────────────────────

/** A calendar expression found in text, as an inclusive ISO date range. */
export interface VietnameseDate {
  /** ISO date (YYYY-MM-DD) the expression refers to: the day itself, or the last day of a month/quarter/year. */
  date: string;
  /** First day of the period. */
  start: string;
  /** Last day of the period (equals `date`). */
  end: string;
  granularity: 'day' | 'month' | 'quarter' | 'half' | 'year';
  /** The matched text and its offset in the input. */
  text: string;
  index: number;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
function validYear(y: number): boolean {
  return y >= 1900 && y <= 2100;
}

// Patterns run on the folded, lower-cased text (same length as the input, so indexes carry over).
const DATE_PATTERNS: {
  re: RegExp;
  build: (m: RegExpExecArray) => Omit<VietnameseDate, 'text' | 'index'> | null;
  consumeInvalid?: boolean;
}[] = [
  {
    // ngày 31 tháng 3 năm 2022 / ngay 31 thang 3 nam 2022
    re: /\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:nam|,)\s*(\d{4})\b/g,
    build: (m) => dayRange(+m[3]!, +m[2]!, +m[1]!),
    consumeInvalid: true,
  },
  {
    // 31/3/2022, 31-3-2022, 31.3.2022 (day first, Vietnamese order)
    re: /\b(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})\b/g,
    build: (m) => dayRange(+m[4]!, +m[3]!, +m[1]!),
    // "31/2/2022" is an invalid day, not the month "2/2022"
    consumeInvalid: true,
  },
  {
    // Quý II/2022, quý 2 năm 2022
    re: /\bquy\s+(iv|iii|ii|i|[1-4])\s*(?:\/|-|nam|,)\s*(\d{4})\b/g,
    build: (m) => {
      const q = ROMAN[m[1]!];
      const y = +m[2]!;
      if (!q || !validYear(y)) return null;
      const endMonth = q * 3;
      return {
        date: iso(y, endMonth, daysInMonth(y, endMonth)),
        start: iso(y, endMonth - 2, 1),
        end: iso(y, endMonth, daysInMonth(y, endMonth)),
        granularity: 'quarter',
      };
    },
  },
  {
    // 6 tháng đầu năm 2022 / 6 tháng cuối năm 2022
    re: /\b6\s+thang\s+(dau|cuoi)\s+nam\s+(\d{4})\b/g,
    build: (m) => {
      const y = +m[2]!;
      if (!validYear(y)) return null;
      return m[1] === 'dau'
        ? { date: iso(y, 6, 30), start: iso(y, 1, 1), end: iso(y, 6, 30), granularity: 'half' }
        : { date: iso(y, 12, 31), start: iso(y, 7, 1), end: iso(y, 12, 31), granularity: 'half' };
    },
  },
  {
    // tháng 3/2022, tháng 3 năm 2022, 3/2022
    re: /\b(?:thang\s+)?(\d{1,2})\s*(?:\/|-|nam)\s*(\d{4})\b/g,
    build: (m) => {
      const mo = +m[1]!;
      const y = +m[2]!;
      if (mo < 1 || mo > 12 || !validYear(y)) return null;
      return {
        date: iso(y, mo, daysInMonth(y, mo)),
        start: iso(y, mo, 1),
        end: iso(y, mo, daysInMonth(y, mo)),
        granularity: 'month',
      };
    },
  },
  {
    re: /\bnam\s+(\d{4})\b/g,
    build: (m) => {
      const y = +m[1]!;
      if (!validYear(y)) return null;
      return { date: iso(y, 12, 31), start: iso(y, 1, 1), end: iso(y, 12, 31), granularity: 'year' };
    },
  },
];

function dayRange(y: number, m: number, d: number): Omit<VietnameseDate, 'text' | 'index'> | null {
  if (!validYear(y) || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  const s = iso(y, m, d);
  return { date: s, start: s, end: s, granularity: 'day' };
}

/**
 * Finds every date expression in a text, left to right, without overlaps; more specific forms win
 * ("ngày 31 tháng 3 năm 2022" is one day, not a month). Quarters, halves, months and years resolve to
 * their last day in `date`, which is what a deadline means ("trước Quý II/2022" → 2022-06-30).
 * @example findVietnameseDates('hạn 31/3/2022 và Quý II/2022').map((d) => d.date) // ['2022-03-31', '2022-06-30']
 */
export function findVietnameseDates(text: string): VietnameseDate[] {
  const input = (text.length > 1_000_000 ? text.slice(0, 1_000_000) : text).normalize('NFC');
  const folded = foldKey(input);
  const taken: [number, number][] = [];
  const found: VietnameseDate[] = [];
  for (const { re, build, consumeInvalid } of DATE_PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(folded)) !== null) {
      const s = m.index;
      const e = s + m[0].length;
      if (taken.some(([a, b]) => s < b && e > a)) continue;
      const built = build(m);
      if (!built) {
        if (consumeInvalid) taken.push([s, e]);
        continue;
      }
      taken.push([s, e]);
      found.push({ ...built, text: input.slice(s, e), index: s });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * Parses the first date expression of a text ("31/3/2022", "ngày 31 tháng 3 năm 2022", "Quý II/2022",
 * "tháng 3/2022", unaccented forms too). Returns null if none.
 * @example parseVietnameseDate('Quý II/2022')?.date // '2022-06-30'
 */
export function parseVietnameseDate(text: string): VietnameseDate | null {
  return findVietnameseDates(text)[0] ?? null;
}
