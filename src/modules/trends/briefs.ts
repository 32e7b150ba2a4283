import nodemailer from 'nodemailer';
import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { env } from '../../platform/env';
import { logger } from '../../platform/logger';
import { AppError } from '../../platform/errors';
import { canReadOrganizationRecord, systemActor, type Actor } from '../../platform/actor';
import { buildAdminDocument, type AdminBlock } from '../../platform/admin-document';
import { listAlerts } from './alerts';
import { getDashboard } from './dashboard';
import { barChartSvg, svgToPng, volumeChartSvg } from './charts';
import { DAY_MS, vietnamDay, vietnamDayStart } from './time';
import type { AlertView, Dashboard } from './contracts';

export interface BriefData {
  organizationId: string;
  organizationName: string;
  from: Date;
  to: Date;
  overview: Dashboard;
  queries: {
    queryId: string;
    name: string;
    mentions: number;
    previous: number;
    change: number | null;
    negativeShare: number | null;
    previousNegativeShare: number | null;
  }[];
  rising: BriefData['queries'];
  turnedNegative: BriefData['queries'];
  openAlerts: AlertView[];
}

const percent = (value: number | null) =>
  value === null ? '—' : `${(value * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`;
const dayLabel = (date: Date) => {
  const day = vietnamDay(date);
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
};

/** Gathers what a brief says for an organization and period: what rose, what turned negative, top stories, open alerts. */
export async function collectBrief({
  actor,
  organizationId,
  from,
  to,
}: {
  actor: Actor;
  organizationId: string;
  from: Date;
  to: Date;
}): Promise<BriefData> {
  if (!canReadOrganizationRecord(actor, organizationId)) throw new AppError('FORBIDDEN', 'Not your organization');
  if (from >= to)
    throw new AppError('VALIDATION_FAILED', '`from` must be before `to`', {
      invalidFields: [{ path: 'from', message: 'must be before to' }],
    });
  const db = await getDb();
  const [org] = (
    (await db.execute(sql`SELECT name FROM organizations WHERE id = ${organizationId}`)) as unknown as {
      rows: { name: string }[];
    }
  ).rows;
  if (!org) throw new AppError('NOT_FOUND', `Organization ${organizationId} not found`);
  const overview = await getDashboard({
    actor,
    organizationId,
    from,
    to,
    interval: to.getTime() - from.getTime() > 3 * DAY_MS ? 'day' : 'hour',
  });
  const length = to.getTime() - from.getTime();
  const previousFrom = new Date(from.getTime() - length);
  const rows = (
    (await db.execute(sql`
    SELECT q.id::text AS query_id, q.name,
      coalesce(sum(h.mentions) FILTER (WHERE h.hour >= ${from.toISOString()}::timestamptz), 0)::int AS mentions,
      coalesce(sum(h.mentions) FILTER (WHERE h.hour >= ${from.toISOString()}::timestamptz AND h.sentiment = 'negative'), 0)::int AS negative,
      coalesce(sum(h.mentions) FILTER (WHERE h.hour < ${from.toISOString()}::timestamptz), 0)::int AS previous,
      coalesce(sum(h.mentions) FILTER (WHERE h.hour < ${from.toISOString()}::timestamptz AND h.sentiment = 'negative'), 0)::int AS previous_negative
    FROM monitoring_queries q LEFT JOIN trends_hourly h ON h.scope = 'q:' || q.id AND h.hour >= ${previousFrom.toISOString()}::timestamptz AND h.hour < ${to.toISOString()}::timestamptz
    WHERE q.organization_id = ${organizationId} GROUP BY q.id, q.name`)) as unknown as {
      rows: { query_id: string; name: string; mentions: number; negative: number; previous: number; previous_negative: number }[];
    }
  ).rows;
  const queries = rows.map((row) => ({
    queryId: row.query_id,
    name: row.name,
    mentions: Number(row.mentions),
    previous: Number(row.previous),
    change: Number(row.previous) > 0 ? (Number(row.mentions) - Number(row.previous)) / Number(row.previous) : null,
    negativeShare: Number(row.mentions) > 0 ? Number(row.negative) / Number(row.mentions) : null,
    previousNegativeShare: Number(row.previous) > 0 ? Number(row.previous_negative) / Number(row.previous) : null,
  }));
  queries.sort((a, b) => b.mentions - a.mentions);
  const rising = queries
    .filter((q) => q.mentions >= 5 && (q.change === null || q.change >= 0.3))
    .sort((a, b) => (b.change ?? Infinity) - (a.change ?? Infinity));
  const turnedNegative = queries
    .filter((q) => q.mentions >= 5 && q.negativeShare !== null && q.negativeShare - (q.previousNegativeShare ?? 0.25) >= 0.1)
    .sort((a, b) => b.negativeShare! - a.negativeShare!);
  const openAlerts = (await listAlerts({ actor, organizationId, status: 'open', limit: 50 })).concat(
    await listAlerts({ actor, organizationId, status: 'acknowledged', limit: 50 }),
  );
  return { organizationId, organizationName: org.name, from, to, overview, queries, rising, turnedNegative, openAlerts };
}

