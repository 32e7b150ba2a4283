import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { AppError, notFound, type InvalidField } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import { isNetworkWide, type Actor } from '../../platform/actor';
import { organizations } from '../agencies';
import { users } from '../accounts';
import { announcementReads, announcementRecipients, announcements, type Announcement } from './schema';
import { assertCanCoordinate, canReadAnnouncement, canReadAnnouncementReceipts } from './policies';
import { assertOrganizationsExist, resolveGroupMembers } from './groups';
import { dateInVietnam } from '../../platform/dates';
import { enqueueJob } from '../../platform/jobs';
import { isAnnouncementMailEnabled } from './announcement-mail';
import { announcementRecipientIds } from './announcement-recipients';
import { sendAnnouncementMailJob } from './jobs';

/**
 * Control characters other than tab and newline are dropped: the body is plain text (Markdown source at
 * most) and is shown as text, never injected as HTML, so no further sanitizing is needed or wanted.
 */
export function toPlainText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .trim();
}

export interface SendAnnouncementOptions {
  actor: Actor;
  title: string;
  body: string;
  organizationIds?: string[];
  groupKeys?: string[];
  /** Date groups are resolved on (YYYY-MM-DD); default today in Vietnam. */
  on?: string;
  requestId?: string;
}

/**
 * Sends an announcement to organizations and groups; groups are resolved to the organizations in force
 * on the date at send time, so later changes of a group do not change who received it. Audited.
 */
export async function sendAnnouncement({
  actor,
  title,
  body,
  organizationIds = [],
  groupKeys = [],
  on = dateInVietnam(),
  requestId,
}: SendAnnouncementOptions) {
  assertCanCoordinate(actor, 'send announcements');
  if (!actor.organizationId)
    throw new AppError('BAD_REQUEST', 'Announcements are sent on behalf of an organization; this actor has none');
  const cleanTitle = toPlainText(title).replace(/\s+/g, ' ');
  const cleanBody = toPlainText(body);
  const emptyFields: InvalidField[] = [];
  if (cleanTitle.length < 2) emptyFields.push({ path: 'title', message: 'must have at least 2 visible characters' });
  if (cleanBody.length < 1) emptyFields.push({ path: 'body', message: 'must not be empty' });
  if (organizationIds.length === 0 && groupKeys.length === 0)
    emptyFields.push({ path: 'organizationIds', message: 'choose at least one organization or group' });
  if (emptyFields.length > 0)
    throw new AppError('VALIDATION_FAILED', 'The announcement is incomplete', { invalidFields: emptyFields });
  const db = await getDb();
  return db.transaction(async (tx) => {
    await assertOrganizationsExist(tx, organizationIds, 'organizationIds');
    const recipients = new Set(organizationIds);
    const unknownGroups: InvalidField[] = [];
    for (const [index, key] of groupKeys.entries()) {
      try {
        const group = await resolveGroupMembers({ actor, key, on, tx });
        for (const member of group.members) recipients.add(member.id);
      } catch (error) {
        if (error instanceof AppError && error.code === 'NOT_FOUND')
          unknownGroups.push({ path: `groupKeys.${index}`, message: `unknown group "${key}"` });
        else throw error;
      }
    }
    if (unknownGroups.length > 0) throw new AppError('VALIDATION_FAILED', 'Unknown groups', { invalidFields: unknownGroups });
    if (recipients.size === 0) {
      throw new AppError('UNPROCESSABLE', `The chosen groups have no members in force on ${on}`, {
        invalidFields: [{ path: 'groupKeys', message: 'no recipients' }],
      });
    }
    const audience = { organizationIds: [...new Set(organizationIds)], groupKeys: [...new Set(groupKeys)], on };
    const [created] = await tx
      .insert(announcements)
      .values({
        title: cleanTitle,
        body: cleanBody,
        senderUserId: actor.userId,
        senderOrganizationId: actor.organizationId!,
        audience,
      })
      .returning();
    const recipientIds = [...recipients].sort();
    await tx
      .insert(announcementRecipients)
      .values(recipientIds.map((organizationId) => ({ announcementId: created!.id, organizationId })));
    // Enqueued in the same transaction: the mail goes out if and only if the announcement is saved.
    if (isAnnouncementMailEnabled())
      await enqueueJob(sendAnnouncementMailJob, { announcementId: created!.id }, { tx, singletonKey: created!.id });
    const view = toAnnouncementView(created!, recipientIds, null);
    await recordAudit(tx, {
      actor,
      action: 'announcement.send',
      entityType: 'announcement',
      entityId: created!.id,
      organizationId: actor.organizationId,
      after: { ...view, body: undefined, bodyLength: cleanBody.length },
      requestId,
    });
    return view;
  });
}

