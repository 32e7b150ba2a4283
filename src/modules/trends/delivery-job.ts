import crypto from 'node:crypto';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { env } from '../../platform/env';
import { defineJob, enqueueJob } from '../../platform/jobs';
import { getDeploymentSecret } from '../../platform/secret';
import { logger } from '../../platform/logger';
import { postToOutboundUrl } from '../../platform/outbound-url';
import { outboundAllowedHosts } from '../monitoring';

/** How long one attempt holds a delivery before another worker may retry it. */
const LEASE_SECONDS = 120;
/** First retry delay of a failed delivery's job; pg-boss doubles it per retry. */
const RETRY_DELAY_SECONDS = 5;
const WEBHOOK_TIMEOUT_MS = 10_000;

export interface DeliveryOutcome {
  status: 'delivered' | 'skipped' | 'failed';
  error?: string;
}

interface DeliveryRow {
  id: string;
  channel: 'email' | 'webhook' | 'in_app';
  target: string;
  attempts: number;
  alert_id: string;
  kind: string;
  subject: string;
  window_start: Date;
  window_end: Date;
  detected_at: Date;
  score: number;
  mentions: number;
  expected: number | null;
  details: Record<string, unknown>;
  organization_id: string;
  query_id: string | null;
  rule_name: string;
  query_name: string | null;
}

