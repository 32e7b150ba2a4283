/**
 * A small language identifier for the languages the stream carries: Vietnamese and English, with anything
 * else reported as 'und'. Vietnamese is recognised from syllables with Vietnamese-only letters (ă â đ ê ô ơ
 * ư and tone marks) and, for text typed without accents, from frequent Vietnamese function words.
 */
const VIETNAMESE_LETTERS = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/;

// The most frequent function words of the VNTC news corpus, folded (accent-free typing).
const VIETNAMESE_FUNCTION_WORDS = new Set(
  'cua va la cac nhung duoc trong cho voi nay khong nguoi mot da co se tai ve nam theo tu den khi thi nhu cung de ra bi nen vao lai con hay rat'.split(
    ' ',
  ),
);
const ENGLISH_FUNCTION_WORDS = new Set(
  'the of and to in is that for it with as was on be by are this from at or an have has not but which were their will'.split(' '),
);

// Shape of a Vietnamese syllable written without accents: onset, vowel nucleus, coda (Vietnamese orthography:
// onsets b c ch d g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x; codas c ch m n ng nh p t and glides i o u y).
const FOLDED_SYLLABLE =
  /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?(uye|uya|oai|oay|uoi|uou|ieu|yeu|oeo|uay|uya|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|[aeiouy])(ng|nh|ch|[cmnpt]|[iouy])?$/;

// Per-token language flags: the exact (accented) token's in the low bits, the folded token's shifted by 3.
const IS_DIGITS = 1;
const HAS_VIETNAMESE_LETTER = 2;
const IS_ENGLISH_FUNCTION_WORD = 4;
const IS_VIETNAMESE_FUNCTION_WORD = 8;
const IS_SYLLABLE_SHAPED = 16;
// The tests are pure functions of the token: memoised across documents (bounded).
const FLAGS_LIMIT = 100_000;
let flagsCache = new Map<string, number>();

/**
 * The language tests `detectLanguage` applies to one token: digits only, Vietnamese letter, English and
 * Vietnamese function word, shape of an unaccented Vietnamese syllable.
 * @example (languageFlags('học', 'hoc') & 2) !== 0 // has a Vietnamese letter
 */
export function languageFlags(exact: string, folded: string): number {
  return (
    (/^\d+$/.test(exact) ? IS_DIGITS : 0) |
    (VIETNAMESE_LETTERS.test(exact) ? HAS_VIETNAMESE_LETTER : 0) |
    (ENGLISH_FUNCTION_WORDS.has(exact) ? IS_ENGLISH_FUNCTION_WORD : 0) |
    (VIETNAMESE_FUNCTION_WORDS.has(folded) ? IS_VIETNAMESE_FUNCTION_WORD : 0) |
    (FOLDED_SYLLABLE.test(folded) ? IS_SYLLABLE_SHAPED : 0)
  );
}

function cachedFlags(exact: string, folded: string): number {
  const key = exact === folded ? exact : `${exact}\u0000${folded}`;
  let flags = flagsCache.get(key);
  if (flags === undefined) {
    flags = languageFlags(exact, folded);
    if (flagsCache.size >= FLAGS_LIMIT) flagsCache = new Map();
    flagsCache.set(key, flags);
  }
  return flags;
}

export type LanguageCode = 'vi' | 'en' | 'und';

/**
 * Detects the language of a text from its tokens (accented and folded, lower-case).
 * @example detectLanguage(['học', 'phí'], ['hoc', 'phi']) // 'vi'
 */
export function detectLanguage(exactTokens: readonly string[], foldedTokens: readonly string[]): LanguageCode {
  const sample = Math.min(exactTokens.length, 400);
  const flags = new Array<number>(sample);
  for (let i = 0; i < sample; i++) flags[i] = cachedFlags(exactTokens[i]!, foldedTokens[i] ?? exactTokens[i]!);
  return detectLanguageFromFlags(flags);
}

/**
 * `detectLanguage` from the tokens' `languageFlags` (the first 400 count), for callers that already have them.
 * @example detectLanguageFromFlags([languageFlags('học', 'hoc'), languageFlags('phí', 'phi')]) // 'vi'
 */
export function detectLanguageFromFlags(tokenFlags: readonly number[]): LanguageCode {
  const sample = Math.min(tokenFlags.length, 400);
  const counts = new Array<number>(LANGUAGE_FLAG_VALUES).fill(0);
  for (let i = 0; i < sample; i++) counts[tokenFlags[i]!]!++;
  return detectLanguageFromFlagCounts(counts);
}

/** Number of distinct `languageFlags` values (five bits). */
export const LANGUAGE_FLAG_VALUES = 32;

/**
 * `detectLanguageFromFlags` from how many sampled tokens have each `languageFlags` value (`counts[flags]`), for
 * callers that count while they read the tokens.
 * @example
 * const counts = new Array(LANGUAGE_FLAG_VALUES).fill(0);
 * counts[languageFlags('học', 'hoc')] += 2;
 * detectLanguageFromFlagCounts(counts) // 'vi'
 */
export function detectLanguageFromFlagCounts(counts: ArrayLike<number>): LanguageCode {
  let vietnameseLetters = 0;
  let vietnameseWords = 0;
  let englishWords = 0;
  let syllableShaped = 0;
  let words = 0;
  for (let flags = 0; flags < LANGUAGE_FLAG_VALUES; flags++) {
    const count = counts[flags]!;
    if (count === 0 || flags & IS_DIGITS) continue;
    words += count;
    if (flags & HAS_VIETNAMESE_LETTER) vietnameseLetters += count;
    if (flags & IS_VIETNAMESE_FUNCTION_WORD) vietnameseWords += count;
    if (flags & IS_ENGLISH_FUNCTION_WORD) englishWords += count;
    if (flags & IS_SYLLABLE_SHAPED) syllableShaped += count;
  }
  if (words === 0) return 'und';
  const letterShare = vietnameseLetters / words;
  const viWordShare = vietnameseWords / words;
  const enWordShare = englishWords / words;
  if (letterShare >= 0.25 || (viWordShare >= 0.12 && viWordShare > enWordShare)) return 'vi';
  // Unaccented typing (common on social media): nearly every word has the shape of a Vietnamese syllable.
  if (syllableShaped / words >= 0.85 && enWordShare < 0.1 && words >= 4) return 'vi';
  if (enWordShare >= 0.1) return 'en';
  return words < 4 && letterShare > 0 ? 'vi' : 'und';
}
