import type { FilterNode, NearNode, QueryNode, TermNode } from './parse';
import { matchesFilter, startsAreNear, type MatchableDocument } from './match';
import type { TokenStreams } from '../text-features';

/** A saved query ready for stream matching. */
export interface IndexedQuery {
  id: string;
  ast: QueryNode;
  isAccentExact: boolean;
}

/** Words, prefixes and adjacent word pairs ("a b", from phrases) of which a matching document has at least one. */
type Anchors = { words: Set<string>; prefixes: Set<string>; bigrams: Set<string> } | null;

// The most frequent folded syllables of Vietnamese news (VNTC): poor anchors, since almost every document has them.
const COMMON_SYLLABLES = new Set(
  'va cua la cac co duoc trong cho nhung khong mot nguoi nay da voi cung nhu de den khi se tu thi ra ve nam tai o bi viec theo con lai nen vao hon nhieu dong ngay nuoc cong viet chi dan hoc toi anh ong ba em minh lam di len sau truoc tren duoi moi nhat'.split(' '),
);

/** The token of a word or phrase most likely to be rare: not a common syllable, then the longest. */
function bestAnchorToken(tokens: readonly string[], lastIsPrefix: boolean): string | null {
  let best: string | null = null;
  let bestScore = -1;
  tokens.forEach((token, index) => {
    if (lastIsPrefix && index === tokens.length - 1) return;
    const score = (COMMON_SYLLABLES.has(token) ? 0 : 100) + token.length;
    if (score > bestScore) {
      best = token;
      bestScore = score;
    }
  });
  return best;
}