/** Signature header value of a webhook body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">` with the deployment secret. */
export function signWebhook(body: string, secret: string, timestamp: number): string {
  const mac = crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/**
 * Delivers one outbox row. A lease (next_attempt_at moved forward while claimed) keeps two workers from sending
 * the same row; a delivered row is never sent again. Receivers de-duplicate by `x-nhip-delivery` (webhook) or
 * the Message-ID (email) in case the process dies between sending and recording. Throws on failure so the job
 * is retried with backoff; the sweeper re-enqueues rows whose jobs ran out of retries.
 */
export async function deliverAlert({
  deliveryId,
  smtpUrl = env.mail.smtpUrl,
}: {
  deliveryId: number;
  smtpUrl?: string;
}): Promise<DeliveryOutcome> {
  const db = await getDb();
  const claimed = (await db.execute(sql`
    UPDATE trends_alert_deliveries SET attempts = attempts + 1, next_attempt_at = now() + ${`${LEASE_SECONDS} seconds`}::interval
    WHERE id = ${deliveryId} AND status = 'pending' AND next_attempt_at <= now() RETURNING id`)) as unknown as {
    rows: unknown[];
  };
  if (claimed.rows.length === 0) return { status: 'skipped' };
  const [row] = (
    (await db.execute(sql`
    SELECT d.id::text, d.channel, d.target, d.attempts, a.id AS alert_id, a.kind, a.subject, a.window_start, a.window_end, a.detected_at, a.score, a.mentions, a.expected,
           a.details, a.organization_id, a.query_id, r.name AS rule_name, q.name AS query_name
    FROM trends_alert_deliveries d JOIN trends_alerts a ON a.id = d.alert_id JOIN trends_alert_rules r ON r.id = a.rule_id
    LEFT JOIN monitoring_queries q ON q.id = a.query_id WHERE d.id = ${deliveryId}`)) as unknown as { rows: DeliveryRow[] }
  ).rows;
  if (!row) return { status: 'skipped' };
  try {
    if (row.channel === 'email') await sendEmail(row, smtpUrl);
    else if (row.channel === 'webhook') await sendWebhook(row);
    await db.execute(
      sql`UPDATE trends_alert_deliveries SET status = 'delivered', delivered_at = now(), last_error = NULL WHERE id = ${deliveryId}`,
    );
    return { status: 'delivered' };
  } catch (error) {
    const message = (error as Error).message.slice(0, 500);
    // The lease now runs until the job's own retry: pg-boss waits at least RETRY_DELAY_SECONDS × 2^(n-1) after the
    // n-th attempt (exponential backoff with jitter above that), so the retry finds the row free, while the sweeper
    // (rows 2 minutes past their lease) leaves it alone until that retry is overdue.
    await db.execute(
      sql`UPDATE trends_alert_deliveries SET last_error = ${message},
            next_attempt_at = now() + make_interval(secs => ${RETRY_DELAY_SECONDS}::float8 * 2 ^ least(16, attempts - 1))
          WHERE id = ${deliveryId}`,
    );
    logger.warn({ deliveryId, channel: row.channel, error: message }, 'alert delivery failed');
    return { status: 'failed', error: message };
  }
}

/** The JSON document sent to webhooks and summarised in emails. */
export function alertPayload(
  row: Pick<
    DeliveryRow,
    | 'alert_id'
    | 'kind'
    | 'subject'
    | 'window_start'
    | 'window_end'
    | 'detected_at'
    | 'score'
    | 'mentions'
    | 'expected'
    | 'details'
    | 'organization_id'
    | 'query_id'
    | 'rule_name'
    | 'query_name'
  >,
) {
  return {
    id: row.alert_id,
    rule: row.rule_name,
    query: row.query_name,
    queryId: row.query_id,
    organizationId: row.organization_id,
    kind: row.kind,
    subject: row.subject,
    startedAt: new Date(row.window_start).toISOString(),
    endedAt: new Date(row.window_end).toISOString(),
    detectedAt: new Date(row.detected_at).toISOString(),
    score: Number(row.score),
    mentions: Number(row.mentions),
    expected: row.expected === null ? null : Number(row.expected),
    details: row.details,
    url: `${env.publicUrl}/trends/alerts?alert=${row.alert_id}`,
  };
}

const kindLabels: Record<string, string> = {
  anomaly: 'Khối lượng tăng đột biến',
  threshold: 'Vượt ngưỡng',
  negative_share: 'Tỷ lệ tiêu cực tăng',
  first_seen: 'Thuật ngữ theo dõi xuất hiện lần đầu',
  story_spread: 'Tin lan nhanh qua nhiều cơ quan báo chí',
};

/** The Vietnamese name of an alert kind, for mail subjects. */
export function alertKindLabel(kind: string): string {
  return kindLabels[kind] ?? kind;
}

/** "dd/mm/yyyy HH:mm" in Vietnam time (UTC+7, no DST); Intl's vi-VN puts the time first. */
export function vietnamTime(date: Date): string {
  const local = new Date(date.getTime() + 7 * 3_600_000).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

async function sendEmail(row: DeliveryRow, smtpUrl: string | undefined): Promise<void> {
  const payload = alertPayload(row);
  const title = `[Nhịp] ${alertKindLabel(row.kind)}: ${row.query_name ?? row.rule_name}`;
  const lines = [
    `Quy tắc: ${row.rule_name}`,
    `Truy vấn: ${row.query_name ?? '—'}`,
    `Bắt đầu: ${vietnamTime(new Date(row.window_start))} (giờ Việt Nam)`,
    `Phát hiện: ${vietnamTime(new Date(row.detected_at))}`,
    `Số đề cập: ${row.mentions}${row.expected !== null ? ` (dự kiến ${Number(row.expected).toFixed(1)})` : ''}`,
    `Điểm: ${Number(row.score).toFixed(1)}`,
    `Xem: ${payload.url}`,
  ];
  if (!smtpUrl) {
    logger.info({ to: row.target, subject: title }, 'SMTP not configured: alert email logged only');
    return;
  }
  const transport = nodemailer.createTransport(smtpUrl);
  await transport.sendMail({
    from: env.mail.from,
    to: row.target,
    subject: title,
    text: lines.join('\n'),
    html: `<h2>${escapeHtml(title)}</h2><ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
    // Stable per delivery: a resend after a crash is recognisable as the same message.
    messageId: `<alert-${row.alert_id}-${row.id}@nhip.local>`,
    headers: { 'X-Nhip-Alert': row.alert_id },
  });
}

async function sendWebhook(row: DeliveryRow): Promise<void> {
  const body = JSON.stringify(alertPayload(row));
  const secret = await getDeploymentSecret();
  const timestamp = Math.floor(Date.now() / 1000);
  // Checked again at each delivery (DNS may have changed since the URL was saved), at connection time.
  const response = await postToOutboundUrl(row.target, {
    allowedHosts: await outboundAllowedHosts(),
    headers: {
      'content-type': 'application/json',
      'x-nhip-signature': signWebhook(body, secret, timestamp),
      'x-nhip-delivery': row.id,
      'x-nhip-event': 'alert',
    },
    body,
    timeoutMs: WEBHOOK_TIMEOUT_MS,
  });
  if (response.status < 200 || response.status >= 300) throw new Error(`webhook answered ${response.status}`);
}

/** Delivers one alert by email or webhook; retried with exponential backoff while it fails. */
export const deliverAlertJob = defineJob({
  name: 'trends.deliver-alert',
  schema: z.object({ deliveryId: z.number().int() }),
  handler: async ({ deliveryId }) => {
    const outcome = await deliverAlert({ deliveryId });
    if (outcome.status === 'failed') throw new Error(outcome.error);
  },
  retryLimit: 12,
  retryDelaySeconds: RETRY_DELAY_SECONDS,
  expireInSeconds: 60,
  concurrency: 4,
});

/** Re-enqueues pending deliveries whose lease ran out (job retries exhausted, worker killed): never lost. */
export async function sweepPendingDeliveries(): Promise<number> {
  const db = await getDb();
  const rows = (
    (await db.execute(
      sql`SELECT id FROM trends_alert_deliveries WHERE status = 'pending' AND next_attempt_at <= now() - interval '2 minutes' ORDER BY id LIMIT 1000`,
    )) as unknown as { rows: { id: string }[] }
  ).rows;
  for (const row of rows)
    await enqueueJob(deliverAlertJob, { deliveryId: Number(row.id) }, { singletonKey: `delivery:${row.id}` });
  return rows.length;
}

/**
 * Delivers the email and webhook rows of alerts raised in the last minutes that no job has tried yet, right after
 * the detector committed them (without waiting for a job worker to poll). The lease in `deliverAlert` keeps this
 * and the row's own job from both sending; a failure here is left to that job's retries.
 */
export async function deliverFreshAlerts(): Promise<number> {
  const db = await getDb();
  const rows = (
    (await db.execute(
      sql`SELECT id FROM trends_alert_deliveries WHERE status = 'pending' AND attempts = 0 AND created_at > now() - interval '5 minutes' ORDER BY id LIMIT 100`,
    )) as unknown as { rows: { id: string }[] }
  ).rows;
  const outcomes = await Promise.all(
    rows.map((row) =>
      deliverAlert({ deliveryId: Number(row.id) }).catch(
        (error: unknown) => ({ status: 'failed', error: String(error) }) as DeliveryOutcome,
      ),
    ),
  );
  return outcomes.filter((outcome) => outcome.status === 'delivered').length;
}
