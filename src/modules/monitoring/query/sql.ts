import { sql, type SQL } from 'drizzle-orm';
import type { NearNode, QueryNode, TermNode } from './parse';
import { COMMON_SYLLABLES } from '../common-syllables';
import { isCommonSyllable } from '../tsvector';

/**
 * Compilation of a query into SQL over `monitoring_search s` (positional tsvector of folded lexemes, title
 * weight A, partitioned by month, migration 0202) joined with `monitoring_documents d` (filter columns).
 * Words, phrases (`<->`), prefixes and title terms (`:A`) are decided exactly by the GIN index and the
 * positional recheck; NEAR (spelled out with distance operators) and accent-exact mode (accents are folded in
 * the index) yield a superset that `search.ts` verifies in memory on the candidates' text. So do terms with a
 * common syllable (`COMMON_SYLLABLES`), which news rows leave out: the term's other syllables at their distances
 * (`"hồ chí minh"` → `'minh'`, `"giá vàng tăng"` → `'vang' <-> 'tang'`), or every row when none is left.
 *
 * Under NOT a superset would turn into a subset, so every node is compiled either as a superset (the
 * default) or, below an odd number of NOTs, as a subset of what it matches: an inexact NEAR or accent-exact
 * term then compiles to `false` (NOT of it to `true`), and the in-memory check decides.
 */
type Bound = 'superset' | 'subset';

const flip = (bound: Bound): Bound => (bound === 'superset' ? 'subset' : 'superset');

/** How to compile: accent-exact mode, and whether the rows searched hold every syllable (social posts do). */
export interface CompileOptions {
  isAccentExact?: boolean;
  /** The rows hold the common syllables too: decide terms with them as before (purged social posts). */
  hasEverySyllable?: boolean;
}
type Options = Required<CompileOptions>;

/** The text part of a subtree when SQL can only say "every row" or "no row" of it (no tsquery spells those). */
const EVERY_ROW = Symbol('every row');
const NO_ROW = Symbol('no row');
type Tsquery = string | typeof EVERY_ROW | typeof NO_ROW;

/** Whether news rows hold a query token: not a common syllable, nor as a prefix the start of one (`tu*`). */
function isIndexedToken(token: string, isPrefix: boolean): boolean {
  return isPrefix ? !COMMON_SYLLABLES.some((syllable) => syllable.startsWith(token)) : !isCommonSyllable(token);
}

/** True when the rows hold every syllable of the term, so SQL decides it as written. */
function isIndexedTerm(term: TermNode, { hasEverySyllable }: Options): boolean {
  if (hasEverySyllable) return true;
  const last = term.folded.length - 1;
  return term.folded.every((token, index) => isIndexedToken(token, term.isPrefix && index === last));
}

/** True when SQL decides the term exactly (accents are folded in the index, common syllables left out). */
function isExactTerm(term: TermNode, options: Options): boolean {
  return !options.isAccentExact && isIndexedTerm(term, options);
}

/**
 * tsquery text of one term over folded lexemes: phrases with <->, prefix with :*, title terms weighted A. The
 * tokens the rows do not hold are left out and the distance between the others kept (`<2>`); EVERY_ROW when none
 * is left.
 */
function termTsquery(term: TermNode, options: Options): Tsquery {
  const weight = term.field === 'title' ? 'A' : '';
  const last = term.folded.length - 1;
  let text = '';
  let words = 0;
  let previous = -1;
  for (let index = 0; index <= last; index++) {
    const token = term.folded[index]!;
    const isPrefix = term.isPrefix && index === last;
    if (!options.hasEverySyllable && !isIndexedToken(token, isPrefix)) continue;
    const suffix = isPrefix || weight ? `:${isPrefix ? '*' : ''}${weight}` : '';
    const word = `'${token}'${suffix}`;
    text = previous < 0 ? word : `${text} ${index - previous === 1 ? '<->' : `<${index - previous}>`} ${word}`;
    previous = index;
    words++;
  }
  if (last < 0) return "''";
  if (words === 0) return EVERY_ROW;
  return words > 1 ? `(${text})` : text;
}

/** `left & right` with the constants folded in. */
function andOf(parts: Tsquery[]): Tsquery {
  if (parts.includes(NO_ROW)) return NO_ROW;
  const texts = parts.filter((part): part is string => part !== EVERY_ROW);
  if (texts.length === 0) return EVERY_ROW;
  return texts.length === 1 ? texts[0]! : `(${texts.join(' & ')})`;
}

