/**
 * The phrase tables of the lexicon layer: every term, negator, reducer, intensifier and contrast of
 * `sentiment-lexicon.ts` keyed by its lower-cased words and by its folded words, each built once at load into a
 * word trie for longest-match lookup (`scanLexicon` in `sentiment-lexicon-scan.ts`).
 */
import { foldDiacritics } from './normalize';
import { ACCENTED_ONLY_NEGATORS, CONTRASTS, INTENSIFIERS, NEGATORS, REDUCERS, SENTIMENT_LEXICON } from './sentiment-lexicon';

/** What a phrase of the tables is: a signed term, or a word that changes the terms around it. */
export interface Entry {
  weight: number;
  kind: 'term' | 'negator' | 'reducer' | 'intensifier' | 'contrast';
}

/** Longest phrase of the tables, in words. */
export const MAX_PHRASE = 5;
const accentedTable = new Map<string, Entry>();
const foldedTable = new Map<string, Entry>();

function addEntry(phrase: string, entry: Entry, accentedOnly: boolean) {
  const key = phrase.toLowerCase().trim().split(/\s+/).join(' ');
  if (!accentedTable.has(key) || entry.kind === 'term') accentedTable.set(key, entry);
  const folded = foldDiacritics(key);
  if (!accentedOnly) {
    const prev = foldedTable.get(folded);
    if (!prev || (entry.kind === 'term' && Math.abs(entry.weight) > Math.abs(prev.weight))) foldedTable.set(folded, entry);
  }
}

for (const n of NEGATORS) addEntry(n, { weight: -1, kind: 'negator' }, ACCENTED_ONLY_NEGATORS.includes(n));
for (const n of REDUCERS)
  addEntry(n, { weight: -1, kind: 'reducer' }, ['hết', 'phá', 'cứu', 'ngăn', 'chặn', 'đỡ', 'giúp', 'tặng'].includes(n));
// Intensifiers whose unaccented form is a frequent other word (cực/cục, lắm/làm, hơi/hỏi, cũng/cung) match accented text only.
const ACCENTED_ONLY_INTENSIFIERS = new Set(['cực', 'lắm', 'hơi', 'cũng']);
for (const [w, m] of Object.entries(INTENSIFIERS))
  addEntry(w, { weight: m, kind: 'intensifier' }, ACCENTED_ONLY_INTENSIFIERS.has(w));
for (const c of CONTRASTS) addEntry(c, { weight: 1, kind: 'contrast' }, c === 'song');
for (const line of SENTIMENT_LEXICON.split('\n')) {
  const m = /^(.+?)\s+(-?\d+(?:\.\d+)?)(\s+a)?\s*$/.exec(line.trim());
  if (m) addEntry(m[1]!, { weight: Number(m[2]), kind: 'term' }, Boolean(m[3]));
}
/**
 * The keys of a phrase table as a trie over their words, so the longest match is extended one word at a time by
 * integers instead of by building and hashing "a b c" strings. Each word of a key has a part id `p`; the node of
 * the one-word prefix `p` is `p + 1`, so the first step needs no lookup (a part that starts no key gets a node
 * with neither entry nor children, which ends the match as a missing prefix would).
 */
interface PhraseTrie {
  /** A word as it appears in the keys (lower-cased, or folded) → its part id. */
  parts: Map<string, number>;
  /** `node * parts.size + part` → the child node. */
  children: Map<number, number>;
  /** The entry of the phrase that ends at a node, if that phrase is a key. */
  entries: (Entry | undefined)[];
}

function buildPhraseTrie(table: Map<string, Entry>): PhraseTrie {
  const parts = new Map<string, number>();
  // keys are joined by single spaces and words never contain one, so splitting on ' ' gives back the words
  for (const key of table.keys()) for (const part of key.split(' ')) if (!parts.has(part)) parts.set(part, parts.size);
  const children = new Map<number, number>();
  const entries = new Array<Entry | undefined>(parts.size + 1).fill(undefined);
  for (const [key, entry] of table) {
    const keyParts = key.split(' ');
    let node = parts.get(keyParts[0]!)! + 1;
    for (let k = 1; k < keyParts.length; k++) {
      const edge = node * parts.size + parts.get(keyParts[k]!)!;
      let child = children.get(edge);
      if (child === undefined) {
        child = entries.length;
        entries.push(undefined);
        children.set(edge, child);
      }
      node = child;
    }
    entries[node] = entry;
  }
  return { parts, children, entries };
}
/** The tables as tries: the accented one for text written with accents, the folded one for text without. */
export const accentedTrie = buildPhraseTrie(accentedTable);
export const foldedTrie = buildPhraseTrie(foldedTable);
