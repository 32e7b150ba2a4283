/**
 * The fast feature scanners of the topic classifiers: list the features `textFeatures` (fold 'both' or true,
 * bigrams) lists, in one pass over the characters through a per-code-unit table, without `toLowerCase()`, regular
 * expressions or per-token strings, into buffers reused per document (`listed`). Pure, no I/O.
 */
import { charClasses, LETTER, MARK, NUMBER, SURROGATE } from './char-class';
import { foldTable } from './normalize';

const FNV_PRIME = 0x01000193;
const SPACE_CODE = 32;
const ZERO_CODE = 0x30;

// Negative entries of `scanCodes()`: what a scanner does instead of reading the code unit.
/** A surrogate (astral character): the caller falls back to `textFeatures`. */
const SCAN_ASTRAL = -1;
/** Lower-cases to several code units (İ) or by context (Σ, Unicode Final_Sigma): scan `toLowerCase()` of the text. */
export const SCAN_LOWER_TEXT = -2;
/** A combining mark the fold removes (folded column only): skipped, it does not end a token. */
const SCAN_SKIP = -3;
const KIND_SHIFT = 16;
const LETTER_KIND = 1;
const NUMBER_KIND = 2;

/**
 * What `listFeatures` lists, reused per document: the features of each stream as listed (repeats included), and
 * their lengths ([0] accented, [1] folded). The arrays grow with the longest text scanned.
 */
export const listed = { accented: new Int32Array(8192), folded: new Int32Array(8192), lengths: new Int32Array(2) };

let scanTable: Int32Array | undefined;

/**
 * For each UTF-16 code unit c, [2c] for the accented stream and [2c + 1] for the folded one: the lower-cased
 * (then folded) code unit | its token kind << 16 (0 separator, 1 letter or mark, 2 number: the classes of
 * `WORD_RE` in `topic-features.ts`), or a SCAN_ value. One lookup per character replaces `toLowerCase()` of the
 * text (a copy), the fold table and the class table.
 */
function scanCodes(): Int32Array {
  if (scanTable) return scanTable;
  const classes = charClasses();
  const fold = foldTable();
  const entryOf = (code: number) => {
    const flags = classes[code]!;
    if (flags & SURROGATE) return SCAN_ASTRAL;
    return code | ((flags & (LETTER | MARK) ? LETTER_KIND : flags & NUMBER ? NUMBER_KIND : 0) << KIND_SHIFT);
  };
  const table = new Int32Array(0x20000);
  for (let code = 0; code < 0x10000; code++) {
    const lower = String.fromCharCode(code).toLowerCase();
    if (classes[code]! & SURROGATE) {
      table[2 * code] = table[2 * code + 1] = SCAN_ASTRAL;
    } else if (lower.length !== 1 || code === 0x3a3 || lower.toLowerCase() !== lower) {
      table[2 * code] = table[2 * code + 1] = SCAN_LOWER_TEXT;
    } else {
      const lowerCode = lower.charCodeAt(0);
      const folded = fold[lowerCode]!;
      table[2 * code + 1] = folded < 0 ? SCAN_SKIP : entryOf(folded);
      // a scanner stops on the accented entry only
      table[2 * code] = table[2 * code + 1] === SCAN_ASTRAL ? SCAN_ASTRAL : entryOf(lowerCode);
    }
  }
  scanTable = table;
  return table;
}

/**
 * Lists the features `textFeatures(text.slice(0, end), bits, 'both', seed, 2)` lists, in the same order: the
 * accented stream into `listed.accented`, the folded one (xor-ed with `foldedXor`) into `listed.folded`, their
 * lengths into `listed.lengths`. Both streams are read in one pass (their token ends mostly coincide, which the
 * branch predictor learns). Tokens are runs of letters/marks or of numbers; FNV-1a is computed while reading, a
 * bigram's hash continues its first word's hash over " " and the second word (FNV is sequential), so no token or
 * bigram string is built. Returns 0, or a negative SCAN_ value (nothing usable listed).
 * @example listFeatures('Học phí', 7, 0, (1 << 18) - 1, FOLDED_XOR) // 0, listed.lengths [3, 3]
 */
