import { sql } from 'drizzle-orm';
import { getDb, type Executor } from '../../platform/db';
import { withDraftsOf } from '../legal';
import { trendsAlertRules, type AlertRule } from './schema';
import { raiseAlert } from './alerts';
import { detectNegativeShareSurge, detectVolumeSurge, type HourlySeries } from './detectors';
import { foldPhrase } from './phrases';
import { DAY_MS, HOUR_MS, floorHour } from './time';

type Rows<T> = { rows: T[] };
const HISTORY_MS = 29 * DAY_MS;

/**
 * Scopes ('q:…' / 'o:…') each enabled rule watches: its query, the queries linked to its policy (or to the drafts
 * the policy was adopted from), or its organization.
 */
async function rulesByScope(
  executor: Executor,
  kinds: readonly string[],
): Promise<Map<string, { rule: AlertRule; queryId: string | null }[]>> {
  const rules = (await executor.select().from(trendsAlertRules)).filter((rule) => rule.isEnabled && kinds.includes(rule.kind));
  const byScope = new Map<string, { rule: AlertRule; queryId: string | null }[]>();
  const add = (scope: string, rule: AlertRule, queryId: string | null) =>
    (byScope.get(scope) ?? byScope.set(scope, []).get(scope)!).push({ rule, queryId });
  const policyRules = rules.filter((rule) => rule.policyId);
  const lineage = await withDraftsOf([...new Set(policyRules.map((rule) => rule.policyId!))]);
  const linked = policyRules.length
    ? (
        (await executor.execute(
          sql`SELECT id::text, organization_id, link_id FROM monitoring_queries WHERE link_type = 'policy' AND is_active AND link_id = ANY(${sql.param([...lineage.values()].flat())}::text[])`,
        )) as unknown as Rows<{ id: string; organization_id: string; link_id: string }>
      ).rows
    : [];
  for (const rule of rules) {
    if (rule.queryId) add(`q:${rule.queryId}`, rule, rule.queryId);
    else if (rule.policyId) {
      for (const query of linked) {
        if (lineage.get(rule.policyId)!.includes(query.link_id) && query.organization_id === rule.organizationId)
          add(`q:${query.id}`, rule, query.id);
      }
    } else add(`o:${rule.organizationId}`, rule, null);
  }
  return byScope;
}

interface SeriesPoint {
  total: number;
  negative: number;
}

async function loadSeries(
  executor: Executor,
  scope: string,
  entityId: string | undefined,
  from: number,
  to: number,
): Promise<{ series: HourlySeries; points: Map<number, SeriesPoint> }> {
  const table = entityId ? sql`trends_entity_hourly` : sql`trends_hourly`;
  const entityFilter = entityId ? sql`AND entity_id = ${entityId}` : sql``;
  const rows = (
    (await executor.execute(sql`SELECT hour, sum(mentions)::int AS n, coalesce(sum(mentions) FILTER (WHERE sentiment = 'negative'), 0)::int AS negative FROM ${table}
    WHERE scope = ${scope} ${entityFilter} AND hour >= ${new Date(from).toISOString()}::timestamptz AND hour <= ${new Date(to).toISOString()}::timestamptz GROUP BY 1`)) as unknown as Rows<{
      hour: Date;
      n: number;
      negative: number;
    }>
  ).rows;
  const [first] = (
    (await executor.execute(
      sql`SELECT min(hour) AS first FROM ${table} WHERE scope = ${scope} ${entityFilter}`,
    )) as unknown as Rows<{ first: Date | null }>
  ).rows;
  const counts = new Map<number, number>();
  const points = new Map<number, SeriesPoint>();
  for (const row of rows) {
    const t = new Date(row.hour).getTime();
    counts.set(t, Number(row.n));
    points.set(t, { total: Number(row.n), negative: Number(row.negative) });
  }
  return { series: { counts, startHour: first?.first ? new Date(first.first).getTime() : to }, points };
}

