import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import type { Actor } from '../../platform/actor';
import { isLegalDocumentId, legalDocumentName } from '../legal';
import { matchFilter, resolveRange, resolveScope, scopeFilter, type ResolvedScope } from './scope';
import { DAY_MS, HOUR_MS, floorHour, vietnamDay, vietnamDayStart } from './time';
import type { Dashboard, VolumePoint } from './contracts';

type Row = Record<string, string | number | boolean | null | string[]>;
const rowsOf = async (query: ReturnType<typeof sql>): Promise<Row[]> =>
  ((await (await getDb()).execute(query)) as unknown as { rows: Row[] }).rows;

/** Up to this range, breakdowns read hourly rollups (exact edges); beyond, daily ones (Vietnam days). */
const HOURLY_BREAKDOWN_MAX_MS = 8 * DAY_MS;

export interface DashboardOptions {
  actor: Actor;
  queryId?: string | null;
  organizationId?: string | null;
  policyId?: string | null;
  network?: boolean | 'true' | 'false';
  from?: Date;
  to?: Date;
  interval?: 'hour' | 'day';
  limit?: number;
}

/**
 * Everything a trends dashboard shows for a scope and range, from the rollups only: volume stacked by
 * sentiment, sentiment trend, share of voice by outlet and kind, top stories by reach, top entities, topic mix,
 * totals against the previous period of the same length.
 */
export async function getDashboard(options: DashboardOptions): Promise<Dashboard> {
  const scope = await resolveScope(options);
  const range = resolveRange(options);
  const interval = options.interval ?? (range.to.getTime() - range.from.getTime() > 3 * DAY_MS ? 'day' : 'hour');
  const limit = options.limit ?? 10;
  const length = range.to.getTime() - range.from.getTime();
  const previous = { from: new Date(range.from.getTime() - length), to: range.from };
  const [volume, breakdown, stories, entities, topics, totals, previousTotals, future] = await Promise.all([
    volumeSeries(scope, range, interval),
    outletBreakdown(scope, range),
    topStories(scope, range, limit),
    topEntities(scope, range, limit),
    topicMix(scope, range),
    totalsOf(scope, range),
    totalsOf(scope, previous),
    futureDatedCount(scope, range),
  ]);
  const change = (current: number, before: number) => (before === 0 ? null : (current - before) / before);
  return {
    scope: { scope: scope.scope, queryId: scope.queryId, organizationId: scope.organizationId, label: scope.label },
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    interval,
    timeZone: 'Asia/Ho_Chi_Minh',
    volume,
    sentimentTrend: volume.map((point) => ({
      bucket: point.bucket,
      negativeShare: point.total ? point.negative / point.total : null,
      positiveShare: point.total ? point.positive / point.total : null,
    })),
    outlets: breakdown.outlets.slice(0, limit * 2),
    kinds: breakdown.kinds,
    topStories: stories,
    topEntities: entities,
    topics,
    totals,
    previous: {
      from: previous.from.toISOString(),
      to: previous.to.toISOString(),
      ...previousTotals,
      mentionsChange: change(totals.mentions, previousTotals.mentions),
      negativeShareChange:
        totals.negativeShare !== null && previousTotals.negativeShare !== null
          ? totals.negativeShare - previousTotals.negativeShare
          : null,
    },
    futureDatedDocuments: future,
  };
}

interface Range {
  from: Date;
  to: Date;
}

function dayBounds(range: Range): { fromDay: string; toDay: string } {
  // Vietnam days that overlap [from, to).
  return { fromDay: vietnamDay(range.from), toDay: vietnamDay(Math.max(range.from.getTime(), range.to.getTime() - 1)) };
}