/** The adjacent pair of a phrase most likely to be rare (as `bestAnchorToken`), as "a b"; null for prefix phrases. */
function bestAnchorBigram(tokens: readonly string[], lastIsPrefix: boolean): string | null {
  if (lastIsPrefix || tokens.length < 2) return null;
  let best: string | null = null;
  let bestScore = -1;
  for (let k = 0; k + 1 < tokens.length; k++) {
    const score = (COMMON_SYLLABLES.has(tokens[k]!) ? 0 : 100) + (COMMON_SYLLABLES.has(tokens[k + 1]!) ? 0 : 100) + tokens[k]!.length + tokens[k + 1]!.length;
    if (score > bestScore) {
      best = `${tokens[k]!} ${tokens[k + 1]!}`;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Tokens of which at least one must occur in any document the query matches; null when no such set exists
 * (a NOT-only branch or a pure filter), in which case the query is evaluated on every document.
 */
function anchorsOf(node: QueryNode): Anchors {
  switch (node.type) {
    case 'term': {
      // Every adjacent pair of a phrase occurs in a document that has the phrase: one pair stands for it.
      const bigram = bestAnchorBigram(node.folded, node.isPrefix);
      if (bigram) return { words: new Set(), prefixes: new Set(), bigrams: new Set([bigram]) };
      // Every token of a phrase must occur, so any one of them can stand for the phrase.
      const word = bestAnchorToken(node.folded, node.isPrefix);
      return word ? { words: new Set([word]), prefixes: new Set(), bigrams: new Set() } : { words: new Set(), prefixes: new Set([node.folded[0]!]), bigrams: new Set() };
    }
    case 'near': {
      const left = anchorsOf(node.left);
      const right = anchorsOf(node.right);
      const isCommon = (anchors: Anchors) => !anchors || (anchors.bigrams.size === 0 && [...anchors.words].every((word) => COMMON_SYLLABLES.has(word)));
      return isCommon(left) && !isCommon(right) ? right : left;
    }
    case 'and': {
      // Any one child's anchors will do: take the most selective (word pairs and rare words over prefixes and common words).
      let best: Anchors = null;
      let bestCost = Infinity;
      for (const child of node.children) {
        const anchors = anchorsOf(child);
        if (!anchors) continue;
        let cost = anchors.prefixes.size * 50 + anchors.bigrams.size * 0.5;
        for (const word of anchors.words) cost += COMMON_SYLLABLES.has(word) ? 20 : 1;
        if (cost < bestCost) {
          best = anchors;
          bestCost = cost;
        }
      }
      return best;
    }
    case 'or': {
      const union = { words: new Set<string>(), prefixes: new Set<string>(), bigrams: new Set<string>() };
      for (const child of node.children) {
        const anchors = anchorsOf(child);
        if (!anchors) return null;
        for (const word of anchors.words) union.words.add(word);
        for (const prefix of anchors.prefixes) union.prefixes.add(prefix);
        for (const bigram of anchors.bigrams) union.bigrams.add(bigram);
      }
      return union;
    }
    default:
      return null;
  }
}

/** Rough relative cost of evaluating a node on a document (prefix scans and NEAR are the expensive ones). */
function costOf(node: QueryNode): number {
  switch (node.type) {
    case 'filter':
      return 0;
    case 'term':
      return node.isPrefix ? 8 : node.folded.length;
    case 'near':
      return 10 + costOf(node.left) + costOf(node.right);
    case 'not':
      return costOf(node.child);
    case 'and':
    case 'or':
      return node.children.reduce((sum, child) => sum + costOf(child), 0);
  }
}

/**
 * The same query with the children of every AND and OR in increasing cost order: evaluation has no side
 * effects, so the result is unchanged, but `every`/`some` stop before the expensive children more often.
 */
function cheapestFirst(node: QueryNode): QueryNode {
  switch (node.type) {
    case 'and':
    case 'or': {
      const children = node.children.map(cheapestFirst).map((child) => ({ child, cost: costOf(child) }));
      children.sort((a, b) => a.cost - b.cost);
      return { type: node.type, children: children.map(({ child }) => child) };
    }
    case 'not':
      return { type: 'not', child: cheapestFirst(node.child) };
    default:
      return node;
  }
}

/** The term nodes of a query. */
function termsOf(node: QueryNode): TermNode[] {
  switch (node.type) {
    case 'term':
      return [node];
    case 'near':
      return [node.left, node.right];
    case 'filter':
      return [];
    case 'not':
      return termsOf(node.child);
    case 'and':
    case 'or':
      return node.children.flatMap(termsOf);
  }
}

/** The words of a term before a final prefix (all of them without one). */
const wholeWords = (term: TermNode) => (term.isPrefix ? term.folded.slice(0, -1) : term.folded);

/**
 * The folded words of the queries' terms, and their adjacent pairs, as small integers: a document's streams
 * become id arrays (one lookup per token), and everything after (anchors, phrases, NEAR) compares numbers.
 */
class Vocabulary {
  /**
   * A null-prototype object rather than a Map: V8 internalizes a string the first time it is used as a
   * property key, and the interned tokens of `tokenizeForMatching` come back document after document, so
   * a lookup is then a pointer comparison (about half the time of `Map.get` on VNTC articles).
   */
  readonly ids: Record<string, number> = Object.create(null) as Record<string, number>;
  /** the words by id */
  readonly words: string[] = [];
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
    for (const term of terms) for (const word of wholeWords(term)) if (this.ids[word] === undefined) this.ids[word] = this.words.push(word) - 1;
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
        while (this.pairFirst[slot] !== -1 && !(this.pairFirst[slot] === first && this.pairSecond[slot] === second)) slot = (slot + 1) & this.pairMask;
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

/**
 * A term of one query, its words as vocabulary ids. Occurrences are found by the folded words in both
 * modes: an accented word occurs only where its folded form does (the streams are aligned by position),
 * and accent-exact terms then compare the accented tokens there.
 */
interface CompiledTerm {
  /** folded ids of the whole words (a final prefix excluded) */
  ids: number[];
  /** the pair of the first two whole words, -1 with fewer: a phrase occurs only where that pair does */
  pair: number;
  /** the term is that pair, folded: its presence decides */
  isPair: boolean;
  /** the term is one folded word */
  isWord: boolean;
  /** accent-exact mode: the accented whole words */
  exact: string[] | null;
  /** the last word when it is a prefix (`hoc*`), accented in accent-exact mode */
  prefix: string | null;
  /** memo slot of the prefix (per mode and prefix), -1 without a prefix */
  prefixSlot: number;
  /** the vocabulary's words that start with the prefix, folded */
  prefixIds: Int32Array;
  /** words in the term, the prefix included */
  length: number;
  isTitleOnly: boolean;
}

/**
 * A query node ready for evaluation, in one shape for every type (unused fields empty): the evaluator reads
 * the same properties of every node, so V8 keeps those reads monomorphic (five shapes made them megamorphic).
 */
interface CompiledNode {
  type: QueryNode['type'];
  /** and, or: the children; not: its one child */
  children: CompiledNode[];
  /** term: the term; near: the left term */
  term: CompiledTerm | null;
  /** near: the right term */
  right: CompiledTerm | null;
  near: NearNode | null;
  filter: FilterNode | null;
}

function compiledNode(type: QueryNode['type'], fields: Partial<Omit<CompiledNode, 'type'>>): CompiledNode {
  return { type, children: fields.children ?? [], term: fields.term ?? null, right: fields.right ?? null, near: fields.near ?? null, filter: fields.filter ?? null };
}

/**
 * One token stream (title or body) of the current document as vocabulary ids: the positions of each id as a
 * linked list through `next`, the distinct ids and word pairs present. The arrays are reused from document to
 * document: a stamp marks what the current one has, so nothing is cleared or allocated per document.
 */
class StreamPostings {
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
      const id = wordIds[tokens[i]!] ?? -1;
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

const NO_IDS = new Int32Array(0);

/** The current document's title and body, and the query evaluation on them. */
class DocumentPostings {
  readonly title: StreamPostings;
  readonly body: StreamPostings;
  document: MatchableDocument | null = null;
  private leftStarts = new Int32Array(512);
  private rightStarts = new Int32Array(512);

  constructor(vocabulary: Vocabulary, prefixCount: number) {
    this.title = new StreamPostings(vocabulary, prefixCount);
    this.body = new StreamPostings(vocabulary, prefixCount);
  }

  load(document: MatchableDocument): void {
    this.document = document;
    this.title.load(document.title);
    this.body.load(document.body);
    const longest = Math.max(this.title.length, this.body.length);
    if (this.leftStarts.length < longest) {
      this.leftStarts = new Int32Array(longest * 2);
      this.rightStarts = new Int32Array(longest * 2);
    }
  }

  /** The semantics of `matchQuery` (see match.ts), on ids. */
  evaluate(node: CompiledNode): boolean {
    switch (node.type) {
      case 'term': {
        const term = node.term!;
        return this.title.occurs(term) || (!term.isTitleOnly && this.body.occurs(term));
      }
      case 'near':
        return this.isNear(node, this.title) || (!node.term!.isTitleOnly && !node.right!.isTitleOnly && this.isNear(node, this.body));
      case 'and':
        for (const child of node.children) if (!this.evaluate(child)) return false;
        return true;
      case 'or':
        for (const child of node.children) if (this.evaluate(child)) return true;
        return false;
      case 'not':
        return !this.evaluate(node.children[0]!);
      case 'filter':
        return matchesFilter(node.filter!, this.document!);
    }
  }

  private isNear(node: CompiledNode, stream: StreamPostings): boolean {
    const left = node.term!;
    const right = node.right!;
    // two folded words (most NEAR queries): at most `distance` words between them is at most distance + 1 apart
    if (left.isWord && right.isWord) return stream.areWithin(left.ids[0]!, right.ids[0]!, node.near!.distance + 1);
    const leftCount = stream.starts(node.term!, this.leftStarts);
    if (leftCount === 0) return false;
    const rightCount = stream.starts(node.right!, this.rightStarts);
    return startsAreNear(this.leftStarts, leftCount, this.rightStarts, rightCount, node.near!);
  }
}

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

/*
 * How a query is evaluated: by its compiled tree (0), or, for the two commonest shapes, from the typed
 * arrays of the index without reading the tree, which the rest of a document's processing has usually
 * evicted from the cache by the time the document is matched.
 */
/** a folded two-word phrase in title or body; operand: the pair */
const PAIR = 1;
/** two folded words NEAR each other in title or body; operands: the words and distance + 1 */
const WORDS_NEAR = 2;

/**
 * Matches documents against thousands of saved queries: an inverted index from anchor words, word pairs
 * (and prefixes) to queries selects the few candidate queries a document can satisfy; only those are
 * evaluated, on the document's streams as vocabulary ids. Queries are numbered in the order given.
 */
export class QueryIndex {
  private readonly vocabulary: Vocabulary;
  private readonly ids: string[];
  private readonly compiled: CompiledNode[];
  /** per query: PAIR, WORDS_NEAR or 0 (its compiled tree), and three operands from `operands[3 * number]` */
  private readonly kinds: Uint8Array;
  private readonly operands: Int32Array;
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
  private readonly postings: DocumentPostings;
  /** Number of the current `match` call: a query is a candidate once per call (a stamp instead of a Set). */
  private call = 0;
  private readonly listedIn: Uint32Array;
  private readonly candidates: Int32Array;
  private candidateCount = 0;
  readonly size: number;

  constructor(queries: readonly IndexedQuery[]) {
    this.size = queries.length;
    const asts = queries.map((query) => cheapestFirst(query.ast));
    const words = (this.vocabulary = new Vocabulary(asts.flatMap(termsOf)));
    const prefixSlots = new Map<string, number>();
    const prefixIdsOf = new Map<string, Int32Array>();
    const compileTerm = (term: TermNode, isExact: boolean): CompiledTerm => {
      const ids = wholeWords(term).map((word) => words.idOf(word));
      const pair = ids.length >= 2 ? words.pairOf(ids[0]!, ids[1]!) : -1;
      const prefix = term.isPrefix ? (isExact ? term.exact : term.folded)[ids.length]! : null;
      const slotKey = `${isExact ? 'exact' : 'folded'} ${prefix}`;
      const foldedPrefix = term.folded[ids.length];
      const prefixIds = term.isPrefix ? (prefixIdsOf.get(foldedPrefix!) ?? prefixIdsOf.set(foldedPrefix!, Int32Array.from(words.words.flatMap((word, id) => (word.startsWith(foldedPrefix!) ? [id] : [])))).get(foldedPrefix!)!) : NO_IDS;
      return {
        ids,
        pair,
        isPair: pair >= 0 && term.folded.length === 2 && prefix === null && !isExact,
        isWord: term.folded.length === 1 && prefix === null && !isExact,
        exact: isExact ? term.exact.slice(0, ids.length) : null,
        prefix,
        prefixSlot: prefix === null ? -1 : (prefixSlots.get(slotKey) ?? prefixSlots.set(slotKey, prefixSlots.size).get(slotKey)!),
        prefixIds,
        length: term.folded.length,
        isTitleOnly: term.field === 'title',
      };
    };
    const compile = (node: QueryNode, isExact: boolean): CompiledNode => {
      switch (node.type) {
        case 'term':
          return compiledNode('term', { term: compileTerm(node, isExact) });
        case 'near':
          return compiledNode('near', { term: compileTerm(node.left, isExact), right: compileTerm(node.right, isExact), near: node });
        case 'filter':
          return compiledNode('filter', { filter: node });
        case 'not':
          return compiledNode('not', { children: [compile(node.child, isExact)] });
        case 'and':
        case 'or':
          return compiledNode(node.type, { children: node.children.map((child) => compile(child, isExact)) });
      }
    };
    this.ids = queries.map((query) => query.id);
    this.compiled = asts.map((ast, number) => compile(ast, queries[number]!.isAccentExact));
    this.kinds = new Uint8Array(queries.length);
    this.operands = new Int32Array(queries.length * 3);
    this.compiled.forEach((node, number) => {
      const { term, right } = node;
      if (node.type === 'term' && term!.isPair && !term!.isTitleOnly) {
        this.kinds[number] = PAIR;
        this.operands[number * 3] = term!.pair;
      } else if (node.type === 'near' && term!.isWord && right!.isWord && !term!.isTitleOnly && !right!.isTitleOnly) {
        this.kinds[number] = WORDS_NEAR;
        this.operands.set([term!.ids[0]!, right!.ids[0]!, node.near!.distance + 1], number * 3);
      }
    });
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
    this.listedIn = new Uint32Array(queries.length);
    this.candidates = new Int32Array(queries.length);
    this.postings = new DocumentPostings(words, prefixSlots.size);
  }

  /** Ids of the queries that match the document, in the order the queries were given to the index. */
  match(document: MatchableDocument): string[] {
    this.call = (this.call + 1) >>> 0;
    if (this.call === 0) {
      // after 2^32 calls: forget the stale stamps once
      this.listedIn.fill(0);
      this.call = 1;
    }
    this.candidateCount = 0;
    for (const number of this.unanchored) this.list(number);
    const { postings, byWord, byPair } = this;
    postings.load(document);
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
    const candidates = this.candidates.subarray(0, this.candidateCount).sort();
    const { title, body } = postings;
    const { kinds, operands } = this;
    const matched: string[] = [];
    for (const number of candidates) {
      let isMatch: boolean;
      switch (kinds[number]) {
        case PAIR:
          isMatch = title.hasPair(operands[number * 3]!) || body.hasPair(operands[number * 3]!);
          break;
        case WORDS_NEAR: {
          const left = operands[number * 3]!;
          const right = operands[number * 3 + 1]!;
          const span = operands[number * 3 + 2]!;
          isMatch = title.areWithin(left, right, span) || body.areWithin(left, right, span);
          break;
        }
        default:
          isMatch = postings.evaluate(this.compiled[number]!);
      }
      if (isMatch) matched.push(this.ids[number]!);
    }
    return matched;
  }

  /** Makes a query a candidate of the current call (once). */
  private list(number: number): void {
    if (this.listedIn[number] === this.call) return;
    this.listedIn[number] = this.call;
    this.candidates[this.candidateCount++] = number;
  }

  private listPrefixAnchored(token: string): void {
    // most tokens start with two characters no prefix starts with: no slice for them
    if (!this.hasShortPrefix && (token.length < 2 || !this.prefixStarts.has(token.charCodeAt(0) * 0x10000 + token.charCodeAt(1)))) return;
    for (const length of this.prefixLengths) {
      if (token.length < length) continue;
      for (const number of this.byPrefix.get(token.slice(0, length)) ?? []) this.list(number);
    }
  }
}
