import type { CompiledNode } from './compile-query';
import { matchesFilter, startsAreNear, type MatchableDocument } from './match';
import { StreamPostings } from './stream-postings';
import type { Vocabulary } from './vocabulary';

/*
 * How a query is evaluated: by its compiled tree (0), or, for the two commonest shapes, from two typed
 * arrays (`kinds`, `operands`) without reading the tree, which the rest of a document's processing has usually
 * evicted from the cache by the time the document is matched.
 */
/** a folded two-word phrase in title or body; operand: the pair */
const PAIR = 1;
/** two folded words NEAR each other in title or body; operands: the words and distance + 1 */
const WORDS_NEAR = 2;

/** The current document's title and body, and the evaluation of the compiled queries on them. */
export class DocumentPostings {
  readonly title: StreamPostings;
  readonly body: StreamPostings;
  document: MatchableDocument | null = null;
  private leftStarts = new Int32Array(512);
  private rightStarts = new Int32Array(512);
  /** the compiled trees, by query number */
  private readonly nodes: readonly CompiledNode[];
  /** per query: PAIR, WORDS_NEAR or 0 (its compiled tree), and three operands from `operands[3 * number]` */
  private readonly kinds: Uint8Array;
  private readonly operands: Int32Array;

  constructor(vocabulary: Vocabulary, nodes: readonly CompiledNode[], prefixSlotCount: number) {
    this.title = new StreamPostings(vocabulary, prefixSlotCount);
    this.body = new StreamPostings(vocabulary, prefixSlotCount);
    this.nodes = nodes;
    this.kinds = new Uint8Array(nodes.length);
    this.operands = new Int32Array(nodes.length * 3);
    nodes.forEach((node, number) => {
      const { term, right } = node;
      if (node.type === 'term' && term!.isPair && !term!.isTitleOnly) {
        this.kinds[number] = PAIR;
        this.operands[number * 3] = term!.pair;
      } else if (node.type === 'near' && term!.isWord && right!.isWord && !term!.isTitleOnly && !right!.isTitleOnly) {
        this.kinds[number] = WORDS_NEAR;
        this.operands.set([term!.ids[0]!, right!.ids[0]!, node.near!.distance + 1], number * 3);
      }
    });
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

  /** Whether the loaded document matches query `number`. */
  matches(number: number): boolean {
    const { title, body, operands } = this;
    switch (this.kinds[number]) {
      case PAIR:
        return title.hasPair(operands[number * 3]!) || body.hasPair(operands[number * 3]!);
      case WORDS_NEAR: {
        const left = operands[number * 3]!;
        const right = operands[number * 3 + 1]!;
        const span = operands[number * 3 + 2]!;
        return title.areWithin(left, right, span) || body.areWithin(left, right, span);
      }
      default:
        return this.evaluate(this.nodes[number]!);
    }
  }

  /** The semantics of `matchQuery` (see match.ts), on ids. */
  private evaluate(node: CompiledNode): boolean {
    switch (node.type) {
      case 'term': {
        const term = node.term!;
        return this.title.occurs(term) || (!term.isTitleOnly && this.body.occurs(term));
      }
      case 'near':
        return (
          this.isNear(node, this.title) || (!node.term!.isTitleOnly && !node.right!.isTitleOnly && this.isNear(node, this.body))
        );
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
