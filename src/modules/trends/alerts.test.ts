import http from 'node:http';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { getDeploymentSecret } from '../../platform/secret';
import { runTrendsPipeline, watchNewMentions } from './pipeline';
import { deliverAlert, deliverFreshAlerts, vietnamTime } from './delivery-job';
import { notifyAlertAssignee, type AssigneeNotice } from './assignee-notice';
import { createTestUser } from '../../../test/factories';
import { ingestMentions, setUpQuery } from './test-helpers';
import { systemActor } from '../../platform/actor';
import { allowPrivateHost } from '../monitoring';
import type { AlertView, RuleView } from './contracts';

const received: { to: string; subject: string; messageId: string; headers: string }[] = [];
const hooks: { body: string; signature: string; delivery: string }[] = [];
let webhookFailures = 2;
let smtp: SMTPServer;
let smtpPort = 0;
let webhook: http.Server;
let webhookPort = 0;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          subject: /^Subject: (.*)$/m.exec(data)?.[1] ?? '',
          messageId: /^Message-ID: (.*)$/im.exec(data)?.[1] ?? '',
          // folded header lines joined
          headers: data.slice(0, data.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' '),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as { port: number }).port;
  webhook = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      if (webhookFailures > 0) {
        webhookFailures--;
        response.writeHead(503).end();
        return;
      }
      hooks.push({
        body,
        signature: String(request.headers['x-nhip-signature']),
        delivery: String(request.headers['x-nhip-delivery']),
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  webhookPort = (webhook.address() as { port: number }).port;
  // The local receiver is a private address: an administrator allows it explicitly, as in a deployment.
  await allowPrivateHost({ actor: systemActor, host: '127.0.0.1', note: 'trends test webhook receiver' });
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => webhook.close(() => resolve()));
});

async function pendingDeliveries(alertId: string) {
  const db = await getDb();
  return (
    (await db.execute(
      sql`SELECT id, channel, status, attempts FROM trends_alert_deliveries WHERE alert_id = ${alertId} ORDER BY id`,
    )) as unknown as { rows: { id: string; channel: string; status: string; attempts: number }[] }
  ).rows;
}

/**
 * Seconds until a delivery's lease ends (its retry may claim it), then the lease moved to now: the time its job's
 * retry would wait, passed.
 */
async function passRetryDelay(deliveryId: string): Promise<number> {
  const db = await getDb();
  const { rows } = (await db.execute(
    sql`SELECT extract(epoch FROM next_attempt_at - now())::float8 AS seconds FROM trends_alert_deliveries WHERE id = ${deliveryId}`,
  )) as unknown as { rows: { seconds: number }[] };
  await db.execute(sql`UPDATE trends_alert_deliveries SET next_attempt_at = now() WHERE id = ${deliveryId}`);
  return rows[0]!.seconds;
}

