import { sql, type SQL } from 'drizzle-orm';
import type { NearNode, QueryNode, TermNode } from './parse';

/**
 * Compilation of a query into SQL over `monitoring_search s` (positional tsvector of folded lexemes, title
 * weight A, partitioned by month, migration 0202) joined with `monitoring_documents d` (filter columns).
 * Words, phrases (`<->`), prefixes and title terms (`:A`) are decided exactly by the GIN index and the
 * positional recheck; NEAR (spelled out with distance operators) and accent-exact mode (accents are folded in
 * the index) yield a superset that `search.ts` verifies in memory on the candidates' text.
 *
 * Under NOT a superset would turn into a subset, so every node is compiled either as a superset (the
 * default) or, below an odd number of NOTs, as a subset of what it matches: an inexact NEAR or accent-exact
 * term then compiles to `false` (NOT of it to `true`), and the in-memory check decides.
 */
type Bound = 'superset' | 'subset';

const flip = (bound: Bound): Bound => (bound === 'superset' ? 'subset' : 'superset');

/** True when SQL decides the term exactly (accents are folded in the index). */
function isExactTerm(isAccentExact: boolean): boolean {
  return !isAccentExact;
}

/** tsquery text of one term over folded lexemes: phrases with <->, prefix with :*, title terms weighted A. */
function termTsquery(term: TermNode): string {
  const weight = term.field === 'title' ? 'A' : '';
  const last = term.folded.length - 1;
  const words = term.folded.map((token, index) => {
    const isPrefix = term.isPrefix && index === last;
    const suffix = isPrefix || weight ? `:${isPrefix ? '*' : ''}${weight}` : '';
    return `'${token}'${suffix}`;
  });
  return words.length > 1 ? `(${words.join(' <-> ')})` : (words[0] ?? "''");
}

/** Longest NEAR distance spelled out with distance operators (2 × (n + 1) alternatives); longer ones use AND. */
export const MAX_SPELLED_NEAR = 20;

/** Whether two query tokens can be the same document token (a prefix token matches the tokens it starts). */
function isCompatible(a: string, isPrefixA: boolean, b: string, isPrefixB: boolean): boolean {
  if (isPrefixA && isPrefixB) return a.startsWith(b) || b.startsWith(a);
  if (isPrefixA) return b.startsWith(a);
  if (isPrefixB) return a.startsWith(b);
  return a === b;
}

/**
 * Whether an occurrence of `right` can overlap one of `left` without starting at the same position (which
 * NEAR does not count): some shift of one term against the other where every shared position can hold the
 * same document token, e.g. "quoc hoi" and "hoi dong" (shift 1).
 */
function canOverlap(left: TermNode, right: TermNode): boolean {
  const leftTokens = left.folded;
  const rightTokens = right.folded;
  for (let shift = 1 - rightTokens.length; shift < leftTokens.length; shift++) {
    if (shift === 0) continue;
    let isPossible = true;
    for (let i = Math.max(0, shift); i < Math.min(leftTokens.length, shift + rightTokens.length) && isPossible; i++) {
      const j = i - shift;
      isPossible = isCompatible(
        leftTokens[i]!,
        left.isPrefix && i === leftTokens.length - 1,
        rightTokens[j]!,
        right.isPrefix && j === rightTokens.length - 1,
      );
    }
    if (isPossible) return true;
  }
  return false;
}

/** Whether `nearTsquery` spells the NEAR out with distance operators (else it narrows to AND). */
function isSpelledOut(node: NearNode): boolean {
  return node.distance <= MAX_SPELLED_NEAR && !canOverlap(node.left, node.right);
}

/**
 * A superset of `left NEAR/n right` in SQL. `A <k> B` means B starts exactly k positions after A ends, so "at
 * most n words between, either order" is the OR of `A <k> B` and `B <k> A` for k = 1 … n + 1: the positional
 * check then decides the distance instead of every candidate holding both terms anywhere. Not covered, so
 * narrowed to AND instead: overlapping occurrences (`canOverlap`) and distances above MAX_SPELLED_NEAR. A title
 * word next to a body word counts here (positions run on across the two) and is rejected in memory.
 */
function nearTsquery(node: NearNode, form: NearForm): string {
  const left = termTsquery(node.left);
  const right = termTsquery(node.right);
  if (form === 'and' || !isSpelledOut(node)) return `(${left} & ${right})`;
  const alternatives: string[] = [];
  for (let k = 1; k <= node.distance + 1; k++) alternatives.push(`${left} <${k}> ${right}`, `${right} <${k}> ${left}`);
  return `(${alternatives.join(' | ')})`;
}

/** NEAR as distance operators (the narrow superset) or as the AND of its two terms (what GIN can look up). */
type NearForm = 'distance' | 'and';

/**
 * tsquery text for a subtree made only of terms and boolean operators, or null when it holds a field filter
 * or, as a subset, a phrase or NEAR (which SQL cannot bound from below).
 */