/** Volume per hour or Vietnam day, zero-filled, stacked by sentiment. */
export async function volumeSeries(scope: ResolvedScope, range: Range, interval: 'hour' | 'day'): Promise<VolumePoint[]> {
  const points = new Map<string, VolumePoint>();
  const empty = (bucket: string): VolumePoint => ({ bucket, positive: 0, negative: 0, neutral: 0, unknown: 0, total: 0 });
  if (range.from.getTime() >= range.to.getTime()) return [];
  if (interval === 'hour') {
    for (let t = floorHour(range.from); t < range.to.getTime(); t += HOUR_MS)
      points.set(new Date(t).toISOString(), empty(new Date(t).toISOString()));
    const rows = await rowsOf(sql`SELECT hour, sentiment, sum(mentions)::int AS n FROM trends_hourly
      WHERE ${scopeFilter(scope)} AND hour >= ${new Date(floorHour(range.from)).toISOString()}::timestamptz AND hour < ${range.to.toISOString()}::timestamptz
      GROUP BY 1, 2`);
    for (const row of rows)
      addSentiment(points.get(new Date(row.hour as string).toISOString()), String(row.sentiment), Number(row.n));
  } else {
    const { fromDay, toDay } = dayBounds(range);
    for (let t = vietnamDayStart(fromDay); t <= vietnamDayStart(toDay); t += DAY_MS)
      points.set(vietnamDay(t), empty(vietnamDay(t)));
    const rows = await rowsOf(sql`SELECT to_char(day, 'YYYY-MM-DD') AS day, sentiment, sum(mentions)::int AS n FROM trends_daily
      WHERE ${scopeFilter(scope)} AND day BETWEEN ${fromDay}::date AND ${toDay}::date GROUP BY 1, 2`);
    for (const row of rows) addSentiment(points.get(String(row.day)), String(row.sentiment), Number(row.n));
  }
  return [...points.values()];
}

function addSentiment(point: VolumePoint | undefined, sentiment: string, n: number): void {
  if (!point) return;
  if (sentiment === 'positive' || sentiment === 'negative' || sentiment === 'neutral') point[sentiment] += n;
  else point.unknown += n;
  point.total += n;
}

function breakdownSource(scope: ResolvedScope, range: Range) {
  if (range.to.getTime() - range.from.getTime() <= HOURLY_BREAKDOWN_MAX_MS) {
    return sql`FROM trends_hourly WHERE ${scopeFilter(scope)} AND hour >= ${new Date(floorHour(range.from)).toISOString()}::timestamptz AND hour < ${range.to.toISOString()}::timestamptz`;
  }
  const { fromDay, toDay } = dayBounds(range);
  return sql`FROM trends_daily WHERE ${scopeFilter(scope)} AND day BETWEEN ${fromDay}::date AND ${toDay}::date`;
}

async function outletBreakdown(scope: ResolvedScope, range: Range) {
  if (range.from.getTime() >= range.to.getTime()) return { outlets: [], kinds: [] };
  const rows = await rowsOf(
    sql`SELECT source_key, kind, sum(mentions)::int AS n, sum(mentions) FILTER (WHERE sentiment = 'negative')::int AS negative ${breakdownSource(scope, range)} GROUP BY 1, 2`,
  );
  const total = rows.reduce((sum, row) => sum + Number(row.n), 0);
  const outlets = new Map<string, { sourceKey: string; kind: string; mentions: number; negative: number }>();
  const kinds = new Map<string, number>();
  for (const row of rows) {
    const key = String(row.source_key);
    const entry = outlets.get(key) ?? { sourceKey: key, kind: String(row.kind), mentions: 0, negative: 0 };
    entry.mentions += Number(row.n);
    entry.negative += Number(row.negative ?? 0);
    outlets.set(key, entry);
    kinds.set(String(row.kind), (kinds.get(String(row.kind)) ?? 0) + Number(row.n));
  }
  return {
    outlets: [...outlets.values()]
      .sort((a, b) => b.mentions - a.mentions)
      .map((o) => ({ ...o, share: total ? o.mentions / total : 0 })),
    kinds: [...kinds.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([kind, mentions]) => ({ kind, mentions, share: total ? mentions / total : 0 })),
  };
}

