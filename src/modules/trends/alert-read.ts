import { eq } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { notFound } from '../../platform/errors';
import { canReadOrganizationRecord, type Actor } from '../../platform/actor';
import { monitoringQueries } from '../monitoring';
import { trendsAlertRules, trendsAlerts } from './schema';

/** What another module needs of one alert (e.g. incidents opened from an alert). */
export interface AlertSummary {
  id: string;
  organizationId: string;
  rule: string;
  queryId: string | null;
  query: string | null;
  kind: string;
  subject: string;
  startedAt: string;
  endedAt: string;
  detectedAt: string;
  score: number;
  mentions: number;
  status: 'open' | 'acknowledged' | 'resolved';
}

/** One alert the actor may read; another organization's alert is reported as not found (no existence leak). */
export async function getAlertSummary({ actor, alertId }: { actor: Actor; alertId: string }): Promise<AlertSummary> {
  const db = await getDb();
  const [row] = await db
    .select({ alert: trendsAlerts, rule: trendsAlertRules.name, query: monitoringQueries.name })
    .from(trendsAlerts)
    .leftJoin(trendsAlertRules, eq(trendsAlertRules.id, trendsAlerts.ruleId))
    .leftJoin(monitoringQueries, eq(monitoringQueries.id, trendsAlerts.queryId))
    .where(eq(trendsAlerts.id, alertId));
  if (!row || !canReadOrganizationRecord(actor, row.alert.organizationId)) throw notFound('Alert', alertId);
  const alert = row.alert;
  return {
    id: alert.id,
    organizationId: alert.organizationId,
    rule: row.rule ?? '',
    queryId: alert.queryId,
    query: row.query ?? null,
    kind: alert.kind,
    subject: alert.subject,
    startedAt: alert.windowStart.toISOString(),
    endedAt: alert.windowEnd.toISOString(),
    detectedAt: alert.detectedAt.toISOString(),
    score: Math.round(alert.score * 100) / 100,
    mentions: alert.mentions,
    status: alert.status,
  };
}
