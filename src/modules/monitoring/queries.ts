import { and, desc, eq, sql } from 'drizzle-orm';
import { getDb, type Executor } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import { canReadOrganizationRecord, type Actor } from '../../platform/actor';
import { monitoringQueries, type MonitoringQuery } from './schema';
import { savedQueryInputSchema, type DocumentSummary, type SavedQueryInput, type SavedQueryView } from './contracts';
import { assertCanWriteForOrganization, organizationFor } from './policies';
import { findDocuments } from './search';
import { parseQueryOrThrow } from './search-input';
import { toSummary, withRegisterNames } from './document-summary';
import { validateQuery } from './query/parse';

function toView(row: MonitoringQuery): SavedQueryView {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    query: row.query,
    isAccentExact: row.isAccentExact,
    isActive: row.isActive,
    linkType: row.linkType,
    linkId: row.linkId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function assertLink(input: { linkType?: string | null; linkId?: string | null }): void {
  if ((input.linkType == null) !== (input.linkId == null)) {
    throw new AppError('VALIDATION_FAILED', 'linkType and linkId go together', {
      invalidFields: [{ path: 'linkId', message: 'give both linkType and linkId, or neither' }],
    });
  }
}

/** A saved query newly linked to an incident from the query editor (link type "incident"). */
export interface QueryLinkedToIncident {
  actor: Actor;
  queryId: string;
  queryName: string;
  organizationId: string;
  incidentId: string;
}

type QueryLinkListener = (tx: Executor, event: QueryLinkedToIncident) => Promise<void>;
const queryLinkListeners: QueryLinkListener[] = [];

/**
 * Calls `listener` inside the saving transaction whenever a query is saved newly linked to an incident. The incidents
 * module listens to record the link on the incident's timeline: it depends on monitoring, so monitoring cannot call it.
 */
export function onQueryLinkedToIncident(listener: QueryLinkListener): void {
  queryLinkListeners.push(listener);
}

async function announceIncidentLink(tx: Executor, actor: Actor, row: MonitoringQuery): Promise<void> {
  if (row.linkType !== 'incident' || !row.linkId) return;
  const event = { actor, queryId: row.id, queryName: row.name, organizationId: row.organizationId, incidentId: row.linkId };
  for (const listener of queryLinkListeners) await listener(tx, event);
}

/** Saves a topic query for an organization after checking its syntax. */
export async function createSavedQuery({ actor, input }: { actor: Actor; input: SavedQueryInput }): Promise<SavedQueryView> {
  const data = savedQueryInputSchema.parse(input);
  const organizationId = organizationFor(actor, data.organizationId);
  assertCanWriteForOrganization(actor, organizationId);
  parseQueryOrThrow(data.query, 'query');
  assertLink(data);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(monitoringQueries)
      .values({
        organizationId,
        name: data.name,
        query: data.query,
        isAccentExact: data.isAccentExact,
        isActive: data.isActive,
        linkType: data.linkType,
        linkId: data.linkId,
        createdBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      actor,
      action: 'monitoring.query.create',
      entityType: 'monitoring_query',
      entityId: row!.id,
      organizationId,
      after: toView(row!),
    });
    await announceIncidentLink(tx, actor, row!);
    return toView(row!);
  });
}

/** Saved queries of an organization (the actor's own unless network-wide). */
export async function listSavedQueries({
  actor,
  organizationId,
}: {
  actor: Actor;
  organizationId?: string;
}): Promise<SavedQueryView[]> {
  const owner = organizationFor(actor, organizationId);
  if (!canReadOrganizationRecord(actor, owner)) throw new AppError('FORBIDDEN', 'Not your organization');
  const db = await getDb();
  const rows = await db
    .select()
    .from(monitoringQueries)
    .where(eq(monitoringQueries.organizationId, owner))
    .orderBy(desc(monitoringQueries.createdAt));
  return rows.map(toView);
}

async function loadQuery(actor: Actor, queryId: string): Promise<MonitoringQuery> {
  const db = await getDb();
  const [row] = await db.select().from(monitoringQueries).where(eq(monitoringQueries.id, queryId));
  if (!row || !canReadOrganizationRecord(actor, row.organizationId)) throw notFound('Query', queryId);
  return row;
}

export async function getSavedQuery({ actor, queryId }: { actor: Actor; queryId: string }): Promise<SavedQueryView> {
  return toView(await loadQuery(actor, queryId));
}

