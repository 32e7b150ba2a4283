import { CandidateQueries } from './candidate-queries';
import { cheapestFirst, compileQueries, termsOf } from './compile-query';
import { DocumentPostings } from './document-postings';
import type { MatchableDocument } from './match';
import type { QueryNode } from './parse';
import { Vocabulary } from './vocabulary';

/** A saved query ready for stream matching. */
export interface IndexedQuery {
  id: string;
  ast: QueryNode;
  isAccentExact: boolean;
}

/**
 * Matches documents against thousands of saved queries: an inverted index from anchor words, word pairs
 * (and prefixes) to queries selects the few candidate queries a document can satisfy; only those are
 * evaluated, on the document's streams as vocabulary ids. Queries are numbered in the order given.
 *
 * The parts: `Vocabulary` (query words and word pairs as ids), `compileQueries` (the evaluable trees),
 * `CandidateQueries` (the anchor index, anchors chosen by `anchorsOf`), `DocumentPostings` (the current
 * document's positions by id, as `StreamPostings`, and the evaluation).
 */
export class QueryIndex {
  private readonly ids: string[];
  private readonly candidates: CandidateQueries;
  private readonly postings: DocumentPostings;
  readonly size: number;

  constructor(queries: readonly IndexedQuery[]) {
    this.size = queries.length;
    this.ids = queries.map((query) => query.id);
    const asts = queries.map((query) => cheapestFirst(query.ast));
    const vocabulary = new Vocabulary(asts.flatMap(termsOf));
    const compiled = compileQueries(
      asts,
      queries.map((query) => query.isAccentExact),
      vocabulary,
    );
    this.candidates = new CandidateQueries(asts, vocabulary);
    this.postings = new DocumentPostings(vocabulary, compiled.nodes, compiled.prefixSlotCount);
  }

  /** Ids of the queries that match the document, in the order the queries were given to the index. */
  match(document: MatchableDocument): string[] {
    const { postings, ids } = this;
    postings.load(document);
    const matched: string[] = [];
    for (const number of this.candidates.select(postings)) if (postings.matches(number)) matched.push(ids[number]!);
    return matched;
  }
}
