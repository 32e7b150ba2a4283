import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { getDb, type Executor } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import { canReadOrganizationRecord, type Actor } from '../../platform/actor';
import { enqueueJob } from '../../platform/jobs';
import { listActiveMembers } from '../accounts';
import { monitoringQueries } from '../monitoring';
import { ruleInputSchema, type AlertView, type RuleInput, type RuleView } from './contracts';
import { trendsAlertDeliveries, trendsAlertRules, trendsAlerts, type Alert, type AlertRule } from './schema';
import { assertCanManageAlerts, organizationFor } from './policies';
import { deliverAlertJob } from './delivery-job';
import { notifyAlertAssigneeJob } from './assignee-notice';
import { assertWebhookUrlAllowed } from './outbound';

function toRuleView(row: AlertRule): RuleView {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    kind: row.kind,
    queryId: row.queryId,
    policyId: row.policyId,
    params: row.params,
    channels: row.channels,
    cooldownMinutes: row.cooldownMinutes,
    isEnabled: row.isEnabled,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Creates an alert rule on a query, on the queries linked to a policy, or on the whole organization. */
export async function createAlertRule({ actor, input }: { actor: Actor; input: RuleInput }): Promise<RuleView> {
  const data = ruleInputSchema.parse(input);
  const organizationId = organizationFor(actor, data.organizationId);
  assertCanManageAlerts(actor, organizationId);
  if (data.queryId && data.policyId)
    throw new AppError('VALIDATION_FAILED', 'Give a query or a policy, not both', {
      invalidFields: [{ path: 'policyId', message: 'give queryId or policyId' }],
    });
  if (data.kind === 'first_seen' && !data.params.terms?.length)
    throw new AppError('VALIDATION_FAILED', 'A first-seen rule needs terms', {
      invalidFields: [{ path: 'params.terms', message: 'at least one term' }],
    });
  if (data.kind === 'threshold' && !data.params.mentions)
    throw new AppError('VALIDATION_FAILED', 'A threshold rule needs params.mentions', {
      invalidFields: [{ path: 'params.mentions', message: 'required' }],
    });
  await assertWebhookUrlAllowed(data.channels.webhookUrl);
  const db = await getDb();
  if (data.queryId) {
    const [query] = await db.select().from(monitoringQueries).where(eq(monitoringQueries.id, data.queryId));
    if (!query || query.organizationId !== organizationId) throw notFound('Query', data.queryId);
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(trendsAlertRules)
      .values({
        organizationId,
        name: data.name,
        kind: data.kind,
        queryId: data.queryId ?? null,
        policyId: data.policyId ?? null,
        params: data.params,
        channels: data.channels,
        cooldownMinutes: data.cooldownMinutes,
        isEnabled: data.isEnabled,
        createdBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      actor,
      action: 'trends.rule.create',
      entityType: 'trends_alert_rule',
      entityId: row!.id,
      organizationId,
      after: toRuleView(row!),
    });
    return toRuleView(row!);
  });
}

async function loadRule(actor: Actor, ruleId: string): Promise<AlertRule> {
  const db = await getDb();
  const [row] = await db.select().from(trendsAlertRules).where(eq(trendsAlertRules.id, ruleId));
  if (!row || !canReadOrganizationRecord(actor, row.organizationId)) throw notFound('Alert rule', ruleId);
  return row;
}

/** Changes a rule (enable/disable, thresholds, channels, cooldown). */
export async function updateAlertRule({
  actor,
  ruleId,
  changes,
}: {
  actor: Actor;
  ruleId: string;
  changes: Partial<RuleInput>;
}): Promise<RuleView> {
  const existing = await loadRule(actor, ruleId);
  assertCanManageAlerts(actor, existing.organizationId);
  const merged = ruleInputSchema.parse({ ...toRuleView(existing), ...changes, organizationId: existing.organizationId });
  if (merged.channels.webhookUrl !== existing.channels.webhookUrl) await assertWebhookUrlAllowed(merged.channels.webhookUrl);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(trendsAlertRules)
      .set({
        name: merged.name,
        params: merged.params,
        channels: merged.channels,
        cooldownMinutes: merged.cooldownMinutes,
        isEnabled: merged.isEnabled,
        updatedAt: sql`now()`,
      })
      .where(eq(trendsAlertRules.id, ruleId))
      .returning();
    await recordAudit(tx, {
      actor,
      action: 'trends.rule.update',
      entityType: 'trends_alert_rule',
      entityId: ruleId,
      organizationId: existing.organizationId,
      before: toRuleView(existing),
      after: toRuleView(row!),
    });
    return toRuleView(row!);
  });
}