describe('alerts', () => {
  it('writes times in alert emails as dd/mm/yyyy HH:mm in Vietnam time', () => {
    expect(vietnamTime(new Date('2026-11-25T18:30:00Z'))).toBe('26/11/2026 01:30');
    expect(vietnamTime(new Date('2026-12-31T16:59:00Z'))).toBe('31/12/2026 23:59');
  });

  it('watches, for a rule on a policy, the queries linked to the draft it was adopted from', async () => {
    const { session, token, organizationId } = await setUpQuery();
    const { createSavedQuery } = await import('../monitoring');
    const { createLegalDocument } = await import('../legal');
    const coordinator = { ...systemActor, role: 'coordinator' as const };
    const draft = await createLegalDocument({
      actor: coordinator,
      input: { kind: 'nghi-dinh', status: 'draft', title: `Nghị định thử cảnh báo ${token}` },
    });
    const decree = await createLegalDocument({
      actor: coordinator,
      input: {
        kind: 'nghi-dinh',
        numberSymbol: `7/2026/NĐ-T${token}`,
        title: 'Nghị định thử cảnh báo',
        predecessors: [draft.id],
      },
    });
    const draftQuery = await createSavedQuery({
      actor: systemActor,
      input: {
        organizationId,
        name: `Dự thảo ${token}`,
        query: `${token}dt`,
        isAccentExact: false,
        isActive: true,
        linkType: 'policy',
        linkId: draft.id,
      },
    });
    const rule = await session.request('/api/trends/rules', {
      method: 'POST',
      body: {
        name: 'Đột biến chính sách',
        kind: 'anomaly',
        policyId: decree.id,
        channels: { inApp: true },
        cooldownMinutes: 180,
      },
    });
    expect(rule.status).toBe(201);
    // quiet days, then a surge of coverage of the draft
    const start = Date.UTC(2026, 8, 5, 0);
    const quiet = Array.from({ length: 96 }, (_, i) => ({ at: new Date(start + i * 3_600_000 + 600_000) }));
    const spikeAt = start + 96 * 3_600_000;
    const spike = Array.from({ length: 30 }, (_, i) => ({ at: new Date(spikeAt + i * 60_000) }));
    await ingestMentions(`${token}dt`, [...quiet, ...spike]);
    // Other test files share the database and run the pipeline too: one of their runs may have claimed this test's
    // hours (SKIP LOCKED) and raise the alert a moment after this run returns, so look until it is there.
    await expect
      .poll(
        async () => {
          await runTrendsPipeline();
          const alerts = (await (await session.request(`/api/trends/alerts?queryId=${draftQuery.id}`)).json()) as AlertView[];
          return alerts.map((alert) => [alert.rule, alert.kind, new Date(alert.startedAt).getTime()]);
        },
        { timeout: 30_000, interval: 250 },
      )
      .toEqual([['Đột biến chính sách', 'anomaly', spikeAt]]);
  });

  it('raises one alert for a surge in imported history, delivers it by email and signed webhook through failures, once', async () => {
    const { session, token, query, user } = await setUpQuery();
    const ruleResponse = await session.request('/api/trends/rules', {
      method: 'POST',
      body: {
        name: 'Đột biến',
        kind: 'anomaly',
        queryId: query.id,
        channels: { inApp: true, emails: ['lanh-dao@example.gov.vn'], webhookUrl: `http://127.0.0.1:${webhookPort}/hook` },
        cooldownMinutes: 180,
      },
    });
    expect(ruleResponse.status).toBe(201);
    const rule = (await ruleResponse.json()) as RuleView;

    // Four quiet days (one mention an hour), then 30 mentions in one hour and 12 the next: one event.
    const start = Date.UTC(2026, 9, 5, 0);
    const quiet = Array.from({ length: 96 }, (_, i) => ({ at: new Date(start + i * 3_600_000 + 600_000) }));
    const spikeAt = start + 96 * 3_600_000;
    const spike = [
      ...Array.from({ length: 30 }, (_, i) => ({ at: new Date(spikeAt + i * 60_000) })),
      ...Array.from({ length: 12 }, (_, i) => ({ at: new Date(spikeAt + 3_600_000 + i * 60_000) })),
    ];
    await ingestMentions(token, [...quiet, ...spike]);
    await runTrendsPipeline();
    await runTrendsPipeline();

    const alerts = (await (await session.request(`/api/trends/alerts?queryId=${query.id}`)).json()) as AlertView[];
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert.rule).toBe('Đột biến');
    expect(alert.kind).toBe('anomaly');
    expect(new Date(alert.startedAt).getTime()).toBe(spikeAt);
    expect(alert.mentions).toBeGreaterThanOrEqual(30);
    expect(alert.deliveries.find((d) => d.channel === 'in_app')?.status).toBe('delivered');

    // Unreachable SMTP: retried, not lost.
    const rows = await pendingDeliveries(alert.id);
    const email = rows.find((r) => r.channel === 'email')!;
    const hook = rows.find((r) => r.channel === 'webhook')!;
    expect((await deliverAlert({ deliveryId: Number(email.id), smtpUrl: 'smtp://127.0.0.1:1' })).status).toBe('failed');
    // leased until the job's first retry (5 s): an earlier attempt (or the sweeper, 2 minutes past a lease) leaves it
    expect((await deliverAlert({ deliveryId: Number(email.id), smtpUrl: `smtp://127.0.0.1:${smtpPort}` })).status).toBe(
      'skipped',
    );
    expect(await passRetryDelay(email.id)).toBeCloseTo(5, 0);
    expect((await deliverAlert({ deliveryId: Number(email.id), smtpUrl: `smtp://127.0.0.1:${smtpPort}` })).status).toBe(
      'delivered',
    );
    expect((await deliverAlert({ deliveryId: Number(email.id), smtpUrl: `smtp://127.0.0.1:${smtpPort}` })).status).toBe(
      'skipped',
    );
    expect(received.filter((m) => m.to === 'lanh-dao@example.gov.vn')).toHaveLength(1);

    // Webhook answering 503 twice, then 204: delivered once, signed with the deployment secret.
    expect((await deliverAlert({ deliveryId: Number(hook.id) })).status).toBe('failed');
    expect(await passRetryDelay(hook.id)).toBeCloseTo(5, 0);
    expect((await deliverAlert({ deliveryId: Number(hook.id) })).status).toBe('failed');
    // the backoff doubles with each attempt, as the job's retries do
    expect(await passRetryDelay(hook.id)).toBeCloseTo(10, 0);
    expect((await deliverAlert({ deliveryId: Number(hook.id) })).status).toBe('delivered');
    expect((await deliverAlert({ deliveryId: Number(hook.id) })).status).toBe('skipped');
    expect(hooks).toHaveLength(1);
    const [, timestamp, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(hooks[0]!.signature)!;
    expect(
      crypto
        .createHmac('sha256', await getDeploymentSecret())
        .update(`${timestamp}.${hooks[0]!.body}`)
        .digest('hex'),
    ).toBe(mac);
    expect(JSON.parse(hooks[0]!.body)).toMatchObject({ id: alert.id, rule: 'Đột biến', kind: 'anomaly' });
    const after = await pendingDeliveries(alert.id);
    expect(after.find((r) => r.channel === 'webhook')).toMatchObject({ status: 'delivered', attempts: 3 });

    // Acknowledge, assign, open an incident (flag + link).
    const ack = await session.request(`/api/trends/alerts/${alert.id}/actions`, {
      method: 'POST',
      body: { action: 'acknowledge' },
    });
    expect(((await ack.json()) as AlertView).status).toBe('acknowledged');
    const assigned = (await (
      await session.request(`/api/trends/alerts/${alert.id}/actions`, {
        method: 'POST',
        body: { action: 'assign', userId: user.id },
      })
    ).json()) as AlertView;
    expect(assigned.assigneeUserId).toBe(user.id);
    // The picker offers the active users of the alert's organization, and only them.
    const colleague = await createTestUser({ role: 'officer', organizationId: user.organizationId });
    const assignees = (await (await session.request(`/api/trends/alerts/${alert.id}/assignees`)).json()) as { id: string }[];
    expect(assignees.map((person) => person.id).sort()).toEqual([user.id, colleague.id].sort());
    const reassigned = (await (
      await session.request(`/api/trends/alerts/${alert.id}/actions`, {
        method: 'POST',
        body: { action: 'assign', userId: colleague.id },
      })
    ).json()) as AlertView;
    expect(reassigned.assigneeUserId).toBe(colleague.id);
    // The colleague is told by e-mail (a job enqueued with the assignment); assigning oneself tells no one.
    const db = await getDb();
    const notices = (
      (await db.execute(
        sql`SELECT data FROM pgboss.job WHERE name = 'trends.notify-assignee' AND data->>'alertId' = ${alert.id}`,
      )) as unknown as { rows: { data: AssigneeNotice }[] }
    ).rows.map((job) => job.data);
    expect(notices.map((notice) => notice.assigneeUserId)).toEqual([colleague.id]);
    expect(await notifyAlertAssignee(notices[0]!, { smtpUrl: `smtp://127.0.0.1:${smtpPort}` })).toBe(true);
    const mail = received.find((message) => message.to === colleague.email)!;
    const subject = /^Subject: (.*)$/m
      .exec(mail.headers)![1]!
      .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, encoding: string, body: string) =>
        encoding.toUpperCase() === 'B'
          ? Buffer.from(body, 'base64').toString('utf8')
          : Buffer.from(
              body.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
              'latin1',
            ).toString('utf8'),
      );
    expect(subject).toBe(`[Nhịp] Cảnh báo được giao cho bạn: Khối lượng tăng đột biến: ${query.name}`);
    expect(mail.headers).toContain(
      `Message-ID: <alert-${alert.id}-assigned-${colleague.id}-${notices[0]!.assignedAt}@nhip.local>`,
    );
    // a notice for someone the alert is no longer assigned to is not sent
    expect(
      await notifyAlertAssignee({ ...notices[0]!, assigneeUserId: user.id }, { smtpUrl: `smtp://127.0.0.1:${smtpPort}` }),
    ).toBe(false);
    const incident = (await (
      await session.request(`/api/trends/alerts/${alert.id}/actions`, {
        method: 'POST',
        body: { action: 'open_incident', link: 'https://su-co.example.gov.vn/123' },
      })
    ).json()) as AlertView;
    expect(incident.incidentRequestedAt).not.toBeNull();
    expect(incident.incidentLink).toBe('https://su-co.example.gov.vn/123');

    // Another organization sees nothing of it.
    const other = await setUpQuery();
    expect(
      (await other.session.request(`/api/trends/alerts/${alert.id}/actions`, { method: 'POST', body: { action: 'acknowledge' } }))
        .status,
    ).toBe(404);
    expect((await other.session.request(`/api/trends/alerts/${alert.id}/assignees`)).status).toBe(404);
    expect(
      (
        await session.request(`/api/trends/alerts/${alert.id}/actions`, {
          method: 'POST',
          body: { action: 'assign', userId: other.user.id },
        })
      ).status,
    ).toBe(400);
    expect(rule.id).toBe(alert.ruleId);
  });

  it('alerts on the first appearance of a watched term and on a story spreading across outlets, never twice', async () => {
    const { session, token, query } = await setUpQuery();
    await session.request('/api/trends/rules', {
      method: 'POST',
      body: { name: 'Thuật ngữ', kind: 'first_seen', queryId: query.id, params: { terms: ['Sáp nhập xã'] } },
    });
    await session.request('/api/trends/rules', {
      method: 'POST',
      body: { name: 'Lan nhanh', kind: 'story_spread', queryId: query.id, params: { outlets: 3, withinHours: 6 } },
    });
    const at = Date.UTC(2026, 10, 10, 2);
    const sameTitle = `Chính quyền công bố phương án ${token} về sap nhap xa trong năm tới`;
    const sameText = `Theo phương án ${token}, việc sắp xếp đơn vị hành chính cấp xã sẽ được thực hiện theo lộ trình, lấy ý kiến cử tri và công bố công khai kết quả trước khi trình cấp có thẩm quyền quyết định.`;
    await ingestMentions(token, [
      { at: new Date(at), source: 'bao-a.vn', title: sameTitle, text: sameText },
      { at: new Date(at + 600_000), source: 'bao-b.vn', title: sameTitle, text: sameText },
    ]);
    await runTrendsPipeline();
    await ingestMentions(token, [{ at: new Date(at + 1_200_000), source: 'bao-c.vn', title: sameTitle, text: sameText }]);
    await runTrendsPipeline();
    await runTrendsPipeline();
    const alerts = (await (await session.request(`/api/trends/alerts?queryId=${query.id}`)).json()) as AlertView[];
    expect(alerts.filter((a) => a.kind === 'first_seen')).toHaveLength(1);
    expect(alerts.filter((a) => a.kind === 'first_seen')[0]!.details).toMatchObject({ term: 'Sáp nhập xã' });
    const spread = alerts.filter((a) => a.kind === 'story_spread');
    expect(spread).toHaveLength(1);
    expect(spread[0]!.mentions).toBe(3);
  });

  it('refuses webhook URLs to private, loopback or metadata addresses at save time and again at delivery', async () => {
    const { session, token, query } = await setUpQuery();
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.7/hook',
      'http://[::1]:8080/hook',
      'ftp://example.org/hook',
    ]) {
      const response = await session.request('/api/trends/rules', {
        method: 'POST',
        body: {
          name: 'SSRF',
          kind: 'threshold',
          queryId: query.id,
          params: { mentions: 1, windowHours: 1 },
          channels: { inApp: true, emails: [], webhookUrl: url },
        },
      });
      expect(response.status, url).toBe(400);
      expect(JSON.stringify(await response.json())).toContain('channels.webhookUrl');
    }
    const created = await session.request('/api/trends/rules', {
      method: 'POST',
      body: {
        name: 'Ngưỡng',
        kind: 'threshold',
        queryId: query.id,
        params: { mentions: 1, windowHours: 1 },
        channels: { inApp: true, emails: [], webhookUrl: `http://127.0.0.1:${webhookPort}/hook` },
      },
    });
    expect(created.status).toBe(201);
    const rule = (await created.json()) as RuleView;
    expect(
      (
        await session.request(`/api/trends/rules/${rule.id}`, {
          method: 'PATCH',
          body: { channels: { inApp: true, emails: [], webhookUrl: 'http://192.168.1.10/hook' } },
        })
      ).status,
    ).toBe(400);
    // The address behind a saved URL changed (DNS): the delivery is refused and stays pending, never sent.
    const db = await getDb();
    await db.execute(
      sql`UPDATE trends_alert_rules SET channels = jsonb_set(channels, '{webhookUrl}', '"http://10.255.255.1/hook"') WHERE id = ${rule.id}::uuid`,
    );
    await ingestMentions(token, [{ at: new Date(Date.now() - 60_000) }]);
    await runTrendsPipeline();
    const alerts = (await (await session.request(`/api/trends/alerts?queryId=${query.id}`)).json()) as AlertView[];
    expect(alerts).toHaveLength(1);
    const hook = (await pendingDeliveries(alerts[0]!.id)).find((row) => row.channel === 'webhook')!;
    const outcome = await deliverAlert({ deliveryId: Number(hook.id) });
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(/Refused/);
    expect((await pendingDeliveries(alerts[0]!.id)).find((row) => row.channel === 'webhook')?.status).toBe('pending');
  });

  it('watches for stored documents and delivers the alert by webhook within seconds, without a job poll', async () => {
    const { session, token, query } = await setUpQuery();
    const created = await session.request('/api/trends/rules', {
      method: 'POST',
      body: {
        name: 'Ngưỡng nhanh',
        kind: 'threshold',
        queryId: query.id,
        params: { mentions: 5, windowHours: 1 },
        channels: { inApp: true, emails: [], webhookUrl: `http://127.0.0.1:${webhookPort}/live` },
      },
    });
    expect(created.status).toBe(201);
    webhookFailures = 0;
    const watching = watchNewMentions({
      until: Date.now() + 6_000,
      idleMs: 100,
      onAlerts: async () => void (await deliverFreshAlerts()),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await ingestMentions(
      token,
      Array.from({ length: 6 }, (_, i) => ({ at: new Date(Date.now() - 60_000 - i * 1000) })),
    );
    const stored = Date.now();
    const mine = () => hooks.find((hook) => (JSON.parse(hook.body) as { queryId: string }).queryId === query.id);
    while (!mine() && Date.now() - stored < 5_500) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mine()).toBeDefined();
    expect(Date.now() - stored).toBeLessThan(5_500);
    expect(await watching).toBe(true);
    const [alert] = (await (await session.request(`/api/trends/alerts?queryId=${query.id}`)).json()) as AlertView[];
    expect(alert!.deliveries.find((d) => d.channel === 'webhook')).toMatchObject({ status: 'delivered', attempts: 1 });
  });
});