function toAnnouncementView(row: Announcement, recipientOrganizationIds: string[], readAt: Date | null) {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    senderUserId: row.senderUserId,
    senderOrganizationId: row.senderOrganizationId,
    audience: row.audience,
    recipientOrganizationIds,
    sentAt: row.sentAt.toISOString(),
    readAt: readAt?.toISOString() ?? null,
  };
}

async function loadReadable(actor: Actor, announcementId: string) {
  const db = await getDb();
  const [row] = await db.select().from(announcements).where(eq(announcements.id, announcementId));
  if (!row) throw notFound('Announcement', announcementId);
  const recipientIds = await announcementRecipientIds(db, announcementId);
  // Not found rather than forbidden: whether another organization's announcement exists is not public either.
  if (!canReadAnnouncement(actor, row.senderOrganizationId, recipientIds)) throw notFound('Announcement', announcementId);
  return { row, recipientIds };
}

/** One announcement, for its sender organization, network-wide roles and users of recipient organizations. */
export async function getAnnouncement({ actor, announcementId }: { actor: Actor; announcementId: string }) {
  const { row, recipientIds } = await loadReadable(actor, announcementId);
  const db = await getDb();
  const [read] = actor.userId
    ? await db
        .select({ readAt: announcementReads.readAt })
        .from(announcementReads)
        .where(and(eq(announcementReads.announcementId, announcementId), eq(announcementReads.userId, actor.userId)))
    : [];
  return toAnnouncementView(row, recipientIds, read?.readAt ?? null);
}

/** Marks an announcement read by the signed-in user of a recipient organization (first opening counts). */
export async function markAnnouncementRead({
  actor,
  announcementId,
  requestId,
}: {
  actor: Actor;
  announcementId: string;
  requestId?: string;
}) {
  if (!actor.userId || !actor.organizationId) throw new AppError('BAD_REQUEST', 'Only users have read receipts');
  const { row, recipientIds } = await loadReadable(actor, announcementId);
  if (!recipientIds.includes(actor.organizationId)) {
    throw new AppError('INVALID_STATE', 'Your organization is not a recipient of this announcement', {
      details: { announcementId },
    });
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(announcementReads)
      .values({ announcementId, userId: actor.userId!, organizationId: actor.organizationId! })
      .onConflictDoNothing()
      .returning();
    if (inserted[0]) {
      await recordAudit(tx, {
        actor,
        action: 'announcement.read',
        entityType: 'announcement',
        entityId: announcementId,
        organizationId: row.senderOrganizationId,
        after: { readAt: inserted[0].readAt.toISOString() },
        requestId,
      });
    }
    const [read] = await tx
      .select()
      .from(announcementReads)
      .where(and(eq(announcementReads.announcementId, announcementId), eq(announcementReads.userId, actor.userId!)));
    return { announcementId, readAt: read!.readAt.toISOString(), isFirstRead: Boolean(inserted[0]) };
  });
}

/** The signed-in user's inbox: announcements to their organization, newest first, with the unread count. */
export async function listInbox({ actor, limit = 50 }: { actor: Actor; limit?: number }) {
  if (!actor.userId || !actor.organizationId) return { unreadCount: 0, items: [] };
  const db = await getDb();
  const readJoin = and(eq(announcementReads.announcementId, announcements.id), eq(announcementReads.userId, actor.userId));
  const rows = await db
    .select({
      id: announcements.id,
      title: announcements.title,
      body: announcements.body,
      senderOrganizationId: announcements.senderOrganizationId,
      sentAt: announcements.sentAt,
      readAt: announcementReads.readAt,
    })
    .from(announcementRecipients)
    .innerJoin(announcements, eq(announcements.id, announcementRecipients.announcementId))
    .leftJoin(announcementReads, readJoin)
    .where(eq(announcementRecipients.organizationId, actor.organizationId))
    .orderBy(desc(announcements.sentAt), desc(announcements.id))
    .limit(limit);
  const [unread] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(announcementRecipients)
    .leftJoin(
      announcementReads,
      and(
        eq(announcementReads.announcementId, announcementRecipients.announcementId),
        eq(announcementReads.userId, actor.userId),
      ),
    )
    .where(and(eq(announcementRecipients.organizationId, actor.organizationId), isNull(announcementReads.userId)));
  return {
    unreadCount: unread?.count ?? 0,
    items: rows.map((row) => ({
      id: row.id,
      title: row.title,
      excerpt: row.body.length > 280 ? `${row.body.slice(0, 279)}…` : row.body,
      senderOrganizationId: row.senderOrganizationId,
      sentAt: row.sentAt.toISOString(),
      readAt: row.readAt?.toISOString() ?? null,
    })),
  };
}

