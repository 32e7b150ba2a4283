import { and, desc, eq, inArray, isNotNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Executor } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import { isNetworkWide, type Actor } from '../../platform/actor';
import { logger } from '../../platform/logger';
import { foldKey } from '../../text/normalize';
import { listActiveMembers, users } from '../accounts';
import { actOnAlert, getAlertSummary, type AlertSummary } from '../trends';
import { monitoringQueries, type QueryLinkedToIncident } from '../monitoring';
import { organizations } from '../agencies';
import {
  openIncidentSchema,
  updateIncidentSchema,
  type IncidentDetail,
  type IncidentSummary,
  type OpenIncidentInput,
  type UpdateIncidentInput,
} from './contracts';
import { canTransition, type IncidentStatus, type LinkKind, type MemberRole } from './model';
import { assertCanHandleIncident, organizationFor } from './policies';
import { incidentLinks, incidentMembers, incidentShares, incidents, type Incident } from './schema';
import { appendTimeline, buildIncidentDetail, loadIncident, loadOrganizationNames, loadUserRefs, toSummaries } from './views';

const alertKindLabels: Record<string, string> = {
  anomaly: 'Tăng đột biến',
  threshold: 'Vượt ngưỡng',
  negative_share: 'Tiêu cực tăng',
  first_seen: 'Thuật ngữ xuất hiện lần đầu',
  story_spread: 'Tin lan nhanh',
};

/** "Tăng đột biến: Theo dõi giá điện" — the default title of an incident opened from an alert. */
function titleFromAlert(alert: AlertSummary): string {
  const what = alert.query ?? alert.rule ?? alert.subject;
  return `${alertKindLabels[alert.kind] ?? alert.kind}: ${what}`.slice(0, 300);
}

const toDate = (value: string | null | undefined): Date | null | undefined =>
  value === undefined ? undefined : value === null ? null : new Date(value);

async function assertMemberOfOrganization(
  executor: Executor,
  userId: string,
  organizationId: string,
  path: string,
): Promise<void> {
  const [user] = await executor
    .select({ organizationId: users.organizationId, isActive: users.isActive })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.organizationId !== organizationId || !user.isActive) {
    throw new AppError('VALIDATION_FAILED', "Choose an active user of the incident's organization", {
      invalidFields: [{ path, message: 'not an active user of the organization' }],
    });
  }
}

async function findBySourceAlert(alertId: string): Promise<Incident | undefined> {
  const db = await getDb();
  const [row] = await db.select().from(incidents).where(eq(incidents.sourceAlertId, alertId));
  return row;
}

export interface OpenIncidentResult {
  incident: IncidentDetail;
  /** False when the alert had already opened an incident: that one is returned, nothing is created. */
  isNew: boolean;
}

/**
 * Opens an incident, optionally from a trends alert. From an alert, the organization is the alert's, the title
 * defaults to the alert's kind and query, the alert (and its query) are linked and the alert is the first
 * timeline entry; opening twice from one alert (even concurrently) returns the same incident.
 */
