import type { FilterNode, NearNode, QueryNode, TermNode } from './parse';
import { wholeWords, type Vocabulary } from './vocabulary';

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
export function cheapestFirst(node: QueryNode): QueryNode {
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
export function termsOf(node: QueryNode): TermNode[] {
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

/**
 * A term of one query, its words as vocabulary ids. Occurrences are found by the folded words in both
 * modes: an accented word occurs only where its folded form does (the streams are aligned by position),
 * and accent-exact terms then compare the accented tokens there.
 */
export interface CompiledTerm {
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
export interface CompiledNode {
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
  return {
    type,
    children: fields.children ?? [],
    term: fields.term ?? null,
    right: fields.right ?? null,
    near: fields.near ?? null,
    filter: fields.filter ?? null,
  };
}

const NO_IDS = new Int32Array(0);

/** Queries (their ASTs, already `cheapestFirst`) compiled over the vocabulary, in the order given. */
export interface CompiledQueries {
  nodes: CompiledNode[];
  /** memo slots of the distinct prefixes (per mode): see `CompiledTerm.prefixSlot` */
  prefixSlotCount: number;
}

/** Compiles each query in the mode it asks for (`isAccentExact[number]`); every word of its terms must be in the vocabulary. */
export function compileQueries(
  asts: readonly QueryNode[],
  isAccentExact: readonly boolean[],
  words: Vocabulary,
): CompiledQueries {
  const prefixSlots = new Map<string, number>();
  const prefixIdsOf = new Map<string, Int32Array>();
  const compileTerm = (term: TermNode, isExact: boolean): CompiledTerm => {
    const ids = wholeWords(term).map((word) => words.idOf(word));
    const pair = ids.length >= 2 ? words.pairOf(ids[0]!, ids[1]!) : -1;
    const prefix = term.isPrefix ? (isExact ? term.exact : term.folded)[ids.length]! : null;
    const slotKey = `${isExact ? 'exact' : 'folded'} ${prefix}`;
    const foldedPrefix = term.folded[ids.length];
    const prefixIds = term.isPrefix
      ? (prefixIdsOf.get(foldedPrefix!) ??
        prefixIdsOf
          .set(foldedPrefix!, Int32Array.from(words.words.flatMap((word, id) => (word.startsWith(foldedPrefix!) ? [id] : []))))
          .get(foldedPrefix!)!)
      : NO_IDS;
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
        return compiledNode('near', {
          term: compileTerm(node.left, isExact),
          right: compileTerm(node.right, isExact),
          near: node,
        });
      case 'filter':
        return compiledNode('filter', { filter: node });
      case 'not':
        return compiledNode('not', { children: [compile(node.child, isExact)] });
      case 'and':
      case 'or':
        return compiledNode(node.type, { children: node.children.map((child) => compile(child, isExact)) });
    }
  };
  return { nodes: asts.map((ast, number) => compile(ast, isAccentExact[number]!)), prefixSlotCount: prefixSlots.size };
}