export function listFeatures(text: string, end: number, seed: number, mask: number, foldedXor: number): number {
  if (listed.accented.length < 2 * end) {
    listed.accented = new Int32Array(2 * end);
    listed.folded = new Int32Array(2 * end);
  }
  const accented = listed.accented;
  const folded = listed.folded;
  const table = scanCodes();
  const offset = (0x811c9dc5 ^ seed) >>> 0;
  // `textFeatures` replaces a token starting with a digit (code < 0x3a) by "0"
  const zeroHash = Math.imul(offset ^ ZERO_CODE, FNV_PRIME);
  let nA = 0;
  let nF = 0;
  // per stream: kind of the token being read (0 between tokens), whether it reads as "0", its hash, the hash of
  // the bigram it ends, the previous token's hash
  let kindA = 0;
  let isZeroA = false;
  let hashA = 0;
  let bigramA = 0;
  let previousA = 0;
  let hasPreviousA = false;
  let kindF = 0;
  let isZeroF = false;
  let hashF = 0;
  let bigramF = 0;
  let previousF = 0;
  let hasPreviousF = false;
  // the step past the end reads code 0, a separator, and closes the last tokens
  for (let i = 0; i <= end; i++) {
    const at = i < end ? 2 * text.charCodeAt(i) : 0;
    const entryA = table[at]!;
    if (entryA < 0) return entryA;
    const charKindA = entryA >>> KIND_SHIFT;
    if (charKindA !== kindA) {
      if (kindA !== 0) {
        accented[nA] = hashA & mask;
        accented[nA + 1] = bigramA & mask;
        nA += hasPreviousA ? 2 : 1;
        previousA = hashA;
        hasPreviousA = true;
      }
      kindA = charKindA;
      if (charKindA !== 0) {
        isZeroA = (entryA & 0xffff) < 0x3a;
        hashA = isZeroA ? zeroHash : offset;
        bigramA = Math.imul(previousA ^ SPACE_CODE, FNV_PRIME);
        if (isZeroA) bigramA = Math.imul(bigramA ^ ZERO_CODE, FNV_PRIME);
      }
    }
    if (charKindA !== 0 && !isZeroA) {
      hashA = Math.imul(hashA ^ (entryA & 0xffff), FNV_PRIME);
      bigramA = Math.imul(bigramA ^ (entryA & 0xffff), FNV_PRIME);
    }
    // the folded stream: the same steps over the folded code units, skipping the marks the fold removes
    const entryF = table[at + 1]!;
    if (entryF === SCAN_SKIP) continue;
    const charKindF = entryF >>> KIND_SHIFT;
    if (charKindF !== kindF) {
      if (kindF !== 0) {
        folded[nF] = (hashF ^ foldedXor) & mask;
        folded[nF + 1] = (bigramF ^ foldedXor) & mask;
        nF += hasPreviousF ? 2 : 1;
        previousF = hashF;
        hasPreviousF = true;
      }
      kindF = charKindF;
      if (charKindF !== 0) {
        isZeroF = (entryF & 0xffff) < 0x3a;
        hashF = isZeroF ? zeroHash : offset;
        bigramF = Math.imul(previousF ^ SPACE_CODE, FNV_PRIME);
        if (isZeroF) bigramF = Math.imul(bigramF ^ ZERO_CODE, FNV_PRIME);
      }
    }
    if (charKindF !== 0 && !isZeroF) {
      hashF = Math.imul(hashF ^ (entryF & 0xffff), FNV_PRIME);
      bigramF = Math.imul(bigramF ^ (entryF & 0xffff), FNV_PRIME);
    }
  }
  listed.lengths[0] = nA;
  listed.lengths[1] = nF;
  return 0;
}

/**
 * `listFeatures` for models of folded features only (fold true): the folded stream alone, into `listed.folded`
 * (`listed.lengths` [0, n]), the same features in the same order at half the work.
 * @example listFoldedFeatures('Học phí', 7, 0, (1 << 18) - 1) // 0, listed.lengths [0, 3]
 */
