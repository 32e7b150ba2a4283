import { and, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { getDb } from '../../platform/db';
import { env } from '../../platform/env';
import { logger } from '../../platform/logger';
import { AppError } from '../../platform/errors';
import { defineJob, enqueueJob } from '../../platform/jobs';
import { recordAudit } from '../../platform/audit';
import { hasRoleAtLeast, type Actor } from '../../platform/actor';
import { settings } from '../../platform/schema';
import { users } from '../accounts';
import { reminderMailPayloadSchema } from './contracts';
import { addDays } from './dates';
import { dateInVietnam } from '../../platform/dates';
import { documentNotifications, documentTaskEvents, documentTaskReminders, documentTasks } from './schema';
import { z } from 'zod';

const reminderSettingKey = 'documents.reminder-days';
/** Days before the due date on which the owning organization is reminded, unless an administrator changed it. */
export const defaultReminderDays = [7, 1];

/** The configured reminder days (admin-editable setting in the database). */
export async function getReminderSettings(): Promise<{ daysBefore: number[] }> {
  const db = await getDb();
  const [row] = await db.select().from(settings).where(eq(settings.key, reminderSettingKey));
  const parsed = z.array(z.number().int().positive()).safeParse(row?.value);
  return { daysBefore: parsed.success ? parsed.data : defaultReminderDays };
}

/** Changes the reminder days (coordinators and administrators); audited. */
export async function updateReminderSettings({ actor, daysBefore }: { actor: Actor; daysBefore: number[] }) {
  if (!hasRoleAtLeast(actor, 'coordinator')) throw new AppError('FORBIDDEN', 'Only coordinators change reminder settings');
  const value = [...new Set(daysBefore)].sort((a, b) => b - a);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const before = await getReminderSettings();
    await tx
      .insert(settings)
      .values({ key: reminderSettingKey, value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
    await recordAudit(tx, {
      actor,
      action: 'documents.reminder-settings',
      entityType: 'setting',
      entityId: reminderSettingKey,
      before,
      after: { daysBefore: value },
    });
  });
  return { daysBefore: value };
}

/** Marks open tasks past their due date (in Vietnam) as overdue, with a history entry each. */
export async function markOverdueTasks({ today = dateInVietnam() }: { today?: string } = {}): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(documentTasks)
      .set({ status: 'overdue', updatedAt: new Date() })
      .where(and(inArray(documentTasks.status, ['not_started', 'in_progress']), lt(documentTasks.dueOn, today)))
      .returning({ id: documentTasks.id });
    if (updated.length > 0) {
      await tx.insert(documentTaskEvents).values(
        updated.map((task) => ({
          taskId: task.id,
          actorEmail: 'system',
          kind: 'status',
          after: { status: 'overdue' },
          note: 'due date passed',
        })),
      );
    }
    return updated.length;
  });
}

/**
 * Sends today's reminders: `due-in-N` for open tasks due in N configured days and `overdue` for overdue
 * tasks. The natural key (task, kind, day) makes repeated runs on one day send nothing more; each new
 * reminder becomes an in-app notification for the owning organization's users and one mail job.
 */
export async function sendTaskReminders({ today = dateInVietnam() }: { today?: string } = {}): Promise<{
  reminders: number;
  notifications: number;
}> {
  await markOverdueTasks({ today });
  const { daysBefore } = await getReminderSettings();
  const db = await getDb();
  const dueDates = new Map(daysBefore.map((days) => [addDays(today, days), `due-in-${days}`]));
  const candidates = await db
    .select({
      id: documentTasks.id,
      ownerOrganizationId: documentTasks.ownerOrganizationId,
      dueOn: documentTasks.dueOn,
      status: documentTasks.status,
      clause: documentTasks.clause,
      task: documentTasks.task,
    })
    .from(documentTasks)
    .where(
      and(
        ne(documentTasks.status, 'done'),
        dueDates.size > 0
          ? sql`(${documentTasks.status} = 'overdue' OR ${documentTasks.dueOn} IN (${sql.join(
              [...dueDates.keys()].map((date) => sql`${date}::date`),
              sql`, `,
            )}))`
          : eq(documentTasks.status, 'overdue'),
      ),
    );
  let reminders = 0;
  let notificationCount = 0;
  for (const task of candidates) {
    const kind = task.status === 'overdue' ? 'overdue' : dueDates.get(task.dueOn ?? '');
    if (!kind) continue;
    await db.transaction(async (tx) => {
      const [claimed] = await tx
        .insert(documentTaskReminders)
        .values({ taskId: task.id, kind, onDate: today })
        .onConflictDoNothing()
        .returning();
      if (!claimed) return;
      reminders += 1;
      const recipients = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.organizationId, task.ownerOrganizationId), eq(users.isActive, true)));
      if (recipients.length === 0) return;
      const dueText = task.dueOn ? task.dueOn.split('-').reverse().join('/') : '';
      const title =
        kind === 'overdue'
          ? `Nhiệm vụ quá hạn (hạn ${dueText}) / Overdue task (due ${dueText})`
          : `Nhắc hạn nhiệm vụ: hạn ${dueText} / Task due ${dueText}`;
      const body = `Khoản ${task.clause}: ${task.task.slice(0, 500)}`;
      const inserted = await tx
        .insert(documentNotifications)
        .values(
          recipients.map((user) => ({
            userId: user.id,
            organizationId: task.ownerOrganizationId,
            taskId: task.id,
            kind,
            title,
            body,
            dedupeKey: `${kind}:${task.id}:${today}:${user.id}`,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: documentNotifications.id });
      notificationCount += inserted.length;
      if (inserted.length > 0) {
        await enqueueJob(
          sendReminderMailJob,
          { notificationIds: inserted.map((row) => row.id) },
          { tx, singletonKey: `${kind}:${task.id}:${today}` },
        );
      }
    });
  }
  return { reminders, notifications: notificationCount };
}

