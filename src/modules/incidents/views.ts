import { and, asc, eq, inArray } from 'drizzle-orm';
import { getDb, type Executor } from '../../platform/db';
import { notFound } from '../../platform/errors';
import { hasRoleAtLeast, isNetworkWide, type Actor } from '../../platform/actor';
import { users } from '../accounts';
import { organizations } from '../agencies';
import type { IncidentDetail, IncidentSummary, StatementView, TimelineEntry } from './contracts';
import { allowedTransitions, type MemberRole, type TimelineKind } from './model';
import { canReadIncident } from './policies';
import {
  incidentLinks,
  incidentMembers,
  incidentShares,
  incidentStatements,
  incidentTimeline,
  incidents,
  type Incident,
  type Statement,
} from './schema';

export type UserRef = { id: string; displayName: string; email: string };

/** Display names of users, by id. */
export async function loadUserRefs(ids: (string | null | undefined)[]): Promise<Map<string, UserRef>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, email: users.email })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((row) => [row.id, row]));
}

export async function loadOrganizationNames(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, unique));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** An incident the actor may read with the organizations it is shared with; otherwise NOT_FOUND (no existence leak). */
export async function loadIncident(
  actor: Actor,
  incidentId: string,
  executor?: Executor,
): Promise<{ incident: Incident; sharedWith: string[] }> {
  const db = executor ?? (await getDb());
  const [incident] = await db.select().from(incidents).where(eq(incidents.id, incidentId));
  if (!incident) throw notFound('Incident', incidentId);
  const shares = await db
    .select({ organizationId: incidentShares.organizationId })
    .from(incidentShares)
    .where(eq(incidentShares.incidentId, incidentId));
  const sharedWith = shares.map((share) => share.organizationId);
  if (!canReadIncident(actor, incident.organizationId, sharedWith)) throw notFound('Incident', incidentId);
  return { incident, sharedWith };
}

/** Appends one entry to the incident's timeline (in the caller's transaction). */
export async function appendTimeline(
  tx: Executor,
  entry: { incidentId: string; kind: TimelineKind; actor: Actor; body?: string | null; data?: Record<string, unknown> },
): Promise<void> {
  await tx.insert(incidentTimeline).values({
    incidentId: entry.incidentId,
    kind: entry.kind,
    actorUserId: entry.actor.userId,
    body: entry.body ?? null,
    data: entry.data ?? {},
  });
}

function isOverdue(incident: Incident, now: Date): boolean {
  if (incident.status === 'closed') return false;
  const dues = [incident.status === 'open' ? incident.responseDueAt : null, incident.resolutionDueAt].filter(
    (d): d is Date => d !== null,
  );
  return dues.some((due) => due.getTime() < now.getTime());
}

export function toSummaries(
  rows: Incident[],
  people: Map<string, UserRef>,
  organizationNames: Map<string, string>,
): IncidentSummary[] {
  const now = new Date();
  return rows.map((row) => ({
    id: row.id,
    organizationId: row.organizationId,
    organizationName: organizationNames.get(row.organizationId) ?? row.organizationId,
    title: row.title,
    severity: row.severity,
    status: row.status,
    owner: row.ownerUserId ? (people.get(row.ownerUserId) ?? null) : null,
    sourceAlertId: row.sourceAlertId,
    responseDueAt: row.responseDueAt?.toISOString() ?? null,
    resolutionDueAt: row.resolutionDueAt?.toISOString() ?? null,
    isOverdue: isOverdue(row, now),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  }));
}

