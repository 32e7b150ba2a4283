/**
 * Interning of text spans: the entry for `input[start, end)` is found by a hash the caller computed while
 * scanning and a character comparison, so a span seen before costs neither a string nor a string hash.
 * Open addressing over the entries themselves (each holds its key and hash): a probe reads the slot and the entry
 * it returns anyway, instead of parallel hash, key and value arrays (more cache lines per lookup). The tables hold
 * tens of thousands of syllables, and the lookup is per token of every document.
 */

/** What an interner stores per span: the span's characters as compared (see `codes` of `get`) and its hash. */
export interface SpanEntry {
  readonly key: string;
  /** The low 30 bits of the caller's hash (a small integer: no heap number to load when compared). */
  readonly hash: number;
}

/** The part of a caller's hash an entry keeps (`SpanEntry.hash`). */
export const SPAN_HASH_MASK = 0x3fffffff;

export class SpanInterner<T extends SpanEntry> {
  private entries: (T | undefined)[];
  private count = 0;

  /**
   * `limit` spans are kept; past it the table starts afresh (bounded memory on endless vocabularies). `create`
   * makes the entry of a new span: its `key` must be the span's characters (mapped through `codes` when the
   * lookup gives them) and its `hash` the given one.
   */
  constructor(
    private readonly limit: number,
    private readonly create: (input: string, start: number, end: number, hash: number) => T,
  ) {
    this.entries = new Array<T | undefined>(INITIAL_SLOTS);
  }

  /**
   * The entry of `input[start, end)`, whose FNV-1a (or any) hash over its characters is `hash`. With `codes`, a
   * character c of the span compares as `codes[c]` (a lower-casing table, say), and `hash` is over those codes.
   */
  get(input: string, start: number, end: number, hash: number, codes?: Int32Array): T {
    let mask = this.entries.length - 1;
    const length = end - start;
    const small = hash & SPAN_HASH_MASK;
    let slot = slotOf(small, mask);
    for (;;) {
      const entry = this.entries[slot];
      if (entry === undefined) break;
      if (
        entry.hash === small &&
        entry.key.length === length &&
        (codes ? sameMappedSpan(input, start, entry.key, codes) : sameSpan(input, start, entry.key))
      )
        return entry;
      slot = (slot + 1) & mask;
    }
    if (this.count >= this.limit) {
      this.entries = new Array<T | undefined>(INITIAL_SLOTS);
      this.count = 0;
      mask = INITIAL_SLOTS - 1;
      slot = slotOf(small, mask);
    } else if (2 * (this.count + 1) > this.entries.length) {
      mask = this.grow();
      slot = slotOf(small, mask);
      while (this.entries[slot] !== undefined) slot = (slot + 1) & mask;
    }
    const entry = this.create(input, start, end, small);
    this.entries[slot] = entry;
    this.count++;
    return entry;
  }

  /** Doubles the table (kept at most half full), placing each entry again by its stored hash; returns the new mask. */
  private grow(): number {
    const old = this.entries;
    const mask = 2 * old.length - 1;
    const entries = new Array<T | undefined>(2 * old.length);
    for (const entry of old) {
      if (entry === undefined) continue;
      let slot = slotOf(entry.hash, mask);
      while (entries[slot] !== undefined) slot = (slot + 1) & mask;
      entries[slot] = entry;
    }
    this.entries = entries;
    return mask;
  }
}

/**
 * Slots start small and double with the entries instead of being sized for the limit at once: the table of a
 * vocabulary of 50,000 tokens spans 1 MB instead of 4 MB, so the common tokens' slots are on fewer pages.
 */
const INITIAL_SLOTS = 1024;

/** The slot of an entry by the 30 bits of hash it keeps, so the table can be rebuilt from its entries. */
function slotOf(hash: number, mask: number): number {
  return (hash ^ (hash >>> 15)) & mask;
}

function sameSpan(input: string, start: number, key: string): boolean {
  for (let k = 0; k < key.length; k++) if (input.charCodeAt(start + k) !== key.charCodeAt(k)) return false;
  return true;
}

function sameMappedSpan(input: string, start: number, key: string, codes: Int32Array): boolean {
  for (let k = 0; k < key.length; k++) if (codes[input.charCodeAt(start + k)] !== key.charCodeAt(k)) return false;
  return true;
}
