/**
 * Trends figures (issue 6):
 *  A. detection quality on synthetic hourly streams with a realistic daily/weekly rhythm and injected spikes of
 *     known start and size: recall, false alarms per query-week, median detection delay (pure detectors);
 *  B. forecast error: MASE of the model vs seasonal naive on rolling backtests (pure);
 *  C. end to end on PostgreSQL, documents built from ../shared/data/vntc texts: alert latency from a spike batch
 *     being committed to its signed webhook arriving, while a separate process ingests background documents through
 *     monitoring's ingestBatch as fast as it can (BENCH_TRENDS_LIVE_SECONDS, default 60);
 *  D. flood: 100,000 mentions of one query within one minute → rollup time and the number of alerts (1);
 *  E. dashboard query p50/p95 over BENCH_TRENDS_MENTIONS mentions (default 10,000,000): all but the last
 *     BENCH_TRENDS_INCREMENTAL (default 200,000) rolled up by one set-based SQL path, those stored as documents and
 *     rolled up through the real incremental path on top. BENCH_TRENDS_STAGES=A,B,C,D,E picks stages;
 *     BENCH_TRENDS_PROFILE=1 times each dashboard statement.
 * Run: npm run bench:trends   (own embedded PostgreSQL under $TMPDIR unless DATABASE_URL is set)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import http from 'node:http';
import zlib from 'node:zlib';
import { useBenchDatabaseIn } from './bench-database';

const benchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhip-bench-trends-'));
// The bench database is deleted afterwards, also when a stage fails.
process.on('exit', () => fs.rmSync(benchDir, { recursive: true, force: true }));
const vntcPath = path.resolve(import.meta.dirname, '../../shared/data/vntc/train.jsonl.gz');
const MENTIONS = Number(process.env.BENCH_TRENDS_MENTIONS ?? 10_000_000);
const LIVE_SECONDS = Number(process.env.BENCH_TRENDS_LIVE_SECONDS ?? 60);

await useBenchDatabaseIn(benchDir);
process.env.LOG_LEVEL ??= 'warn';

const { detectVolumeSurge } = await import('../src/modules/trends/detectors');
const { backtest } = await import('../src/modules/trends/forecast');
const { HOUR_MS, vietnamHourOfWeek } = await import('../src/modules/trends/time');

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;
};
const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function poisson(lambda: number, next: () => number): number {
  if (lambda > 50)
    return Math.max(
      0,
      Math.round(lambda + Math.sqrt(lambda) * Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next())),
    );
  let k = 0;
  let p = Math.exp(-lambda);
  let s = p;
  const u = next();
  while (u > s && k < 10_000) {
    k++;
    p *= lambda / k;
    s += p;
  }
  return k;
}
/** Working-hours rhythm in Vietnam time (peaks 8–12 and 13–17), evenings, nights; weekends at 40 %. */
function rhythm(t: number): number {
  const how = vietnamHourOfWeek(t);
  const hod = how % 24;
  const weekend = Math.floor(how / 24) >= 5 ? 0.4 : 1;
  const shape = hod < 6 ? 0.15 : hod < 8 ? 0.6 : hod < 12 ? 1.6 : hod < 13 ? 0.9 : hod < 17 ? 1.4 : hod < 22 ? 0.8 : 0.35;
  return shape * weekend;
}
const START = Date.UTC(2026, 7, 30, 17); // Monday 31/8/2026 00:00 Vietnam