export async function openIncident({
  actor,
  input,
  requestId,
}: {
  actor: Actor;
  input: OpenIncidentInput;
  requestId?: string;
}): Promise<OpenIncidentResult> {
  const data = openIncidentSchema.parse(input);
  let alert: AlertSummary | undefined;
  let organizationId: string;
  if (data.fromAlertId) {
    alert = await getAlertSummary({ actor, alertId: data.fromAlertId });
    organizationId = alert.organizationId;
    if (data.organizationId && data.organizationId !== organizationId) {
      throw new AppError('VALIDATION_FAILED', "An incident opened from an alert belongs to the alert's organization", {
        invalidFields: [{ path: 'organizationId', message: "not the alert's organization" }],
      });
    }
  } else {
    if (!data.title)
      throw new AppError('VALIDATION_FAILED', 'Give a title (or open the incident from an alert)', {
        invalidFields: [{ path: 'title', message: 'required' }],
      });
    organizationId = organizationFor(actor, data.organizationId);
  }
  assertCanHandleIncident(actor, organizationId);
  if (alert) {
    const existing = await findBySourceAlert(alert.id);
    if (existing) return { incident: await getIncident({ actor, incidentId: existing.id }), isNew: false };
  }
  const db = await getDb();
  if (data.ownerUserId) await assertMemberOfOrganization(db, data.ownerUserId, organizationId, 'ownerUserId');
  const [organization] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!organization)
    throw new AppError('VALIDATION_FAILED', 'Unknown organization', {
      invalidFields: [{ path: 'organizationId', message: 'unknown organization' }],
    });
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(incidents)
      .values({
        organizationId,
        title: data.title ?? titleFromAlert(alert!),
        description: data.description ?? null,
        severity: data.severity ?? 2,
        ownerUserId: data.ownerUserId ?? null,
        sourceAlertId: alert?.id ?? null,
        responseDueAt: toDate(data.responseDueAt) ?? null,
        resolutionDueAt: toDate(data.resolutionDueAt) ?? null,
        createdByUserId: actor.userId,
      })
      // A concurrent open from the same alert lost the race: the unique source_alert_id keeps one incident.
      .onConflictDoNothing({ target: incidents.sourceAlertId })
      .returning();
    if (!row) return undefined;
    if (alert) {
      await appendTimeline(tx, {
        incidentId: row.id,
        kind: 'opened_from_alert',
        actor,
        data: {
          alertId: alert.id,
          rule: alert.rule,
          kind: alert.kind,
          query: alert.query,
          queryId: alert.queryId,
          subject: alert.subject,
          mentions: alert.mentions,
          score: alert.score,
          startedAt: alert.startedAt,
          detectedAt: alert.detectedAt,
        },
      });
      await tx.insert(incidentLinks).values({
        incidentId: row.id,
        kind: 'alert',
        targetId: alert.id,
        label: titleFromAlert(alert),
        linkedByUserId: actor.userId,
      });
      if (alert.queryId)
        await tx.insert(incidentLinks).values({
          incidentId: row.id,
          kind: 'query',
          targetId: alert.queryId,
          label: alert.query ?? alert.queryId,
          linkedByUserId: actor.userId,
        });
    } else {
      await appendTimeline(tx, { incidentId: row.id, kind: 'opened', actor, data: { severity: row.severity } });
    }
    if (row.ownerUserId)
      await appendTimeline(tx, { incidentId: row.id, kind: 'owner_assigned', actor, data: { ownerUserId: row.ownerUserId } });
    await recordAudit(tx, {
      actor,
      action: 'incidents.incident.open',
      entityType: 'incident',
      entityId: row.id,
      organizationId,
      after: row,
      requestId,
    });
    return row;
  });
  if (!created) {
    const existing = await findBySourceAlert(alert!.id);
    return { incident: await getIncident({ actor, incidentId: existing!.id }), isNew: false };
  }
  if (alert) {
    // The alert inbox shows the link; the incident already exists if this fails, and opening again re-finds it.
    try {
      await actOnAlert({ actor, alertId: alert.id, change: { action: 'open_incident', link: `/incidents/${created.id}` } });
    } catch (error) {
      logger.warn({ err: error, alertId: alert.id, incidentId: created.id }, 'could not flag the alert with its incident');
    }
  }
  return { incident: await getIncident({ actor, incidentId: created.id }), isNew: true };
}

let foldPairs: { from: string; to: string } | undefined;
/** The arguments of SQL translate() that fold every accented Latin letter (either case) as `foldKey` does. */
function foldMap(): { from: string; to: string } {
  if (foldPairs) return foldPairs;
  let from = '';
  let to = '';
  for (let code = 0xc0; code <= 0x1ef9; code++) {
    const ch = String.fromCharCode(code);
    const folded = foldKey(ch);
    if (folded !== ch && folded.length === 1 && folded !== ch.toLowerCase()) {
      from += ch;
      to += folded;
    }
  }
  foldPairs = { from, to };
  return foldPairs;
}

export interface ListIncidentsOptions {
  actor: Actor;
  organizationId?: string;
  status?: IncidentStatus;
  severity?: number;
  isOverdue?: boolean;
  q?: string;
  limit?: number;
}

/**
 * Incidents the actor may read, newest first: their organization's and those shared with it; network-wide
 * roles see every organization's (or the one they name).
 */
