/**
 * Diacritics restoration for unaccented, partially accented or OCR-garbled Vietnamese.
 *
 * Method: a syllable trigram language model with interpolated Witten-Bell smoothing, counted on VNTC news
 * (training split), the laws and legal-docs corpora and a glossary of domain phrases (`domain-terms.ts`);
 * each observed syllable is folded ("truyen"), its accented candidates
 * are the vocabulary syllables with the same fold, and a beam search (Viterbi with state recombination) picks
 * the most probable sequence. In OCR mode, candidates also come from folds one edit away ("theng"→"thong",
 * "tugng"→"tuong") and from common OCR confusions ("ir"/"ur" for "ư", "1" for "l"), with a penalty; the marks
 * actually observed ("é") weakly favour candidates with the same tone. Case, spacing and punctuation are kept.
 * Pure, no I/O.
 */
import { foldDiacritics, splitTone } from './normalize';
import { tokenize } from './tokenize';

/** Serialisable n-gram model (built by `scripts/build-models.ts`). Keys are delta-encoded sorted ids. */
export interface DiacriticsModel {
  kind: 'diacritics';
  version: string;
  /** Syllables by id; ids 0-3 are `<s>`, `</s>`, `<unk>`, `<num>`. */
  vocab: string[];
  unigram: number[];
  /** `followers[i]`: distinct words seen after bigram i (Witten-Bell), counted before pruning. */
  bigram: { keys: number[]; counts: number[]; followers?: number[] };
  trigram: { keys: number[]; counts: number[] };
  /** Distinct words seen after each unigram (Witten-Bell). Without it the model uses stupid backoff. */
  unigramFollowers?: number[];
  /** Stupid-backoff factor (default 0.4, the value of Brants et al.), used when follower counts are absent. */
  backoff?: number;
  meta: Record<string, unknown>;
}

/** A model prepared for fast lookups. */
export interface DiacriticsRestorer {
  model: DiacriticsModel;
  size: number;
  total: number;
  unigram: Float64Array;
  biKeys: Float64Array;
  biCounts: Float64Array;
  triKeys: Float64Array;
  triCounts: Float64Array;
  /** fold → candidate ids, most frequent first. */
  byFold: Map<string, number[]>;
  /** one-deletion variant of a fold → folds it comes from (symmetric-delete index for edit distance 1). */
  deletions: Map<string, string[]>;
  lnBackoff: number;
  /** Witten-Bell follower counts (null → stupid backoff). */
  biFollowers: Float64Array | null;
  uniFollowers: Float64Array | null;
}

export const BOS = 0;
export const EOS = 1;
export const UNK = 2;
export const NUM = 3;
const MAX_CANDIDATES = 12;

/** Restoration mode: `text` (unaccented or partly accented), `ocr` (garbled scans), `auto` (detect). */
export type RestoreMode = 'auto' | 'text' | 'ocr';

function decodeDelta(keys: number[]): Float64Array {
  const out = new Float64Array(keys.length);
  let acc = 0;
  for (let i = 0; i < keys.length; i++) {
    acc += keys[i]!;
    out[i] = acc;
  }
  return out;
}

function deletionsOf(fold: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < fold.length; i++) out.push(fold.slice(0, i) + fold.slice(i + 1));
  return out;
}

/**
 * Prepares a parsed diacritics model (decodes the n-gram tables, indexes candidates by fold).
 * @example const restorer = createDiacriticsRestorer(loadModel('diacritics'));
 */
export function createDiacriticsRestorer(model: DiacriticsModel): DiacriticsRestorer {
  const size = model.vocab.length;
  const unigram = Float64Array.from(model.unigram);
  let total = 0;
  for (const c of unigram) total += c;
  const byFold = new Map<string, number[]>();
  for (let id = 4; id < size; id++) {
    const fold = foldDiacritics(model.vocab[id]!);
    const list = byFold.get(fold);
    if (list) list.push(id);
    else byFold.set(fold, [id]);
  }
  const deletions = new Map<string, string[]>();
  for (const [fold, ids] of byFold) {
    ids.sort((a, b) => unigram[b]! - unigram[a]!);
    if (ids.length > MAX_CANDIDATES) ids.length = MAX_CANDIDATES;
    if (fold.length < 2) continue;
    for (const d of new Set(deletionsOf(fold))) {
      const list = deletions.get(d);
      if (list) list.push(fold);
      else deletions.set(d, [fold]);
    }
  }
  return {
    model,
    size,
    total,
    unigram,
    biKeys: decodeDelta(model.bigram.keys),
    biCounts: Float64Array.from(model.bigram.counts),
    triKeys: decodeDelta(model.trigram.keys),
    triCounts: Float64Array.from(model.trigram.counts),
    byFold,
    deletions,
    lnBackoff: Math.log(model.backoff ?? 0.4),
    biFollowers: model.bigram.followers ? Float64Array.from(model.bigram.followers) : null,
    uniFollowers: model.unigramFollowers ? Float64Array.from(model.unigramFollowers) : null,
  };
}