function toTsquery(node: QueryNode, bound: Bound, isAccentExact: boolean, form: NearForm): string | null {
  switch (node.type) {
    case 'term':
      return bound === 'superset' || isExactTerm(isAccentExact) ? termTsquery(node) : null;
    case 'near':
      return bound === 'superset' ? nearTsquery(node, form) : null;
    case 'and':
    case 'or': {
      const parts = node.children.map((child) => toTsquery(child, bound, isAccentExact, form));
      if (parts.some((part) => part === null)) return null;
      return `(${parts.join(node.type === 'and' ? ' & ' : ' | ')})`;
    }
    case 'not': {
      const inner = toTsquery(node.child, flip(bound), isAccentExact, form);
      return inner === null ? null : `!${inner}`;
    }
    case 'filter':
      return null;
  }
}

function compile(node: QueryNode, bound: Bound, isAccentExact: boolean): SQL {
  const tsquery = toTsquery(node, bound, isAccentExact, 'and');
  if (tsquery !== null) {
    const withDistances = toTsquery(node, bound, isAccentExact, 'distance');
    if (withDistances === tsquery) return sql`s.lexemes @@ ${tsquery}::tsquery`;
    // NEAR with distance operators: GIN looks up the plain form (a query of a dozen alternatives costs the index
    // scan ~5x more per candidate and gets a wildly high row estimate); the distances are checked only on the
    // rows that pass it. ts_match_vq is the function behind @@, written as a call so that the planner cannot
    // pick it as an index condition.
    return sql`(s.lexemes @@ ${tsquery}::tsquery AND ts_match_vq(s.lexemes, ${withDistances}::tsquery))`;
  }
  switch (node.type) {
    case 'term':
    case 'near':
      // only reached as a subset of a NEAR or an accent-exact term: the empty set
      return sql`false`;
    case 'and':
      return sql.join(
        node.children.map((child) => sql`(${compile(child, bound, isAccentExact)})`),
        sql` AND `,
      );
    case 'or':
      return sql.join(
        node.children.map((child) => sql`(${compile(child, bound, isAccentExact)})`),
        sql` OR `,
      );
    case 'not':
      return sql`NOT (${compile(node.child, flip(bound), isAccentExact)})`;
    case 'filter':
      switch (node.field) {
        case 'lang':
          return sql`d.lang = ${node.value}`;
        case 'sentiment':
          return sql`coalesce(d.sentiment = ${node.value}, false)`;
        case 'kind':
          return sql`d.kind = ${node.value}`;
        case 'topic':
          return sql`coalesce(regexp_replace(lower(unaccent(d.topic)), '[^a-z0-9]+', ' ', 'g') = ${node.value}, false)`;
        case 'source':
          return sql`d.source_key LIKE ${'%' + node.value.replace(/[%_\\]/g, '\\$&') + '%'}`;
      }
  }
}

/**
 * Translates a query into a SQL condition over `monitoring_search s` joined with `monitoring_documents d`:
 * text parts become one tsquery over the GIN-indexed lexemes, filters become column conditions. Exact for
 * words, phrases, prefixes, title terms and filters; a superset for NEAR and accent-exact mode.
 */
export function compileQueryToSql(node: QueryNode, { isAccentExact = false }: { isAccentExact?: boolean } = {}): SQL {
  return compile(node, 'superset', isAccentExact);
}

/** True when SQL alone decides the query exactly (no NEAR, no accent-exact): search can skip verification. */
export function isSqlExact(node: QueryNode, isAccentExact: boolean): boolean {
  if (isAccentExact) return false;
  switch (node.type) {
    case 'near':
      return false;
    case 'term':
      return true;
    case 'and':
    case 'or':
      return node.children.every((child) => isSqlExact(child, false));
    case 'not':
      return isSqlExact(node.child, false);
    case 'filter':
      return true;
  }
}

/**
 * True when SQL decides the query up to rare cases: exact, or inexact only through NEARs spelled out with
 * distance operators (they let through only a title word next to a body word), so few candidates fail the
 * in-memory check and search can fetch pages barely larger than the limit.
 */
export function isSqlNearlyExact(node: QueryNode, isAccentExact: boolean, bound: Bound = 'superset'): boolean {
  if (isAccentExact) return false;
  switch (node.type) {
    case 'near':
      return bound === 'superset' && isSpelledOut(node);
    case 'term':
    case 'filter':
      return true;
    case 'and':
    case 'or':
      return node.children.every((child) => isSqlNearlyExact(child, false, bound));
    case 'not':
      return isSqlNearlyExact(node.child, false, flip(bound));
  }
}

/**
 * True when the GIN index alone cannot decide the text part: a phrase, a NEAR or a title term (positions and
 * weights are checked on each candidate row) in a part that selects rows (not under NOT). Such queries can
 * have far fewer matches than GIN candidates, so search reads them in bounded slices instead of trusting the
 * planner's estimate (see search.ts).
 */
export function needsRecheck(node: QueryNode, bound: Bound = 'superset'): boolean {
  switch (node.type) {
    case 'near':
      return bound === 'superset';
    case 'term':
      return bound === 'superset' && (node.folded.length > 1 || node.field === 'title');
    case 'filter':
      return false;
    case 'and':
    case 'or':
      return node.children.some((child) => needsRecheck(child, bound));
    case 'not':
      return needsRecheck(node.child, flip(bound));
  }
}
