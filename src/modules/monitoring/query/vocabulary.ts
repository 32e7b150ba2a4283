import type { TermNode } from './parse';
import type { TokenInfo } from '../tokens';
import { NOT_CACHED, TokenIdCache } from '../token-id-cache';

/** The words of a term before a final prefix (all of them without one). */
export const wholeWords = (term: TermNode) => (term.isPrefix ? term.folded.slice(0, -1) : term.folded);

/**
 * The folded words of the queries' terms, and their adjacent pairs, as small integers: a document's streams
 * become id arrays (one lookup per token), and everything after (anchors, phrases, NEAR) compares numbers.
 */
export class Vocabulary {
  /**
   * A null-prototype object rather than a Map: V8 internalizes a string the first time it is used as a
   * property key, and the interned tokens of `tokenizeForMatching` come back document after document, so
   * a lookup is then a pointer comparison (about half the time of `Map.get` on VNTC articles).
   */
  readonly ids: Record<string, number> = Object.create(null) as Record<string, number>;
  /** the words by id */
  readonly words: string[] = [];
  /** Ids by token id, in front of `ids`. */
  private readonly idsByToken = new TokenIdCache();
  pairCount = 0;
  /**
   * The pairs in an open-addressing table over typed arrays (first id, second id → pair number): looked up
   * at most positions of every document, where a Map of numbers costs several times more.
   */
  private readonly pairFirst: Int32Array;
  private readonly pairSecond: Int32Array;
  private readonly pairNumber: Int32Array;
  private readonly pairMask: number;
  private readonly pairShift: number;

  constructor(terms: readonly TermNode[]) {
    for (const term of terms)
      for (const word of wholeWords(term)) if (this.ids[word] === undefined) this.ids[word] = this.words.push(word) - 1;
    // at most half full
    const pairsAtMost = terms.reduce((sum, term) => sum + term.folded.length, 0);
    let bits = 4;
    while (1 << bits < 2 * pairsAtMost) bits++;
    this.pairFirst = new Int32Array(1 << bits).fill(-1);
    this.pairSecond = new Int32Array(1 << bits);
    this.pairNumber = new Int32Array(1 << bits);
    this.pairMask = (1 << bits) - 1;
    this.pairShift = 32 - bits;
    for (const term of terms) {
      const words = wholeWords(term);
      for (let k = 0; k + 1 < words.length; k++) {
        const first = this.idOf(words[k]!);
        const second = this.idOf(words[k + 1]!);
        let slot = this.slotOf(first, second);
        while (this.pairFirst[slot] !== -1 && !(this.pairFirst[slot] === first && this.pairSecond[slot] === second))
          slot = (slot + 1) & this.pairMask;
        if (this.pairFirst[slot] !== -1) continue;
        this.pairFirst[slot] = first;
        this.pairSecond[slot] = second;
        this.pairNumber[slot] = this.pairCount++;
      }
    }
  }

  get size(): number {
    return this.words.length;
  }

  /** The id of a token's folded form, -1 when no query term has it. */
  idOfToken(token: TokenInfo): number {
    const id = this.idsByToken.get(token.id);
    return id !== NOT_CACHED ? id : this.idsByToken.set(token.id, this.ids[token.folded] ?? -1);
  }

  /** The id of a whole word of some query term. */
  idOf(word: string): number {
    return this.ids[word]!;
  }

  /** The number of an adjacent pair of whole words of some query term, -1 for another pair. */
  pairOf(first: number, second: number): number {
    for (let slot = this.slotOf(first, second); ; slot = (slot + 1) & this.pairMask) {
      const key = this.pairFirst[slot]!;
      if (key === -1) return -1;
      if (key === first && this.pairSecond[slot] === second) return this.pairNumber[slot]!;
    }
  }

  private slotOf(first: number, second: number): number {
    // Fibonacci hashing: the high bits of the product
    return Math.imul(Math.imul(first, 0x01000193) ^ second, 0x9e3779b1) >>> this.pairShift;
  }
}