function lookup(keys: Float64Array, counts: Float64Array, key: number): number {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid]!;
    if (k === key) return counts[mid]!;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

function indexOf(keys: Float64Array, key: number): number {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid]!;
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * ln P(c | a b), interpolated Witten-Bell (Witten & Bell, 1991; Chen & Goodman, 1998): each level mixes its
 * maximum-likelihood estimate with the lower order in proportion to how many distinct words followed the
 * context. Falls back to stupid backoff for models without follower counts.
 */
function logProb(r: DiacriticsRestorer, a: number, b: number, c: number): number {
  const V = r.size;
  if (r.biFollowers && r.uniFollowers) {
    const pUni = (r.unigram[c]! + 0.5) / (r.total + 0.5 * V);
    const nb = r.uniFollowers[b]!;
    const pBi = nb > 0 ? (lookup(r.biKeys, r.biCounts, b * V + c) + nb * pUni) / (r.unigram[b]! + nb) : pUni;
    const ab = a * V + b;
    const idx = indexOf(r.biKeys, ab);
    if (idx < 0) return Math.log(pBi);
    const nab = r.biFollowers[idx]!;
    if (nab === 0) return Math.log(pBi);
    return Math.log((lookup(r.triKeys, r.triCounts, ab * V + c) + nab * pBi) / (r.biCounts[idx]! + nab));
  }
  const ab = a * V + b;
  const tri = lookup(r.triKeys, r.triCounts, ab * V + c);
  if (tri > 0) {
    const ctx = lookup(r.biKeys, r.biCounts, ab);
    if (ctx > 0) return Math.log(tri / ctx);
  }
  const bi = lookup(r.biKeys, r.biCounts, b * V + c);
  if (bi > 0 && r.unigram[b]! > 0) return r.lnBackoff + Math.log(bi / r.unigram[b]!);
  return 2 * r.lnBackoff + Math.log((r.unigram[c]! + 0.5) / r.total);
}

interface Candidate {
  id: number;
  text: string;
  channel: number;
}