/** `left | right` with the constants folded in. */
function orOf(parts: Tsquery[]): Tsquery {
  if (parts.includes(EVERY_ROW)) return EVERY_ROW;
  const texts = parts.filter((part): part is string => part !== NO_ROW);
  if (texts.length === 0) return NO_ROW;
  return texts.length === 1 ? texts[0]! : `(${texts.join(' | ')})`;
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
function isSpelledOut(node: NearNode, options: Options): boolean {
  return (
    node.distance <= MAX_SPELLED_NEAR &&
    !canOverlap(node.left, node.right) &&
    isIndexedTerm(node.left, options) &&
    isIndexedTerm(node.right, options)
  );
}

/**
 * A superset of `left NEAR/n right` in SQL. `A <k> B` means B starts exactly k positions after A ends, so "at
 * most n words between, either order" is the OR of `A <k> B` and `B <k> A` for k = 1 … n + 1: the positional
 * check then decides the distance instead of every candidate holding both terms anywhere. Not covered, so
 * narrowed to AND instead: overlapping occurrences (`canOverlap`), distances above MAX_SPELLED_NEAR and terms
 * with a common syllable. A title word next to a body word counts here (positions run on across the two) and is
 * rejected in memory.
 */
function nearTsquery(node: NearNode, form: NearForm, options: Options): Tsquery {
  const left = termTsquery(node.left, options);
  const right = termTsquery(node.right, options);
  if (form === 'and' || !isSpelledOut(node, options) || typeof left !== 'string' || typeof right !== 'string')
    return andOf([left, right]);
  const alternatives: string[] = [];
  for (let k = 1; k <= node.distance + 1; k++) alternatives.push(`${left} <${k}> ${right}`, `${right} <${k}> ${left}`);
  return `(${alternatives.join(' | ')})`;
}

/** NEAR as distance operators (the narrow superset) or as the AND of its two terms (what GIN can look up). */
type NearForm = 'distance' | 'and';

/**
 * The text part of a subtree made only of terms and boolean operators, or null when it holds a field filter. As
 * a subset, a term SQL does not decide and a NEAR (which SQL cannot bound from below) are NO_ROW.
 */
function toTsquery(node: QueryNode, bound: Bound, options: Options, form: NearForm): Tsquery | null {
  switch (node.type) {
    case 'term':
      return bound === 'superset' || isExactTerm(node, options) ? termTsquery(node, options) : NO_ROW;
    case 'near':
      return bound === 'superset' ? nearTsquery(node, form, options) : NO_ROW;
    case 'and':
    case 'or': {
      const parts = node.children.map((child) => toTsquery(child, bound, options, form));
      if (parts.some((part) => part === null)) return null;
      return node.type === 'and' ? andOf(parts as Tsquery[]) : orOf(parts as Tsquery[]);
    }
    case 'not': {
      const inner = toTsquery(node.child, flip(bound), options, form);
      if (inner === null) return null;
      if (inner === EVERY_ROW) return NO_ROW;
      if (inner === NO_ROW) return EVERY_ROW;
      return `!${inner}`;
    }
    case 'filter':
      return null;
  }
}

function compile(node: QueryNode, bound: Bound, options: Options): SQL {
  const tsquery = toTsquery(node, bound, options, 'and');
  if (tsquery === EVERY_ROW) return sql`true`;
  if (tsquery === NO_ROW) return sql`false`;
  if (tsquery !== null) {
    const withDistances = toTsquery(node, bound, options, 'distance');
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
      // toTsquery spells every term and NEAR out
      return sql`false`;
    case 'and':
      return sql.join(
        node.children.map((child) => sql`(${compile(child, bound, options)})`),
        sql` AND `,
      );
    case 'or':
      return sql.join(
        node.children.map((child) => sql`(${compile(child, bound, options)})`),
        sql` OR `,
      );
    case 'not':
      return sql`NOT (${compile(node.child, flip(bound), options)})`;
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

const optionsOf = ({ isAccentExact = false, hasEverySyllable = false }: CompileOptions): Options => ({
  isAccentExact,
  hasEverySyllable,
});

/**
 * Translates a query into a SQL condition over `monitoring_search s` joined with `monitoring_documents d`:
 * text parts become one tsquery over the GIN-indexed lexemes, filters become column conditions. Exact for
 * words, phrases, prefixes, title terms and filters without common syllables; a superset for NEAR,
 * accent-exact mode and terms with common syllables.
 */
export function compileQueryToSql(node: QueryNode, options: CompileOptions = {}): SQL {
  return compile(node, 'superset', optionsOf(options));
}

/**
 * True when SQL alone decides the query exactly (no NEAR, no accent-exact, no common syllable): search can skip
 * verification.
 */
export function isSqlExact(node: QueryNode, isAccentExact: boolean): boolean {
  if (isAccentExact) return false;
  const options = optionsOf({});
  const isExact = (part: QueryNode): boolean => {
    switch (part.type) {
      case 'near':
        return false;
      case 'term':
        return isIndexedTerm(part, options);
      case 'and':
      case 'or':
        return part.children.every(isExact);
      case 'not':
        return isExact(part.child);
      case 'filter':
        return true;
    }
  };
  return isExact(node);
}

/**
 * True when the GIN index can narrow the candidates: some word the rows hold must occur in every match. False
 * for a query made only of common syllables, filters and NOTs, which only a scan by date can answer.
 */
export function isNarrowedByIndex(node: QueryNode): boolean {
  switch (node.type) {
    case 'term':
      return termTsquery(node, optionsOf({})) !== EVERY_ROW;
    case 'near':
      return isNarrowedByIndex(node.left) || isNarrowedByIndex(node.right);
    case 'and':
      return node.children.some(isNarrowedByIndex);
    case 'or':
      return node.children.every(isNarrowedByIndex);
    case 'not':
    case 'filter':
      return false;
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
      return bound === 'superset' && isSpelledOut(node, optionsOf({}));
    case 'term':
      return isIndexedTerm(node, optionsOf({}));
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
 * weights are checked on each candidate row) in a part that selects rows (not under NOT), or a term with a
 * common syllable anywhere. Such queries can have far fewer matches than GIN candidates, so search reads them in
 * bounded slices instead of trusting the planner's estimate (see search.ts).
 */
export function needsRecheck(node: QueryNode, bound: Bound = 'superset'): boolean {
  switch (node.type) {
    case 'near':
      return bound === 'superset' || !isIndexedTerm(node.left, optionsOf({})) || !isIndexedTerm(node.right, optionsOf({}));
    case 'term':
      if (!isIndexedTerm(node, optionsOf({}))) return true;
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