export async function listIncidents(options: ListIncidentsOptions): Promise<IncidentSummary[]> {
  const { actor } = options;
  const db = await getDb();
  const conditions: SQL[] = [];
  if (isNetworkWide(actor)) {
    if (options.organizationId) conditions.push(eq(incidents.organizationId, options.organizationId));
  } else {
    if (!actor.organizationId) return [];
    const shared = db
      .select({ id: incidentShares.incidentId })
      .from(incidentShares)
      .where(eq(incidentShares.organizationId, actor.organizationId));
    conditions.push(or(eq(incidents.organizationId, actor.organizationId), inArray(incidents.id, shared))!);
    if (options.organizationId) conditions.push(eq(incidents.organizationId, options.organizationId));
  }
  if (options.status) conditions.push(eq(incidents.status, options.status));
  if (options.severity) conditions.push(eq(incidents.severity, options.severity));
  if (options.q?.trim()) {
    // Accent- and case-insensitive, like the directory: "thu hoi dat" finds "Thu hồi đất".
    const { from, to } = foldMap();
    const pattern = `%${foldKey(options.q.trim()).replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      sql`lower(translate(${incidents.title} || ' ' || coalesce(${incidents.description}, ''), ${from}, ${to})) LIKE ${pattern}`,
    );
  }
  if (options.isOverdue !== undefined) {
    const overdue = and(
      ne(incidents.status, 'closed'),
      or(
        and(eq(incidents.status, 'open'), isNotNull(incidents.responseDueAt), lt(incidents.responseDueAt, sql`now()`)),
        and(isNotNull(incidents.resolutionDueAt), lt(incidents.resolutionDueAt, sql`now()`)),
      ),
    )!;
    conditions.push(options.isOverdue ? overdue : sql`NOT (${overdue})`);
  }
  const rows = await db
    .select()
    .from(incidents)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(incidents.createdAt))
    .limit(options.limit ?? 200);
  const people = await loadUserRefs(rows.map((row) => row.ownerUserId));
  const names = await loadOrganizationNames(rows.map((row) => row.organizationId));
  return toSummaries(rows, people, names);
}

/** One incident with its task force, links, timeline and statements. */
export async function getIncident({ actor, incidentId }: { actor: Actor; incidentId: string }): Promise<IncidentDetail> {
  const { incident, sharedWith } = await loadIncident(actor, incidentId);
  return buildIncidentDetail(actor, incident, sharedWith);
}

/** Loads an incident the actor may change (404 when unreadable, 403 when read-only for them). */
async function loadForChange(actor: Actor, incidentId: string) {
  const loaded = await loadIncident(actor, incidentId);
  assertCanHandleIncident(actor, loaded.incident.organizationId);
  return loaded;
}

/** Changes title, description, severity or deadlines. */
export async function updateIncident({
  actor,
  incidentId,
  input,
  requestId,
}: {
  actor: Actor;
  incidentId: string;
  input: UpdateIncidentInput;
  requestId?: string;
}): Promise<IncidentDetail> {
  const changes = updateIncidentSchema.parse(input);
  const { incident } = await loadForChange(actor, incidentId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const set: Partial<typeof incidents.$inferInsert> = { updatedAt: new Date() };
    if (changes.title !== undefined) set.title = changes.title;
    if (changes.description !== undefined) set.description = changes.description;
    if (changes.severity !== undefined) set.severity = changes.severity;
    if (changes.responseDueAt !== undefined) set.responseDueAt = toDate(changes.responseDueAt);
    if (changes.resolutionDueAt !== undefined) set.resolutionDueAt = toDate(changes.resolutionDueAt);
    const [row] = await tx.update(incidents).set(set).where(eq(incidents.id, incidentId)).returning();
    const changed = Object.keys(changes);
    const before = Object.fromEntries(changed.map((key) => [key, incident[key as keyof Incident]]));
    await appendTimeline(tx, { incidentId, kind: 'updated', actor, data: { fields: changed, before, after: changes } });
    await recordAudit(tx, {
      actor,
      action: 'incidents.incident.update',
      entityType: 'incident',
      entityId: incidentId,
      organizationId: incident.organizationId,
      before,
      after: row,
      requestId,
    });
  });
  return getIncident({ actor, incidentId });
}

/** Moves the incident along its workflow; a change the workflow does not allow is INVALID_STATE. */
export async function transitionIncident({
  actor,
  incidentId,
  status,
  note,
  requestId,
}: {
  actor: Actor;
  incidentId: string;
  status: IncidentStatus;
  note?: string;
  requestId?: string;
}): Promise<IncidentDetail> {
  const { incident } = await loadForChange(actor, incidentId);
  if (!canTransition(incident.status, status)) {
    throw new AppError('INVALID_STATE', `An incident cannot go from ${incident.status} to ${status}`, {
      details: { from: incident.status, to: status },
    });
  }
  const db = await getDb();
  await db.transaction(async (tx) => {
    // Guard against a concurrent change: the update only applies to the status we checked.
    const [row] = await tx
      .update(incidents)
      .set({ status, updatedAt: new Date(), closedAt: status === 'closed' ? new Date() : null })
      .where(and(eq(incidents.id, incidentId), eq(incidents.status, incident.status)))
      .returning();
    if (!row) throw new AppError('CONFLICT', 'The incident changed meanwhile; reload it');
    await appendTimeline(tx, {
      incidentId,
      kind: 'status_changed',
      actor,
      body: note || null,
      data: { from: incident.status, to: status },
    });
    await recordAudit(tx, {
      actor,
      action: 'incidents.incident.transition',
      entityType: 'incident',
      entityId: incidentId,
      organizationId: incident.organizationId,
      before: { status: incident.status },
      after: { status, note },
      requestId,
    });
  });
  return getIncident({ actor, incidentId });
}

/** Sets (or clears) the officer in charge. */
export async function assignIncident({
  actor,
  incidentId,
  ownerUserId,
  requestId,
}: {
  actor: Actor;
  incidentId: string;
  ownerUserId: string | null;
  requestId?: string;
}): Promise<IncidentDetail> {
  const { incident } = await loadForChange(actor, incidentId);
  const db = await getDb();
  if (ownerUserId) await assertMemberOfOrganization(db, ownerUserId, incident.organizationId, 'ownerUserId');
  await db.transaction(async (tx) => {
    await tx.update(incidents).set({ ownerUserId, updatedAt: new Date() }).where(eq(incidents.id, incidentId));
    await appendTimeline(tx, { incidentId, kind: 'owner_assigned', actor, data: { from: incident.ownerUserId, ownerUserId } });
    await recordAudit(tx, {
      actor,
      action: 'incidents.incident.assign',
      entityType: 'incident',
      entityId: incidentId,
      organizationId: incident.organizationId,
      before: { ownerUserId: incident.ownerUserId },
      after: { ownerUserId },
      requestId,
    });
  });
  return getIncident({ actor, incidentId });
}

/** Adds a user of the owning organization to the task force, or changes their role in it. */
export async function setTaskForceMember({
  actor,
  incidentId,
  userId,
  role,
  requestId,
}: {
  actor: Actor;
  incidentId: string;
  userId: string;
  role: MemberRole;
  requestId?: string;
}): Promise<IncidentDetail> {
  const { incident } = await loadForChange(actor, incidentId);
  const db = await getDb();
  await assertMemberOfOrganization(db, userId, incident.organizationId, 'userId');
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(incidentMembers)
      .where(and(eq(incidentMembers.incidentId, incidentId), eq(incidentMembers.userId, userId)));
    if (before?.role === role) return;
    await tx
      .insert(incidentMembers)
      .values({ incidentId, userId, role, addedByUserId: actor.userId })
      .onConflictDoUpdate({ target: [incidentMembers.incidentId, incidentMembers.userId], set: { role } });
    await appendTimeline(tx, {
      incidentId,
      kind: 'member_added',
      actor,
      data: { userId, role, previousRole: before?.role ?? null },
    });
    await recordAudit(tx, {
      actor,
      action: 'incidents.member.set',
      entityType: 'incident',
      entityId: incidentId,
      organizationId: incident.organizationId,
      before: before ?? null,
      after: { userId, role },
      requestId,
    });
  });
  return getIncident({ actor, incidentId });
}

export async function removeTaskForceMember({
  actor,
  incidentId,
  userId,
  requestId,
}: {
  actor: Actor;
  incidentId: string;
  userId: string;
  requestId?: string;
}): Promise<IncidentDetail> {
  const { incident } = await loadForChange(actor, incidentId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(incidentMembers)
      .where(and(eq(incidentMembers.incidentId, incidentId), eq(incidentMembers.userId, userId)))
      .returning();
    if (!removed) throw new AppError('NOT_FOUND', 'Not a member of the task force', { details: { userId } });
    await appendTimeline(tx, { incidentId, kind: 'member_removed', actor, data: { userId, role: removed.role } });
    await recordAudit(tx, {
      actor,
      action: 'incidents.member.remove',
      entityType: 'incident',
      entityId: incidentId,
      organizationId: incident.organizationId,
      before: removed,
      requestId,
    });
  });
  return getIncident({ actor, incidentId });
}

/** Links an alert or a monitoring query of the same organization (linking twice is a no-op). */
export async function linkToIncident({
  actor,
  incidentId,
  kind,
  targetId,
  requestId,
}: {
  actor: Actor;
  incidentId: string;
  kind: LinkKind;
  targetId: string;
  requestId?: string;
}): Promise<IncidentDetail> {
  const { incident } = await loadForChange(actor, incidentId);
  const db = await getDb();
  let label: string;
  let data: Record<string, unknown>;
  const foreign = () =>
    new AppError('VALIDATION_FAILED', `Link only ${kind === 'alert' ? 'alerts' : 'queries'} of the incident's organization`, {
      invalidFields: [{ path: 'targetId', message: "not of the incident's organization" }],
    });
  if (kind === 'alert') {
    const alert = await getAlertSummary({ actor, alertId: targetId });
    if (alert.organizationId !== incident.organizationId) throw foreign();
    label = titleFromAlert(alert);
    data = { alertId: alert.id, kind: alert.kind, query: alert.query, mentions: alert.mentions, startedAt: alert.startedAt };
  } else {
    const [query] = await db
      .select({ id: monitoringQueries.id, name: monitoringQueries.name, organizationId: monitoringQueries.organizationId })
      .from(monitoringQueries)
      .where(eq(monitoringQueries.id, targetId));
    if (!query) throw new AppError('NOT_FOUND', `Query ${targetId} not found`, { details: { what: 'Query', id: targetId } });
    if (query.organizationId !== incident.organizationId) throw foreign();
    label = query.name;
    data = { queryId: query.id, name: query.name };
  }
  await db.transaction((tx) => addLink(tx, { actor, incident, kind, targetId, label, data, requestId }));
  return getIncident({ actor, incidentId });
}