// Common OCR confusions of Vietnamese scans (observed in seed 000): "ư" read as "ir"/"ur"/"u'", digits for
// letters. Each rewrite yields an extra candidate fold.
const OCR_REWRITES: [RegExp, string][] = [
  [/ir|ur|u'/g, 'u'],
  [/1/g, 'l'],
  [/[06]/g, 'o'],
  [/5|\$/g, 's'],
  [/q/g, 'o'],
];

const EDIT_PENALTY = -5;
// OCR engines mostly confuse vowels with vowels (ô→é, ơ→e); such a substitution costs less than other edits.
const VOWEL_EDIT_PENALTY = -2.5;
const REWRITE_PENALTY = -1.5;
const KEEP_BONUS = 6;
const OCR_TONE_BONUS = 0.5;
const OCR_EXACT_BONUS = 1;
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

function editPenalty(observed: string, fold: string): number {
  if (observed.length === fold.length) {
    let diff = -1;
    for (let i = 0; i < fold.length; i++) {
      if (observed[i] !== fold[i]) {
        if (diff >= 0) return EDIT_PENALTY;
        diff = i;
      }
    }
    if (diff >= 0 && VOWELS.has(observed[diff]!) && VOWELS.has(fold[diff]!)) return VOWEL_EDIT_PENALTY;
  }
  return EDIT_PENALTY;
}

function candidatesFor(r: DiacriticsRestorer, observed: string, ocr: boolean): Candidate[] {
  const lower = observed.toLowerCase();
  const fold = foldDiacritics(lower);
  const hasMarks = fold !== lower;
  const obsTone = hasMarks ? splitTone(lower).tone : 0;
  const out = new Map<number, Candidate>();
  const add = (f: string, penalty: number) => {
    for (const id of r.byFold.get(f) ?? []) {
      const text = r.model.vocab[id]!;
      let channel = penalty;
      if (hasMarks) {
        if (!ocr && text === lower) channel += KEEP_BONUS;
        if (ocr) {
          if (text === lower) channel += OCR_EXACT_BONUS;
          if (obsTone !== 0 && splitTone(text).tone === obsTone) channel += OCR_TONE_BONUS;
        }
      }
      const prev = out.get(id);
      if (!prev || prev.channel < channel) out.set(id, { id, text, channel });
    }
  };
  add(fold, 0);
  if (ocr) {
    const variants = [fold];
    for (const [re, rep] of OCR_REWRITES) {
      const v = fold.replace(re, rep);
      if (v !== fold) variants.push(v);
    }
    variants.forEach((v, i) => {
      const base = i > 0 ? REWRITE_PENALTY : 0;
      if (i > 0) add(v, base);
      // edit distance 1 via symmetric deletes: substitutions, one insertion, one deletion
      const folds = new Set<string>();
      for (const f of r.deletions.get(v) ?? []) folds.add(f); // insertion
      for (const d of deletionsOf(v)) {
        if (r.byFold.has(d)) folds.add(d); // deletion
        for (const f of r.deletions.get(d) ?? []) if (f.length === v.length) folds.add(f); // substitution
      }
      folds.delete(v);
      folds.delete(fold);
      for (const f of folds) add(f, base + editPenalty(v, f));
    });
  }
  return [...out.values()]
    .sort((a, b) => b.channel - a.channel || r.unigram[b.id]! - r.unigram[a.id]!)
    .slice(0, ocr ? 24 : MAX_CANDIDATES);
}

interface BeamNode {
  p2: number;
  p1: number;
  score: number;
  text: string | null;
  back: BeamNode | null;
}

function applyCase(pattern: string, text: string): string {
  let upper = 0;
  for (const ch of pattern) if (ch !== ch.toLowerCase()) upper++;
  // "CHiNH" (OCR) counts as upper case: most of its letters are capitals
  if (pattern.length > 1 && upper >= 2 && upper * 2 > pattern.length) return text.toUpperCase();
  const first = pattern[0] ?? '';
  if (first !== first.toLowerCase()) return text.charAt(0).toUpperCase() + text.slice(1);
  return text;
}

const LOOKS_LETTER_DIGIT = /^(?=.*\p{L})(?=.*[0-9$@])[\p{L}0-9$@]{2,6}$/u;

/** Share of letter tokens whose fold is not a known syllable: high on OCR output. */
function oovRate(r: DiacriticsRestorer, words: string[]): number {
  if (!words.length) return 0;
  let oov = 0;
  for (const w of words) if (!r.byFold.has(foldDiacritics(w.toLowerCase()))) oov++;
  return oov / words.length;
}

/**
 * Restores Vietnamese diacritics, keeping case, spacing, numbers and punctuation. Correctly accented
 * syllables are kept (except in `ocr` mode, where marks are only a hint). Unknown words (names, foreign
 * words) are left as written.
 * @example restoreDiacritics('Thu tuong Chinh phu yeu cau', restorer) // 'Thủ tướng Chính phủ yêu cầu'
 */
export function restoreDiacritics(
  text: string,
  restorer: DiacriticsRestorer,
  options: { mode?: RestoreMode; beam?: number } = {},
): string {
  return restoreNBest(text, restorer, { ...options, n: 1 })[0] ?? text;
}

/**
 * The `n` best restorations of a short text (for accent-insensitive search: "hoc phi" → ["học phí", …]).
 * @example restoreQuery('hoc phi', restorer, 3)[0] // 'học phí'
 */
export function restoreQuery(query: string, restorer: DiacriticsRestorer, n = 3): string[] {
  return restoreNBest(query.slice(0, 500), restorer, { mode: 'text', n, beam: Math.max(8, n * 2) });
}

function restoreNBest(text: string, r: DiacriticsRestorer, options: { mode?: RestoreMode; beam?: number; n: number }): string[] {
  const tokens = tokenize(text);
  let mode = options.mode ?? 'auto';
  // Rejoin OCR letter/digit mixes ("1a" → "la", "d6i" → "doi") as single word tokens in OCR mode.
  const words = tokens.filter((t) => t.kind === 'word').map((t) => t.text);
  if (mode === 'auto') mode = words.length >= 4 && oovRate(r, words) > 0.08 ? 'ocr' : 'text';
  const ocr = mode === 'ocr';
  const beamWidth = options.beam ?? 16;
  interface Slot {
    start: number;
    end: number;
    observed: string;
    candidates: Candidate[] | null; // null → context token (number/unknown/break)
    contextId: number;
  }
  const slots: Slot[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (ocr && (t.kind === 'word' || t.kind === 'number' || t.kind === 'symbol')) {
      // merge adjacent letter/digit pieces with no space between them
      let j = i;
      let end = t.end;
      // "u'" is how OCR often renders "ư" ("nhu'ng" = "những"): keep the apostrophe inside the piece
      while (
        j + 1 < tokens.length &&
        tokens[j + 1]!.start === end &&
        (tokens[j + 1]!.kind !== 'punct' || (tokens[j + 1]!.text === "'" && /u$/i.test(tokens[j]!.text)))
      )
        end = tokens[++j]!.end;
      const merged = text.slice(t.start, end);
      if (j > i && (LOOKS_LETTER_DIGIT.test(merged) || /^\p{L}+'\p{L}+$/u.test(merged)) && merged.toLowerCase() === merged) {
        const cands = candidatesFor(r, merged, true);
        if (cands.length) {
          slots.push({ start: t.start, end, observed: merged, candidates: cands, contextId: UNK });
          i = j;
          continue;
        }
      }
    }
    if (t.kind === 'word') {
      const cands = t.text.length <= 8 ? candidatesFor(r, t.text, ocr) : [];
      slots.push({ start: t.start, end: t.end, observed: t.text, candidates: cands.length ? cands : null, contextId: UNK });
    } else if (t.kind === 'number') {
      slots.push({ start: t.start, end: t.end, observed: t.text, candidates: null, contextId: NUM });
    } else {
      slots.push({
        start: t.start,
        end: t.end,
        observed: t.text,
        candidates: null,
        contextId: /^[-,"'()]$/.test(t.text) ? UNK : EOS,
      });
    }
  }
  let beam: BeamNode[] = [{ p2: BOS, p1: BOS, score: 0, text: null, back: null }];
  for (const slot of slots) {
    const next = new Map<number, BeamNode>();
    const push = (node: BeamNode) => {
      const key = node.p2 * r.size + node.p1;
      const prev = next.get(key);
      if (!prev || prev.score < node.score) next.set(key, node);
    };
    if (!slot.candidates) {
      for (const b of beam) {
        if (slot.contextId === EOS) {
          push({ p2: BOS, p1: BOS, score: b.score + logProb(r, b.p2, b.p1, EOS), text: null, back: b });
        } else {
          push({ p2: b.p1, p1: slot.contextId, score: b.score + logProb(r, b.p2, b.p1, slot.contextId), text: null, back: b });
        }
      }
    } else {
      for (const b of beam) {
        for (const c of slot.candidates) {
          push({ p2: b.p1, p1: c.id, score: b.score + logProb(r, b.p2, b.p1, c.id) + c.channel, text: c.text, back: b });
        }
      }
    }
    beam = [...next.values()].sort((a, b) => b.score - a.score).slice(0, beamWidth);
  }
  const finals = beam.map((b) => ({ node: b, score: b.score + logProb(r, b.p2, b.p1, EOS) })).sort((a, b) => b.score - a.score);
  const results: string[] = [];
  for (const { node } of finals.slice(0, options.n)) {
    const chosen: (string | null)[] = new Array<string | null>(slots.length).fill(null);
    let cur: BeamNode | null = node;
    for (let i = slots.length - 1; i >= 0 && cur; i--) {
      chosen[i] = cur.text;
      cur = cur.back;
    }
    let out = '';
    let pos = 0;
    slots.forEach((slot, i) => {
      const c = chosen[i];
      if (c === null || c === undefined) return;
      out += text.slice(pos, slot.start) + applyCase(slot.observed, c);
      pos = slot.end;
    });
    out += text.slice(pos);
    if (!results.includes(out)) results.push(out);
  }
  return results.length ? results : [text];
}
