import type pg from 'pg';
import { getDatabase } from '../../platform/db';
import { LOCK_LABEL_CHANGES_EXCLUSIVE_SQL } from '../monitoring';
import { titlePhrases } from './phrases';

/** Documents read per rollup transaction. */
const BATCH_DOCUMENTS = 20_000;
/** A document dated more than this past its processing time is "in the future": bucketed at arrival instead. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface RollupResult {
  documents: number;
  mentions: number;
  lastDocumentId: number;
  futureDated: number;
  /** Label changes of documents (corrections, re-labelling runs) read, and whether any are left to read. */
  labelChanges: number;
  hasMoreLabelChanges: boolean;
}

/** Label changes read per rollup transaction. */
const BATCH_LABEL_CHANGES = 20_000;

const hourOf = (column: string) => `(date_trunc('hour', ${column} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;
const vietnamDayOf = (column: string) => `((${column} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)`;

/**
 * Adds the mentions of documents stored since the last run to the rollups, in one transaction per batch that
 * also advances the watermark (so a crash or a second worker never counts a mention twice). Monitoring writes a
 * document and all its matches in one transaction, with ids allocated under its ingest lock, so reading
 * documents by id above the watermark sees every mention exactly once. Returns what one call processed;
 * call again while `documents > 0`.
 */
export async function rollUpNewMentions({
  now = new Date(),
  batchSize = BATCH_DOCUMENTS,
}: { now?: Date; batchSize?: number } = {}): Promise<RollupResult> {
  const { pool } = await getDatabase();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // No label change in flight while this transaction reads labels and the log of their changes.
    await client.query(LOCK_LABEL_CHANGES_EXCLUSIVE_SQL);
    // Row lock on the watermark: concurrent runs queue here instead of reading the same batch.
    const watermark = await client.query<{ last: string }>(
      `SELECT last_document_id::text AS last FROM trends_watermarks WHERE name = 'mentions' FOR UPDATE`,
    );
    const from = Number(watermark.rows[0]?.last ?? 0);
    const labels = await applyLabelChanges(client, from, batchSize);
    if (labels.hasMoreLabelChanges) {
      // New documents wait until every change before them is read: a document rolled up with labels whose change is
      // still unread would be moved again when it is read.
      await client.query('COMMIT');
      return { documents: 0, mentions: 0, lastDocumentId: from, futureDated: 0, ...labels };
    }
    const range = await client.query<{ last: string | null; n: string }>(
      `SELECT max(id)::text AS last, count(*)::text AS n FROM (SELECT id FROM monitoring_documents WHERE id > $1 ORDER BY id LIMIT $2) t`,
      [from, batchSize],
    );
    const to = range.rows[0]?.last ? Number(range.rows[0].last) : from;
    const documents = Number(range.rows[0]?.n ?? 0);
    if (documents === 0) {
      await client.query('COMMIT');
      return { documents: 0, mentions: 0, lastDocumentId: from, futureDated: 0, ...labels };
    }
    const result = await rollUpRange(client, from, to, now);
    await client.query(
      `UPDATE trends_watermarks SET last_document_id = $1, processed_mentions = processed_mentions + $2, updated_at = now() WHERE name = 'mentions'`,
      [to, result.mentions],
    );
    await client.query('COMMIT');
    return { documents, mentions: result.mentions, lastDocumentId: to, futureDated: result.futureDated, ...labels };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The rollup tables keyed by sentiment or topic, with the columns of a mention that make their key. */
const LABELLED_ROLLUPS = [
  { table: 'trends_hourly', key: `${hourOf('at')}, sentiment, kind, source_key`, columns: 'hour, sentiment, kind, source_key' },
  {
    table: 'trends_daily',
    key: `${vietnamDayOf('at')}, sentiment, kind, source_key`,
    columns: 'day, sentiment, kind, source_key',
  },
  { table: 'trends_entity_hourly', key: `${hourOf('at')}, entity_id, sentiment`, columns: 'hour, entity_id, sentiment' },
  { table: 'trends_entity_daily', key: `${vietnamDayOf('at')}, entity_id, sentiment`, columns: 'day, entity_id, sentiment' },
  { table: 'trends_topic_daily', key: `${vietnamDayOf('at')}, topic, sentiment`, columns: 'day, topic, sentiment' },
] as const;

/** The rows of `source` (one per mention and scope) read by a labelled rollup: entity rollups read one per entity. */
const rowsFor = (table: string, source: string) =>
  table.startsWith('trends_entity') ? `${source}, unnest(entity_ids) AS entity_id` : source;

/**
 * Adds `count` (an aggregate over the rows of `source`, one per mention and scope, with `at`, the labels and the
 * mention's dimensions) to every labelled rollup's key; groups whose count is 0 are left out.
 */
async function addToLabelledRollups(client: pg.PoolClient, source: string, count: string): Promise<void> {
  for (const { table, key, columns } of LABELLED_ROLLUPS) {
    const groups = Array.from({ length: columns.split(',').length + 1 }, (_, k) => k + 1).join(', ');
    await client.query(
      `INSERT INTO ${table} AS t (scope, ${columns}, mentions)
       SELECT scope, ${key}, ${count} FROM ${rowsFor(table, source)} GROUP BY ${groups} HAVING ${count} <> 0
       ON CONFLICT (scope, ${columns}) DO UPDATE SET mentions = t.mentions + excluded.mentions`,
    );
  }
}

/**
 * Moves the mentions already rolled up (documents up to the mentions watermark `rolledUpTo`) whose document's topic
 * or sentiment changed since (`monitoring_label_changes` above the 'labels' watermark) from the labels they were
 * counted with to the ones they have now, and advances that watermark, in the caller's transaction, which holds the
 * label-changes lock exclusively. A change of a document not rolled up yet is passed over: the rollup will count the
 * labels it has by then. A mention was counted with the labels before its document's first change read here (the
 * changes read before were applied, the ones after are not committed yet), and has its document's labels now.
 */
async function applyLabelChanges(
  client: pg.PoolClient,
  rolledUpTo: number,
  limit: number,
): Promise<{ labelChanges: number; hasMoreLabelChanges: boolean }> {
  const watermark = await client.query<{ last: string }>(
    `SELECT last_document_id::text AS last FROM trends_watermarks WHERE name = 'labels' FOR UPDATE`,
  );
  const after = Number(watermark.rows[0]?.last ?? 0);
  const range = await client.query<{ last: string | null; n: string; more: boolean }>(
    `SELECT max(id)::text AS last, count(*)::text AS n,
            EXISTS (SELECT 1 FROM monitoring_label_changes WHERE id > coalesce(max(t.id), $1)) AS more
     FROM (SELECT id FROM monitoring_label_changes WHERE id > $1 ORDER BY id LIMIT $2) t`,
    [after, Math.min(limit, BATCH_LABEL_CHANGES)],
  );
  const changes = Number(range.rows[0]?.n ?? 0);
  if (changes === 0) return { labelChanges: 0, hasMoreLabelChanges: false };
  const last = Number(range.rows[0]!.last);
  // One row per mention whose labels changed: counted with (old_*), has (new_*) now; counted at its publication
  // time, or at its arrival if it was dated in the future.
  await client.query(
    `CREATE TEMP TABLE trends_relabelled ON COMMIT DROP AS
     WITH changes AS (
       SELECT * FROM monitoring_label_changes WHERE id > $1 AND id <= $2 AND document_id <= $3
     ), first_changes AS (
       SELECT DISTINCT ON (document_id, field) document_id, field, previous_value FROM changes ORDER BY document_id, field, id
     ), documents AS (
       SELECT document_id,
              bool_or(field = 'sentiment') AS sentiment_changed, max(previous_value) FILTER (WHERE field = 'sentiment') AS old_sentiment,
              bool_or(field = 'topic') AS topic_changed, max(previous_value) FILTER (WHERE field = 'topic') AS old_topic
       FROM first_changes GROUP BY document_id
     ), mentions AS (
       SELECT m.query_id, m.organization_id, m.document_id, m.document_kind AS kind, m.source_key, d.story_id, d.entity_ids,
              coalesce(f.bucketed_at, d.published_at) AS at,
              coalesce(CASE WHEN c.sentiment_changed THEN c.old_sentiment ELSE m.sentiment END, 'unknown') AS old_sentiment,
              coalesce(m.sentiment, 'unknown') AS new_sentiment,
              coalesce(CASE WHEN c.topic_changed THEN c.old_topic ELSE d.topic END, 'unknown') AS old_topic,
              coalesce(d.topic, 'unknown') AS new_topic
       FROM documents c
       JOIN monitoring_documents d ON d.id = c.document_id
       JOIN monitoring_query_matches m ON m.document_id = c.document_id
       LEFT JOIN trends_future_documents f ON f.document_id = c.document_id
     )
     SELECT 'q:' || query_id AS scope, * FROM mentions WHERE old_sentiment <> new_sentiment OR old_topic <> new_topic
     UNION ALL
     SELECT DISTINCT ON (organization_id, document_id) 'o:' || organization_id AS scope, * FROM mentions
     WHERE old_sentiment <> new_sentiment OR old_topic <> new_topic`,
    [after, last, rolledUpTo],
  );
  // Each moved mention leaves its old key (-1) and joins its new one (+1).
  await client.query(
    `CREATE TEMP TABLE trends_label_moves ON COMMIT DROP AS
     SELECT scope, at, kind, source_key, story_id, entity_ids, old_sentiment AS sentiment, old_topic AS topic, -1 AS sign FROM trends_relabelled
     UNION ALL
     SELECT scope, at, kind, source_key, story_id, entity_ids, new_sentiment, new_topic, 1 FROM trends_relabelled`,
  );
  await addToLabelledRollups(client, 'trends_label_moves', 'sum(sign)');
  // a key whose last mention moved away is dropped, as if it had never been counted
  for (const { table, key, columns } of LABELLED_ROLLUPS)
    await client.query(
      `DELETE FROM ${table} WHERE (scope, ${columns}) IN (SELECT scope, ${key} FROM ${rowsFor(table, 'trends_label_moves')} WHERE sign < 0) AND mentions <= 0`,
    );
  await client.query(
    `UPDATE trends_story_daily AS t SET negative = t.negative + s.negative
     FROM (SELECT scope, ${vietnamDayOf('at')} AS day, story_id, sum(sign * (sentiment = 'negative')::int) AS negative
           FROM trends_label_moves WHERE story_id IS NOT NULL GROUP BY 1, 2, 3) s
     WHERE t.scope = s.scope AND t.day = s.day AND t.story_id = s.story_id AND s.negative <> 0`,
  );
  await client.query(`UPDATE trends_watermarks SET last_document_id = $1, updated_at = now() WHERE name = 'labels'`, [last]);
  await client.query('DROP TABLE trends_label_moves; DROP TABLE trends_relabelled');
  return { labelChanges: changes, hasMoreLabelChanges: range.rows[0]!.more };
}

async function rollUpRange(
  client: pg.PoolClient,
  from: number,
  to: number,
  now: Date,
): Promise<{ mentions: number; futureDated: number }> {
  const nowIso = now.toISOString();
  const futureLimit = new Date(now.getTime() + FUTURE_TOLERANCE_MS).toISOString();
  // One row per mention, with the time it is counted at: its publication time, or its arrival if dated in the future.
  await client.query(
    `CREATE TEMP TABLE trends_batch ON COMMIT DROP AS
     SELECT m.query_id, m.organization_id, m.document_id,
            CASE WHEN d.published_at > $3::timestamptz THEN $4::timestamptz ELSE d.published_at END AS at,
            d.published_at > $3::timestamptz AS is_future, d.published_at,
            coalesce(m.sentiment, 'unknown') AS sentiment, m.document_kind AS kind, m.source_key, d.story_id,
            coalesce(d.topic, 'unknown') AS topic, d.entity_ids
     FROM monitoring_query_matches m JOIN monitoring_documents d ON d.id = m.document_id
     WHERE m.document_id > $1 AND m.document_id <= $2`,
    [from, to, futureLimit, nowIso],
  );
  await client.query(
    `CREATE TEMP TABLE trends_scoped ON COMMIT DROP AS
     SELECT 'q:' || query_id AS scope, * FROM trends_batch
     UNION ALL
     SELECT DISTINCT ON (organization_id, document_id) 'o:' || organization_id AS scope, * FROM trends_batch`,
  );
  const counted = await client.query<{ mentions: string; future: string }>(
    `SELECT count(*) FILTER (WHERE scope LIKE 'q:%')::text AS mentions, count(DISTINCT document_id) FILTER (WHERE is_future)::text AS future FROM trends_scoped`,
  );
  const mentions = Number(counted.rows[0]?.mentions ?? 0);
  if (mentions > 0) {
    await addToLabelledRollups(client, 'trends_scoped', 'count(*)');
    await client.query(
      `INSERT INTO trends_story_daily AS t (scope, day, story_id, mentions, negative)
       SELECT scope, ${vietnamDayOf('at')}, story_id, count(*), count(*) FILTER (WHERE sentiment = 'negative') FROM trends_scoped WHERE story_id IS NOT NULL GROUP BY 1, 2, 3
       ON CONFLICT (scope, day, story_id) DO UPDATE SET mentions = t.mentions + excluded.mentions, negative = t.negative + excluded.negative`,
    );
    await client.query(
      `INSERT INTO trends_dirty_hours (scope, hour) SELECT DISTINCT scope, ${hourOf('at')} FROM trends_scoped ON CONFLICT DO NOTHING`,
    );
    await client.query(
      `INSERT INTO trends_future_documents (document_id, published_at, bucketed_at)
       SELECT DISTINCT document_id, published_at, at FROM trends_batch WHERE is_future ON CONFLICT DO NOTHING`,
    );
  }
  // Outlets per story, over every document (a story spreads whether or not a query matched the copies).
  await client.query(
    `INSERT INTO trends_story_outlets AS t (story_id, source_key, first_published_at)
     SELECT story_id, source_key, min(least(published_at, $3::timestamptz)) FROM monitoring_documents
     WHERE id > $1 AND id <= $2 AND story_id IS NOT NULL GROUP BY 1, 2
     ON CONFLICT (story_id, source_key) DO UPDATE SET first_published_at = least(t.first_published_at, excluded.first_published_at)`,
    [from, to, nowIso],
  );
  await client.query(
    `INSERT INTO trends_dirty_stories (story_id) SELECT DISTINCT story_id FROM monitoring_documents WHERE id > $1 AND id <= $2 AND story_id IS NOT NULL ON CONFLICT DO NOTHING`,
    [from, to],
  );
  await rollUpPhrases(client, from, to, now);
  await client.query('DROP TABLE trends_scoped; DROP TABLE trends_batch');
  return { mentions, futureDated: Number(counted.rows[0]?.future ?? 0) };
}

/** Headline phrases of public documents per Vietnam day, aggregated in memory first (a flood repeats phrases). */
async function rollUpPhrases(client: pg.PoolClient, from: number, to: number, now: Date): Promise<void> {
  const rows = await client.query<{ title: string; day: string }>(
    `SELECT title, to_char(${vietnamDayOf('least(published_at, $3::timestamptz)')}, 'YYYY-MM-DD') AS day FROM monitoring_documents WHERE id > $1 AND id <= $2 AND organization_id IS NULL`,
    [from, to, now.toISOString()],
  );
  const counts = new Map<string, number>();
  for (const row of rows.rows) {
    for (const phrase of titlePhrases(row.title)) {
      const key = `${row.day}|${phrase}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  if (counts.size === 0) return;
  const days: string[] = [];
  const phrases: string[] = [];
  const values: number[] = [];
  for (const [key, count] of counts) {
    const bar = key.indexOf('|');
    days.push(key.slice(0, bar));
    phrases.push(key.slice(bar + 1));
    values.push(count);
  }
  await client.query(
    `INSERT INTO trends_phrase_daily AS t (day, phrase, mentions) SELECT * FROM unnest($1::date[], $2::text[], $3::int[])
     ON CONFLICT (day, phrase) DO UPDATE SET mentions = t.mentions + excluded.mentions`,
    [days, phrases, values],
  );
}

