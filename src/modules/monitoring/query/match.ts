import type { FilterNode, NearNode, QueryNode, TermNode } from './parse';
import type { TokenStreams } from '../text-features';

/** The parts of a processed document a query can look at. */
export interface MatchableDocument {
  title: TokenStreams;
  body: TokenStreams;
  lang: string;
  sentiment: string | null;
  /** folded topic label, tokens joined by spaces */
  topicKey: string;
  sourceKey: string;
  kind: string;
}

/** Lazily built token → positions maps of one document, shared by every query evaluated on it. */
export class DocumentIndex {
  // one map per stream and form, in fields: a lookup per term evaluated must not build a key string
  private titleFolded: Map<string, number[]> | undefined;
  private titleExact: Map<string, number[]> | undefined;
  private bodyFolded: Map<string, number[]> | undefined;
  private bodyExact: Map<string, number[]> | undefined;
  private readonly prefixHits = new Map<string, number[]>();
  private readonly hasPrefixHits = new Map<string, boolean>();
  constructor(readonly document: MatchableDocument) {}

  /** Sorted positions of the tokens starting with `prefix` (memoised: several queries share prefixes). */
  prefixPositions(stream: 'title' | 'body', isExact: boolean, prefix: string): number[] {
    const key = `${stream}:${isExact ? 'e' : 'f'}:${prefix}`;
    let positions = this.prefixHits.get(key);
    if (!positions) {
      positions = [];
      for (const [token, list] of this.positions(stream, isExact)) if (token.startsWith(prefix)) positions.push(...list);
      positions.sort((a, b) => a - b);
      this.prefixHits.set(key, positions);
    }
    return positions;
  }

  /** True when some token of the stream starts with `prefix` (one pass over the distinct tokens, memoised). */
  hasPrefix(stream: 'title' | 'body', isExact: boolean, prefix: string): boolean {
    const key = `${stream}:${isExact ? 'e' : 'f'}:${prefix}`;
    let found = this.hasPrefixHits.get(key);
    if (found === undefined) {
      found = false;
      for (const token of this.positions(stream, isExact).keys()) {
        if (token.startsWith(prefix)) {
          found = true;
          break;
        }
      }
      this.hasPrefixHits.set(key, found);
    }
    return found;
  }

  positions(stream: 'title' | 'body', isExact: boolean): Map<string, number[]> {
    if (stream === 'title') {
      if (isExact) return (this.titleExact ??= positionsOf(this.document.title.exact));
      return (this.titleFolded ??= positionsOf(this.document.title.folded));
    }
    if (isExact) return (this.bodyExact ??= positionsOf(this.document.body.exact));
    return (this.bodyFolded ??= positionsOf(this.document.body.folded));
  }
}

