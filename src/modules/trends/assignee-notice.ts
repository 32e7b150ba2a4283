import nodemailer from 'nodemailer';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { env } from '../../platform/env';
import { defineJob } from '../../platform/jobs';
import { logger } from '../../platform/logger';
import { alertKindLabel, escapeHtml, vietnamTime } from './delivery-job';

const noticeSchema = z.object({
  alertId: z.string().uuid(),
  assigneeUserId: z.string().uuid(),
  assignedByUserId: z.string().uuid().nullable(),
  /** When the assignment was made (epoch ms): one message per assignment, recognisable if sent twice. */
  assignedAt: z.number().int(),
});
export type AssigneeNotice = z.infer<typeof noticeSchema>;

interface NoticeRow {
  kind: string;
  subject: string;
  window_start: Date;
  mentions: number;
  status: string;
  assignee_user_id: string | null;
  rule_name: string;
  query_name: string | null;
  assignee_email: string;
  assignee_is_active: boolean;
  assigned_by: string | null;
}

/**
 * E-mails the person an alert was assigned to: what it is, who assigned it and where to open it. Nothing is sent
 * when the alert has been assigned to someone else meanwhile, or the person is no longer active. Returns whether
 * a message went out (false also without SMTP, where the notice is only logged).
 */
export async function notifyAlertAssignee(
  notice: AssigneeNotice,
  { smtpUrl = env.mail.smtpUrl }: { smtpUrl?: string } = {},
): Promise<boolean> {
  const db = await getDb();
  const [row] = (
    (await db.execute(sql`
      SELECT a.kind, a.subject, a.window_start, a.mentions, a.status, a.assignee_user_id::text, r.name AS rule_name,
             q.name AS query_name, u.email AS assignee_email, u.is_active AS assignee_is_active, b.display_name AS assigned_by
      FROM trends_alerts a JOIN trends_alert_rules r ON r.id = a.rule_id LEFT JOIN monitoring_queries q ON q.id = a.query_id
      JOIN users u ON u.id = ${notice.assigneeUserId}::uuid LEFT JOIN users b ON b.id = ${notice.assignedByUserId}::uuid
      WHERE a.id = ${notice.alertId}::uuid`)) as unknown as { rows: NoticeRow[] }
  ).rows;
  if (!row || row.assignee_user_id !== notice.assigneeUserId || !row.assignee_is_active) return false;
  const title = `[Nhịp] Cảnh báo được giao cho bạn: ${alertKindLabel(row.kind)}: ${row.query_name ?? row.rule_name}`;
  const lines = [
    `${row.assigned_by ?? 'Một đồng nghiệp'} đã giao cho bạn xử lý cảnh báo này.`,
    `Quy tắc: ${row.rule_name}`,
    `Truy vấn: ${row.query_name ?? '—'}`,
    `Bắt đầu: ${vietnamTime(new Date(row.window_start))} (giờ Việt Nam)`,
    `Số đề cập: ${row.mentions}`,
    `Trạng thái: ${row.status}`,
    `Xem: ${env.publicUrl}/trends/alerts?alert=${notice.alertId}`,
  ];
  if (!smtpUrl) {
    logger.info({ to: row.assignee_email, subject: title }, 'SMTP not configured: assignment notice logged only');
    return false;
  }
  await nodemailer.createTransport(smtpUrl).sendMail({
    from: env.mail.from,
    to: row.assignee_email,
    subject: title,
    text: lines.join('\n'),
    html: `<h2>${escapeHtml(title)}</h2><ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
    // Stable per assignment: a resend after a crash is recognisable as the same message.
    messageId: `<alert-${notice.alertId}-assigned-${notice.assigneeUserId}-${notice.assignedAt}@nhip.local>`,
    headers: { 'X-Nhip-Alert': notice.alertId },
  });
  return true;
}

/** Job: the assignment notice, enqueued in the transaction that assigns the alert. */
export const notifyAlertAssigneeJob = defineJob({
  name: 'trends.notify-assignee',
  schema: noticeSchema,
  retryLimit: 8,
  handler: async (notice) => {
    await notifyAlertAssignee(notice);
  },
});