async function topStories(scope: ResolvedScope, range: Range, limit: number) {
  if (range.from.getTime() >= range.to.getTime()) return [];
  const { fromDay, toDay } = dayBounds(range);
  // Candidates: each day's biggest stories of the scope (index scan per day), then their totals over the range.
  // A story is in the result unless it never ranked in the top 3×limit of any day: exact for stories that peak
  // on some day, which is what "top stories" means; a range of 500,000 stories is not aggregated whole.
  // Reach: how many outlets carried the story (all copies, matched or not) and how many documents it has.
  const candidates = limit * 3;
  const rows = await rowsOf(sql`
    WITH days AS (SELECT d::date AS day FROM generate_series(${fromDay}::date, ${toDay}::date, interval '1 day') AS d),
    candidate AS (
      SELECT DISTINCT c.story_id FROM days, LATERAL (
        SELECT story_id FROM trends_story_daily s WHERE ${scopeFilter(scope, 's.scope')} AND s.day = days.day ORDER BY s.mentions DESC LIMIT ${candidates}) c),
    top AS (
      SELECT c.story_id, sum(s.mentions)::int AS mentions, sum(s.negative)::int AS negative FROM candidate c
      JOIN trends_story_daily s ON s.story_id = c.story_id AND ${scopeFilter(scope, 's.scope')} AND s.day BETWEEN ${fromDay}::date AND ${toDay}::date GROUP BY 1)
    SELECT top.story_id::text, top.mentions, top.negative, s.title, s.first_published_at, s.document_count,
           (SELECT count(*)::int FROM trends_story_outlets o WHERE o.story_id = top.story_id) AS outlets
    FROM top LEFT JOIN monitoring_stories s ON s.id = top.story_id
    ORDER BY coalesce(s.document_count, top.mentions) DESC, top.mentions DESC LIMIT ${limit}`);
  return rows.map((row) => ({
    storyId: String(row.story_id),
    title: String(row.title ?? ''),
    mentions: Number(row.mentions),
    negative: Number(row.negative),
    reach: Number(row.document_count ?? row.mentions),
    outlets: Number(row.outlets),
    firstPublishedAt: row.first_published_at ? new Date(row.first_published_at as string).toISOString() : null,
  }));
}

async function topEntities(scope: ResolvedScope, range: Range, limit: number) {
  if (range.from.getTime() >= range.to.getTime()) return [];
  const { fromDay, toDay } = dayBounds(range);
  // Like the other breakdowns: hourly rows (exact edges) up to 8 days, daily rows (Vietnam days) beyond.
  const source =
    range.to.getTime() - range.from.getTime() <= HOURLY_BREAKDOWN_MAX_MS
      ? sql`FROM trends_entity_hourly WHERE ${scopeFilter(scope)} AND hour >= ${new Date(floorHour(range.from)).toISOString()}::timestamptz AND hour < ${range.to.toISOString()}::timestamptz`
      : sql`FROM trends_entity_daily WHERE ${scopeFilter(scope)} AND day BETWEEN ${fromDay}::date AND ${toDay}::date`;
  const rows = await rowsOf(sql`
    WITH top AS (
      SELECT entity_id, sum(mentions)::int AS mentions, sum(mentions) FILTER (WHERE sentiment = 'negative')::int AS negative ${source}
      GROUP BY 1 ORDER BY 2 DESC LIMIT ${limit})
    SELECT top.*, o.name, l.title AS legal_title FROM top
      LEFT JOIN organizations o ON o.id = top.entity_id LEFT JOIN legal_documents l ON l.id = top.entity_id
    ORDER BY top.mentions DESC`);
  return rows.map((row) => ({
    entityId: String(row.entity_id),
    name: row.name
      ? String(row.name)
      : isLegalDocumentId(String(row.entity_id))
        ? legalDocumentName(String(row.entity_id), row.legal_title as string | null)
        : String(row.entity_id),
    mentions: Number(row.mentions),
    negative: Number(row.negative ?? 0),
  }));
}

async function topicMix(scope: ResolvedScope, range: Range) {
  if (range.from.getTime() >= range.to.getTime()) return [];
  const { fromDay, toDay } = dayBounds(range);
  const rows = await rowsOf(
    sql`SELECT topic, sum(mentions)::int AS n FROM trends_topic_daily WHERE ${scopeFilter(scope)} AND day BETWEEN ${fromDay}::date AND ${toDay}::date GROUP BY 1 ORDER BY 2 DESC`,
  );
  const total = rows.reduce((sum, row) => sum + Number(row.n), 0);
  return rows.map((row) => ({ topic: String(row.topic), mentions: Number(row.n), share: total ? Number(row.n) / total : 0 }));
}

/**
 * Total and negative mentions of a scope over [from, to), exact to the hour: whole Vietnam days inside the range
 * from the daily rollup, the partial days at its edges from the hourly one (a 90-day total reads ~90 × dimensions
 * rows instead of ~2,160 × dimensions).
 */