/**
 * Mails notifications not yet mailed (SMTP when configured, otherwise logged). `emailed_at` is set in the
 * same transaction that claims the rows, so a retried job never mails a notification twice.
 */
export async function mailNotifications({ notificationIds }: { notificationIds: string[] }): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(documentNotifications)
      .set({ emailedAt: new Date() })
      .where(and(inArray(documentNotifications.id, notificationIds), isNull(documentNotifications.emailedAt)))
      .returning();
    if (claimed.length === 0) return 0;
    const recipients = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        inArray(
          users.id,
          claimed.map((row) => row.userId),
        ),
      );
    const emailOf = new Map(recipients.map((row) => [row.id, row.email]));
    const transport = env.mail.smtpUrl ? nodemailer.createTransport(env.mail.smtpUrl) : undefined;
    for (const notification of claimed) {
      const to = emailOf.get(notification.userId);
      if (!to) continue;
      const link = notification.taskId ? `${env.publicUrl}/tasks/${notification.taskId}` : env.publicUrl;
      const text = `${notification.body}\n\n${link}`;
      if (transport) await transport.sendMail({ from: env.mail.from, to, subject: notification.title, text });
      else
        logger.info(
          { to, subject: notification.title, taskId: notification.taskId },
          'reminder mail (SMTP_URL not set: logged only)',
        );
    }
    return claimed.length;
  });
}

/** In-app notifications of the signed-in user, newest first. */
export async function listNotifications({ actor, limit = 100 }: { actor: Actor; limit?: number }) {
  if (!actor.userId) return [];
  const db = await getDb();
  const rows = await db
    .select()
    .from(documentNotifications)
    .where(eq(documentNotifications.userId, actor.userId))
    .orderBy(sql`${documentNotifications.createdAt} DESC`)
    .limit(Math.min(limit, 500));
  return rows.map((row) => ({
    id: row.id,
    taskId: row.taskId,
    kind: row.kind,
    title: row.title,
    body: row.body,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  }));
}

/** Marks one of the user's notifications read. */
export async function markNotificationRead({ actor, notificationId }: { actor: Actor; notificationId: string }): Promise<void> {
  const db = await getDb();
  const updated = await db
    .update(documentNotifications)
    .set({ readAt: sql`COALESCE(${documentNotifications.readAt}, now())` })
    .where(
      and(
        eq(documentNotifications.id, notificationId),
        eq(documentNotifications.userId, actor.userId ?? '00000000-0000-0000-0000-000000000000'),
      ),
    )
    .returning({ id: documentNotifications.id });
  if (updated.length === 0) throw new AppError('NOT_FOUND', `Notification ${notificationId} not found`);
}

export const sendReminderMailJob = defineJob({
  name: 'documents.send-reminder-mail',
  schema: reminderMailPayloadSchema,
  retryLimit: 5,
  handler: async (payload) => {
    await mailNotifications(payload);
  },
});

/** Daily (08:00 in Vietnam): overdue sweep, then reminders before the due date and on overdue. */
export const sendTaskRemindersJob = defineJob({
  name: 'documents.send-task-reminders',
  schema: z.object({}).passthrough(),
  cron: '0 1 * * *',
  handler: async () => {
    await sendTaskReminders();
  },
});

/** Hourly overdue sweep, so that statuses turn overdue soon after midnight in Vietnam. */
export const markOverdueTasksJob = defineJob({
  name: 'documents.mark-overdue-tasks',
  schema: z.object({}).passthrough(),
  cron: '5 * * * *',
  handler: async () => {
    await markOverdueTasks();
  },
});
