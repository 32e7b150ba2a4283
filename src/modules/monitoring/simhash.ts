/**
 * SimHash (Charikar 2002; near-duplicate web pages, Manku et al. 2007) over 3-word shingles of folded
 * text, 64 bits. Near-duplicates are documents within Hamming distance 3; split into four 16-bit bands, two
 * such fingerprints always share at least one band (pigeonhole), so the bands are the LSH buckets.
 */
export const NEAR_DUPLICATE_DISTANCE = 3;
const SHINGLE = 3;

/**
 * Two independent 32-bit hashes of a token (FNV-1a with two offset bases, murmur3 finaliser): the token's
 * part of a shingle hash.
 * @example tokenHash64('hoc') // [high, low]
 */
export function tokenHash64(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return [mix(a), mix(b ^ a)];
}

// Token hashes are pure functions of the token: memoised across documents (bounded).
const TOKEN_HASHES_LIMIT = 200_000;
let tokenHashes = new Map<string, [number, number]>();

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
  const n = tokens.length;
  if (n === 0) return 0n;
  const high = new Uint32Array(n);
  const low = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const token = tokens[i]!;
    let hash = tokenHashes.get(token);
    if (hash === undefined) {
      hash = tokenHash64(token);
      if (tokenHashes.size >= TOKEN_HASHES_LIMIT) tokenHashes = new Map();
      tokenHashes.set(token, hash);
    }
    high[i] = hash[0];
    low[i] = hash[1];
  }
  return simhashOfHashes(high, low, n);
}

/**
 * `simhash` from the tokens' `tokenHash64` values, for callers that already have them.
 * @example simhashOfHashes(Uint32Array.of(1, 2, 3), Uint32Array.of(4, 5, 6), 3)
 */
export function simhashOfHashes(high: Uint32Array, low: Uint32Array, n: number): bigint {
  if (n === 0) return 0n;
  if (n < SHINGLE) return simhashOfShortSequence(high, low, n);
  const count = n - SHINGLE + 1;
  // Per bit, how many shingle hashes have it set, kept as bit-sliced counters (plane k holds bit k of all 32
  // counts of a half): adding a hash is a ripple-carry add of one 32-bit word. The first four planes live in
  // local variables for 15 shingles at a time (counts up to 15), then are added to the planes in memory.
  const lowPlanes = scratchLowPlanes.fill(0);
  const highPlanes = scratchHighPlanes.fill(0);
  let low0 = 0;
  let low1 = 0;
  let low2 = 0;
  let low3 = 0;
  let high0 = 0;
  let high1 = 0;
  let high2 = 0;
  let high3 = 0;
  let pending = 0;
  // The shingle at i hashes tokens i, i+1, i+2 (order-sensitive): the same mixing as `mix` chains, in int32.
  let highFirst = high[0]! | 0;
  let highSecond = high[1]! | 0;
  let lowFirst = low[0]! | 0;
  let lowSecond = low[1]! | 0;
  for (let i = 0; i < count; i++) {
    const highThird = high[i + 2]! | 0;
    const lowThird = low[i + 2]! | 0;
    const h = mixInt(Math.imul(mixInt(Math.imul(highFirst, 0x9e3779b1) ^ highSecond), 0x9e3779b1) ^ highThird);
    const l = mixInt(Math.imul(mixInt(Math.imul(lowFirst, 0x85ebca77) ^ lowSecond), 0x85ebca77) ^ lowThird);
    highFirst = highSecond;
    highSecond = highThird;
    lowFirst = lowSecond;
    lowSecond = lowThird;
    let carry = low0 & l;
    low0 ^= l;
    let next = low1 & carry;
    low1 ^= carry;
    carry = next;
    next = low2 & carry;
    low2 ^= carry;
    low3 ^= next;
    carry = high0 & h;
    high0 ^= h;
    next = high1 & carry;
    high1 ^= carry;
    carry = next;
    next = high2 & carry;
    high2 ^= carry;
    high3 ^= next;
    if (++pending === 15) {
      addToPlanes(lowPlanes, low0, low1, low2, low3);
      addToPlanes(highPlanes, high0, high1, high2, high3);
      low0 = low1 = low2 = low3 = high0 = high1 = high2 = high3 = 0;
      pending = 0;
    }
  }
  addToPlanes(lowPlanes, low0, low1, low2, low3);
  addToPlanes(highPlanes, high0, high1, high2, high3);
  return fingerprintOfPlanes(lowPlanes, highPlanes, count);
}

// The planes of `simhashOfHashes`, reused per call: a typed array of 128 bytes is allocated off the heap, per document.
const scratchLowPlanes = new Int32Array(32);
const scratchHighPlanes = new Int32Array(32);

/** `mix` on int32 values (the same bits). */
function mixInt(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Adds a 4-plane count (planes 0 to 3, of weight 1, 2, 4, 8) to bit-sliced counters. */
function addToPlanes(planes: Int32Array, plane0: number, plane1: number, plane2: number, plane3: number): void {
  addAtPlane(planes, 0, plane0);
  addAtPlane(planes, 1, plane1);
  addAtPlane(planes, 2, plane2);
  addAtPlane(planes, 3, plane3);
}

/** Ripple-carry add of one word of weight 2^`from` to bit-sliced counters. */
function addAtPlane(planes: Int32Array, from: number, word: number): void {
  for (let plane = from, carry = word; carry !== 0; plane++) {
    const next = planes[plane]! & carry;
    planes[plane]! ^= carry;
    carry = next;
  }
}

/** A sequence shorter than a shingle: one shingle of what there is. */
function simhashOfShortSequence(high: Uint32Array, low: Uint32Array, n: number): bigint {
  let h = high[0]!;
  let l = low[0]!;
  for (let k = 1; k < n; k++) {
    h = mix((Math.imul(h, 0x9e3779b1) ^ high[k]!) >>> 0);
    l = mix((Math.imul(l, 0x85ebca77) ^ low[k]!) >>> 0);
  }
  return fingerprintOfPlanes(Int32Array.of(l | 0), Int32Array.of(h | 0), 1);
}

/** The fingerprint from the bit-sliced counts of `count` shingles: a bit is set where more than half have it. */
function fingerprintOfPlanes(lowPlanes: Int32Array, highPlanes: Int32Array, count: number): bigint {
  let lowBits = 0;
  let highBits = 0;
  // a count never exceeds the number of shingles, so only the planes below its bit length can be set (at most
  // 31: a text has far fewer than 2^31 shingles, so the shifts below stay positive)
  const planes = Math.min(31, 32 - Math.clz32(count));
  for (let bit = 0; bit < 32; bit++) {
    let lowCount = 0;
    let highCount = 0;
    for (let plane = 0; plane < planes; plane++) {
      lowCount += ((lowPlanes[plane]! >>> bit) & 1) << plane;
      highCount += ((highPlanes[plane]! >>> bit) & 1) << plane;
    }
    if (2 * lowCount > count) lowBits |= 1 << bit;
    if (2 * highCount > count) highBits |= 1 << bit;
  }
  return BigInt.asIntN(64, (BigInt(highBits >>> 0) << 32n) | BigInt(lowBits >>> 0));
}

/** The four 16-bit bands of a fingerprint (LSH bucket keys). */
export function simhashBands(hash: bigint): [number, number, number, number] {
  const unsigned = BigInt.asUintN(64, hash);
  return [
    Number(unsigned & 0xffffn),
    Number((unsigned >> 16n) & 0xffffn),
    Number((unsigned >> 32n) & 0xffffn),
    Number((unsigned >> 48n) & 0xffffn),
  ];
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
