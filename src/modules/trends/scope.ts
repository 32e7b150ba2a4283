import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { canReadOrganizationRecord, isNetworkWide, type Actor } from '../../platform/actor';
import { monitoringQueries } from '../monitoring';
import { withDraftsOf } from '../legal';

/** What a dashboard, forecast or rule looks at: one saved query, a policy's queries, an organization, or the network. */
export interface ResolvedScope {
  /** Rollup key: 'q:<query id>' or 'o:<organization id>'; for a policy its first query's, for the network 'n:'. */
  scope: string;
  kind: 'query' | 'organization' | 'policy' | 'network';
  organizationId: string;
  queryId: string | null;
  /** Queries of a policy scope (their rollups are added up). */
  queryIds: string[];
  label: string;
}

/**
 * Resolves and authorizes a scope: a query the actor may read; a policy (every query linked to it or to the drafts
 * it was adopted from that the actor may read, added up: a document matched by two of them counts twice); the whole network (network-wide roles; the
 * organizations' rollups added up: a document counts once per organization whose queries match it); or the actor's
 * (or a named) organization.
 */
export async function resolveScope({
  actor,
  queryId,
  organizationId,
  policyId,
  network,
}: {
  actor: Actor;
  queryId?: string | null;
  organizationId?: string | null;
  policyId?: string | null;
  network?: boolean | 'true' | 'false';
}): Promise<ResolvedScope> {
  const db = await getDb();
  if (queryId) {
    const [query] = await db.select().from(monitoringQueries).where(eq(monitoringQueries.id, queryId));
    // Same answer for "missing" and "not yours": never confirm another organization's query exists.
    if (!query || !canReadOrganizationRecord(actor, query.organizationId)) throw notFound('Query', queryId);
    return {
      scope: `q:${query.id}`,
      kind: 'query',
      organizationId: query.organizationId,
      queryId: query.id,
      queryIds: [query.id],
      label: query.name,
    };
  }
  if (network === true || network === 'true') {
    if (!isNetworkWide(actor)) throw new AppError('FORBIDDEN', 'Only coordinators and administrators see the whole network');
    return {
      scope: 'n:',
      kind: 'network',
      organizationId: actor.organizationId ?? '',
      queryId: null,
      queryIds: [],
      label: 'network',
    };
  }
  if (policyId) {
    // a law's coverage begins with its draft's
    const policyIds = (await withDraftsOf([policyId])).get(policyId)!;
    const rows = await db
      .select()
      .from(monitoringQueries)
      .where(and(eq(monitoringQueries.linkType, 'policy'), inArray(monitoringQueries.linkId, policyIds)));
    const readable = rows.filter(
      (row) => canReadOrganizationRecord(actor, row.organizationId) && (!organizationId || row.organizationId === organizationId),
    );
    const owner = organizationId ?? actor.organizationId ?? readable[0]?.organizationId ?? '';
    return {
      scope: readable[0] ? `q:${readable[0].id}` : 'p:none',
      kind: 'policy',
      organizationId: owner,
      queryId: null,
      queryIds: readable.map((row) => row.id),
      label: policyId,
    };
  }
  const owner = organizationId ?? actor.organizationId;
  if (!owner) throw new AppError('BAD_REQUEST', 'Name a query (queryId) or an organization (organizationId)');
  if (!canReadOrganizationRecord(actor, owner)) throw new AppError('FORBIDDEN', 'Not your organization');
  return { scope: `o:${owner}`, kind: 'organization', organizationId: owner, queryId: null, queryIds: [], label: owner };
}

/** SQL condition selecting a scope's rollup rows (`column` names the scope column, e.g. `s.scope`). */
export function scopeFilter(scope: ResolvedScope, column = 'scope'): SQL {
  const name = sql.raw(column);
  if (scope.kind === 'policy') return sql`${name} = ANY(${sql.param(scope.queryIds.map((id) => `q:${id}`))}::text[])`;
  // 'o:' … 'o;' is every organization scope (';' follows ':'), an index range.
  if (scope.kind === 'network') return sql`${name} >= 'o:' AND ${name} < 'o;'`;
  return sql`${name} = ${scope.scope}`;
}

/** SQL condition selecting a scope's rows of `monitoring_query_matches` aliased `m`. */
export function matchFilter(scope: ResolvedScope): SQL {
  if (scope.kind === 'query') return sql`m.query_id = ${scope.queryId}::uuid`;
  if (scope.kind === 'policy') return sql`m.query_id = ANY(${sql.param(scope.queryIds)}::uuid[])`;
  if (scope.kind === 'network') return sql`TRUE`;
  return sql`m.organization_id = ${scope.organizationId}`;
}

/** A saved query found by id or by exact name within an organization (the CLI accepts either). */
export async function findQueryByIdOrName({ actor, query }: { actor: Actor; query: string }): Promise<ResolvedScope> {
  if (/^[0-9a-f-]{36}$/i.test(query)) return resolveScope({ actor, queryId: query });
  const db = await getDb();
  const rows = await db.select().from(monitoringQueries).where(eq(monitoringQueries.name, query));
  const readable = rows.filter((row) => canReadOrganizationRecord(actor, row.organizationId));
  if (readable.length === 0) throw notFound('Query', query);
  if (readable.length > 1)
    throw new AppError('CONFLICT', `Several queries are named "${query}"; pass its id`, {
      details: { ids: readable.map((row) => row.id) },
    });
  return resolveScope({ actor, queryId: readable[0]!.id });
}

export interface TimeRange {
  from: Date;
  to: Date;
}

const MAX_RANGE_DAYS = 400;

/** Validates a [from, to) range; defaults to the last 7 days. An empty range (from = to) is allowed. */
export function resolveRange({
  from,
  to,
  now = new Date(),
  defaultDays = 7,
}: {
  from?: Date;
  to?: Date;
  now?: Date;
  defaultDays?: number;
}): TimeRange {
  const end = to ?? now;
  const start = from ?? new Date(end.getTime() - defaultDays * 86_400_000);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()))
    throw new AppError('VALIDATION_FAILED', 'Invalid date', { invalidFields: [{ path: 'from', message: 'not a date' }] });
  if (start > end)
    throw new AppError('VALIDATION_FAILED', '`from` is after `to`', {
      invalidFields: [{ path: 'from', message: 'must not be after to' }],
    });
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw new AppError('VALIDATION_FAILED', `At most ${MAX_RANGE_DAYS} days at once`, {
      invalidFields: [{ path: 'to', message: `range longer than ${MAX_RANGE_DAYS} days` }],
    });
  }
  return { from: start, to: end };
}
