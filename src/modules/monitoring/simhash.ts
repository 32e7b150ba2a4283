/**
 * SimHash (Charikar 2002; near-duplicate web pages, Manku et al. 2007) over 3-word shingles of folded
 * text, 64 bits. Near-duplicates are documents within Hamming distance 3; split into four 16-bit bands, two
 * such fingerprints always share at least one band (pigeonhole), so the bands are the LSH buckets.
 */
export const NEAR_DUPLICATE_DISTANCE = 3;
const SHINGLE = 3;

/** Two independent 32-bit hashes of a string (FNV-1a with two offset bases, murmur3 finaliser). */
function hash64(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return [mix(a), mix(b ^ a)];
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The 64-bit SimHash of a folded token sequence, as a signed bigint (PostgreSQL bigint). Each token is
 * hashed once; a shingle's hash combines its three token hashes (order-sensitive) without building strings.
 * @example simhash(['hoc', 'phi', 'tang', 'manh'])
 */
export function simhash(tokens: readonly string[]): bigint {
  const weights = new Int32Array(64);
  const n = tokens.length;
  if (n === 0) return 0n;
  const high = new Uint32Array(n);
  const low = new Uint32Array(n);
  const cache = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const token = tokens[i]!;
    const index = cache.get(token);
    if (index === undefined) {
      const [h, l] = hash64(token);
      high[i] = h;
      low[i] = l;
      cache.set(token, i);
    } else {
      high[i] = high[index]!;
      low[i] = low[index]!;
    }
  }
  const count = Math.max(1, n - SHINGLE + 1);
  for (let i = 0; i < count; i++) {
    let h = high[i]!;
    let l = low[i]!;
    for (let k = 1; k < SHINGLE && i + k < n; k++) {
      h = mix((Math.imul(h, 0x9e3779b1) ^ high[i + k]!) >>> 0);
      l = mix((Math.imul(l, 0x85ebca77) ^ low[i + k]!) >>> 0);
    }
    // Add ±1 per bit; process set bits only, then correct by the shingle count below.
    while (l) {
      const bit = 31 - Math.clz32(l);
      weights[bit]! += 2;
      l &= ~(1 << bit);
    }
    while (h) {
      const bit = 31 - Math.clz32(h);
      weights[bit + 32]! += 2;
      h &= ~(1 << bit);
    }
  }
  let lowBits = 0;
  let highBits = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (weights[bit]! > count) lowBits |= 1 << bit;
    if (weights[bit + 32]! > count) highBits |= 1 << bit;
  }
  return BigInt.asIntN(64, (BigInt(highBits >>> 0) << 32n) | BigInt(lowBits >>> 0));
}

/** The four 16-bit bands of a fingerprint (LSH bucket keys). */
export function simhashBands(hash: bigint): [number, number, number, number] {
  const unsigned = BigInt.asUintN(64, hash);
  return [Number(unsigned & 0xffffn), Number((unsigned >> 16n) & 0xffffn), Number((unsigned >> 32n) & 0xffffn), Number((unsigned >> 48n) & 0xffffn)];
}

/** Number of differing bits of two fingerprints. */
export function hammingDistance(a: bigint, b: bigint): number {
  let x = BigInt.asUintN(64, a ^ b);
  let count = 0;
  while (x) {
    x &= x - 1n;
    count++;
  }
  return count;
}

/** True when two fingerprints denote near-duplicate texts. */
export function isNearDuplicate(a: bigint, b: bigint): boolean {
  return hammingDistance(a, b) <= NEAR_DUPLICATE_DISTANCE;
}