export async function totalsOf(
  scope: ResolvedScope,
  range: Range,
): Promise<{ mentions: number; negative: number; negativeShare: number | null }> {
  if (range.from.getTime() >= range.to.getTime()) return { mentions: 0, negative: 0, negativeShare: null };
  const from = floorHour(range.from);
  const to = range.to.getTime();
  const fromDayStart = vietnamDayStart(vietnamDay(from));
  const firstFullDay = fromDayStart === from ? from : fromDayStart + DAY_MS;
  const lastFullDayEnd = vietnamDayStart(vietnamDay(to));
  const hourly = (start: number, end: number) => sql`SELECT sentiment, mentions FROM trends_hourly
    WHERE ${scopeFilter(scope)} AND hour >= ${new Date(start).toISOString()}::timestamptz AND hour < ${new Date(end).toISOString()}::timestamptz`;
  const source =
    firstFullDay >= lastFullDayEnd
      ? hourly(from, to)
      : sql`${hourly(from, firstFullDay)} UNION ALL
        SELECT sentiment, mentions FROM trends_daily WHERE ${scopeFilter(scope)} AND day >= ${vietnamDay(firstFullDay)}::date AND day < ${vietnamDay(lastFullDayEnd)}::date
        UNION ALL ${hourly(lastFullDayEnd, to)}`;
  const [row] = await rowsOf(
    sql`SELECT coalesce(sum(mentions), 0)::int AS n, coalesce(sum(mentions) FILTER (WHERE sentiment = 'negative'), 0)::int AS negative FROM (${source}) s`,
  );
  const mentions = Number(row?.n ?? 0);
  const negative = Number(row?.negative ?? 0);
  return { mentions, negative, negativeShare: mentions ? negative / mentions : null };
}

async function futureDatedCount(scope: ResolvedScope, range: Range): Promise<number> {
  const [row] = await rowsOf(sql`SELECT count(*)::int AS n FROM trends_future_documents f
    WHERE f.bucketed_at >= ${range.from.toISOString()}::timestamptz AND f.bucketed_at < ${range.to.toISOString()}::timestamptz
      AND EXISTS (SELECT 1 FROM monitoring_query_matches m WHERE m.document_id = f.document_id AND ${matchFilter(scope)})`);
  return Number(row?.n ?? 0);
}

export interface BucketMentionsOptions {
  actor: Actor;
  queryId?: string | null;
  organizationId?: string | null;
  policyId?: string | null;
  network?: boolean | 'true' | 'false';
  from?: Date;
  to?: Date;
  sentiment?: string;
  kind?: string;
  sourceKey?: string;
  entityId?: string;
  topic?: string;
  storyId?: string;
  limit?: number;
  offset?: number;
}

/** The mentions behind a chart bucket: the same scope and range plus the bucket's dimension filters. */
export async function listBucketMentions(options: BucketMentionsOptions) {
  const scope = await resolveScope(options);
  const range = resolveRange(options);
  const limit = Math.min(options.limit ?? 50, 500);
  const filters = [
    matchFilter(scope),
    sql`m.published_at >= ${range.from.toISOString()}::timestamptz`,
    sql`m.published_at < ${range.to.toISOString()}::timestamptz`,
  ];
  if (options.sentiment)
    filters.push(options.sentiment === 'unknown' ? sql`m.sentiment IS NULL` : sql`m.sentiment = ${options.sentiment}`);
  if (options.kind) filters.push(sql`m.document_kind = ${options.kind}`);
  if (options.sourceKey) filters.push(sql`m.source_key = ${options.sourceKey}`);
  if (options.storyId) filters.push(sql`m.story_id = ${options.storyId}::bigint`);
  if (options.entityId) filters.push(sql`${options.entityId} = ANY(d.entity_ids)`);
  if (options.topic) filters.push(options.topic === 'unknown' ? sql`d.topic IS NULL` : sql`d.topic = ${options.topic}`);
  const rows = await rowsOf(sql`
    SELECT DISTINCT ON (m.published_at, d.id) d.id::text, d.url, d.title, left(d.text, 280) AS snippet, d.published_at, d.source_name, d.kind, d.story_id::text, d.sentiment, d.topic, d.entity_ids
    FROM monitoring_query_matches m JOIN monitoring_documents d ON d.id = m.document_id
    WHERE ${sql.join(filters, sql` AND `)}
    ORDER BY m.published_at DESC, d.id DESC LIMIT ${limit} OFFSET ${options.offset ?? 0}`);
  return rows.map((row) => ({
    id: String(row.id),
    url: row.url ? String(row.url) : null,
    title: String(row.title),
    snippet: String(row.snippet ?? ''),
    publishedAt: new Date(row.published_at as string).toISOString(),
    source: String(row.source_name),
    kind: String(row.kind),
    storyId: row.story_id ? String(row.story_id) : null,
    sentiment: row.sentiment ? String(row.sentiment) : null,
    topic: row.topic ? String(row.topic) : null,
    entityIds: (row.entity_ids as string[]) ?? [],
  }));
}