function charts(data: BriefData): { volume: Buffer; queries: Buffer | null } {
  const volume = svgToPng(volumeChartSvg(data.overview.volume), 1200);
  const queries = data.queries.some((q) => q.mentions > 0)
    ? svgToPng(
        barChartSvg(
          data.queries.map((q) => ({ label: q.name, value: q.mentions })),
          { title: 'Đề cập theo chủ đề theo dõi' },
        ),
        1200,
      )
    : null;
  return { volume, queries };
}

const alertKinds: Record<string, string> = {
  anomaly: 'Tăng đột biến',
  threshold: 'Vượt ngưỡng',
  negative_share: 'Tiêu cực tăng',
  first_seen: 'Xuất hiện lần đầu',
  story_spread: 'Lan nhanh',
};

function summaryLines(data: BriefData): string[] {
  const totals = data.overview.totals;
  const previous = data.overview.previous;
  return [
    `Tổng số đề cập: ${totals.mentions.toLocaleString('vi-VN')} (kỳ trước: ${previous.mentions.toLocaleString('vi-VN')}${previous.mentionsChange !== null ? `, ${previous.mentionsChange >= 0 ? 'tăng' : 'giảm'} ${percent(Math.abs(previous.mentionsChange))}` : ''}).`,
    `Tỷ lệ tiêu cực: ${percent(totals.negativeShare)} (kỳ trước: ${percent(previous.negativeShare)}).`,
    `Cảnh báo đang mở: ${data.openAlerts.length}.`,
  ];
}

