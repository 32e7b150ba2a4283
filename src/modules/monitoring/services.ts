import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import * as agencies from '../agencies';
import * as legal from '../legal';
import { buildEntityMatcher, type EntityEntry, type EntityMatcher } from './entities';
import { getDeploymentSecret } from '../../platform/secret';
import { buildQueryRegistry, type QueryRegistry } from './query/registry';
import { createProcessingContext, type ProcessingContext } from './process';
import { loadActiveModels } from './active-models';

const ENTITY_TTL_MS = 10 * 60_000;
let entityCache: { entries: EntityEntry[]; matcher: EntityMatcher; loadedAt: number } | undefined;

/**
 * The directory's organizations and provinces and the legal register's documents, with every name they go by and
 * the dates they existed or were in force, and their matcher (cached 10 minutes).
 */
export async function loadEntityDirectory(): Promise<{ entries: EntityEntry[]; matcher: EntityMatcher }> {
  if (entityCache && Date.now() - entityCache.loadedAt < ENTITY_TTL_MS) return entityCache;
  const [organizations, legalDocuments] = await Promise.all([
    agencies.listOrganizations({ limit: 5000 }),
    legal.listLegalDocumentNames(),
  ]);
  const entries: EntityEntry[] = organizations.map((organization) => ({
    id: organization.id,
    kind: organization.kind,
    names: [organization.name, organization.shortName, ...organization.aliases].filter((name): name is string => Boolean(name)),
    validFrom: organization.validFrom,
    validTo: organization.validTo,
  }));
  entries.push(...legalDocuments);
  entityCache = { entries, matcher: buildEntityMatcher(entries), loadedAt: Date.now() };
  return entityCache;
}

let queryCache: QueryRegistry | undefined;

/** The saved queries of every organization, indexed for stream matching; rebuilt when a query changes. */
export async function loadQueryRegistry(): Promise<QueryRegistry> {
  const db = await getDb();
  const stampRow = await db.execute(
    sql`SELECT count(*)::text || ':' || coalesce(max(updated_at)::text, '') AS stamp FROM monitoring_queries WHERE is_active`,
  );
  const stamp = String((stampRow.rows[0] as { stamp: string }).stamp);
  if (queryCache?.stamp === stamp) return queryCache;
  const rows = (await db.execute(sql`SELECT id, organization_id, query, is_accent_exact FROM monitoring_queries WHERE is_active`))
    .rows as {
    id: string;
    organization_id: string;
    query: string;
    is_accent_exact: boolean;
  }[];
  queryCache = buildQueryRegistry(
    rows.map((row) => ({
      id: row.id,
      organizationId: row.organization_id,
      query: row.query,
      isAccentExact: row.is_accent_exact,
    })),
    stamp,
  );
  return queryCache;
}

/** Everything `processDocument` needs, for documents from one source. */
export async function loadProcessingContext(
  options: { sourceId?: string | null; organizationId?: string | null } = {},
): Promise<ProcessingContext> {
  const [secret, { matcher: entities }, learned] = await Promise.all([
    getDeploymentSecret(),
    loadEntityDirectory(),
    loadActiveModels(),
  ]);
  return createProcessingContext({ ...options, secret, entities, learned });
}