/** Adds a link once: the link, its timeline entry and audit record, and the incident marked as updated. */
async function addLink(
  tx: Executor,
  link: {
    actor: Actor;
    incident: Pick<Incident, 'id' | 'organizationId'>;
    kind: LinkKind;
    targetId: string;
    label: string;
    data: Record<string, unknown>;
    requestId?: string;
  },
): Promise<void> {
  const { actor, incident, kind, targetId, label } = link;
  const [row] = await tx
    .insert(incidentLinks)
    .values({ incidentId: incident.id, kind, targetId, label, linkedByUserId: actor.userId })
    .onConflictDoNothing()
    .returning();
  if (!row) return;
  await appendTimeline(tx, {
    incidentId: incident.id,
    kind: kind === 'alert' ? 'alert_linked' : 'query_linked',
    actor,
    data: link.data,
  });
  await tx.update(incidents).set({ updatedAt: new Date() }).where(eq(incidents.id, incident.id));
  await recordAudit(tx, {
    actor,
    action: 'incidents.link.add',
    entityType: 'incident',
    entityId: incident.id,
    organizationId: incident.organizationId,
    after: { kind, targetId, label },
    requestId: link.requestId,
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A query saved in the query editor linked to one of its organization's incidents: the incident gets the link, a
 * timeline entry and an audit record, as when the link is made from the incident (`linkToIncident`). Runs in the
 * query's transaction; a link to an unknown incident or to another organization's is left as the query's own data.
 */
export async function recordQueryLinkedFromEditor(tx: Executor, event: QueryLinkedToIncident): Promise<void> {
  if (!UUID.test(event.incidentId)) return;
  const [incident] = await tx
    .select({ id: incidents.id, organizationId: incidents.organizationId })
    .from(incidents)
    .where(eq(incidents.id, event.incidentId));
  if (!incident || incident.organizationId !== event.organizationId) return;
  await addLink(tx, {
    actor: event.actor,
    incident,
    kind: 'query',
    targetId: event.queryId,
    label: event.queryName,
    data: { queryId: event.queryId, name: event.queryName },
  });
}

/** Lets another organization read the incident (e.g. the ministry in charge of the field). */
export async function shareIncident({
  actor,
  incidentId,
  organizationId,
  requestId,
}: {
  actor: Actor;
  incidentId: string;
  organizationId: string;
  requestId?: string;
}): Promise<IncidentDetail> {
  const { incident } = await loadForChange(actor, incidentId);
  const db = await getDb();
  const [organization] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!organization || organization.id === incident.organizationId) {
    throw new AppError('VALIDATION_FAILED', 'Share with another existing organization', {
      invalidFields: [{ path: 'organizationId', message: organization ? 'the owning organization' : 'unknown organization' }],
    });
  }
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(incidentShares)
      .values({ incidentId, organizationId, sharedByUserId: actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!row) return;
    await appendTimeline(tx, {
      incidentId,
      kind: 'shared',
      actor,
      data: { organizationId, organizationName: organization.name },
    });
    await recordAudit(tx, {
      actor,
      action: 'incidents.incident.share',
      entityType: 'incident',
      entityId: incidentId,
      organizationId: incident.organizationId,
      after: { sharedWith: organizationId },
      requestId,
    });
  });
  return getIncident({ actor, incidentId });
}

/** Stops sharing the incident with an organization. */
export async function unshareIncident({
  actor,
  incidentId,
  organizationId,
  requestId,
}: {
  actor: Actor;
  incidentId: string;
  organizationId: string;
  requestId?: string;
}): Promise<IncidentDetail> {
  const { incident } = await loadForChange(actor, incidentId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(incidentShares)
      .where(and(eq(incidentShares.incidentId, incidentId), eq(incidentShares.organizationId, organizationId)))
      .returning();
    if (!removed)
      throw new AppError('NOT_FOUND', 'The incident is not shared with this organization', { details: { organizationId } });
    const [organization] = await tx
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, organizationId));
    await appendTimeline(tx, {
      incidentId,
      kind: 'unshared',
      actor,
      data: { organizationId, organizationName: organization?.name ?? organizationId },
    });
    await recordAudit(tx, {
      actor,
      action: 'incidents.incident.unshare',
      entityType: 'incident',
      entityId: incidentId,
      organizationId: incident.organizationId,
      before: { sharedWith: organizationId },
      requestId,
    });
  });
  return getIncident({ actor, incidentId });
}

