import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../platform/db';
import { defineJob } from '../../platform/jobs';
import { recordAudit } from '../../platform/audit';
import { systemActor } from '../../platform/actor';
import { appendTimeline } from './views';

/**
 * Records every deadline an incident has just missed as a `deadline_missed` timeline entry (and an audit entry):
 * the response deadline while the incident is still new, the resolution deadline until it is closed. Each
 * (incident, deadline, due time) is recorded once, so re-runs and concurrent workers change nothing.
 */
export async function recordMissedDeadlines({ now = new Date() }: { now?: Date } = {}): Promise<{ recorded: number }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const at = now.toISOString();
    const result = (await tx.execute(sql`
      INSERT INTO incident_deadline_misses (incident_id, deadline, due_at)
      SELECT id, 'response', response_due_at FROM incidents WHERE status = 'open' AND response_due_at < ${at}::timestamptz
      UNION ALL
      SELECT id, 'resolution', resolution_due_at FROM incidents WHERE status <> 'closed' AND resolution_due_at < ${at}::timestamptz
      ON CONFLICT DO NOTHING
      RETURNING incident_id, deadline, due_at, (SELECT organization_id FROM incidents WHERE id = incident_id) AS organization_id`)) as unknown as {
      rows: { incident_id: string; deadline: string; due_at: Date | string; organization_id: string }[];
    };
    for (const row of result.rows) {
      const dueAt = new Date(row.due_at).toISOString();
      await appendTimeline(tx, {
        incidentId: row.incident_id,
        kind: 'deadline_missed',
        actor: systemActor,
        data: { deadline: row.deadline, dueAt },
      });
      await recordAudit(tx, {
        actor: systemActor,
        action: 'incidents.deadline.missed',
        entityType: 'incident',
        entityId: row.incident_id,
        organizationId: row.organization_id,
        after: { deadline: row.deadline, dueAt },
      });
    }
    return { recorded: result.rows.length };
  });
}

/** Every five minutes: missed deadlines onto the timeline. */
export const recordMissedDeadlinesJob = defineJob({
  name: 'incidents.record-missed-deadlines',
  schema: z.object({}).passthrough(),
  handler: async () => {
    await recordMissedDeadlines();
  },
  cron: '*/5 * * * *',
  cronPayload: {},
  retryLimit: 2,
});

export const incidentJobs = [recordMissedDeadlinesJob];