export function toStatementView(row: Statement, people: Map<string, UserRef>): StatementView {
  return {
    id: row.id,
    incidentId: row.incidentId,
    kind: row.kind,
    title: row.title,
    body: row.body,
    addressee: row.addressee,
    status: row.status,
    author: row.authorUserId ? (people.get(row.authorUserId) ?? null) : null,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    approvedBy: row.approvedByUserId ? (people.get(row.approvedByUserId) ?? null) : null,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    signerName: row.signerName,
    signerCapacity: row.signerCapacity,
    reviewComment: row.reviewComment,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The role the actor holds in the incident's task force, if any. */
export async function memberRoleOf(actor: Actor, incidentId: string): Promise<MemberRole | null> {
  if (!actor.userId) return null;
  const db = await getDb();
  const [row] = await db
    .select({ role: incidentMembers.role })
    .from(incidentMembers)
    .where(and(eq(incidentMembers.incidentId, incidentId), eq(incidentMembers.userId, actor.userId)));
  return row?.role ?? null;
}

/** The user a timeline entry is about (a task-force member or the new owner), if any. */
function subjectOf(data: Record<string, unknown>): string | null {
  const id = data.userId ?? data.ownerUserId;
  return typeof id === 'string' ? id : null;
}

/** Everything the detail page shows, for an actor already allowed to read the incident. */
export async function buildIncidentDetail(actor: Actor, incident: Incident, sharedWith: string[]): Promise<IncidentDetail> {
  const db = await getDb();
  const [members, links, timeline, statements] = await Promise.all([
    db.select().from(incidentMembers).where(eq(incidentMembers.incidentId, incident.id)).orderBy(asc(incidentMembers.addedAt)),
    // links made from the incident and from the query editor alike (recordQueryLinkedFromEditor, migration 0602)
    db.select().from(incidentLinks).where(eq(incidentLinks.incidentId, incident.id)).orderBy(asc(incidentLinks.linkedAt)),
    db.select().from(incidentTimeline).where(eq(incidentTimeline.incidentId, incident.id)).orderBy(asc(incidentTimeline.id)),
    db
      .select()
      .from(incidentStatements)
      .where(eq(incidentStatements.incidentId, incident.id))
      .orderBy(asc(incidentStatements.createdAt)),
  ]);
  const people = await loadUserRefs([
    incident.ownerUserId,
    ...members.map((m) => m.userId),
    ...timeline.flatMap((t) => [t.actorUserId, subjectOf(t.data)]),
    ...statements.flatMap((s) => [s.authorUserId, s.approvedByUserId]),
  ]);
  const organizationNames = await loadOrganizationNames([incident.organizationId, ...sharedWith]);
  const isOwn = actor.organizationId === incident.organizationId;
  const canHandle = hasRoleAtLeast(actor, 'officer') && (isOwn || isNetworkWide(actor));
  const myRole = members.find((m) => m.userId === actor.userId)?.role ?? null;
  const canApprove =
    (isOwn && hasRoleAtLeast(actor, 'leader')) ||
    actor.role === 'administrator' ||
    (isOwn && myRole === 'spokesperson' && hasRoleAtLeast(actor, 'officer'));
  const timelineEntries: TimelineEntry[] = timeline.map((entry) => ({
    id: entry.id,
    kind: entry.kind,
    actor: entry.actorUserId ? (people.get(entry.actorUserId) ?? null) : null,
    subject: people.get(subjectOf(entry.data) ?? '') ?? null,
    body: entry.body,
    data: entry.data,
    createdAt: entry.createdAt.toISOString(),
  }));
  return {
    ...toSummaries([incident], people, organizationNames)[0]!,
    description: incident.description,
    members: members
      .filter((m) => people.has(m.userId))
      .map((m) => ({ user: people.get(m.userId)!, role: m.role, addedAt: m.addedAt.toISOString() })),
    links: links.map((link) => ({
      kind: link.kind,
      targetId: link.targetId,
      label: link.label,
      linkedAt: link.linkedAt.toISOString(),
    })),
    sharedWith: sharedWith.map((organizationId) => ({
      organizationId,
      organizationName: organizationNames.get(organizationId) ?? organizationId,
    })),
    timeline: timelineEntries,
    statements: statements.map((statement) => toStatementView(statement, people)),
    allowedTransitions: [...allowedTransitions[incident.status]],
    canHandle,
    canApprove,
  };
}