/**
 * Recomputes one query's rollups from its stored matches (after a query was created over past documents): deletes
 * the scope's rows and re-adds every mention up to the watermark, under the watermark lock so the incremental job
 * cannot interleave.
 */
export async function rebuildQueryRollups({ queryId }: { queryId: string }): Promise<{ mentions: number }> {
  const { pool } = await getDatabase();
  const client = await pool.connect();
  const scope = `q:${queryId}`;
  try {
    await client.query('BEGIN');
    await client.query(LOCK_LABEL_CHANGES_EXCLUSIVE_SQL);
    const watermark = await client.query<{ last: string }>(
      `SELECT last_document_id::text AS last FROM trends_watermarks WHERE name = 'mentions' FOR UPDATE`,
    );
    const to = Number(watermark.rows[0]?.last ?? 0);
    // every label change is read first: the scope is counted again from the labels as they are now, and a change
    // left unread would move its mentions once more
    while ((await applyLabelChanges(client, to, BATCH_LABEL_CHANGES)).hasMoreLabelChanges);
    for (const table of [
      'trends_hourly',
      'trends_daily',
      'trends_entity_hourly',
      'trends_entity_daily',
      'trends_topic_daily',
      'trends_story_daily',
    ]) {
      await client.query(`DELETE FROM ${table} WHERE scope = $1`, [scope]);
    }
    const source = `SELECT $1::text AS scope, CASE WHEN d.published_at > d.fetched_at + interval '5 minutes' THEN d.fetched_at ELSE d.published_at END AS at,
        coalesce(m.sentiment, 'unknown') AS sentiment, m.document_kind AS kind, m.source_key, d.story_id, coalesce(d.topic, 'unknown') AS topic, d.entity_ids
      FROM monitoring_query_matches m JOIN monitoring_documents d ON d.id = m.document_id WHERE m.query_id = $2::uuid AND m.document_id <= $3`;
    const params = [scope, queryId, to];
    const inserted = await client.query<{ mentions: number }>(
      `INSERT INTO trends_hourly (scope, hour, sentiment, kind, source_key, mentions) SELECT scope, ${hourOf('at')}, sentiment, kind, source_key, count(*) FROM (${source}) s GROUP BY 1, 2, 3, 4, 5 RETURNING mentions`,
      params,
    );
    await client.query(
      `INSERT INTO trends_daily (scope, day, sentiment, kind, source_key, mentions) SELECT scope, ${vietnamDayOf('at')}, sentiment, kind, source_key, count(*) FROM (${source}) s GROUP BY 1, 2, 3, 4, 5`,
      params,
    );
    await client.query(
      `INSERT INTO trends_entity_hourly (scope, hour, entity_id, sentiment, mentions) SELECT scope, ${hourOf('at')}, entity_id, sentiment, count(*) FROM (${source}) s, unnest(entity_ids) AS entity_id GROUP BY 1, 2, 3, 4`,
      params,
    );
    await client.query(
      `INSERT INTO trends_entity_daily (scope, day, entity_id, sentiment, mentions) SELECT scope, ${vietnamDayOf('at')}, entity_id, sentiment, count(*) FROM (${source}) s, unnest(entity_ids) AS entity_id GROUP BY 1, 2, 3, 4`,
      params,
    );
    await client.query(
      `INSERT INTO trends_topic_daily (scope, day, topic, sentiment, mentions) SELECT scope, ${vietnamDayOf('at')}, topic, sentiment, count(*) FROM (${source}) s GROUP BY 1, 2, 3, 4`,
      params,
    );
    await client.query(
      `INSERT INTO trends_story_daily (scope, day, story_id, mentions, negative) SELECT scope, ${vietnamDayOf('at')}, story_id, count(*), count(*) FILTER (WHERE sentiment = 'negative') FROM (${source}) s WHERE story_id IS NOT NULL GROUP BY 1, 2, 3`,
      params,
    );
    await client.query(
      `INSERT INTO trends_dirty_hours (scope, hour) SELECT DISTINCT scope, ${hourOf('at')} FROM (${source}) s ON CONFLICT DO NOTHING`,
      params,
    );
    await client.query('COMMIT');
    return { mentions: inserted.rows.reduce((sum, row) => sum + Number(row.mentions), 0) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