/** Changes a saved query; a changed query text is validated first. */
export async function updateSavedQuery({
  actor,
  queryId,
  changes,
}: {
  actor: Actor;
  queryId: string;
  changes: Partial<SavedQueryInput>;
}): Promise<SavedQueryView> {
  const existing = await loadQuery(actor, queryId);
  assertCanWriteForOrganization(actor, existing.organizationId);
  if (changes.query !== undefined) parseQueryOrThrow(changes.query, 'query');
  const linkType = changes.linkType !== undefined ? changes.linkType : existing.linkType;
  const linkId = changes.linkId !== undefined ? changes.linkId : existing.linkId;
  assertLink({ linkType, linkId });
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(monitoringQueries)
      .set({
        name: changes.name ?? existing.name,
        query: changes.query ?? existing.query,
        isAccentExact: changes.isAccentExact ?? existing.isAccentExact,
        isActive: changes.isActive ?? existing.isActive,
        linkType,
        linkId,
        updatedAt: sql`now()`,
      })
      .where(eq(monitoringQueries.id, queryId))
      .returning();
    await recordAudit(tx, {
      actor,
      action: 'monitoring.query.update',
      entityType: 'monitoring_query',
      entityId: queryId,
      organizationId: existing.organizationId,
      before: toView(existing),
      after: toView(row!),
    });
    if (existing.linkType !== linkType || existing.linkId !== linkId) await announceIncidentLink(tx, actor, row!);
    return toView(row!);
  });
}

/** Deletes a saved query and its stored matches. */
export async function deleteSavedQuery({ actor, queryId }: { actor: Actor; queryId: string }): Promise<void> {
  const existing = await loadQuery(actor, queryId);
  assertCanWriteForOrganization(actor, existing.organizationId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.delete(monitoringQueries).where(and(eq(monitoringQueries.id, queryId)));
    await recordAudit(tx, {
      actor,
      action: 'monitoring.query.delete',
      entityType: 'monitoring_query',
      entityId: queryId,
      organizationId: existing.organizationId,
      before: toView(existing),
    });
  });
}

export type PreviewResult =
  | { isValid: true; matches: DocumentSummary[] }
  | { isValid: false; error: { message: string; position: number; length: number } };

/** Validates a query and shows what it would have matched over recent documents, before it is saved. */
export async function previewQuery({
  actor,
  query,
  isAccentExact = false,
  days = 7,
  limit = 20,
}: {
  actor: Actor;
  query: string;
  isAccentExact?: boolean;
  days?: number;
  limit?: number;
}): Promise<PreviewResult> {
  const validation = validateQuery(query);
  if (!validation.ok)
    return { isValid: false, error: { message: validation.message, position: validation.position, length: validation.length } };
  const from = new Date(Date.now() - days * 86_400_000);
  return { isValid: true, matches: await findDocuments({ actor, ast: validation.ast, isAccentExact, from, limit }) };
}

/** Mentions of a saved query (documents it matched), newest first: the mention stream. */
export async function listMentions({
  actor,
  queryId,
  from,
  to,
  sentiment,
  limit = 50,
}: {
  actor: Actor;
  queryId: string;
  from?: Date;
  to?: Date;
  sentiment?: string;
  limit?: number;
}): Promise<DocumentSummary[]> {
  await loadQuery(actor, queryId);
  const db = await getDb();
  const rows = await db.execute(sql`
    SELECT d.id::text, d.url, d.title, left(d.text, 280) AS text, d.published_at, d.source_name, d.source_key, d.kind, d.lang,
           d.story_id::text, d.sentiment, d.sentiment_reasons, d.topic, d.entity_ids
    FROM monitoring_query_matches m JOIN monitoring_documents d ON d.id = m.document_id
    WHERE m.query_id = ${queryId}
      ${from ? sql`AND m.published_at >= ${from.toISOString()}::timestamptz` : sql``}
      ${to ? sql`AND m.published_at <= ${to.toISOString()}::timestamptz` : sql``}
      ${sentiment ? sql`AND m.sentiment = ${sentiment}` : sql``}
    ORDER BY m.published_at DESC, m.document_id DESC
    LIMIT ${limit}`);
  return withRegisterNames((rows.rows as unknown as Parameters<typeof toSummary>[0][]).map(toSummary));
}
