/**
 * Issue 5's first reference figure: "a typed-array Aho-Corasick in Node scans ~200 MB/s on this machine". The scan
 * is a chain of dependent reads of one table, so its speed is the speed of the core's caches, which on this shared
 * machine changes from minute to minute; benches print it next to their own figures (`bench:machine`,
 * `bench:monitoring-processing`).
 */
import { loadArticles } from './vntc-articles';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * A byte-level Aho-Corasick automaton as a full DFA over byte classes: each byte that occurs in a pattern has its
 * own class, every other byte class 0, and `next[state * classes + classOf[byte]]` is the state after the byte
 * (failure links folded in); `hits[state]` the number of patterns ending there. `compact` stores the table as
 * Uint16 (when the states fit): 1,000 two-word phrases give ≈ 7,000 states × ≈ 100 classes, 1.3 MB, where the
 * 256-wide Int32 table of the same automaton is 7 MB and does not stay in the core's caches; the scan's speed is
 * the speed of those reads.
 */
export function buildAhoCorasick(
  patterns: Uint8Array[],
  { compact }: { compact: boolean },
): { next: Int32Array | Uint16Array; hits: Uint8Array; classOf: Uint8Array; classes: number } {
  const classOf = new Uint8Array(256);
  let classes = 1;
  if (compact) {
    for (const pattern of patterns) for (const byte of pattern) if (classOf[byte] === 0) classOf[byte] = classes++;
  } else {
    classes = 256;
    for (let byte = 0; byte < 256; byte++) classOf[byte] = byte;
  }
  const capacity = 1 + patterns.reduce((sum, pattern) => sum + pattern.length, 0);
  const trie = new Int32Array(capacity * classes).fill(-1);
  const hits = new Int32Array(capacity);
  let states = 1;
  for (const pattern of patterns) {
    let state = 0;
    for (const byte of pattern) {
      const at = state * classes + classOf[byte]!;
      if (trie[at] === -1) trie[at] = states++;
      state = trie[at]!;
    }
    hits[state]!++;
  }
  const fail = new Int32Array(states);
  const queue = new Int32Array(states);
  let head = 0;
  let tail = 0;
  for (let symbol = 0; symbol < classes; symbol++) {
    const child = trie[symbol]!;
    // class 0 of the compact table is "a byte no pattern has": it always goes back to the root
    if (child === -1 || (compact && symbol === 0)) trie[symbol] = 0;
    else queue[tail++] = child; // fail of depth-1 states is the root (0)
  }
  while (head < tail) {
    const state = queue[head++]!;
    hits[state]! += hits[fail[state]!]!;
    for (let symbol = 0; symbol < classes; symbol++) {
      const at = state * classes + symbol;
      const child = trie[at]!;
      const fallback = trie[fail[state]! * classes + symbol]!;
      if (child === -1) trie[at] = fallback;
      else {
        fail[child] = fallback;
        queue[tail++] = child;
      }
    }
  }
  const table = trie.subarray(0, states * classes);
  return {
    next: compact && states < 65_536 ? Uint16Array.from(table) : table,
    hits: Uint8Array.from(hits.subarray(0, states), (count) => Math.min(count, 255)),
    classOf,
    classes,
  };
}

function countMatches(automaton: ReturnType<typeof buildAhoCorasick>, text: Uint8Array): number {
  const { next, hits, classOf, classes } = automaton;
  let state = 0;
  let found = 0;
  for (let k = 0; k < text.length; k++) {
    state = next[state * classes + classOf[text[k]!]!]!;
    found += hits[state]!;
  }
  return found;
}

/** Both layouts of the automaton over the same text and phrases: the compact one is the reference figure. */
export async function benchAhoCorasick({ layouts = [true, false] }: { layouts?: boolean[] } = {}): Promise<string[]> {
  const articles = await loadArticles(4000);
  const text = new TextEncoder().encode(articles.map((article) => article.text.normalize('NFC').toLowerCase()).join('\n'));
  // 1,000 distinct two-word phrases spread over the corpus (entity and query phrases are this long)
  const words = articles.flatMap((article) => article.text.normalize('NFC').toLowerCase().split(/\s+/));
  const phrases = new Set<string>();
  for (let k = 0; phrases.size < 1000 && k + 1 < words.length; k += 97) phrases.add(`${words[k]} ${words[k + 1]}`);
  // The automaton must find what a naive search finds (on a slice: the naive search is slow), or its speed means nothing.
  const sample = text.subarray(0, 200_000);
  const sampleText = Buffer.from(sample).toString('latin1');
  let naive = 0;
  for (const phrase of phrases) {
    const needle = Buffer.from(phrase).toString('latin1');
    for (let at = sampleText.indexOf(needle); at !== -1; at = sampleText.indexOf(needle, at + 1)) naive++;
  }
  const lines: string[] = [];
  for (const compact of layouts) {
    const automaton = buildAhoCorasick(
      [...phrases].map((phrase) => new TextEncoder().encode(phrase)),
      { compact },
    );
    const automatonCount = countMatches(automaton, sample);
    if (automatonCount !== naive)
      throw new Error(`Aho-Corasick found ${automatonCount} matches where a naive search finds ${naive}`);
    countMatches(automaton, text); // warm-up
    const rates: number[] = [];
    let found = 0;
    for (let round = 0; round < 7; round++) {
      const started = performance.now();
      found = countMatches(automaton, text);
      rates.push(text.length / 1e6 / ((performance.now() - started) / 1000));
    }
    const states = automaton.hits.length;
    const layout = compact
      ? `compact DFA: ${automaton.classes} byte classes × ${states} states, Uint16, ${(automaton.next.byteLength / 1e6).toFixed(1)} MB`
      : `256-wide Int32 DFA, ${(automaton.next.byteLength / 1e6).toFixed(1)} MB`;
    const line = `Aho-Corasick (${layout}; 1,000 phrases, ${(text.length / 1e6).toFixed(1)} MB of UTF-8 news text, ${found} matches): ${Math.round(median(rates))} MB/s median of 7 (${Math.round(Math.min(...rates))}–${Math.round(Math.max(...rates))})${compact ? "; issue 5's reference ~200 MB/s" : ''}`;
    lines.push(line);
  }
  return lines;
}
