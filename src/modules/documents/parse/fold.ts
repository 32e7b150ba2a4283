import { foldKey } from '../../../text/normalize';

/**
 * Lower-cased, diacritics-free copy of `text` with the same length, so offsets found in it are
 * offsets in `text` (spans stay exact).
 */
export function foldForMatching(text: string): string {
  const folded = foldKey(text);
  if (folded.length === text.length) return folded;
  // A few code points change length when lower-cased (e.g. "İ"); fold them one by one.
  let out = '';
  for (const ch of text) {
    const one = foldKey(ch);
    out += one.length === ch.length ? one : ch;
  }
  return out;
}

// Characters OCR confuses with Vietnamese letters once diacritics are folded ("B6" for "Bộ", "x3" for "xã").
const CHEAP_SUBSTITUTIONS = new Set([
  '6o',
  '0o',
  '4a',
  '3a',
  '1l',
  '1i',
  'li',
  'go',
  'ya',
  'yu',
  'ea',
  'eo',
  'ia',
  'io',
  'ao',
  'ou',
  'cc',
]);

function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  return CHEAP_SUBSTITUTIONS.has(a + b) || CHEAP_SUBSTITUTIONS.has(b + a) ? 0.5 : 1;
}

function isNoise(ch: string): boolean {
  return !/[a-z0-9\s,]/.test(ch);
}

/** Errors tolerated when matching a pattern of `length` folded characters against OCR text. */
export function allowedErrors(length: number): number {
  if (length < 7) return 0;
  if (length < 12) return 1.5;
  return Math.floor(length * 0.22);
}

export interface AnchoredMatch {
  /** Characters of the text consumed. */
  length: number;
  cost: number;
}

/**
 * Edit distance between `pattern` and the best prefix of `text` starting at `start` (both folded).
 * Punctuation and stray OCR symbols in the text cost half an insertion. Returns null above `maxCost`.
 */
export function matchAnchored(text: string, start: number, pattern: string, maxCost: number): AnchoredMatch | null {
  const m = pattern.length;
  const window = Math.min(text.length - start, m + Math.ceil(maxCost) + 2);
  if (window <= 0) return null;
  if (maxCost === 0) {
    return text.startsWith(pattern, start) ? { length: m, cost: 0 } : null;
  }
  // prev[j]: cost of matching pattern[0..i) against text[start..start+j)
  let prev = new Float64Array(window + 1);
  let cur = new Float64Array(window + 1);
  for (let j = 1; j <= window; j++) prev[j] = prev[j - 1]! + (isNoise(text[start + j - 1]!) ? 0.5 : 1);
  for (let i = 1; i <= m; i++) {
    const p = pattern[i - 1]!;
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= window; j++) {
      const t = text[start + j - 1]!;
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + (isNoise(t) ? 0.5 : 1);
      const sub = prev[j - 1]! + substitutionCost(p, t);
      const v = Math.min(del, ins, sub);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > maxCost) return null;
    [prev, cur] = [cur, prev];
  }
  let best: AnchoredMatch | null = null;
  for (let j = 1; j <= window; j++) {
    const cost = prev[j]!;
    if (cost > maxCost) continue;
    // The match must end on a word boundary of the text.
    const next = text[start + j];
    if (next !== undefined && /[a-z0-9]/.test(next) && /[a-z0-9]/.test(text[start + j - 1]!)) continue;
    if (!best || cost < best.cost || (cost === best.cost && j > best.length)) best = { length: j, cost };
  }
  return best;
}
