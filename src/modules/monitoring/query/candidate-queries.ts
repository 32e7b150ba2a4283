import type { DocumentPostings } from './document-postings';
import type { QueryNode } from './parse';
import { anchorsOf } from './query-anchors';
import type { Vocabulary } from './vocabulary';

/**
 * Lists of query numbers by key (word id, pair number) in two typed arrays: the list of key k is
 * `queries[offsets[k]]` up to `queries[offsets[k + 1]]`.
 */
class QueryLists {
  readonly offsets: Int32Array;
  readonly queries: Int32Array;
  constructor(lists: readonly (readonly number[] | undefined)[], keyCount: number) {
    this.offsets = new Int32Array(keyCount + 1);
    for (let key = 0; key < keyCount; key++) this.offsets[key + 1] = this.offsets[key]! + (lists[key]?.length ?? 0);
    this.queries = Int32Array.from(lists.flatMap((list) => list ?? []));
  }
}

/**
 * An inverted index from anchor words, word pairs (and prefixes) to queries: selects the few candidate
 * queries a document can satisfy. Queries are numbered in the order given.
 */
export class CandidateQueries {
  /** queries anchored on a word, by the word's id */
  private readonly byWord: QueryLists;
  /** queries anchored on an adjacent pair of words, by the pair's number */
  private readonly byPair: QueryLists;
  private readonly byPrefix = new Map<string, number[]>();
  private readonly prefixLengths = new Set<number>();
  /** first two characters of every prefix anchor, as c0 * 65536 + c1 */
  private readonly prefixStarts = new Set<number>();
  /** a prefix anchor of one character (possible only when folding removed a combining mark): no filter */
  private hasShortPrefix = false;
  private readonly unanchored: number[] = [];
  /** Number of the current `select` call: a query is a candidate once per call (a stamp instead of a Set). */
  private call = 0;
  private readonly listedIn: Uint32Array;
  private readonly candidates: Int32Array;
  private candidateCount = 0;

  /** `asts` as compiled (`cheapestFirst`); every word of their terms is in the vocabulary. */
  constructor(asts: readonly QueryNode[], words: Vocabulary) {
    const byWord: number[][] = [];
    const byPair: number[][] = [];
    asts.forEach((ast, number) => {
      const anchors = anchorsOf(ast);
      if (!anchors) {
        this.unanchored.push(number);
        return;
      }
      // anchor words and pairs are whole words of the query's terms: all in the vocabulary
      for (const word of anchors.words) (byWord[words.idOf(word)] ??= []).push(number);
      for (const bigram of anchors.bigrams) {
        const [first, second] = bigram.split(' ').map((word) => words.idOf(word));
        (byPair[words.pairOf(first!, second!)] ??= []).push(number);
      }
      for (const prefix of anchors.prefixes) {
        (this.byPrefix.get(prefix) ?? this.byPrefix.set(prefix, []).get(prefix)!).push(number);
        this.prefixLengths.add(prefix.length);
        if (prefix.length < 2) this.hasShortPrefix = true;
        else this.prefixStarts.add(prefix.charCodeAt(0) * 0x10000 + prefix.charCodeAt(1));
      }
    });
    this.byWord = new QueryLists(byWord, words.size);
    this.byPair = new QueryLists(byPair, words.pairCount);
    this.listedIn = new Uint32Array(asts.length);
    this.candidates = new Int32Array(asts.length);
  }

  /**
   * The numbers of the queries the loaded document can satisfy, in increasing order: a view of an array
   * reused by the next call.
   */
  select(postings: DocumentPostings): Int32Array {
    this.call = (this.call + 1) >>> 0;
    if (this.call === 0) {
      // after 2^32 calls: forget the stale stamps once
      this.listedIn.fill(0);
      this.call = 1;
    }
    this.candidateCount = 0;
    for (const number of this.unanchored) this.list(number);
    const { byWord, byPair } = this;
    for (const stream of [postings.title, postings.body]) {
      for (let k = 0; k < stream.idCount; k++) {
        const id = stream.presentIds[k]!;
        for (let q = byWord.offsets[id]!; q < byWord.offsets[id + 1]!; q++) this.list(byWord.queries[q]!);
      }
      for (let k = 0; k < stream.pairCount; k++) {
        const pair = stream.presentPairs[k]!;
        for (let q = byPair.offsets[pair]!; q < byPair.offsets[pair + 1]!; q++) this.list(byPair.queries[q]!);
      }
      if (this.byPrefix.size > 0) for (const token of stream.folded) this.listPrefixAnchored(token);
    }
    // in the order the queries were given, whatever order the document's tokens found them in
    return this.candidates.subarray(0, this.candidateCount).sort();
  }

  /** Makes a query a candidate of the current call (once). */
  private list(number: number): void {
    if (this.listedIn[number] === this.call) return;
    this.listedIn[number] = this.call;
    this.candidates[this.candidateCount++] = number;
  }

  private listPrefixAnchored(token: string): void {
    // most tokens start with two characters no prefix starts with: no slice for them
    if (!this.hasShortPrefix && (token.length < 2 || !this.prefixStarts.has(token.charCodeAt(0) * 0x10000 + token.charCodeAt(1))))
      return;
    for (const length of this.prefixLengths) {
      if (token.length < length) continue;
      for (const number of this.byPrefix.get(token.slice(0, length)) ?? []) this.list(number);
    }
  }
}