const stages = (process.env.BENCH_TRENDS_STAGES ?? 'A,B,C,D,E').split(',');
// ---------------------------------------------------------------- A. detection quality
if (stages.includes('A')) {
  const QUERIES = 200;
  const next = random(42);
  let spikes = 0;
  let detected = 0;
  const delays: number[] = [];
  let falseAlarms = 0;
  let cleanFalseAlarms = 0;
  const bySize = new Map<number, { n: number; hit: number }>();
  for (let q = 0; q < QUERIES; q++) {
    const base = 0.5 + next() * 20; // mean mentions per working hour: 0.5 to 20
    const weeks = 5;
    const counts = new Map<number, number>();
    const clean = new Map<number, number>();
    for (let i = 0; i < weeks * 168; i++) {
      const t = START + i * HOUR_MS;
      const c = poisson(base * rhythm(t), next);
      counts.set(t, c);
      clean.set(t, c);
    }
    // One spike in the evaluation week: start uniformly at random, 1–4 hours, size 3× / 5× / 8× the hour's expectation (at least +8 mentions/h).
    const size = [3, 5, 8][q % 3]!;
    const duration = 1 + Math.floor(next() * 4);
    const startIndex = 4 * 168 + Math.floor(next() * (168 - duration));
    const spikeStart = START + startIndex * HOUR_MS;
    for (let h = 0; h < duration; h++) {
      const t = spikeStart + h * HOUR_MS;
      const extra = Math.max(8, Math.round(base * rhythm(t) * (size - 1)));
      counts.set(t, counts.get(t)! + poisson(extra, next));
    }
    spikes++;
    const series = { counts, startHour: START };
    let lastAlarm = -Infinity;
    let hit = false;
    for (let i = 4 * 168; i < 5 * 168; i++) {
      const t = START + i * HOUR_MS;
      if (!detectVolumeSurge(series, t)) continue;
      const inSpike = t >= spikeStart && t < spikeStart + (duration + 2) * HOUR_MS;
      if (inSpike) {
        if (!hit) delays.push((t - spikeStart) / HOUR_MS);
        hit = true;
      } else if (t - lastAlarm > 3 * HOUR_MS) falseAlarms++; // grouped like the 3 h cooldown
      lastAlarm = t;
    }
    if (hit) detected++;
    const entry = bySize.get(size) ?? { n: 0, hit: 0 };
    entry.n++;
    if (hit) entry.hit++;
    bySize.set(size, entry);
    const cleanSeries = { counts: clean, startHour: START };
    let lastClean = -Infinity;
    for (let i = 4 * 168; i < 5 * 168; i++) {
      const t = START + i * HOUR_MS;
      if (detectVolumeSurge(cleanSeries, t)) {
        if (t - lastClean > 3 * HOUR_MS) cleanFalseAlarms++;
        lastClean = t;
      }
    }
  }
  console.log(
    `A. detection (${QUERIES} queries × 1 evaluation week after 4 weeks of history, 0.5–20 mentions/working hour, spikes 1–4 h)`,
  );
  console.log(
    `   recall ${fmt(detected / spikes, 3)} (${detected}/${spikes}); by size: ${[...bySize].map(([s, e]) => `${s}× ${fmt(e.hit / e.n, 2)}`).join(', ')}`,
  );
  console.log(
    `   false alarms per query-week: ${fmt(falseAlarms / QUERIES, 3)} (weeks with a spike), ${fmt(cleanFalseAlarms / QUERIES, 3)} (same weeks without it)`,
  );
  console.log(
    `   median detection delay: ${fmt(quantile(delays, 0.5), 1)} h after the spike's first hour (p90 ${fmt(quantile(delays, 0.9), 1)} h), evaluated on complete hours; live evaluation fires within the hour as mentions arrive`,
  );
}

// ---------------------------------------------------------------- B. forecast
if (stages.includes('B')) {
  const next = random(7);
  const mases: number[] = [];
  const naive: number[] = [];
  const coverage: number[] = [];
  for (let q = 0; q < 100; q++) {
    const base = 0.5 + next() * 30;
    const values = Array.from({ length: 6 * 168 }, (_, i) => poisson(base * rhythm(START + i * HOUR_MS), next));
    const result = backtest(values, START, { folds: 7, horizon: 48 });
    if (result.mase !== null && result.seasonalNaiveMase !== null) {
      mases.push(result.mase);
      naive.push(result.seasonalNaiveMase);
      coverage.push(result.intervalCoverage ?? NaN);
    }
  }
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  console.log(
    `B. forecast (100 series × 6 weeks, 7 rolling origins × 48 h): MASE model ${fmt(mean(mases))} vs seasonal naive ${fmt(mean(naive))}; model better on ${mases.filter((m, i) => m < naive[i]!).length}/${mases.length} series; 90 % interval in-sample coverage ${fmt(mean(coverage))}`,
  );
}

// ---------------------------------------------------------------- C–E on PostgreSQL
if (process.env.BENCH_TRENDS_PURE_ONLY === '1') process.exit(0);
const { getDb, closeDatabase } = await import('../src/platform/db');
const { prepareDatabase } = await import('../src/server/boot');
const { systemActor } = await import('../src/platform/actor');
const jobs = await import('../src/platform/jobs');
const { sql } = await import('drizzle-orm');
const monitoring = await import('../src/modules/monitoring');
const trends = await import('../src/modules/trends');
const trendsJobs = await import('../src/modules/trends/jobs');
const { deliverAlertJob } = await import('../src/modules/trends/delivery-job');
const { rollUpNewMentions } = await import('../src/modules/trends/rollups');