function positionsOf(tokens: readonly string[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (let i = 0; i < tokens.length; i++) {
    const list = map.get(tokens[i]!);
    if (list) list.push(i);
    else map.set(tokens[i]!, [i]);
  }
  return map;
}

/** Start positions of a term (word, phrase or prefix) in one token stream. */
function termStarts(term: TermNode, index: DocumentIndex, stream: 'title' | 'body', isExact: boolean): number[] {
  const wanted = isExact ? term.exact : term.folded;
  const tokens = index.document[stream][isExact ? 'exact' : 'folded'];
  const map = index.positions(stream, isExact);
  const last = wanted.length - 1;
  if (term.isPrefix && last === 0) return index.prefixPositions(stream, isExact, wanted[0]!);
  const firstPositions = map.get(wanted[0]!) ?? [];
  if (last === 0) return firstPositions;
  const starts: number[] = [];
  for (const start of firstPositions) {
    let isMatch = true;
    for (let k = 1; k <= last && isMatch; k++) {
      const token = tokens[start + k];
      isMatch = token !== undefined && (term.isPrefix && k === last ? token.startsWith(wanted[k]!) : token === wanted[k]);
    }
    if (isMatch) starts.push(start);
  }
  return starts;
}

/** Whether a term occurs in one token stream: `termStarts(…).length > 0` without collecting every start. */
function termInStream(term: TermNode, index: DocumentIndex, stream: 'title' | 'body', isExact: boolean): boolean {
  const wanted = isExact ? term.exact : term.folded;
  const last = wanted.length - 1;
  if (last === 0)
    return term.isPrefix ? index.hasPrefix(stream, isExact, wanted[0]!) : index.positions(stream, isExact).has(wanted[0]!);
  const firstPositions = index.positions(stream, isExact).get(wanted[0]!);
  if (!firstPositions) return false;
  const tokens = index.document[stream][isExact ? 'exact' : 'folded'];
  for (const start of firstPositions) {
    let isMatch = true;
    for (let k = 1; k <= last && isMatch; k++) {
      const token = tokens[start + k];
      isMatch = token !== undefined && (term.isPrefix && k === last ? token.startsWith(wanted[k]!) : token === wanted[k]);
    }
    if (isMatch) return true;
  }
  return false;
}

function termOccurs(term: TermNode, index: DocumentIndex, isExact: boolean): boolean {
  if (termInStream(term, index, 'title', isExact)) return true;
  return term.field === 'any' && termInStream(term, index, 'body', isExact);
}

function nearOccurs(node: Extract<QueryNode, { type: 'near' }>, index: DocumentIndex, isExact: boolean): boolean {
  for (const stream of ['title', 'body'] as const) {
    if (stream === 'body' && (node.left.field === 'title' || node.right.field === 'title')) continue;
    const left = termStarts(node.left, index, stream, isExact);
    if (left.length === 0) continue;
    const right = termStarts(node.right, index, stream, isExact);
    if (startsAreNear(left, left.length, right, right.length, node)) return true;
  }
  return false;
}

/**
 * Whether a start of the left term and one of the right term (sorted positions, the first `count` of each)
 * have at most `node.distance` words between them, in either order: NEAR on one stream.
 */
export function startsAreNear(
  left: ArrayLike<number>,
  leftCount: number,
  right: ArrayLike<number>,
  rightCount: number,
  node: NearNode,
): boolean {
  const leftLength = node.left.folded.length;
  const rightLength = node.right.folded.length;
  // Both lists are sorted: a moving lower bound skips right occurrences too far before the current left one.
  let from = 0;
  for (let i = 0; i < leftCount; i++) {
    const a = left[i]!;
    while (from < rightCount && right[from]! + rightLength + node.distance < a) from++;
    for (let k = from; k < rightCount; k++) {
      const b = right[k]!;
      if (b > a + leftLength + node.distance) break;
      if (b === a) continue;
      // words strictly between the two occurrences (0 when they touch or overlap)
      const gap = b >= a + leftLength ? b - (a + leftLength) : a >= b + rightLength ? a - (b + rightLength) : 0;
      if (gap <= node.distance) return true;
    }
  }
  return false;
}

/**
 * Evaluates a parsed query on a document in memory: the verification step of search, and the definition
 * the stream matcher (`QueryIndex`, on compiled queries) is tested against, so stored matches and search
 * results agree.
 */
export function matchQuery(node: QueryNode, index: DocumentIndex, isExact = false): boolean {
  switch (node.type) {
    case 'term':
      return termOccurs(node, index, isExact);
    case 'near':
      return nearOccurs(node, index, isExact);
    case 'and':
      return node.children.every((child) => matchQuery(child, index, isExact));
    case 'or':
      return node.children.some((child) => matchQuery(child, index, isExact));
    case 'not':
      return !matchQuery(node.child, index, isExact);
    case 'filter':
      return matchesFilter(node, index.document);
  }
}

/** Whether the document has a field value (`lang:vi`, `source:vnexpress`, …). */
export function matchesFilter(node: FilterNode, document: MatchableDocument): boolean {
  switch (node.field) {
    case 'lang':
      return document.lang === node.value;
    case 'sentiment':
      return document.sentiment === node.value;
    case 'kind':
      return document.kind === node.value;
    case 'topic':
      return document.topicKey === node.value;
    case 'source':
      return ` ${document.sourceKey} `.includes(` ${node.value} `) || document.sourceKey.includes(node.value);
  }
}
