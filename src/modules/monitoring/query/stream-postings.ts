import type { CompiledTerm } from './compile-query';
import type { Vocabulary } from './vocabulary';
import type { TokenStreams } from '../text-features';

/**
 * One token stream (title or body) of the current document as vocabulary ids: the positions of each id as a
 * linked list through `next`, the distinct ids and word pairs present. The arrays are reused from document to
 * document: a stamp marks what the current one has, so nothing is cleared or allocated per document.
 */
export class StreamPostings {
  folded: readonly string[] = [];
  exact: readonly string[] = [];
  length = 0;
  /** vocabulary id of each position, -1 for words no query has */
  ids = new Int32Array(512);
  /** the next position holding the same id, -1 after the last */
  next = new Int32Array(512);
  /** the distinct ids of the stream: the first `idCount` */
  presentIds: Int32Array;
  idCount = 0;
  /** the distinct pairs of the stream: the first `pairCount` */
  presentPairs: Int32Array;
  pairCount = 0;
  /** the positions of words outside the vocabulary (the first `unknownCount`) */
  private unknown = new Int32Array(512);
  private unknownCount = 0;
  private readonly first: Int32Array;
  private readonly idIn: Uint32Array;
  private readonly pairIn: Uint32Array;
  private readonly prefixCheckedIn: Uint32Array;
  private readonly prefixFound: Uint8Array;
  private stamp = 0;

  constructor(
    private readonly vocabulary: Vocabulary,
    prefixCount: number,
  ) {
    this.first = new Int32Array(vocabulary.size);
    this.idIn = new Uint32Array(vocabulary.size);
    this.presentIds = new Int32Array(vocabulary.size);
    this.pairIn = new Uint32Array(vocabulary.pairCount);
    this.presentPairs = new Int32Array(vocabulary.pairCount);
    this.prefixCheckedIn = new Uint32Array(prefixCount);
    this.prefixFound = new Uint8Array(prefixCount);
  }

  load(streams: TokenStreams): void {
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      // after 2^32 documents: forget the stale stamps once
      for (const stamps of [this.idIn, this.pairIn, this.prefixCheckedIn]) stamps.fill(0);
      this.stamp = 1;
    }
    const tokens = (this.folded = streams.folded);
    const infos = streams.infos;
    this.exact = streams.exact;
    const length = (this.length = tokens.length);
    if (this.ids.length < length) {
      this.ids = new Int32Array(length * 2);
      this.next = new Int32Array(length * 2);
      this.unknown = new Int32Array(length * 2);
    }
    const { ids, next, first, idIn, pairIn, presentIds, presentPairs, unknown, stamp, vocabulary } = this;
    const wordIds = vocabulary.ids;
    let idCount = 0;
    let pairCount = 0;
    let unknownCount = 0;
    let following = -1;
    // backwards, so each list runs in increasing position order and the following id is known
    for (let i = length - 1; i >= 0; following = ids[i--]!) {
      const id = infos ? vocabulary.idOfToken(infos[i]!) : (wordIds[tokens[i]!] ?? -1);
      ids[i] = id;
      if (id < 0) {
        unknown[unknownCount++] = i;
        continue;
      }
      if (idIn[id] === stamp) next[i] = first[id]!;
      else {
        next[i] = -1;
        idIn[id] = stamp;
        presentIds[idCount++] = id;
      }
      first[id] = i;
      const pair = following < 0 ? -1 : vocabulary.pairOf(id, following);
      if (pair >= 0 && pairIn[pair] !== stamp) {
        pairIn[pair] = stamp;
        presentPairs[pairCount++] = pair;
      }
    }
    this.idCount = idCount;
    this.pairCount = pairCount;
    this.unknownCount = unknownCount;
  }

  /** Whether the stream has an adjacent pair of words. */
  hasPair(pair: number): boolean {
    return this.pairIn[pair] === this.stamp;
  }

  /** The first position of a word, -1 when the stream lacks it. */
  firstOf(id: number): number {
    return this.idIn[id] === this.stamp ? this.first[id]! : -1;
  }

  occurs(term: CompiledTerm): boolean {
    if (term.pair >= 0) {
      if (this.pairIn[term.pair] !== this.stamp) return false;
      if (term.isPair) return true;
    }
    if (term.ids.length === 0) return this.hasPrefix(term);
    for (let p = this.firstOf(term.ids[0]!); p >= 0; p = this.next[p]!) if (this.occursAt(term, p)) return true;
    return false;
  }

  /** Whether the term's words occur in order from `start`. */
  private occursAt(term: CompiledTerm, start: number): boolean {
    if (start + term.length > this.length) return false;
    const { ids, exact, prefix } = term;
    for (let k = 1; k < ids.length; k++) if (this.ids[start + k] !== ids[k]) return false;
    if (exact) for (let k = 0; k < exact.length; k++) if (this.exact[start + k] !== exact[k]) return false;
    return prefix === null || (exact ? this.exact : this.folded)[start + ids.length]!.startsWith(prefix);
  }

  /** Whether some token starts with a one-word prefix term (memoised per document: queries share prefixes). */
  private hasPrefix(term: CompiledTerm): boolean {
    const slot = term.prefixSlot;
    if (this.prefixCheckedIn[slot] !== this.stamp) {
      this.prefixCheckedIn[slot] = this.stamp;
      this.prefixFound[slot] = this.findPrefix(term) ? 1 : 0;
    }
    return this.prefixFound[slot] === 1;
  }

  /**
   * The vocabulary's words with the (folded) prefix, by their positions, then the few words outside the
   * vocabulary: the token strings are read only where they can differ (reading every token again was
   * the cost here).
   */
  private findPrefix(term: CompiledTerm): boolean {
    const prefix = term.prefix!;
    for (const id of term.prefixIds) {
      // accent-exact: the accented token may still differ from the accented prefix
      for (let p = this.firstOf(id); p >= 0; p = this.next[p]!) if (!term.exact || this.exact[p]!.startsWith(prefix)) return true;
    }
    const tokens = term.exact ? this.exact : this.folded;
    for (let k = 0; k < this.unknownCount; k++) if (tokens[this.unknown[k]!]!.startsWith(prefix)) return true;
    return false;
  }

  /**
   * Whether a position of word `left` and another of word `right` are at most `span` apart: both position
   * lists are walked at once, `r` the first right position not too far before the current left one.
   */
  areWithin(left: number, right: number, span: number): boolean {
    let r = this.firstOf(right);
    for (let p = this.firstOf(left); p >= 0 && r >= 0; p = this.next[p]!) {
      while (r >= 0 && r < p - span) r = this.next[r]!;
      // one word NEAR itself needs two occurrences
      for (let q = r; q >= 0 && q <= p + span; q = this.next[q]!) if (q !== p) return true;
    }
    return false;
  }

  /** Writes the term's start positions, in increasing order, to `out` (as long as the stream); returns their count. */
  starts(term: CompiledTerm, out: Int32Array): number {
    let count = 0;
    if (term.ids.length === 0) {
      const tokens = term.exact ? this.exact : this.folded;
      for (let p = 0; p < this.length; p++) if (tokens[p]!.startsWith(term.prefix!)) out[count++] = p;
      return count;
    }
    if (term.pair >= 0 && this.pairIn[term.pair] !== this.stamp) return 0;
    for (let p = this.firstOf(term.ids[0]!); p >= 0; p = this.next[p]!) if (this.occursAt(term, p)) out[count++] = p;
    return count;
  }
}