function windowSum(points: Map<number, SeriesPoint>, end: number, hours: number): SeriesPoint {
  const sum = { total: 0, negative: 0 };
  for (let h = 0; h < hours; h++) {
    const point = points.get(end - h * HOUR_MS);
    if (point) {
      sum.total += point.total;
      sum.negative += point.negative;
    }
  }
  return sum;
}

export interface DetectionResult {
  hoursEvaluated: number;
  alertsRaised: number;
}

/**
 * Evaluates volume, threshold and negative-share rules on the hours whose counts changed, taking them from
 * the dirty set in the same transaction as the alerts it writes (a crash re-evaluates, grouping keeps it to one
 * alert). Hours after `now` are never evaluated (future-dated documents were bucketed at arrival anyway).
 */
export async function evaluateDirtyHours({
  now = new Date(),
  limit = 5000,
}: { now?: Date; limit?: number } = {}): Promise<DetectionResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const dirty = (
      (await tx.execute(
        sql`DELETE FROM trends_dirty_hours WHERE (scope, hour) IN (SELECT scope, hour FROM trends_dirty_hours ORDER BY hour LIMIT ${limit} FOR UPDATE SKIP LOCKED) RETURNING scope, hour`,
      )) as unknown as Rows<{ scope: string; hour: Date }>
    ).rows;
    if (dirty.length === 0) return { hoursEvaluated: 0, alertsRaised: 0 };
    const rules = await rulesByScope(tx, ['anomaly', 'threshold', 'negative_share']);
    const hoursByScope = new Map<string, number[]>();
    const currentHour = floorHour(now);
    for (const row of dirty) {
      const t = new Date(row.hour).getTime();
      if (t > currentHour || !rules.has(row.scope)) continue;
      (hoursByScope.get(row.scope) ?? hoursByScope.set(row.scope, []).get(row.scope)!).push(t);
    }
    let alertsRaised = 0;
    for (const [scope, hours] of hoursByScope) {
      const min = Math.min(...hours);
      const max = Math.max(...hours);
      const loaded = new Map<string, Awaited<ReturnType<typeof loadSeries>>>();
      for (const { rule, queryId } of rules.get(scope)!) {
        const entityId = rule.params.entityId;
        const key = entityId ?? '';
        if (!loaded.has(key)) loaded.set(key, await loadSeries(tx, scope, entityId, min - HISTORY_MS, max));
        const { series, points } = loaded.get(key)!;
        const subject = entityId ? `${scope}:e:${entityId}` : scope;
        for (const hour of hours.sort((a, b) => a - b)) {
          const raised = await evaluateRule(tx, { rule, queryId, subject, hour, series, points });
          if (raised) alertsRaised++;
        }
      }
    }
    return { hoursEvaluated: dirty.length, alertsRaised };
  });
}

async function evaluateRule(
  tx: Executor,
  input: {
    rule: AlertRule;
    queryId: string | null;
    subject: string;
    hour: number;
    series: HourlySeries;
    points: Map<number, SeriesPoint>;
  },
): Promise<boolean> {
  const { rule, hour, points } = input;
  const params = rule.params;
  const base = { rule, queryId: input.queryId, subject: input.subject };
  if (rule.kind === 'anomaly') {
    const finding = detectVolumeSurge(input.series, hour, { minScore: params.minScore, minMentions: params.minMentions });
    if (!finding) return false;
    return (
      (await raiseAlert(tx, {
        ...base,
        windowStart: new Date(finding.startHour),
        windowEnd: new Date(hour + HOUR_MS),
        score: finding.score,
        mentions: finding.observed,
        expected: finding.expected,
        details: { windowHours: finding.windowHours },
      })) !== null
    );
  }
  if (rule.kind === 'threshold') {
    const windowHours = params.windowHours ?? 1;
    const window = windowSum(points, hour, windowHours);
    if (window.total < (params.mentions ?? Infinity)) return false;
    return (
      (await raiseAlert(tx, {
        ...base,
        windowStart: new Date(hour - (windowHours - 1) * HOUR_MS),
        windowEnd: new Date(hour + HOUR_MS),
        score: window.total / params.mentions!,
        mentions: window.total,
        expected: params.mentions!,
        details: { windowHours },
      })) !== null
    );
  }
  if (rule.kind === 'negative_share') {
    const windowHours = params.windowHours ?? 3;
    const window = windowSum(points, hour, windowHours);
    const before = windowSum(points, hour - windowHours * HOUR_MS, 7 * 24);
    const finding = detectNegativeShareSurge(window, before, {
      minMentions: params.minMentions,
      minShare: params.minShare,
      minScore: params.minScore,
    });
    if (!finding) return false;
    return (
      (await raiseAlert(tx, {
        ...base,
        windowStart: new Date(hour - (windowHours - 1) * HOUR_MS),
        windowEnd: new Date(hour + HOUR_MS),
        score: finding.score,
        mentions: finding.negative,
        expected: finding.baselineShare * finding.total,
        details: { share: finding.share, baselineShare: finding.baselineShare, total: finding.total },
      })) !== null
    );
  }
  return false;
}

