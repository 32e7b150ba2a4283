/**
 * Trends figures (issue 6):
 *  A. detection quality on synthetic hourly streams with a realistic daily/weekly rhythm and injected spikes of
 *     known start and size: recall, false alarms per query-week, median detection delay (pure detectors);
 *  B. forecast error: MASE of the model vs seasonal naive on rolling backtests (pure);
 *  C. end to end on PostgreSQL, documents built from ../shared/data/vntc texts: alert latency from a document
 *     being stored to its signed webhook arriving, while background documents are ingested at full speed;
 *  D. flood: 100,000 mentions of one query within one minute → rollup time and the number of alerts (1);
 *  E. dashboard query p50/p95 over BENCH_TRENDS_MENTIONS synthetic mentions (default 1,000,000) rolled up
 *     through the real incremental path (rollup throughput printed too).
 * Run: npm run bench:trends   (own embedded PostgreSQL under $TMPDIR unless DATABASE_URL is set)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import http from 'node:http';
import zlib from 'node:zlib';

const benchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhip-bench-trends-'));
const vntcPath = path.resolve(import.meta.dirname, '../../shared/data/vntc/train.jsonl.gz');
const MENTIONS = Number(process.env.BENCH_TRENDS_MENTIONS ?? 1_000_000);
const LIVE_SECONDS = Number(process.env.BENCH_TRENDS_LIVE_SECONDS ?? 60);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}
if (!process.env.DATABASE_URL) {
  fs.chmodSync(benchDir, 0o755);
  process.env.NHIP_DATA_DIR = benchDir;
  process.env.NHIP_EMBEDDED_PG_PORT ??= String(await freePort());
}
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
  if (lambda > 50) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next())));
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

// ---------------------------------------------------------------- A. detection quality
{
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
  console.log(`A. detection (${QUERIES} queries × 1 evaluation week after 4 weeks of history, 0.5–20 mentions/working hour, spikes 1–4 h)`);
  console.log(`   recall ${fmt(detected / spikes, 3)} (${detected}/${spikes}); by size: ${[...bySize].map(([s, e]) => `${s}× ${fmt(e.hit / e.n, 2)}`).join(', ')}`);
  console.log(`   false alarms per query-week: ${fmt(falseAlarms / QUERIES, 3)} (weeks with a spike), ${fmt(cleanFalseAlarms / QUERIES, 3)} (same weeks without it)`);
  console.log(`   median detection delay: ${fmt(quantile(delays, 0.5), 1)} h after the spike's first hour (p90 ${fmt(quantile(delays, 0.9), 1)} h), evaluated on complete hours; live evaluation fires within the hour as mentions arrive`);
}

// ---------------------------------------------------------------- B. forecast
{
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
  console.log(`B. forecast (100 series × 6 weeks, 7 rolling origins × 48 h): MASE model ${fmt(mean(mases))} vs seasonal naive ${fmt(mean(naive))}; model better on ${mases.filter((m, i) => m < naive[i]!).length}/${mases.length} series; 90 % interval in-sample coverage ${fmt(mean(coverage))}`);
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

// C. Alert latency while ingesting.
{
  const QUERIES = 10;
  const queries = [];
  for (let q = 0; q < QUERIES; q++) {
    const token = `benchtk${q}x${Date.now().toString(36)}`;
    const query = await monitoring.createSavedQuery({ actor: systemActor, input: { organizationId, name: `bench ${token}`, query: token, isAccentExact: false, isActive: true } });
    await trends.createAlertRule({ actor: systemActor, input: { organizationId, name: `bench ${q}`, kind: 'anomaly', queryId: query.id, channels: { inApp: true, emails: [], webhookUrl: hookUrl } } });
    queries.push({ token, query });
  }
  // Seven days of rhythmic history per query (about 2 mentions per working hour), then catch up.
  const now = Date.now();
  const history = [];
  const next = random(3);
  for (let i = 7 * 24; i >= 1; i--) {
    const t = Math.floor(now / HOUR_MS) * HOUR_MS - i * HOUR_MS;
    for (const { token } of queries) for (let k = poisson(2 * rhythm(t), next); k > 0; k--) history.push(documentFrom(t + Math.floor(next() * HOUR_MS), token));
  }
  for (let i = 0; i < history.length; i += 1000) await monitoring.ingestBatch({ items: history.slice(i, i + 1000), context });
  await trends.runTrendsPipeline({ maxBatches: 100 });
  await jobs.startWorkers([trendsJobs.processMentionsJob, deliverAlertJob] as never);
  await jobs.enqueueJob(trendsJobs.processMentionsJob, {}, { singletonKey: 'trends.tick' });

  const stored = new Map<string, number>();
  const started = Date.now();
  let background = 0;
  let spikeIndex = 0;
  let nextSpikeAt = started + 3000;
  while (Date.now() - started < LIVE_SECONDS * 1000) {
    const batch = Array.from({ length: 500 }, () => documentFrom(Date.now() - Math.floor(Math.random() * 600_000)));
    const result = await monitoring.ingestBatch({ items: batch, context });
    background += result.ingested;
    if (Date.now() >= nextSpikeAt && spikeIndex < QUERIES) {
      const { token, query } = queries[spikeIndex++]!;
      await monitoring.ingestBatch({ items: Array.from({ length: 40 }, () => documentFrom(Date.now() - 1000, token)), context });
      stored.set(query.name, Date.now());
      nextSpikeAt = Date.now() + (LIVE_SECONDS * 1000 - 10_000) / QUERIES;
    }
  }
  const liveSeconds = (Date.now() - started) / 1000;
  const deadline = Date.now() + 30_000;
  while (arrivals.size < stored.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const latencies = [...stored].map(([name, at]) => (arrivals.has(name) ? (arrivals.get(name)! - at) / 1000 : NaN));
  const delivered = latencies.filter(Number.isFinite);
  console.log(`C. alert latency (${stored.size} spikes of 40 VNTC-based documents while ingesting ${background} background documents in ${fmt(liveSeconds, 0)} s = ${fmt(background / liveSeconds, 0)} docs/s; worker tick 2 s, pg-boss polling 1 s)`);
  console.log(`   stored → signed webhook received: p50 ${fmt(quantile(delivered, 0.5), 1)} s, p95 ${fmt(quantile(delivered, 0.95), 1)} s, max ${fmt(Math.max(...delivered), 1)} s; delivered ${delivered.length}/${stored.size}`);
  await jobs.stopJobs();
}

// D. Flood: 100,000 mentions of one query within one minute.
{
  const token = `floodtk${Date.now().toString(36)}`;
  const query = await monitoring.createSavedQuery({ actor: systemActor, input: { organizationId, name: `flood ${token}`, query: token, isAccentExact: false, isActive: true } });
  await trends.createAlertRule({ actor: systemActor, input: { organizationId, name: 'flood', kind: 'anomaly', queryId: query.id } });
  // History: 7 quiet days for the query (inserted like the bulk below), so the anomaly detector has a baseline.
  const floodMinute = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 2 * HOUR_MS;
  await insertSyntheticMentions({ queryIds: [query.id], count: 7 * 24 * 3, from: floodMinute - 7 * 24 * HOUR_MS, spanMs: 7 * 24 * HOUR_MS });
  await trends.runTrendsPipeline({ maxBatches: 100 });
  const inserted = await insertSyntheticMentions({ queryIds: [query.id], count: 100_000, from: floodMinute, spanMs: 60_000 });
  const started = performance.now();
  let result;
  do result = await trends.runTrendsPipeline({ maxBatches: 100 });
  while (!result.isCaughtUp);
  const seconds = (performance.now() - started) / 1000;
  const alerts = await trends.listAlerts({ actor: systemActor, organizationId, queryId: query.id });
  console.log(`D. flood: ${inserted.toLocaleString('en')} mentions of one query in one minute rolled up and evaluated in ${fmt(seconds, 1)} s → ${alerts.length} alert(s) (score ${alerts[0]?.score ?? '—'}, mentions ${alerts[0]?.mentions ?? '—'})`);
}

/** Documents + matches inserted in bulk by SQL (bypassing text processing), spread over outlets, sentiments, stories and entities. */
async function insertSyntheticMentions({ queryIds, count, from, spanMs }: { queryIds: string[]; count: number; from: number; spanMs: number }): Promise<number> {
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

// E. Dashboard p95 over MENTIONS synthetic mentions of 20 queries over 90 days.
{
  const queryIds: string[] = [];
  for (let q = 0; q < 20; q++) queryIds.push((await monitoring.createSavedQuery({ actor: systemActor, input: { organizationId, name: `size ${q} ${Date.now()}`, query: `sizetk${q}x${Date.now().toString(36)}`, isAccentExact: false, isActive: true } })).id);
  const end = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  const insertStarted = performance.now();
  await insertSyntheticMentions({ queryIds, count: MENTIONS, from: end - 90 * 24 * HOUR_MS, spanMs: 90 * 24 * HOUR_MS });
  const insertSeconds = (performance.now() - insertStarted) / 1000;
  const rollupStarted = performance.now();
  let rolled = 0;
  for (;;) {
    const batch = await rollUpNewMentions({ batchSize: 50_000 });
    rolled += batch.mentions;
    if (batch.documents === 0) break;
  }
  const rollupSeconds = (performance.now() - rollupStarted) / 1000;
  await db.execute(sql`DELETE FROM trends_dirty_hours`);
  await db.execute(sql`ANALYZE`);
  const [{ rows: rollupRows }] = [(await db.execute(sql`SELECT count(*)::int AS n FROM trends_hourly`)) as unknown as { rows: { n: number }[] }];
  console.log(`E. size: ${MENTIONS.toLocaleString('en')} mentions inserted in ${fmt(insertSeconds, 0)} s; rolled up incrementally at ${fmt(rolled / rollupSeconds, 0)} mentions/s (${rollupRows[0]!.n.toLocaleString('en')} hourly rollup rows)`);
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
        await trends.getDashboard({ actor: systemActor, ...scope, from: new Date(end - range.ms), to: new Date(end), interval: range.interval });
        const key = `${range.name}${'queryId' in scope ? '' : ' (organization)'}`;
        (timings[key] ??= []).push(performance.now() - started);
      }
    }
  }
  const all = Object.values(timings).flat();
  console.log(`   full dashboard (volume, sentiment trend, outlets, kinds, top stories, entities, topics, previous period) p50 ${fmt(quantile(all, 0.5), 0)} ms, p95 ${fmt(quantile(all, 0.95), 0)} ms over ${all.length} requests`);
  for (const [key, values] of Object.entries(timings)) console.log(`     ${key.padEnd(28)} p50 ${fmt(quantile(values, 0.5), 0)} ms  p95 ${fmt(quantile(values, 0.95), 0)} ms`);
}

receiver.close();
await closeDatabase();
fs.rmSync(benchDir, { recursive: true, force: true });
process.exit(0);
