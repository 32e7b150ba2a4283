import { sql, type SQL } from 'drizzle-orm';
import type { QueryNode, TermNode } from './parse';

/** tsquery text of one term over folded lexemes: phrases with <->, prefix with :*, title terms weighted A. */
function termTsquery(term: TermNode): string {
  const weight = term.field === 'title' ? 'A' : '';
  const last = term.folded.length - 1;
  return term.folded
    .map((token, index) => {
      const isPrefix = term.isPrefix && index === last;
      const suffix = isPrefix || weight ? `:${isPrefix ? '*' : ''}${weight}` : '';
      return `'${token}'${suffix}`;
    })
    .join(' <-> ');
}

/**
 * tsquery text for a subtree made only of terms and boolean operators, or null when it contains a field
 * filter. NEAR becomes AND (a superset); the in-memory matcher verifies distances afterwards.
 */
function toTsquery(node: QueryNode): string | null {
  switch (node.type) {
    case 'term':
      return node.folded.length > 1 ? `(${termTsquery(node)})` : termTsquery(node);
    case 'near':
      return `(${termTsquery(node.left)} & ${termTsquery(node.right)})`;
    case 'and':
    case 'or': {
      const parts = node.children.map(toTsquery);
      if (parts.some((part) => part === null)) return null;
      return `(${parts.join(node.type === 'and' ? ' & ' : ' | ')})`;
    }
    case 'not': {
      const inner = toTsquery(node.child);
      return inner === null ? null : `!${inner}`;
    }
    case 'filter':
      return null;
  }
}

/**
 * Translates a query into a SQL condition over `monitoring_documents` aliased `d`: text parts use the GIN
 * index on folded lexemes, filters use columns. The result is exact for words, phrases, prefixes and
 * filters in default mode, and a superset for NEAR and accent-exact mode (verified in memory by the caller).
 */
export function compileQueryToSql(node: QueryNode): SQL {
  const tsquery = toTsquery(node);
  if (tsquery !== null) return sql`coalesce(d.search_vector @@ ${tsquery}::tsquery, false)`;
  switch (node.type) {
    case 'and':
      return sql.join(node.children.map((child) => sql`(${compileQueryToSql(child)})`), sql` AND `);
    case 'or':
      return sql.join(node.children.map((child) => sql`(${compileQueryToSql(child)})`), sql` OR `);
    case 'not':
      return sql`NOT (${compileQueryToSql(node.child)})`;
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
      break;
    default:
      break;
  }
  throw new Error(`unreachable query node ${node.type}`);
}

/** True when SQL alone decides the query exactly (no NEAR, no accent-exact): search can skip verification. */
export function isSqlExact(node: QueryNode, isAccentExact: boolean): boolean {
  if (isAccentExact) return false;
  switch (node.type) {
    case 'near':
      return false;
    case 'and':
    case 'or':
      return node.children.every((child) => isSqlExact(child, false));
    case 'not':
      return isSqlExact(node.child, false);
    default:
      return true;
  }
}
