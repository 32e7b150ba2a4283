import { sql, type SQL } from 'drizzle-orm';
import type { QueryNode, TermNode } from './parse';

/**
 * Compilation of a query into SQL over `monitoring_search s` (positional tsvector of folded lexemes, title
 * weight A, partitioned by month, migration 0202) joined with `monitoring_documents d` (filter columns).
 * Words, phrases (`<->`), prefixes and title terms (`:A`) are decided exactly by the GIN index and the
 * positional recheck; NEAR (narrowed to AND) and accent-exact mode (accents are folded in the index) yield a
 * superset that `search.ts` verifies in memory on the candidates' text.
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

/**
 * tsquery text for a subtree made only of terms and boolean operators, or null when it holds a field filter
 * or, as a subset, a phrase or NEAR (which SQL cannot bound from below).
 */
function toTsquery(node: QueryNode, bound: Bound, isAccentExact: boolean): string | null {
  switch (node.type) {
    case 'term':
      return bound === 'superset' || isExactTerm(isAccentExact) ? termTsquery(node) : null;
    case 'near':
      return bound === 'superset' ? `(${termTsquery(node.left)} & ${termTsquery(node.right)})` : null;
    case 'and':
    case 'or': {
      const parts = node.children.map((child) => toTsquery(child, bound, isAccentExact));
      if (parts.some((part) => part === null)) return null;
      return `(${parts.join(node.type === 'and' ? ' & ' : ' | ')})`;
    }
    case 'not': {
      const inner = toTsquery(node.child, flip(bound), isAccentExact);
      return inner === null ? null : `!${inner}`;
    }
    case 'filter':
      return null;
  }
}

function compile(node: QueryNode, bound: Bound, isAccentExact: boolean): SQL {
  const tsquery = toTsquery(node, bound, isAccentExact);
  if (tsquery !== null) return sql`s.lexemes @@ ${tsquery}::tsquery`;
  switch (node.type) {
    case 'term':
    case 'near':
      // only reached as a subset of a NEAR or an accent-exact term: the empty set
      return sql`false`;
    case 'and':
      return sql.join(node.children.map((child) => sql`(${compile(child, bound, isAccentExact)})`), sql` AND `);
    case 'or':
      return sql.join(node.children.map((child) => sql`(${compile(child, bound, isAccentExact)})`), sql` OR `);
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