export async function deleteAlertRule({ actor, ruleId }: { actor: Actor; ruleId: string }): Promise<void> {
  const existing = await loadRule(actor, ruleId);
  assertCanManageAlerts(actor, existing.organizationId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.delete(trendsAlertRules).where(eq(trendsAlertRules.id, ruleId));
    await recordAudit(tx, {
      actor,
      action: 'trends.rule.delete',
      entityType: 'trends_alert_rule',
      entityId: ruleId,
      organizationId: existing.organizationId,
      before: toRuleView(existing),
    });
  });
}

export async function listAlertRules({ actor, organizationId }: { actor: Actor; organizationId?: string }): Promise<RuleView[]> {
  const owner = organizationFor(actor, organizationId);
  if (!canReadOrganizationRecord(actor, owner)) throw new AppError('FORBIDDEN', 'Not your organization');
  const db = await getDb();
  const rows = await db
    .select()
    .from(trendsAlertRules)
    .where(eq(trendsAlertRules.organizationId, owner))
    .orderBy(desc(trendsAlertRules.createdAt));
  return rows.map(toRuleView);
}

export interface RaiseAlertInput {
  rule: AlertRule;
  queryId: string | null;
  subject: string;
  windowStart: Date;
  windowEnd: Date;
  score: number;
  mentions: number;
  expected: number | null;
  details: Record<string, unknown>;
}

/**
 * Records one detection. Detections of the same rule and subject whose windows overlap or lie within the
 * cooldown of an existing alert extend it (one event = one alert, whatever order hours are evaluated in, so a
 * backfill groups like live data); otherwise a new alert is inserted with its delivery outbox rows and their
 * jobs, all in the caller's transaction. Returns the new alert's id, or null when an existing one grew.
 */
export async function raiseAlert(tx: Executor, input: RaiseAlertInput): Promise<string | null> {
  const cooldown = `${input.rule.cooldownMinutes} minutes`;
  const existing = (await tx.execute(sql`
    SELECT id FROM trends_alerts WHERE rule_id = ${input.rule.id} AND subject = ${input.subject}
      AND window_start <= ${input.windowEnd.toISOString()}::timestamptz + ${cooldown}::interval
      AND window_end >= ${input.windowStart.toISOString()}::timestamptz - ${cooldown}::interval
    ORDER BY window_start LIMIT 1 FOR UPDATE`)) as unknown as { rows: { id: string }[] };
  const found = existing.rows[0];
  if (found) {
    await tx.execute(sql`UPDATE trends_alerts SET window_start = least(window_start, ${input.windowStart.toISOString()}::timestamptz),
      window_end = greatest(window_end, ${input.windowEnd.toISOString()}::timestamptz), score = greatest(score, ${input.score}),
      mentions = greatest(mentions, ${input.mentions}), updated_at = now() WHERE id = ${found.id}`);
    return null;
  }
  const [inserted] = await tx
    .insert(trendsAlerts)
    .values({
      ruleId: input.rule.id,
      organizationId: input.rule.organizationId,
      queryId: input.queryId,
      kind: input.rule.kind,
      subject: input.subject,
      windowStart: input.windowStart,
      windowEnd: input.windowEnd,
      score: input.score,
      mentions: input.mentions,
      expected: input.expected,
      details: input.details,
    })
    .onConflictDoNothing()
    .returning({ id: trendsAlerts.id });
  if (!inserted) return null;
  const channels = input.rule.channels;
  const targets: { channel: 'in_app' | 'email' | 'webhook'; target: string }[] = [];
  if (channels.inApp) targets.push({ channel: 'in_app', target: input.rule.organizationId });
  for (const email of channels.emails ?? []) targets.push({ channel: 'email', target: email });
  if (channels.webhookUrl) targets.push({ channel: 'webhook', target: channels.webhookUrl });
  if (targets.length > 0) {
    const rows = await tx
      .insert(trendsAlertDeliveries)
      .values(
        targets.map((target) => ({
          alertId: inserted.id,
          ...target,
          ...(target.channel === 'in_app' ? { status: 'delivered' as const, deliveredAt: new Date() } : {}),
        })),
      )
      .onConflictDoNothing()
      .returning({ id: trendsAlertDeliveries.id, channel: trendsAlertDeliveries.channel });
    for (const row of rows) {
      if (row.channel === 'in_app') continue;
      await enqueueJob(deliverAlertJob, { deliveryId: row.id }, { tx, singletonKey: `delivery:${row.id}` });
    }
  }
  return inserted.id;
}