await prepareDatabase();
const db = await getDb();
const texts: string[] = zlib
  .gunzipSync(fs.readFileSync(vntcPath))
  .toString('utf8')
  .split('\n')
  .slice(0, 6000)
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { text: string }).text.slice(0, 2000));
const [org] = (await db.execute(sql`SELECT id FROM organizations ORDER BY id LIMIT 1`)).rows as { id: string }[];
const organizationId = org!.id;
const context = await monitoring.loadProcessingContext({});
let docCounter = 0;
function documentFrom(at: number, token?: string) {
  const text = texts[docCounter % texts.length]!;
  docCounter++;
  const title = text.slice(0, 90).replace(/\s+/g, ' ');
  return {
    url: `https://bao-${docCounter % 40}.vn/bai-${docCounter}.html`,
    title: token ? `${title} ${token}` : title,
    text: `${token ? `${token} ` : ''}${text} [${docCounter}]`,
    publishedAt: new Date(at).toISOString(),
    source: `bao-${docCounter % 40}.vn`,
    kind: 'news' as const,
  };
}

// C's ingest runs in its own process (like a separate ingest worker), as fast as the current ingest path goes,
// while this process runs the trends worker. The child stores spike batches when asked and reports when each
// batch was committed.
if (process.argv.includes('--ingest-child')) {
  const spikes: { token: string; name: string }[] = [];
  let seconds = 0;
  const started = new Promise<void>((resolve) =>
    process.on('message', (message: { type: string; token?: string; name?: string; seconds?: number }) => {
      if (message.type === 'spike') spikes.push({ token: message.token!, name: message.name! });
      if (message.type === 'start') {
        seconds = message.seconds!;
        resolve();
      }
    }),
  );
  await started;
  const begin = Date.now();
  let background = 0;
  while (Date.now() - begin < seconds * 1000) {
    const spike = spikes.shift();
    if (spike) {
      await monitoring.ingestBatch({
        items: Array.from({ length: 40 }, () => documentFrom(Date.now() - 1000, spike.token)),
        context,
      });
      process.send!({ type: 'stored', name: spike.name, at: Date.now() });
      continue;
    }
    const batch = Array.from({ length: 1000 }, () => documentFrom(Date.now() - Math.floor(Math.random() * 600_000)));
    background += (await monitoring.ingestBatch({ items: batch, context })).ingested;
  }
  process.send!({ type: 'done', background, seconds: (Date.now() - begin) / 1000 });
  await closeDatabase();
  process.exit(0);
}

