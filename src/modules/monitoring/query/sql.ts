import { sql, type SQL } from 'drizzle-orm';
import type { QueryNode, TermNode } from './parse';

/**
 * Compilation of a query into SQL over `monitoring_search s` (lexemes without positions, migration 0202)
 * joined with `monitoring_documents d` (filter columns). The stored lexemes are the distinct folded tokens
 * plus `t:<token>` for title tokens, so single words and prefixes (in the text or the title) are decided
 * exactly by the GIN index, while phrases and NEAR can only be narrowed to "all their words occur": SQL
 * yields a superset that `search.ts` verifies in memory on the candidates' text.
 *
 * Under NOT a superset would turn into a subset, so every node is compiled either as a superset (the
 * default) or, below an odd number of NOTs, as a subset of what it matches: an inexact phrase then compiles
 * to `false` (NOT of it to `true`), and the in-memory check decides.
 */
type Bound = 'superset' | 'subset';

const flip = (bound: Bound): Bound => (bound === 'superset' ? 'subset' : 'superset');

/** True when SQL decides the term exactly: one token (a word or a prefix) in the text or the title, accents folded. */
function isExactTerm(term: TermNode, isAccentExact: boolean): boolean {
  return !isAccentExact && term.folded.length === 1;
}

/** tsquery text of one term: a phrase becomes the AND of its words (superset), title words are `t:` lexemes. */
function termTsquery(term: TermNode): string {
  const marker = term.field === 'title' ? 't:' : '';
  const last = term.folded.length - 1;
  const words = term.folded.map((token, index) => `'${marker}${token}'${term.isPrefix && index === last ? ':*' : ''}`);
  return words.length > 1 ? `(${words.join(' & ')})` : (words[0] ?? "''");
}

/**
 * tsquery text for a subtree made only of terms and boolean operators, or null when it holds a field filter
 * or, as a subset, a phrase or NEAR (which SQL cannot bound from below).
 */
function toTsquery(node: QueryNode, bound: Bound, isAccentExact: boolean): string | null {
  switch (node.type) {
    case 'term':
      return bound === 'superset' || isExactTerm(node, isAccentExact) ? termTsquery(node) : null;
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
      // only reached as a subset of a phrase, NEAR or accent-exact term: the empty set
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
 * words, prefixes, title words and filters; a superset for phrases, NEAR and accent-exact mode (accents are
 * folded in the index).
 */
export function compileQueryToSql(node: QueryNode, { isAccentExact = false }: { isAccentExact?: boolean } = {}): SQL {
  return compile(node, 'superset', isAccentExact);
}

/** True when SQL alone decides the query exactly (no phrase, no NEAR, no accent-exact): search can skip verification. */
export function isSqlExact(node: QueryNode, isAccentExact: boolean): boolean {
  if (isAccentExact) return false;
  switch (node.type) {
    case 'near':
      return false;
    case 'term':
      return isExactTerm(node, false);
    case 'and':
    case 'or':
      return node.children.every((child) => isSqlExact(child, false));
    case 'not':
      return isSqlExact(node.child, false);
    case 'filter':
      return true;
  }
}