export interface ListAlertsOptions {
  actor: Actor;
  organizationId?: string;
  queryId?: string;
  status?: 'open' | 'acknowledged' | 'resolved';
  from?: Date;
  to?: Date;
  limit?: number;
}

/** Alerts of an organization, newest event first; from/to filter on when the event started (publication time). */
export async function listAlerts(options: ListAlertsOptions): Promise<AlertView[]> {
  const owner = organizationFor(options.actor, options.organizationId);
  if (!canReadOrganizationRecord(options.actor, owner)) throw new AppError('FORBIDDEN', 'Not your organization');
  const db = await getDb();
  const conditions = [eq(trendsAlerts.organizationId, owner)];
  if (options.queryId) conditions.push(eq(trendsAlerts.queryId, options.queryId));
  if (options.status) conditions.push(eq(trendsAlerts.status, options.status));
  if (options.from) conditions.push(gte(trendsAlerts.windowStart, options.from));
  if (options.to) conditions.push(lt(trendsAlerts.windowStart, options.to));
  const rows = await db
    .select()
    .from(trendsAlerts)
    .where(and(...conditions))
    .orderBy(desc(trendsAlerts.windowStart))
    .limit(options.limit ?? 200);
  return toAlertViews(rows);
}

async function toAlertViews(rows: Alert[]): Promise<AlertView[]> {
  if (rows.length === 0) return [];
  const db = await getDb();
  const ruleIds = [...new Set(rows.map((row) => row.ruleId))];
  const queryIds = [...new Set(rows.map((row) => row.queryId).filter((id): id is string => id !== null))];
  const rules = new Map(
    (
      await db
        .select({ id: trendsAlertRules.id, name: trendsAlertRules.name })
        .from(trendsAlertRules)
        .where(inArray(trendsAlertRules.id, ruleIds))
    ).map((r) => [r.id, r.name]),
  );
  const queries = new Map(
    queryIds.length
      ? (
          await db
            .select({ id: monitoringQueries.id, name: monitoringQueries.name })
            .from(monitoringQueries)
            .where(inArray(monitoringQueries.id, queryIds))
        ).map((q) => [q.id, q.name])
      : [],
  );
  const deliveries = await db
    .select()
    .from(trendsAlertDeliveries)
    .where(
      inArray(
        trendsAlertDeliveries.alertId,
        rows.map((row) => row.id),
      ),
    );
  return rows.map((row) => ({
    id: row.id,
    rule: rules.get(row.ruleId) ?? '',
    ruleId: row.ruleId,
    query: row.queryId ? (queries.get(row.queryId) ?? null) : null,
    queryId: row.queryId,
    kind: row.kind,
    subject: row.subject,
    startedAt: row.windowStart.toISOString(),
    endedAt: row.windowEnd.toISOString(),
    detectedAt: row.detectedAt.toISOString(),
    score: Math.round(row.score * 100) / 100,
    mentions: row.mentions,
    expected: row.expected,
    details: row.details,
    status: row.status,
    assigneeUserId: row.assigneeUserId,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    incidentRequestedAt: row.incidentRequestedAt?.toISOString() ?? null,
    incidentLink: row.incidentLink,
    deliveries: deliveries
      .filter((d) => d.alertId === row.id)
      .map((d) => ({ channel: d.channel, target: d.target, status: d.status, attempts: d.attempts, lastError: d.lastError })),
  }));
}

async function loadAlert(actor: Actor, alertId: string): Promise<Alert> {
  const db = await getDb();
  const [row] = await db.select().from(trendsAlerts).where(eq(trendsAlerts.id, alertId));
  if (!row || !canReadOrganizationRecord(actor, row.organizationId)) throw notFound('Alert', alertId);
  return row;
}

/** What another module needs of one alert (e.g. incidents opened from an alert): its view and organization. */
export type AlertSummary = AlertView & { organizationId: string };

