import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { logger } from '../../platform/logger';
import * as agencies from '../agencies';
import { getAnalyzer } from './analysis';
import { buildEntityMatcher, type EntityMatcher } from './entities';
import { getDeploymentSecret, pseudonymizeAuthor } from './privacy';
import { parseQuery } from './query/parse';
import { QueryIndex } from './query/query-index';
import type { ProcessingContext } from './process';

const ENTITY_TTL_MS = 10 * 60_000;
let entityCache: { matcher: EntityMatcher; loadedAt: number } | undefined;

async function loadEntityMatcher(): Promise<EntityMatcher> {
  if (entityCache && Date.now() - entityCache.loadedAt < ENTITY_TTL_MS) return entityCache.matcher;
  const organizations = await agencies.listOrganizations({ limit: 5000 });
  const matcher = buildEntityMatcher(
    organizations.map((organization) => ({
      id: organization.id,
      kind: organization.kind,
      names: [organization.name, organization.shortName, ...organization.aliases].filter((name): name is string => Boolean(name)),
    })),
  );
  entityCache = { matcher, loadedAt: Date.now() };
  return matcher;
}

/** The saved queries of every organization, indexed for stream matching; rebuilt when a query changes. */
export interface QueryRegistry {
  index: QueryIndex;
  organizationOf: Map<string, string>;
}
let queryCache: { stamp: string; registry: QueryRegistry } | undefined;

export async function loadQueryRegistry(): Promise<QueryRegistry> {
  const db = await getDb();
  const stampRow = await db.execute(sql`SELECT count(*)::text || ':' || coalesce(max(updated_at)::text, '') AS stamp FROM monitoring_queries WHERE is_active`);
  const stamp = String((stampRow.rows[0] as { stamp: string }).stamp);
  if (queryCache?.stamp === stamp) return queryCache.registry;
  const rows = (await db.execute(sql`SELECT id, organization_id, query, is_accent_exact FROM monitoring_queries WHERE is_active`)).rows as {
    id: string;
    organization_id: string;
    query: string;
    is_accent_exact: boolean;
  }[];
  const organizationOf = new Map<string, string>();
  const indexed = [];
  for (const row of rows) {
    try {
      indexed.push({ id: row.id, ast: parseQuery(row.query), isAccentExact: row.is_accent_exact });
      organizationOf.set(row.id, row.organization_id);
    } catch (error) {
      logger.warn({ queryId: row.id, err: error }, 'saved query no longer parses; skipped');
    }
  }
  const registry = { index: new QueryIndex(indexed), organizationOf };
  queryCache = { stamp, registry };
  return registry;
}

/** Everything `processDocument` needs, for documents from one source. */
export async function loadProcessingContext(options: { sourceId?: string | null; organizationId?: string | null } = {}): Promise<ProcessingContext> {
  const [secret, entities] = await Promise.all([getDeploymentSecret(), loadEntityMatcher()]);
  return {
    sourceId: options.sourceId ?? null,
    organizationId: options.organizationId ?? null,
    pseudonymize: (author) => pseudonymizeAuthor(secret, author),
    entities,
    analyze: getAnalyzer(),
  };
}
