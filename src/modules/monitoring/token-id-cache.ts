/** Slots of a `TokenIdCache`. */
const SLOTS = 1 << 16;
/** What `TokenIdCache.get` returns for a token it holds no value of. */
export const NOT_CACHED = -0x80000000;

/**
 * Integers kept by token id (`tokenizeForMatching`'s interned tokens) in a direct-mapped table: token ids are never
 * reused, so a slot holding a token's id holds the value computed for that token, and a token seen before costs no
 * keyed lookup. A generation lets the owner drop every value at once (its word table started afresh).
 */
export class TokenIdCache {
  private readonly tokenIds = new Float64Array(SLOTS);
  private readonly generations = new Int32Array(SLOTS);
  private readonly values = new Int32Array(SLOTS);

  /** The value stored for this token in this generation, or `NOT_CACHED`. */
  get(tokenId: number, generation = 0): number {
    const slot = tokenId & (SLOTS - 1);
    return this.tokenIds[slot] === tokenId && this.generations[slot] === generation ? this.values[slot]! : NOT_CACHED;
  }

  set(tokenId: number, value: number, generation = 0): number {
    const slot = tokenId & (SLOTS - 1);
    this.tokenIds[slot] = tokenId;
    this.generations[slot] = generation;
    this.values[slot] = value;
    return value;
  }
}