/** Stories whose outlets changed: raises story_spread alerts on the scopes that mention them. */
export async function evaluateDirtyStories({ limit = 5000 }: { limit?: number } = {}): Promise<DetectionResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const dirty = (
      (await tx.execute(
        sql`DELETE FROM trends_dirty_stories WHERE story_id IN (SELECT story_id FROM trends_dirty_stories LIMIT ${limit} FOR UPDATE SKIP LOCKED) RETURNING story_id::text`,
      )) as unknown as Rows<{ story_id: string }>
    ).rows;
    if (dirty.length === 0) return { hoursEvaluated: 0, alertsRaised: 0 };
    const rules = await rulesByScope(tx, ['story_spread']);
    if (rules.size === 0) return { hoursEvaluated: dirty.length, alertsRaised: 0 };
    const storyIds = dirty.map((row) => row.story_id);
    const outlets = (
      (await tx.execute(
        sql`SELECT story_id::text, first_published_at FROM trends_story_outlets WHERE story_id = ANY(${sql.param(storyIds)}::bigint[]) ORDER BY story_id, first_published_at`,
      )) as unknown as Rows<{ story_id: string; first_published_at: Date }>
    ).rows;
    const scopes = (
      (await tx.execute(
        sql`SELECT DISTINCT story_id::text, scope FROM trends_story_daily WHERE story_id = ANY(${sql.param(storyIds)}::bigint[]) AND scope = ANY(${sql.param([...rules.keys()])}::text[])`,
      )) as unknown as Rows<{ story_id: string; scope: string }>
    ).rows;
    const timesOf = new Map<string, number[]>();
    for (const row of outlets)
      (timesOf.get(row.story_id) ?? timesOf.set(row.story_id, []).get(row.story_id)!).push(
        new Date(row.first_published_at).getTime(),
      );
    const [titles] = [
      (
        (await tx.execute(
          sql`SELECT id::text, title FROM monitoring_stories WHERE id = ANY(${sql.param(storyIds)}::bigint[])`,
        )) as unknown as Rows<{ id: string; title: string }>
      ).rows,
    ];
    const titleOf = new Map(titles.map((row) => [row.id, row.title]));
    let alertsRaised = 0;
    for (const { story_id: storyId, scope } of scopes) {
      const times = timesOf.get(storyId) ?? [];
      if (times.length === 0) continue;
      for (const { rule, queryId } of rules.get(scope) ?? []) {
        const needed = rule.params.outlets ?? 5;
        const within = (rule.params.withinHours ?? 6) * HOUR_MS;
        const reachedAt = times[needed - 1];
        if (reachedAt === undefined || reachedAt - times[0]! > within) continue;
        const raised = await raiseAlert(tx, {
          rule,
          queryId,
          subject: `${scope}:s:${storyId}`,
          windowStart: new Date(times[0]!),
          windowEnd: new Date(reachedAt),
          score: times.filter((t) => t - times[0]! <= within).length / needed,
          mentions: times.length,
          expected: needed,
          details: { storyId, title: titleOf.get(storyId) ?? '', outlets: times.length, withinHours: within / HOUR_MS },
        });
        if (raised) alertsRaised++;
      }
    }
    return { hoursEvaluated: dirty.length, alertsRaised };
  });
}

