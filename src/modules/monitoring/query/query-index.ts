import type { QueryNode } from './parse';
import { DocumentIndex, matchQuery, type MatchableDocument } from './match';

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

/** A query with its position in the list the index was built from, and the last `match` call that listed it. */
type OrderedQuery = IndexedQuery & { ordinal: number; listedIn: number };

/**
 * Matches documents against thousands of saved queries: an inverted index from anchor tokens (and
 * prefixes) to queries selects the few candidate queries a document can satisfy; only those are evaluated.
 */
export class QueryIndex {
  private readonly byWord = new Map<string, OrderedQuery[]>();
  private readonly byPrefix = new Map<string, OrderedQuery[]>();
  /** first word → second word → queries anchored on that adjacent pair */
  private readonly byBigram = new Map<string, Map<string, OrderedQuery[]>>();
  private readonly prefixLengths = new Set<number>();
  /** first two characters of every prefix anchor, as c0 * 65536 + c1 */
  private readonly prefixStarts = new Set<number>();
  /** a prefix anchor of one character (possible only when folding removed a combining mark): no filter */
  private hasShortPrefix = false;
  private readonly unanchored: OrderedQuery[] = [];
  /** Number of the current `match` call: a query is a candidate once per call (a stamp instead of a Set). */
  private call = 0;
  readonly size: number;

  constructor(queries: readonly IndexedQuery[]) {
    this.size = queries.length;
    for (const [ordinal, original] of queries.entries()) {
      const query = { ...original, ast: cheapestFirst(original.ast), ordinal, listedIn: 0 };
      const anchors = anchorsOf(query.ast);
      if (!anchors) {
        this.unanchored.push(query);
        continue;
      }
      for (const word of anchors.words) (this.byWord.get(word) ?? this.byWord.set(word, []).get(word)!).push(query);
      for (const bigram of anchors.bigrams) {
        const space = bigram.indexOf(' ');
        const first = bigram.slice(0, space);
        const second = bigram.slice(space + 1);
        let seconds = this.byBigram.get(first);
        if (!seconds) this.byBigram.set(first, (seconds = new Map<string, OrderedQuery[]>()));
        (seconds.get(second) ?? seconds.set(second, []).get(second)!).push(query);
      }
      for (const prefix of anchors.prefixes) {
        (this.byPrefix.get(prefix) ?? this.byPrefix.set(prefix, []).get(prefix)!).push(query);
        this.prefixLengths.add(prefix.length);
        if (prefix.length < 2) this.hasShortPrefix = true;
        else this.prefixStarts.add(prefix.charCodeAt(0) * 0x10000 + prefix.charCodeAt(1));
      }
    }
  }

  /** Ids of the queries that match the document, in the order the queries were given to the index. */
  match(document: MatchableDocument): string[] {
    const call = ++this.call;
    const candidates: OrderedQuery[] = [];
    const add = (queries: readonly OrderedQuery[]) => {
      for (const query of queries) {
        if (query.listedIn === call) continue;
        query.listedIn = call;
        candidates.push(query);
      }
    };
    add(this.unanchored);
    // The distinct folded tokens come from the document's token → positions maps, which evaluation reuses.
    const index = new DocumentIndex(document);
    const titleTokens = index.positions('title', false);
    const visit = (token: string) => {
      const hits = this.byWord.get(token);
      if (hits) add(hits);
      // most tokens start with two characters no prefix starts with: no slice for them
      if (!this.hasShortPrefix && (token.length < 2 || !this.prefixStarts.has(token.charCodeAt(0) * 0x10000 + token.charCodeAt(1)))) return;
      for (const length of this.prefixLengths) {
        if (token.length < length) continue;
        const prefixHits = this.byPrefix.get(token.slice(0, length));
        if (prefixHits) add(prefixHits);
      }
    };
    for (const token of titleTokens.keys()) visit(token);
    for (const token of index.positions('body', false).keys()) if (!titleTokens.has(token)) visit(token);
    if (this.byBigram.size > 0) {
      for (const tokens of [document.title.folded, document.body.folded]) {
        for (let i = 0; i + 1 < tokens.length; i++) {
          const hits = this.byBigram.get(tokens[i]!)?.get(tokens[i + 1]!);
          if (hits) add(hits);
        }
      }
    }
    if (candidates.length === 0) return [];
    const matched: OrderedQuery[] = [];
    for (const query of candidates) if (matchQuery(query.ast, index, query.isAccentExact)) matched.push(query);
    // in the order the queries were given, whatever order the document's tokens found them in
    matched.sort((a, b) => a.ordinal - b.ordinal);
    return matched.map((query) => query.id);
  }
}