/** The brief as a DOCX in the Decree 30/2020 administrative format, with charts as PNG images. */
export async function renderBriefDocx(data: BriefData): Promise<Buffer> {
  const images = charts(data);
  const body: AdminBlock[] = [
    { kind: 'heading', text: 'I. TỔNG QUAN' },
    ...summaryLines(data).map((text): AdminBlock => ({ kind: 'paragraph', text })),
    {
      kind: 'image',
      data: images.volume,
      type: 'png',
      widthPx: 600,
      heightPx: 253,
      caption: 'Biểu đồ 1. Số lượng đề cập theo sắc thái (giờ Việt Nam)',
    },
    { kind: 'heading', text: 'II. NỘI DUNG TĂNG MẠNH' },
    data.rising.length
      ? {
          kind: 'table',
          header: ['Chủ đề theo dõi', 'Kỳ này', 'Kỳ trước', 'Thay đổi'],
          rows: data.rising
            .slice(0, 10)
            .map((q) => [q.name, q.mentions, q.previous, q.change === null ? 'mới' : `+${percent(q.change)}`]),
          columnWidthsPercent: [46, 18, 18, 18],
        }
      : { kind: 'paragraph', text: 'Không có chủ đề nào tăng mạnh trong kỳ.' },
    ...(images.queries
      ? [
          {
            kind: 'image',
            data: images.queries,
            type: 'png',
            widthPx: 600,
            heightPx: 253,
            caption: 'Biểu đồ 2. Đề cập theo chủ đề theo dõi',
          } as AdminBlock,
        ]
      : []),
    { kind: 'heading', text: 'III. NỘI DUNG CHUYỂN BIẾN TIÊU CỰC' },
    data.turnedNegative.length
      ? {
          kind: 'table',
          header: ['Chủ đề theo dõi', 'Tỷ lệ tiêu cực', 'Kỳ trước', 'Số đề cập'],
          rows: data.turnedNegative
            .slice(0, 10)
            .map((q) => [q.name, percent(q.negativeShare), percent(q.previousNegativeShare), q.mentions]),
          columnWidthsPercent: [46, 18, 18, 18],
        }
      : { kind: 'paragraph', text: 'Không có chủ đề nào chuyển biến tiêu cực rõ rệt.' },
    { kind: 'heading', text: 'IV. TIN BÀI NỔI BẬT' },
    data.overview.topStories.length
      ? {
          kind: 'table',
          header: ['Tin bài', 'Số cơ quan báo chí', 'Số bài', 'Đề cập tiêu cực'],
          rows: data.overview.topStories.slice(0, 10).map((s) => [s.title || `#${s.storyId}`, s.outlets, s.reach, s.negative]),
          columnWidthsPercent: [55, 15, 15, 15],
        }
      : { kind: 'paragraph', text: 'Không có tin bài trong kỳ.' },
    { kind: 'heading', text: 'V. CẢNH BÁO ĐANG MỞ' },
    data.openAlerts.length
      ? {
          kind: 'table',
          header: ['Loại', 'Chủ đề', 'Bắt đầu', 'Số đề cập'],
          rows: data.openAlerts
            .slice(0, 20)
            .map((a) => [alertKinds[a.kind] ?? a.kind, a.query ?? a.rule, dayLabel(new Date(a.startedAt)), a.mentions]),
          columnWidthsPercent: [22, 40, 20, 18],
        }
      : { kind: 'paragraph', text: 'Không có cảnh báo đang mở.' },
  ];
  return buildAdminDocument({
    issuingBody: { name: data.organizationName },
    numberSymbol: '   /BC-NHIP',
    place: 'Hà Nội',
    date: new Date(),
    documentType: 'BÁO CÁO',
    title: `Tình hình thông tin trên báo chí, mạng xã hội từ ngày ${dayLabel(data.from)} đến ngày ${dayLabel(new Date(data.to.getTime() - 1))}`,
    body,
    recipients: ['Lãnh đạo đơn vị;', 'Lưu: VT.'],
    signature: { capacity: 'NGƯỜI LẬP BÁO CÁO', signerName: 'Hệ thống Nhịp' },
  });
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The brief as an HTML email; charts are attached PNGs referenced by content id. */
export function renderBriefEmail(data: BriefData): {
  subject: string;
  html: string;
  attachments: { filename: string; content: Buffer; cid: string }[];
} {
  const images = charts(data);
  const list = (items: string[]) =>
    items.length ? `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>` : '<p>Không có.</p>';
  const html = `<div style="font-family:Arial,sans-serif;font-size:15px;max-width:760px">
<h2>Bản tin xu hướng: ${escapeHtml(data.organizationName)}</h2><p>Từ ${dayLabel(data.from)} đến ${dayLabel(new Date(data.to.getTime() - 1))} (giờ Việt Nam)</p>
${list(summaryLines(data))}<img src="cid:volume" alt="Số lượng đề cập theo sắc thái" style="width:100%">
<h3>Tăng mạnh</h3>${list(data.rising.slice(0, 10).map((q) => `${q.name}: ${q.mentions} (${q.change === null ? 'mới' : `+${percent(q.change)}`})`))}
<h3>Chuyển biến tiêu cực</h3>${list(data.turnedNegative.slice(0, 10).map((q) => `${q.name}: ${percent(q.negativeShare)} tiêu cực (kỳ trước ${percent(q.previousNegativeShare)})`))}
<h3>Tin bài nổi bật</h3>${list(data.overview.topStories.slice(0, 10).map((s) => `${s.title || `#${s.storyId}`} — ${s.outlets} cơ quan báo chí, ${s.reach} bài`))}
<h3>Cảnh báo đang mở</h3>${list(data.openAlerts.slice(0, 20).map((a) => `${alertKinds[a.kind] ?? a.kind}: ${a.query ?? a.rule} (${dayLabel(new Date(a.startedAt))}, ${a.mentions} đề cập)`))}
${images.queries ? '<img src="cid:queries" alt="Đề cập theo chủ đề" style="width:100%">' : ''}
<p><a href="${env.publicUrl}/trends">Mở bảng điều khiển xu hướng</a></p></div>`;
  return {
    subject: `[Nhịp] Bản tin xu hướng ${dayLabel(data.from)}–${dayLabel(new Date(data.to.getTime() - 1))}`,
    html,
    attachments: [
      { filename: 'volume.png', content: images.volume, cid: 'volume' },
      ...(images.queries ? [{ filename: 'queries.png', content: images.queries, cid: 'queries' }] : []),
    ],
  };
}

/**
 * Sends the daily (every day, for the previous Vietnam day) and weekly (Mondays, for the previous 7 days)
 * briefs to subscribed organizations. A period already sent (last_sent_for) is skipped, so a retried job does
 * not send twice; a failure leaves it unsent for the retry.
 */
export async function sendScheduledBriefs({
  now = new Date(),
  smtpUrl = env.mail.smtpUrl,
}: {
  now?: Date;
  smtpUrl?: string;
}): Promise<{ sent: number }> {
  const db = await getDb();
  const today = vietnamDay(now);
  const isMonday = new Date(vietnamDayStart(today) + 7 * 3_600_000).getUTCDay() === 1;
  const subscriptions = (
    (await db.execute(
      sql`SELECT organization_id, cadence, emails, to_char(last_sent_for, 'YYYY-MM-DD') AS last FROM trends_brief_subscriptions`,
    )) as unknown as { rows: { organization_id: string; cadence: 'daily' | 'weekly'; emails: string[]; last: string | null }[] }
  ).rows;
  let sent = 0;
  for (const subscription of subscriptions) {
    if (subscription.cadence === 'weekly' && !isMonday) continue;
    if (subscription.last === today || subscription.emails.length === 0) continue;
    const to = new Date(vietnamDayStart(today));
    const from = new Date(to.getTime() - (subscription.cadence === 'daily' ? 1 : 7) * DAY_MS);
    const email = renderBriefEmail(
      await collectBrief({ actor: systemActor, organizationId: subscription.organization_id, from, to }),
    );
    if (smtpUrl)
      await nodemailer.createTransport(smtpUrl).sendMail({
        from: env.mail.from,
        to: subscription.emails,
        subject: email.subject,
        html: email.html,
        attachments: email.attachments,
      });
    else
      logger.info(
        { organizationId: subscription.organization_id, subject: email.subject },
        'SMTP not configured: brief logged only',
      );
    await db.execute(
      sql`UPDATE trends_brief_subscriptions SET last_sent_for = ${today}::date WHERE organization_id = ${subscription.organization_id} AND cadence = ${subscription.cadence}`,
    );
    sent++;
  }
  return { sent };
}

/** Subscribes an organization's recipients to its daily or weekly brief. */
export async function subscribeToBriefs({
  actor,
  organizationId,
  cadence,
  emails,
}: {
  actor: Actor;
  organizationId: string;
  cadence: 'daily' | 'weekly';
  emails: string[];
}): Promise<void> {
  if (!canReadOrganizationRecord(actor, organizationId)) throw new AppError('FORBIDDEN', 'Not your organization');
  const db = await getDb();
  await db.execute(sql`INSERT INTO trends_brief_subscriptions (organization_id, cadence, emails) VALUES (${organizationId}, ${cadence}, ${sql.param(emails)}::text[])
    ON CONFLICT (organization_id, cadence) DO UPDATE SET emails = excluded.emails`);
}