/** Announcements sent by the actor's organization (network-wide roles: all), with reader counts. */
export async function listSentAnnouncements({ actor, limit = 50 }: { actor: Actor; limit?: number }) {
  const db = await getDb();
  const rows = await db
    .select({
      id: announcements.id,
      title: announcements.title,
      senderOrganizationId: announcements.senderOrganizationId,
      senderUserId: announcements.senderUserId,
      sentAt: announcements.sentAt,
      recipientOrganizationCount: sql<number>`(SELECT count(*)::int FROM announcement_recipients r WHERE r.announcement_id = ${announcements.id})`,
      readerCount: sql<number>`(SELECT count(*)::int FROM announcement_reads r WHERE r.announcement_id = ${announcements.id})`,
    })
    .from(announcements)
    .where(isNetworkWide(actor) ? undefined : eq(announcements.senderOrganizationId, actor.organizationId ?? ''))
    .orderBy(desc(announcements.sentAt), desc(announcements.id))
    .limit(limit);
  return rows.map((row) => ({ ...row, sentAt: row.sentAt.toISOString() }));
}

/**
 * Read receipts: for each recipient organization, which of its users read the announcement and when.
 * Only the sender's organization and network-wide roles see them.
 */
export async function getAnnouncementReceipts({ actor, announcementId }: { actor: Actor; announcementId: string }) {
  const db = await getDb();
  const [row] = await db.select().from(announcements).where(eq(announcements.id, announcementId));
  if (!row) throw notFound('Announcement', announcementId);
  if (!canReadAnnouncementReceipts(actor, row.senderOrganizationId)) {
    const recipientIds = await announcementRecipientIds(db, announcementId);
    // Recipients know the announcement exists: they are refused; everyone else learns nothing.
    if (canReadAnnouncement(actor, row.senderOrganizationId, recipientIds))
      throw new AppError('FORBIDDEN', 'Only the sender sees read receipts');
    throw notFound('Announcement', announcementId);
  }
  const recipients = await db
    .select({ organizationId: announcementRecipients.organizationId, organizationName: organizations.name })
    .from(announcementRecipients)
    .innerJoin(organizations, eq(organizations.id, announcementRecipients.organizationId))
    .where(eq(announcementRecipients.announcementId, announcementId))
    .orderBy(asc(organizations.name));
  const recipientIds = recipients.map((r) => r.organizationId);
  const readers = await db
    .select({
      organizationId: announcementReads.organizationId,
      userId: announcementReads.userId,
      email: users.email,
      displayName: users.displayName,
      readAt: announcementReads.readAt,
    })
    .from(announcementReads)
    .innerJoin(users, eq(users.id, announcementReads.userId))
    .where(eq(announcementReads.announcementId, announcementId))
    .orderBy(asc(announcementReads.readAt));
  const userCounts = recipientIds.length
    ? await db
        .select({ organizationId: users.organizationId, count: sql<number>`count(*)::int` })
        .from(users)
        .where(and(inArray(users.organizationId, recipientIds), eq(users.isActive, true)))
        .groupBy(users.organizationId)
    : [];
  const userCountByOrg = new Map(userCounts.map((r) => [r.organizationId, r.count]));
  const list = recipients.map((recipient) => ({
    organizationId: recipient.organizationId,
    organizationName: recipient.organizationName,
    userCount: userCountByOrg.get(recipient.organizationId) ?? 0,
    readers: readers
      .filter((reader) => reader.organizationId === recipient.organizationId)
      .map((reader) => ({
        userId: reader.userId,
        email: reader.email,
        displayName: reader.displayName,
        readAt: reader.readAt.toISOString(),
      })),
  }));
  return {
    announcementId,
    recipientOrganizationCount: list.length,
    organizationsWithReaders: list.filter((r) => r.readers.length > 0).length,
    recipients: list,
  };
}