/** An officer's note on the timeline. */
export async function addIncidentNote({
  actor,
  incidentId,
  body,
  requestId,
}: {
  actor: Actor;
  incidentId: string;
  body: string;
  requestId?: string;
}): Promise<IncidentDetail> {
  const { incident } = await loadForChange(actor, incidentId);
  const text = body.trim();
  if (!text)
    throw new AppError('VALIDATION_FAILED', 'Write the note', { invalidFields: [{ path: 'body', message: 'required' }] });
  const db = await getDb();
  await db.transaction(async (tx) => {
    await appendTimeline(tx, { incidentId, kind: 'note', actor, body: text });
    await tx.update(incidents).set({ updatedAt: new Date() }).where(eq(incidents.id, incidentId));
    await recordAudit(tx, {
      actor,
      action: 'incidents.note.add',
      entityType: 'incident',
      entityId: incidentId,
      organizationId: incident.organizationId,
      after: { body: text },
      requestId,
    });
  });
  return getIncident({ actor, incidentId });
}

/** Active users of the incident's organization, for the owner and task-force pickers (handlers only). */
export async function listIncidentPeople({
  actor,
  incidentId,
}: {
  actor: Actor;
  incidentId: string;
}): Promise<{ id: string; displayName: string; email: string; role: string }[]> {
  const { incident } = await loadForChange(actor, incidentId);
  return listActiveMembers(incident.organizationId);
}
