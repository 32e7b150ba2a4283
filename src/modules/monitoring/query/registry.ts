import { logger } from '../../../platform/logger';
import { parseQuery } from './parse';
import { QueryIndex } from './query-index';

/** An active saved query as stored: what stream matching needs of it. */
export interface SavedQueryRow {
  id: string;
  organizationId: string;
  query: string;
  isAccentExact: boolean;
}

/** The saved queries of every organization, indexed for stream matching. */
export interface QueryRegistry {
  index: QueryIndex;
  organizationOf: Map<string, string>;
  /** Identifies this set of queries (count and last change): processing threads rebuild when it changes. */
  stamp: string;
  /** The rows it was built from, sent to processing threads. */
  rows: readonly SavedQueryRow[];
}

/** Parses and indexes saved queries; one that no longer parses is skipped with a warning. */
export function buildQueryRegistry(rows: readonly SavedQueryRow[], stamp: string): QueryRegistry {
  const organizationOf = new Map<string, string>();
  const indexed = [];
  for (const row of rows) {
    try {
      indexed.push({ id: row.id, ast: parseQuery(row.query), isAccentExact: row.isAccentExact });
      organizationOf.set(row.id, row.organizationId);
    } catch (error) {
      logger.warn({ queryId: row.id, err: error }, 'saved query no longer parses; skipped');
    }
  }
  return { index: new QueryIndex(indexed), organizationOf, stamp, rows };
}
