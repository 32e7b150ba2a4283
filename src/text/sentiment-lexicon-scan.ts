/**
 * Layer 1 of the sentiment analysis: the text's words are looked up in the word table, the longest phrases of the
 * lexicon are matched on them, and the rules (negation, reducers, degree adverbs, contrast, emoji) turn the
 * matches into a signed score with its reasons.
 */
import type { SentimentReason } from './sentiment-model';
import { EMOJI_SENTIMENT } from './sentiment-lexicon';
import { accentedTrie, foldedTrie, MAX_PHRASE, type Entry } from './sentiment-phrase-trie';
import { accentedPartOf, foldedPartOf, MAX_CHARS, postIntensityOf, wordForms } from './sentiment-words';
import {
  BOUNDARY,
  COMMA,
  letterWords,
  markedWords,
  readWords,
  textWords,
  wordCount,
  wordEnds,
  wordStarts,
  type KnownWords,
} from './sentiment-text-words';

const EMOJI_ENTRIES = Object.entries(EMOJI_SENTIMENT);
/** Any entry of the emoji table: most texts have none, and then one scan replaces the search for each entry. */
const MAY_HAVE_EMOJI = new RegExp(EMOJI_ENTRIES.map(([emoji]) => emoji.replace(/[-\\^$*+?.()|[\]{}]/g, '\\$&')).join('|'));

/** Result of the lexicon layer alone. */
export interface LexiconAnalysis {
  score: number;
  reasons: SentimentReason[];
  /** Folded syllables of the text (reused by the learnable layer). */
  folded: string[];
}

/**
 * Lexicon-and-rules analysis: signed score with its reasons. Works on accented and unaccented text.
 * @example scoreLexicon('Thủ tục rất nhanh gọn, cán bộ nhiệt tình').score > 0 // true
 */
export function scoreLexicon(text: string): LexiconAnalysis {
  const { score, reasons } = scanLexicon(text);
  const folded: string[] = [];
  for (let i = 0; i < wordCount; i++) if (textWords[i]! >= 0) folded.push(wordForms[textWords[i]!]!.fold);
  return { score, reasons, folded };
}

/**
 * `scoreLexicon` without the folded syllables: the words of the text are left in `textWords[0, wordCount)`.
 * `knownWords` (spans of `text` with their word ids; the text is NFC then, see `KnownWords`) are used when the text
 * is read whole (at most `MAX_CHARS`).
 */
export function scanLexicon(text: string, knownWords?: KnownWords): { score: number; reasons: SentimentReason[] } {
  const cut = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  // (normalising a 2 KB text that is NFC already still costs 2 µs)
  const input = knownWords ? cut : cut.normalize('NFC');
  readWords(input, input === text ? knownWords : undefined);
  // the buffers and the count held in locals for the loop (exported bindings are read through their module cells)
  const words = textWords;
  const starts = wordStarts;
  const ends = wordEnds;
  const count = wordCount;
  const accented = letterWords > 0 && markedWords / letterWords >= 0.2;
  const trie = accented ? accentedTrie : foldedTrie;
  const partCount = trie.parts.size;
  const partOf = accented ? accentedPartOf : foldedPartOf;
  const reasons: SentimentReason[] = [];
  let score = 0;
  let negateUntil = -1;
  let reduceUntil = -1;
  let lastTermEnd = -10;
  let intensity = 1;
  let intensityUntil = -1;
  let clauseFactor = 1;
  let sentenceStartReason = 0;
  for (let i = 0; i < count;) {
    const id = words[i]!;
    if (id === BOUNDARY) {
      negateUntil = -1;
      reduceUntil = -1;
      intensityUntil = -1;
      clauseFactor = 1;
      sentenceStartReason = reasons.length;
      i++;
      continue;
    }
    // Longest phrase of the table starting here: walk the trie one word at a time (boundaries and commas are
    // in no phrase, so they end it).
    let len = 0;
    let entry: Entry | undefined;
    let part = id >= 0 ? partOf[id]! : -1;
    if (part >= 0) {
      let node = part + 1;
      entry = trie.entries[node];
      if (entry) len = 1;
      const maxLen = Math.min(MAX_PHRASE, count - i);
      for (let k = 2; k <= maxLen; k++) {
        const next = words[i + k - 1]!;
        part = next >= 0 ? partOf[next]! : -1;
        if (part < 0) break;
        const child = trie.children.get(node * partCount + part);
        if (child === undefined) break;
        node = child;
        const longer = trie.entries[node];
        if (longer) {
          entry = longer;
          len = k;
        }
      }
    }
    if (!entry) {
      if (id === COMMA) {
        negateUntil = Math.min(negateUntil, i);
        reduceUntil = Math.min(reduceUntil, i);
      }
      i++;
      continue;
    }
    if (entry.kind === 'negator') {
      negateUntil = i + len + 3;
    } else if (entry.kind === 'reducer') {
      reduceUntil = i + len + 2;
      // "tai nạn giảm hẳn": a reducer right after a negative term flips it
      const last = reasons[reasons.length - 1];
      if (last && lastTermEnd >= i - 1 && last.weight < 0 && last.rule === 'lexicon') {
        score -= last.weight * 1.8;
        last.weight = Math.round(-last.weight * 0.8 * 100) / 100;
        last.rule = 'reduced';
        reduceUntil = -1;
      }
    } else if (entry.kind === 'intensifier') {
      intensity = entry.weight;
      intensityUntil = i + len + 2;
    } else if (entry.kind === 'contrast') {
      for (let r = sentenceStartReason; r < reasons.length; r++) {
        const reason = reasons[r]!;
        score -= reason.weight / 2;
        reason.weight /= 2;
        reason.rule = 'before-contrast';
      }
      clauseFactor = 1.5;
    } else {
      let weight = entry.weight;
      let rule: SentimentReason['rule'] = 'lexicon';
      if (i < intensityUntil) {
        weight *= intensity;
        rule = 'intensified';
      }
      const after = i + len < count ? words[i + len]! : -1;
      if (after >= 0 && postIntensityOf[after] !== 0) {
        weight *= postIntensityOf[after]!;
        rule = 'intensified';
      }
      if (i < reduceUntil && weight !== 0) {
        weight = -weight * 0.8;
        rule = 'reduced';
        reduceUntil = -1;
      } else if (i < negateUntil) {
        // "không tốt" is negative; "không tệ" is mildly positive (weaker than the plain opposite).
        weight = weight > 0 ? -weight : -weight * 0.5;
        rule = 'negated';
        negateUntil = -1;
      }
      if (clauseFactor !== 1) {
        weight *= clauseFactor;
        if (rule === 'lexicon') rule = 'after-contrast';
      }
      weight = Math.round(weight * 100) / 100;
      score += weight;
      if (weight !== 0) {
        // the words as written (the id of a known word is its lower-cased form's)
        let surface = input.slice(starts[i]!, ends[i]!);
        for (let k = 1; k < len; k++) surface += ` ${input.slice(starts[i + k]!, ends[i + k]!)}`;
        reasons.push({ text: surface, weight, rule });
        lastTermEnd = i + len;
      }
      intensityUntil = -1;
    }
    i += len;
  }
  if (MAY_HAVE_EMOJI.test(input)) {
    for (const [emoji, weight] of EMOJI_ENTRIES) {
      if (input.includes(emoji)) {
        score += weight;
        reasons.push({ text: emoji, weight, rule: 'emoji' });
      }
    }
  }
  return { score: Math.round(score * 100) / 100, reasons };
}