/** One alert the actor may read; another organization's alert is reported as not found (no existence leak). */
export async function getAlertSummary({ actor, alertId }: { actor: Actor; alertId: string }): Promise<AlertSummary> {
  const row = await loadAlert(actor, alertId);
  const [view] = await toAlertViews([row]);
  return { ...view!, organizationId: row.organizationId };
}

export type AlertAction =
  | { action: 'acknowledge' }
  | { action: 'resolve' }
  | { action: 'reopen' }
  | { action: 'assign'; userId: string | null }
  | { action: 'open_incident'; link?: string | null };

/** The people an alert can be assigned to: active users of its organization (for the inbox's picker). */
export async function listAlertAssignees({
  actor,
  alertId,
}: {
  actor: Actor;
  alertId: string;
}): Promise<{ id: string; displayName: string; role: string }[]> {
  const existing = await loadAlert(actor, alertId);
  assertCanManageAlerts(actor, existing.organizationId);
  return (await listActiveMembers(existing.organizationId)).map(({ id, displayName, role }) => ({ id, displayName, role }));
}

/**
 * Acknowledge, resolve, reopen, assign, or flag for an incident. The incidents module opens the incident itself
 * (POST /api/incidents with fromAlertId) and flags the alert through `open_incident` with the incident's link.
 */
export async function actOnAlert({
  actor,
  alertId,
  change,
}: {
  actor: Actor;
  alertId: string;
  change: AlertAction;
}): Promise<AlertView> {
  const existing = await loadAlert(actor, alertId);
  assertCanManageAlerts(actor, existing.organizationId);
  const db = await getDb();
  const set: Partial<typeof trendsAlerts.$inferInsert> = { updatedAt: new Date() };
  if (change.action === 'acknowledge') {
    if (existing.status === 'resolved') throw new AppError('INVALID_STATE', 'The alert is resolved; reopen it first');
    Object.assign(set, { status: 'acknowledged', acknowledgedBy: actor.userId, acknowledgedAt: new Date() });
  } else if (change.action === 'resolve') Object.assign(set, { status: 'resolved' });
  else if (change.action === 'reopen') Object.assign(set, { status: 'open' });
  else if (change.action === 'assign') {
    if (change.userId) {
      const assignee = (await db.execute(
        sql`SELECT organization_id FROM users WHERE id = ${change.userId}::uuid`,
      )) as unknown as { rows: { organization_id: string }[] };
      if (assignee.rows[0]?.organization_id !== existing.organizationId)
        throw new AppError('VALIDATION_FAILED', "Assign someone of the alert's organization", {
          invalidFields: [{ path: 'userId', message: 'not a member of the organization' }],
        });
    }
    set.assigneeUserId = change.userId;
  } else {
    Object.assign(set, {
      incidentRequestedAt: existing.incidentRequestedAt ?? new Date(),
      incidentLink: change.link ?? existing.incidentLink,
    });
  }
  return db.transaction(async (tx) => {
    const [row] = await tx.update(trendsAlerts).set(set).where(eq(trendsAlerts.id, alertId)).returning();
    await recordAudit(tx, {
      actor,
      action: `trends.alert.${change.action}`,
      entityType: 'trends_alert',
      entityId: alertId,
      organizationId: existing.organizationId,
      before: { status: existing.status, assignee: existing.assigneeUserId },
      after: { status: row!.status, assignee: row!.assigneeUserId, incidentLink: row!.incidentLink },
    });
    // someone else was given the alert: they are told by e-mail (the job sends only with SMTP configured)
    if (change.action === 'assign' && change.userId && change.userId !== actor.userId)
      await enqueueJob(
        notifyAlertAssigneeJob,
        {
          alertId,
          assigneeUserId: change.userId,
          assignedByUserId: actor.userId ?? null,
          assignedAt: row!.updatedAt.getTime(),
        },
        { tx },
      );
    return (await toAlertViews([row!]))[0]!;
  });
}

/** Organizations that have at least one alert (for the network-wide CLI listing). */
export async function organizationsWithAlerts(): Promise<string[]> {
  const db = await getDb();
  const rows = (await db.selectDistinct({ organizationId: trendsAlerts.organizationId }).from(trendsAlerts)) as {
    organizationId: string;
  }[];
  return rows.map((row) => row.organizationId);
}
