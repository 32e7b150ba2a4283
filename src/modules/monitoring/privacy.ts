import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { env } from '../../platform/env';

/**
 * Nulls the raw text of social posts older than the retention period (Decree 13/2023: keep personal data
 * no longer than needed). Titles of social posts are cut too; counts, sentiment, topic, stories and query
 * matches stay. Works in batches so a large backlog never holds a long lock. Also drops the label-change log
 * (`label-changes.ts`) older than 30 days.
 */
export async function purgeSocialText({ now = new Date(), batchSize = 5000 }: { now?: Date; batchSize?: number } = {}): Promise<{
  purged: number;
}> {
  const db = await getDb();
  const cutoff = new Date(now.getTime() - env.privacy.socialTextRetentionDays * 86_400_000);
  let purged = 0;
  for (;;) {
    const result = await db.execute(sql`
      UPDATE monitoring_documents SET text = NULL, title = '', text_purged_at = now()
      WHERE id IN (
        SELECT id FROM monitoring_documents
        WHERE kind = 'social' AND text IS NOT NULL AND published_at < ${cutoff.toISOString()}::timestamptz
        LIMIT ${batchSize}
      )`);
    const count = result.rowCount ?? 0;
    purged += count;
    if (count < batchSize) break;
  }
  // the label-change log is read by the rollups within seconds; a month covers any worker outage
  await db.execute(sql`DELETE FROM monitoring_label_changes WHERE created_at < now() - interval '30 days'`);
  await db.execute(sql`
    UPDATE nlp_corrections SET text = NULL
    WHERE document_kind = 'social' AND text IS NOT NULL AND created_at < ${cutoff.toISOString()}::timestamptz`);
  return { purged };
}