// Webhook receiver recording arrival times.
const arrivals = new Map<string, number>();
const receiver = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  request.on('end', () => {
    const payload = JSON.parse(body) as { query: string };
    if (!arrivals.has(payload.query)) arrivals.set(payload.query, Date.now());
    response.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const hookUrl = `http://127.0.0.1:${(receiver.address() as net.AddressInfo).port}/hook`;
// Webhooks go through the outbound-URL guard: the local receiver is allowed explicitly, as an administrator would.
await monitoring.allowPrivateHost({ actor: systemActor, host: '127.0.0.1', note: 'bench webhook receiver' });

// C. Alert latency while ingesting.
if (stages.includes('C')) {
  const QUERIES = 10;
  const queries = [];
  for (let q = 0; q < QUERIES; q++) {
    const token = `benchtk${q}x${Date.now().toString(36)}`;
    const query = await monitoring.createSavedQuery({
      actor: systemActor,
      input: { organizationId, name: `bench ${token}`, query: token, isAccentExact: false, isActive: true },
    });
    await trends.createAlertRule({
      actor: systemActor,
      input: {
        organizationId,
        name: `bench ${q}`,
        kind: 'anomaly',
        queryId: query.id,
        channels: { inApp: true, emails: [], webhookUrl: hookUrl },
      },
    });
    queries.push({ token, query });
  }
  // Seven days of rhythmic history per query (about 2 mentions per working hour), then catch up.
  const now = Date.now();
  const history = [];
  const next = random(3);
  for (let i = 7 * 24; i >= 1; i--) {
    const t = Math.floor(now / HOUR_MS) * HOUR_MS - i * HOUR_MS;
    for (const { token } of queries)
      for (let k = poisson(2 * rhythm(t), next); k > 0; k--) history.push(documentFrom(t + Math.floor(next() * HOUR_MS), token));
  }
  for (let i = 0; i < history.length; i += 1000) await monitoring.ingestBatch({ items: history.slice(i, i + 1000), context });
  await trends.runTrendsPipeline({ maxBatches: 100 });
  await jobs.startWorkers([trendsJobs.processMentionsJob, deliverAlertJob] as never);
  await jobs.enqueueJob(trendsJobs.processMentionsJob, {}, { singletonKey: 'trends.tick' });

  const { fork } = await import('node:child_process');
  const { getDatabase } = await import('../src/platform/db');
  const child = fork(import.meta.filename, ['--ingest-child'], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, DATABASE_URL: (await getDatabase()).url, BENCH_TRENDS_STAGES: '' },
  });
  const stored = new Map<string, number>();
  const finished = new Promise<{ background: number; seconds: number }>((resolve) =>
    child.on('message', (message: { type: string; name?: string; at?: number; background?: number; seconds?: number }) => {
      if (message.type === 'stored') stored.set(message.name!, message.at!);
      if (message.type === 'done') resolve({ background: message.background!, seconds: message.seconds! });
    }),
  );
  // The child loads its processing context first; give it a moment, then start the clock.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  child.send({ type: 'start', seconds: LIVE_SECONDS });
  for (let q = 0; q < QUERIES; q++) {
    await new Promise((resolve) => setTimeout(resolve, ((LIVE_SECONDS - 10) * 1000) / QUERIES));
    const { token, query } = queries[q]!;
    child.send({ type: 'spike', token, name: query.name });
  }
  const { background, seconds: liveSeconds } = await finished;
  const deadline = Date.now() + 30_000;
  while (arrivals.size < stored.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const latencies = [...stored].map(([name, at]) => (arrivals.has(name) ? (arrivals.get(name)! - at) / 1000 : NaN));
  const delivered = latencies.filter(Number.isFinite);
  console.log(
    `C. alert latency (${stored.size} spikes of 40 VNTC-based documents, each stored by a separate ingest process that meanwhile stores background documents as fast as it can: ${background} in ${fmt(liveSeconds, 0)} s = ${fmt(background / liveSeconds, 0)} docs/s; trends watcher polls every 250 ms)`,
  );
  console.log(
    `   stored → signed webhook received: p50 ${fmt(quantile(delivered, 0.5), 1)} s, p95 ${fmt(quantile(delivered, 0.95), 1)} s, max ${fmt(Math.max(...delivered), 1)} s; delivered ${delivered.length}/${stored.size}`,
  );
  await jobs.stopJobs();
}

// D. Flood: 100,000 mentions of one query within one minute.
if (stages.includes('D')) {
  const token = `floodtk${Date.now().toString(36)}`;
  const query = await monitoring.createSavedQuery({
    actor: systemActor,
    input: { organizationId, name: `flood ${token}`, query: token, isAccentExact: false, isActive: true },
  });
  await trends.createAlertRule({
    actor: systemActor,
    input: { organizationId, name: 'flood', kind: 'anomaly', queryId: query.id },
  });
  // History: 7 quiet days for the query (inserted like the bulk below), so the anomaly detector has a baseline.
  const floodMinute = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 2 * HOUR_MS;
  await insertSyntheticMentions({
    queryIds: [query.id],
    count: 7 * 24 * 3,
    from: floodMinute - 7 * 24 * HOUR_MS,
    spanMs: 7 * 24 * HOUR_MS,
  });
  await trends.runTrendsPipeline({ maxBatches: 100 });
  const inserted = await insertSyntheticMentions({ queryIds: [query.id], count: 100_000, from: floodMinute, spanMs: 60_000 });
  const started = performance.now();
  let result;
  do result = await trends.runTrendsPipeline({ maxBatches: 100 });
  while (!result.isCaughtUp);
  const seconds = (performance.now() - started) / 1000;
  const alerts = await trends.listAlerts({ actor: systemActor, organizationId, queryId: query.id });
  console.log(
    `D. flood: ${inserted.toLocaleString('en')} mentions of one query in one minute rolled up and evaluated in ${fmt(seconds, 1)} s → ${alerts.length} alert(s) (score ${alerts[0]?.score ?? '—'}, mentions ${alerts[0]?.mentions ?? '—'})`,
  );
}

/** Documents + matches inserted in bulk by SQL (bypassing text processing), spread over outlets, sentiments, stories and entities. */
async function insertSyntheticMentions({
  queryIds,
  count,
  from,
  spanMs,
}: {
  queryIds: string[];
  count: number;
  from: number;
  spanMs: number;
}): Promise<number> {
  const chunk = 200_000;
  for (let offset = 0; offset < count; offset += chunk) {
    const n = Math.min(chunk, count - offset);
    const tag = `${Date.now().toString(36)}${offset}`;
    await db.execute(sql`
      WITH docs AS (
        INSERT INTO monitoring_documents (content_hash, source_name, source_key, kind, lang, title, published_at, simhash, band0, band1, band2, band3, topic, sentiment, entity_ids, story_id)
        SELECT decode(md5(${tag} || i::text), 'hex'), 'bao-' || (i % 50), 'bao ' || (i % 50), CASE WHEN i % 5 = 0 THEN 'social' ELSE 'news' END, 'vi',
               'Tin tổng hợp ' || (i % 997), to_timestamp((${from} + (i * ${spanMs}::float8 / ${n}))::float8 / 1000), i, 0, 0, 0, 0,
               (ARRAY['giao-duc','y-te','kinh-te','xa-hoi','phap-luat'])[1 + i % 5], (ARRAY['positive','neutral','neutral','negative'])[1 + i % 4],
               ARRAY['thanh-pho-ha-noi', 'tinh-' || (i % 34)], NULL
        FROM generate_series(1, ${n}) AS i
        RETURNING id, published_at, sentiment, kind, source_key)
      INSERT INTO monitoring_query_matches (query_id, document_id, organization_id, published_at, sentiment, document_kind, source_key, story_id)
      SELECT (${sql.param(queryIds)}::uuid[])[1 + (id % ${queryIds.length})], id, ${organizationId}, published_at, sentiment, kind, source_key, id / 20 FROM docs`);
  }
  return count;
}

// E. Dashboard p95 over MENTIONS mentions of 20 queries over 90 days. The bulk of them is rolled up by one
// set-based SQL path (the same rollup rows the incremental path writes for these mentions, without storing
// documents); the last BENCH_TRENDS_INCREMENTAL mentions are stored as documents + matches and rolled up through
// the real incremental path on top of the big tables.
const INCREMENTAL = Math.min(MENTIONS, Number(process.env.BENCH_TRENDS_INCREMENTAL ?? 200_000));
async function bulkRollUp({
  queryIds,
  count,
  from,
  spanMs,
}: {
  queryIds: string[];
  count: number;
  from: number;
  spanMs: number;
}): Promise<void> {
  const chunk = 1_000_000;
  for (let offset = 0; offset < count; offset += chunk) {
    const n = Math.min(chunk, count - offset);
    // One virtual mention per i: independent pseudo-random outlet (its kind follows the outlet), sentiment, topic,
    // province; stories of 20 consecutive mentions of the same query.
    const mentions = sql`(SELECT q.scope, m.at, m.sentiment, m.kind, m.source_key, m.story_id, m.topic, m.entity_ids FROM (
        SELECT i, to_timestamp((${from}::float8 + (i * ${spanMs}::float8 / ${count}::float8)) / 1000) AS at,
               (ARRAY['positive','neutral','neutral','negative'])[1 + (hashint8(i) & 2147483647) % 4] AS sentiment,
               CASE WHEN (hashint8(i + 7) & 2147483647) % 50 % 5 = 0 THEN 'social' ELSE 'news' END AS kind,
               'bao ' || (hashint8(i + 7) & 2147483647) % 50 AS source_key,
               1000000000 + (i % ${queryIds.length}::int) * 10000000 + i / (20 * ${queryIds.length}::int) AS story_id,
               (ARRAY['giao-duc','y-te','kinh-te','xa-hoi','phap-luat'])[1 + (hashint8(i + 13) & 2147483647) % 5] AS topic,
               ARRAY['thanh-pho-ha-noi', 'tinh-' || (hashint8(i + 21) & 2147483647) % 34] AS entity_ids
        FROM generate_series(${offset + 1}::bigint, ${offset + n}::bigint) AS i) m,
        LATERAL (VALUES ('q:' || (${sql.param(queryIds)}::text[])[1 + m.i % ${queryIds.length}::int]), ('o:' || ${organizationId}::text)) AS q(scope))`;
    const hour = sql.raw(`(date_trunc('hour', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`);
    const day = sql.raw(`((at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)`);
    await db.execute(sql`CREATE TEMP TABLE bench_mentions AS ${mentions}`);
    await db.execute(sql`INSERT INTO trends_hourly AS t (scope, hour, sentiment, kind, source_key, mentions) SELECT scope, ${hour}, sentiment, kind, source_key, count(*) FROM bench_mentions GROUP BY 1, 2, 3, 4, 5
      ON CONFLICT (scope, hour, sentiment, kind, source_key) DO UPDATE SET mentions = t.mentions + excluded.mentions`);
    await db.execute(sql`INSERT INTO trends_daily AS t (scope, day, sentiment, kind, source_key, mentions) SELECT scope, ${day}, sentiment, kind, source_key, count(*) FROM bench_mentions GROUP BY 1, 2, 3, 4, 5
      ON CONFLICT (scope, day, sentiment, kind, source_key) DO UPDATE SET mentions = t.mentions + excluded.mentions`);
    await db.execute(sql`INSERT INTO trends_entity_hourly AS t (scope, hour, entity_id, sentiment, mentions) SELECT scope, ${hour}, entity_id, sentiment, count(*) FROM bench_mentions, unnest(entity_ids) AS entity_id GROUP BY 1, 2, 3, 4
      ON CONFLICT (scope, hour, entity_id, sentiment) DO UPDATE SET mentions = t.mentions + excluded.mentions`);
    if (hasEntityDaily) {
      await db.execute(sql`INSERT INTO trends_entity_daily AS t (scope, day, entity_id, sentiment, mentions) SELECT scope, ${day}, entity_id, sentiment, count(*) FROM bench_mentions, unnest(entity_ids) AS entity_id GROUP BY 1, 2, 3, 4
        ON CONFLICT (scope, day, entity_id, sentiment) DO UPDATE SET mentions = t.mentions + excluded.mentions`);
    }
    await db.execute(sql`INSERT INTO trends_topic_daily AS t (scope, day, topic, sentiment, mentions) SELECT scope, ${day}, topic, sentiment, count(*) FROM bench_mentions GROUP BY 1, 2, 3, 4
      ON CONFLICT (scope, day, topic, sentiment) DO UPDATE SET mentions = t.mentions + excluded.mentions`);
    await db.execute(sql`INSERT INTO trends_story_daily AS t (scope, day, story_id, mentions, negative) SELECT scope, ${day}, story_id, count(*), count(*) FILTER (WHERE sentiment = 'negative') FROM bench_mentions GROUP BY 1, 2, 3
      ON CONFLICT (scope, day, story_id) DO UPDATE SET mentions = t.mentions + excluded.mentions, negative = t.negative + excluded.negative`);
    await db.execute(sql`DROP TABLE bench_mentions`);
  }
}
const hasEntityDaily = (
  (await db.execute(sql`SELECT to_regclass('trends_entity_daily') IS NOT NULL AS ok`)) as unknown as { rows: { ok: boolean }[] }
).rows[0]!.ok;
if (stages.includes('E')) {
  const queryIds: string[] = [];
  for (let q = 0; q < 20; q++)
    queryIds.push(
      (
        await monitoring.createSavedQuery({
          actor: systemActor,
          input: {
            organizationId,
            name: `size ${q} ${Date.now()}`,
            query: `sizetk${q}x${Date.now().toString(36)}`,
            isAccentExact: false,
            isActive: true,
          },
        })
      ).id,
    );
  const end = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  const bulkStarted = performance.now();
  await bulkRollUp({ queryIds, count: MENTIONS - INCREMENTAL, from: end - 90 * 24 * HOUR_MS, spanMs: 90 * 24 * HOUR_MS });
  const bulkSeconds = (performance.now() - bulkStarted) / 1000;
  const insertStarted = performance.now();
  await insertSyntheticMentions({ queryIds, count: INCREMENTAL, from: end - 24 * HOUR_MS, spanMs: 24 * HOUR_MS });
  const insertSeconds = (performance.now() - insertStarted) / 1000;
  const rollupStarted = performance.now();
  let rolled = 0;
  for (;;) {
    const batch = await rollUpNewMentions({ batchSize: 20_000 });
    rolled += batch.mentions;
    if (batch.documents === 0) break;
  }
  const rollupSeconds = (performance.now() - rollupStarted) / 1000;
  await db.execute(sql`DELETE FROM trends_dirty_hours`);
  await db.execute(sql`VACUUM ANALYZE`);
  const count = async (table: string) =>
    ((await db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))) as unknown as { rows: { n: number }[] }).rows[0]!.n;
  const sizes = (
    (await db.execute(
      sql`SELECT pg_size_pretty(sum(pg_total_relation_size(oid))) AS size FROM pg_class WHERE relname LIKE 'trends_%' AND relkind = 'r'`,
    )) as unknown as { rows: { size: string }[] }
  ).rows[0]!.size;
  console.log(
    `E. size: ${MENTIONS.toLocaleString('en')} mentions of 20 queries over 90 days: ${(MENTIONS - INCREMENTAL).toLocaleString('en')} rolled up by bulk SQL in ${fmt(bulkSeconds, 0)} s, then ${INCREMENTAL.toLocaleString('en')} stored (${fmt(insertSeconds, 0)} s) and rolled up incrementally at ${fmt(rolled / rollupSeconds, 0)} mentions/s on top`,
  );
  console.log(
    `   rollup rows: hourly ${(await count('trends_hourly')).toLocaleString('en')}, daily ${(await count('trends_daily')).toLocaleString('en')}, entity hourly ${(await count('trends_entity_hourly')).toLocaleString('en')}, story daily ${(await count('trends_story_daily')).toLocaleString('en')}; trends tables ${sizes}`,
  );
  const timings: Record<string, number[]> = {};
  const ranges = [
    { name: '24 h by hour', ms: 24 * HOUR_MS, interval: 'hour' as const },
    { name: '7 d by hour', ms: 7 * 24 * HOUR_MS, interval: 'hour' as const },
    { name: '30 d by day', ms: 30 * 24 * HOUR_MS, interval: 'day' as const },
    { name: '90 d by day', ms: 90 * 24 * HOUR_MS, interval: 'day' as const },
  ];
  for (let round = 0; round < 15; round++) {
    for (const range of ranges) {
      for (const scope of [{ queryId: queryIds[round % queryIds.length]! }, { organizationId }]) {
        const started = performance.now();
        await trends.getDashboard({
          actor: systemActor,
          ...scope,
          from: new Date(end - range.ms),
          to: new Date(end),
          interval: range.interval,
        });
        const key = `${range.name}${'queryId' in scope ? '' : ' (organization)'}`;
        (timings[key] ??= []).push(performance.now() - started);
      }
    }
  }
  if (process.env.BENCH_TRENDS_PROFILE === '1') {
    // Exploration only: time every statement of the organization's 90-day dashboard.
    const { getDatabase } = await import('../src/platform/db');
    const { pool } = await getDatabase();
    const original = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    const profile: [string, number][] = [];
    (pool as unknown as { query: unknown }).query = async (...args: unknown[]) => {
      const started = performance.now();
      const result = await original(...args);
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text;
      profile.push([text.replace(/\s+/g, ' ').slice(0, 110), performance.now() - started]);
      return result;
    };
    for (const range of ranges) {
      for (const scope of [{ queryId: queryIds[0]! }, { organizationId }]) {
        profile.length = 0;
        await trends.getDashboard({
          actor: systemActor,
          ...scope,
          from: new Date(end - range.ms),
          to: new Date(end),
          interval: range.interval,
        });
        console.log(`   profile ${range.name} ${'queryId' in scope ? 'query' : 'organization'}`);
        for (const [text, ms] of profile) console.log(`     ${fmt(ms, 0).padStart(5)} ms  ${text}`);
      }
    }
    (pool as unknown as { query: unknown }).query = original;
  }
  const all = Object.values(timings).flat();
  console.log(
    `   full dashboard (volume, sentiment trend, outlets, kinds, top stories, entities, topics, previous period) p50 ${fmt(quantile(all, 0.5), 0)} ms, p95 ${fmt(quantile(all, 0.95), 0)} ms over ${all.length} requests`,
  );
  for (const [key, values] of Object.entries(timings))
    console.log(`     ${key.padEnd(28)} p50 ${fmt(quantile(values, 0.5), 0)} ms  p95 ${fmt(quantile(values, 0.95), 0)} ms`);
}

receiver.close();
await closeDatabase();
fs.rmSync(benchDir, { recursive: true, force: true });
process.exit(0);