export function listFoldedFeatures(text: string, end: number, seed: number, mask: number): number {
  if (listed.folded.length < 2 * end) {
    listed.accented = new Int32Array(2 * end);
    listed.folded = new Int32Array(2 * end);
  }
  const folded = listed.folded;
  const table = scanCodes();
  const offset = (0x811c9dc5 ^ seed) >>> 0;
  const zeroHash = Math.imul(offset ^ ZERO_CODE, FNV_PRIME);
  let n = 0;
  let kind = 0;
  let isZero = false;
  let hash = 0;
  let bigram = 0;
  let previous = 0;
  let hasPrevious = false;
  for (let i = 0; i <= end; i++) {
    const entry = table[i < end ? 2 * text.charCodeAt(i) + 1 : 1]!;
    if (entry === SCAN_SKIP) continue;
    // (SCAN_ASTRAL and SCAN_LOWER_TEXT are the same in both columns)
    if (entry < 0) return entry;
    const charKind = entry >>> KIND_SHIFT;
    if (charKind !== kind) {
      if (kind !== 0) {
        folded[n] = hash & mask;
        folded[n + 1] = bigram & mask;
        n += hasPrevious ? 2 : 1;
        previous = hash;
        hasPrevious = true;
      }
      kind = charKind;
      if (charKind !== 0) {
        isZero = (entry & 0xffff) < 0x3a;
        hash = isZero ? zeroHash : offset;
        bigram = Math.imul(previous ^ SPACE_CODE, FNV_PRIME);
        if (isZero) bigram = Math.imul(bigram ^ ZERO_CODE, FNV_PRIME);
      }
    }
    if (charKind !== 0 && !isZero) {
      hash = Math.imul(hash ^ (entry & 0xffff), FNV_PRIME);
      bigram = Math.imul(bigram ^ (entry & 0xffff), FNV_PRIME);
    }
  }
  listed.lengths[0] = 0;
  listed.lengths[1] = n;
  return 0;
}

/**
 * `listFoldedFeatures` of a text given as its folded, lower-cased runs of letters and digits, in order (`words[0,
 * count)`; the text's other characters only separate them): a monitoring document's tokens, so the text is not
 * scanned again. A run of letters glued to digits is split as the scanner splits it. Returns 0, or SCAN_ASTRAL
 * when a word holds a character the scanner would not read as a letter or digit (the caller then scans the text).
 * @example listFoldedFeaturesOfWords(['hoc', 'phi'], 2, 0, (1 << 18) - 1) // 0, the features of 'Học phí'
 */
export function listFoldedFeaturesOfWords(words: readonly string[], count: number, seed: number, mask: number): number {
  let total = 0;
  for (let k = 0; k < count; k++) total += words[k]!.length;
  if (listed.folded.length < 2 * total + 2) {
    listed.accented = new Int32Array(2 * total + 2);
    listed.folded = new Int32Array(2 * total + 2);
  }
  const folded = listed.folded;
  const table = scanCodes();
  const offset = (0x811c9dc5 ^ seed) >>> 0;
  const zeroHash = Math.imul(offset ^ ZERO_CODE, FNV_PRIME);
  let n = 0;
  let previous = 0;
  let hasPrevious = false;
  for (let k = 0; k < count; k++) {
    const word = words[k]!;
    const length = word.length;
    let at = 0;
    // each run of one kind (letters, digits) is a token of the scanner
    while (at < length) {
      const first = table[2 * word.charCodeAt(at) + 1]!;
      const kind = first >>> KIND_SHIFT;
      if (first < 0 || kind === 0) return SCAN_ASTRAL;
      const isZero = (first & 0xffff) < 0x3a;
      let hash = isZero ? zeroHash : offset;
      let bigram = Math.imul(previous ^ SPACE_CODE, FNV_PRIME);
      if (isZero) bigram = Math.imul(bigram ^ ZERO_CODE, FNV_PRIME);
      for (; at < length; at++) {
        const entry = table[2 * word.charCodeAt(at) + 1]!;
        if (entry < 0) return SCAN_ASTRAL;
        if (entry >>> KIND_SHIFT !== kind) break;
        if (!isZero) {
          hash = Math.imul(hash ^ (entry & 0xffff), FNV_PRIME);
          bigram = Math.imul(bigram ^ (entry & 0xffff), FNV_PRIME);
        }
      }
      folded[n] = hash & mask;
      folded[n + 1] = bigram & mask;
      n += hasPrevious ? 2 : 1;
      previous = hash;
      hasPrevious = true;
    }
  }
  listed.lengths[0] = 0;
  listed.lengths[1] = n;
  return 0;
}
