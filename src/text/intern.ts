/**
 * Interning of text spans: the value for `input[start, end)` is found by a hash the caller computed while
 * scanning and a character comparison, so a span seen before costs neither a string nor a string hash.
 * Open addressing over typed arrays (one probe of a compact hash array, then one value) instead of a `Map` with
 * a bucket per hash: the tables hold tens of thousands of syllables, and the lookup is per token of every document.
 */
export class SpanInterner<T> {
  private hashes: Int32Array;
  private keys: (string | undefined)[];
  private values: (T | undefined)[];
  private count = 0;

  /** `limit` spans are kept; past it the table starts afresh (bounded memory on endless vocabularies). */
  constructor(
    private readonly limit: number,
    private readonly create: (text: string) => T,
  ) {
    let size = 1024;
    while (size < limit * 2) size *= 2;
    this.hashes = new Int32Array(size);
    this.keys = new Array<string | undefined>(size);
    this.values = new Array<T | undefined>(size);
  }

  /** The value of `input[start, end)`, whose FNV-1a (or any) hash over its characters is `hash`. */
  get(input: string, start: number, end: number, hash: number): T {
    const mask = this.hashes.length - 1;
    const length = end - start;
    let slot = (hash ^ (hash >>> 16)) & mask;
    for (;;) {
      const key = this.keys[slot];
      if (key === undefined) break;
      if (this.hashes[slot] === hash && key.length === length && sameSpan(input, start, key)) return this.values[slot]!;
      slot = (slot + 1) & mask;
    }
    if (this.count >= this.limit) {
      this.hashes.fill(0);
      this.keys = new Array<string | undefined>(this.hashes.length);
      this.values = new Array<T | undefined>(this.hashes.length);
      this.count = 0;
      slot = (hash ^ (hash >>> 16)) & mask;
    }
    const key = input.slice(start, end);
    const value = this.create(key);
    this.hashes[slot] = hash;
    this.keys[slot] = key;
    this.values[slot] = value;
    this.count++;
    return value;
  }
}

function sameSpan(input: string, start: number, key: string): boolean {
  for (let k = 0; k < key.length; k++) if (input.charCodeAt(start + k) !== key.charCodeAt(k)) return false;
  return true;
}