/**
 * first_seen rules: documents past the 'terms' watermark (up to the rollup watermark) matched by a rule's
 * scope are searched for its watched terms, accent-insensitively on whole words; the first sighting of each
 * term raises one alert.
 */
export async function evaluateWatchedTerms({
  batchSize = 5000,
  now = new Date(),
}: { batchSize?: number; now?: Date } = {}): Promise<DetectionResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const marks = (
      (await tx.execute(
        sql`SELECT name, last_document_id::text AS last FROM trends_watermarks WHERE name IN ('terms', 'mentions') FOR UPDATE`,
      )) as unknown as Rows<{ name: string; last: string }>
    ).rows;
    const from = Number(marks.find((m) => m.name === 'terms')?.last ?? 0);
    const ceiling = Number(marks.find((m) => m.name === 'mentions')?.last ?? 0);
    const to = Math.min(ceiling, from + batchSize);
    if (to <= from) return { hoursEvaluated: 0, alertsRaised: 0 };
    const rules = await rulesByScope(tx, ['first_seen']);
    let alertsRaised = 0;
    if (rules.size > 0) {
      const queryScopes = [...rules.keys()].filter((s) => s.startsWith('q:')).map((s) => s.slice(2));
      const orgScopes = [...rules.keys()].filter((s) => s.startsWith('o:')).map((s) => s.slice(2));
      const docs = (
        (await tx.execute(sql`
        SELECT m.query_id::text, m.organization_id, d.id::text AS document_id, d.published_at, d.title, coalesce(d.text, '') AS text
        FROM monitoring_query_matches m JOIN monitoring_documents d ON d.id = m.document_id
        WHERE m.document_id > ${from} AND m.document_id <= ${to}
          AND (m.query_id = ANY(${sql.param(queryScopes)}::uuid[]) OR m.organization_id = ANY(${sql.param(orgScopes)}::text[]))
          AND d.published_at <= ${new Date(now.getTime() + 5 * 60_000).toISOString()}::timestamptz
        ORDER BY d.published_at`)) as unknown as Rows<{
          query_id: string;
          organization_id: string;
          document_id: string;
          published_at: Date;
          title: string;
          text: string;
        }>
      ).rows;
      for (const doc of docs) {
        const folded = ` ${foldPhrase(`${doc.title} ${doc.text}`)} `;
        for (const scope of [`q:${doc.query_id}`, `o:${doc.organization_id}`]) {
          for (const { rule, queryId } of rules.get(scope) ?? []) {
            for (const term of rule.params.terms ?? []) {
              const key = foldPhrase(term);
              if (!key || !folded.includes(` ${key} `)) continue;
              const seen = (
                (await tx.execute(
                  sql`INSERT INTO trends_term_sightings (rule_id, term, document_id, published_at) VALUES (${rule.id}, ${key}, ${doc.document_id}::bigint, ${doc.published_at}) ON CONFLICT DO NOTHING RETURNING term`,
                )) as unknown as Rows<unknown>
              ).rows;
              if (seen.length === 0) continue;
              const at = new Date(doc.published_at);
              const raised = await raiseAlert(tx, {
                rule,
                queryId,
                subject: `${scope}:t:${key}`,
                windowStart: at,
                windowEnd: at,
                score: 1,
                mentions: 1,
                expected: 0,
                details: { term, documentId: doc.document_id, title: doc.title },
              });
              if (raised) alertsRaised++;
            }
          }
        }
      }
    }
    await tx.execute(sql`UPDATE trends_watermarks SET last_document_id = ${to}, updated_at = now() WHERE name = 'terms'`);
    return { hoursEvaluated: to - from, alertsRaised };
  });
}
