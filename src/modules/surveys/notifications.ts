import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import nodemailer from 'nodemailer';
import { getDb, type Executor } from '../../platform/db';
import { env } from '../../platform/env';
import { logger } from '../../platform/logger';
import { defineJob, enqueueJob } from '../../platform/jobs';
import type { Actor } from '../../platform/actor';
import { AppError } from '../../platform/errors';
import { users } from '../accounts';
import { surveyNotifications } from './schema';

export type NotificationKind = 'launched' | 'reminder' | 'reopened' | 'extended';

const mailPayloadSchema = z.object({ organizationIds: z.array(z.string()).min(1), subject: z.string(), text: z.string() });

/**
 * Mails one notice to the active users of each organization through `smtpUrl`; Bcc keeps each organization's
 * addresses hidden from the others. Returns how many addresses it was sent to.
 */
export async function sendSurveyMail(options: {
  smtpUrl: string;
  from: string;
  organizationIds: string[];
  subject: string;
  text: string;
}): Promise<number> {
  const db = await getDb();
  const recipients = await db
    .select({ email: users.email })
    .from(users)
    .where(and(inArray(users.organizationId, options.organizationIds), eq(users.isActive, true)));
  if (recipients.length === 0) return 0;
  const transport = nodemailer.createTransport(options.smtpUrl);
  await transport.sendMail({
    from: options.from,
    bcc: recipients.map((r) => r.email),
    subject: options.subject,
    text: options.text,
  });
  return recipients.length;
}

/** Job: mails a notice when SMTP_URL is configured (enqueued in the transaction that records the in-app notice). */
export const sendSurveyMailJob = defineJob({
  name: 'surveys.send-mail',
  schema: mailPayloadSchema,
  retryLimit: 5,
  handler: async (payload) => {
    if (!env.mail.smtpUrl) return;
    await sendSurveyMail({ smtpUrl: env.mail.smtpUrl, from: env.mail.from, ...payload });
  },
});

/**
 * Records an in-app notice for each organization (inside the caller's transaction) and, when SMTP is configured,
 * enqueues the mail in the same transaction. `dedupeKey` (per organization) makes repeated cron runs no-ops.
 */
export async function notifyOrganizations(
  tx: Executor,
  options: {
    campaignId: string;
    organizationIds: string[];
    kind: NotificationKind;
    message: string;
    dedupeKey?: string;
    subject: string;
  },
): Promise<number> {
  if (options.organizationIds.length === 0) return 0;
  const inserted = await tx
    .insert(surveyNotifications)
    .values(
      options.organizationIds.map((organizationId) => ({
        campaignId: options.campaignId,
        organizationId,
        kind: options.kind,
        message: options.message,
        dedupeKey: options.dedupeKey ? `${options.dedupeKey}:${organizationId}` : null,
      })),
    )
    .onConflictDoNothing()
    .returning({ organizationId: surveyNotifications.organizationId });
  if (inserted.length > 0) {
    if (env.mail.smtpUrl) {
      await enqueueJob(
        sendSurveyMailJob,
        { organizationIds: inserted.map((r) => r.organizationId), subject: options.subject, text: options.message },
        { tx },
      );
    } else {
      logger.info(
        { kind: options.kind, campaignId: options.campaignId, organizations: inserted.length },
        'survey notice recorded (no SMTP_URL: mail not sent)',
      );
    }
  }
  return inserted.length;
}

/** The actor's organization's notices, newest first. */
export async function listNotifications({ actor, limit = 50 }: { actor: Actor; limit?: number }) {
  if (!actor.organizationId) return [];
  const db = await getDb();
  const rows = await db
    .select()
    .from(surveyNotifications)
    .where(eq(surveyNotifications.organizationId, actor.organizationId))
    .orderBy(desc(surveyNotifications.createdAt))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    campaignId: row.campaignId,
    kind: row.kind,
    message: row.message,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  }));
}

export async function markNotificationRead({ actor, notificationId }: { actor: Actor; notificationId: string }): Promise<void> {
  const db = await getDb();
  const updated = await db
    .update(surveyNotifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(surveyNotifications.id, notificationId),
        eq(surveyNotifications.organizationId, actor.organizationId ?? ''),
        isNull(surveyNotifications.readAt),
      ),
    )
    .returning({ id: surveyNotifications.id });
  if (updated.length === 0) {
    const [exists] = await db
      .select({ id: surveyNotifications.id })
      .from(surveyNotifications)
      .where(and(eq(surveyNotifications.id, notificationId), eq(surveyNotifications.organizationId, actor.organizationId ?? '')));
    if (!exists) throw new AppError('NOT_FOUND', `Notification ${notificationId} not found`);
  }
}
