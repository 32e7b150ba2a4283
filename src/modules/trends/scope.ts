import { eq } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { canReadOrganizationRecord, type Actor } from '../../platform/actor';
import { monitoringQueries } from '../monitoring';

/** What a dashboard, forecast or rule looks at: one saved query, or every mention of an organization. */
export interface ResolvedScope {
  /** Rollup key: 'q:<query id>' or 'o:<organization id>'. */
  scope: string;
  organizationId: string;
  queryId: string | null;
  label: string;
}

/** Resolves and authorizes a scope: a query the actor may read, or the actor's (or a named) organization. */
export async function resolveScope({ actor, queryId, organizationId }: { actor: Actor; queryId?: string | null; organizationId?: string | null }): Promise<ResolvedScope> {
  if (queryId) {
    const db = await getDb();
    const [query] = await db.select().from(monitoringQueries).where(eq(monitoringQueries.id, queryId));
    // Same answer for "missing" and "not yours": never confirm another organization's query exists.
    if (!query || !canReadOrganizationRecord(actor, query.organizationId)) throw notFound('Query', queryId);
    return { scope: `q:${query.id}`, organizationId: query.organizationId, queryId: query.id, label: query.name };
  }
  const owner = organizationId ?? actor.organizationId;
  if (!owner) throw new AppError('BAD_REQUEST', 'Name a query (queryId) or an organization (organizationId)');
  if (!canReadOrganizationRecord(actor, owner)) throw new AppError('FORBIDDEN', 'Not your organization');
  return { scope: `o:${owner}`, organizationId: owner, queryId: null, label: owner };
}

/** A saved query found by id or by exact name within an organization (the CLI accepts either). */
export async function findQueryByIdOrName({ actor, query }: { actor: Actor; query: string }): Promise<ResolvedScope> {
  if (/^[0-9a-f-]{36}$/i.test(query)) return resolveScope({ actor, queryId: query });
  const db = await getDb();
  const rows = await db.select().from(monitoringQueries).where(eq(monitoringQueries.name, query));
  const readable = rows.filter((row) => canReadOrganizationRecord(actor, row.organizationId));
  if (readable.length === 0) throw notFound('Query', query);
  if (readable.length > 1) throw new AppError('CONFLICT', `Several queries are named "${query}"; pass its id`, { details: { ids: readable.map((row) => row.id) } });
  return resolveScope({ actor, queryId: readable[0]!.id });
}

export interface TimeRange {
  from: Date;
  to: Date;
}

const MAX_RANGE_DAYS = 400;

/** Validates a [from, to) range; defaults to the last 7 days. An empty range (from = to) is allowed. */
export function resolveRange({ from, to, now = new Date(), defaultDays = 7 }: { from?: Date; to?: Date; now?: Date; defaultDays?: number }): TimeRange {
  const end = to ?? now;
  const start = from ?? new Date(end.getTime() - defaultDays * 86_400_000);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) throw new AppError('VALIDATION_FAILED', 'Invalid date', { invalidFields: [{ path: 'from', message: 'not a date' }] });
  if (start > end) throw new AppError('VALIDATION_FAILED', '`from` is after `to`', { invalidFields: [{ path: 'from', message: 'must not be after to' }] });
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw new AppError('VALIDATION_FAILED', `At most ${MAX_RANGE_DAYS} days at once`, { invalidFields: [{ path: 'to', message: `range longer than ${MAX_RANGE_DAYS} days` }] });
  }
  return { from: start, to: end };
}
