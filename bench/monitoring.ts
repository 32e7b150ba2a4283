/**
 * Media-monitoring figures (issue 5); processing throughput per core is `bench/monitoring-processing.ts`:
 *  1. store-only throughput of already processed batches;
 *  2. sustained ingest into PostgreSQL through the real import path (JSONL file → process → store with
 *     lexemes, stories, mentions), with the importer's peak RSS;
 *  3. full-text search p50/p95 over everything stored;
 *  4. two worker processes sharing one queue (monitoring.ingest-items) without duplicates or losses;
 *  5. (`relabel`, when named) re-labelling the stored documents after a topic version learned from corrections is
 *     activated, and again after the rollback (BENCH_RELABEL_DOCS, BENCH_RELABEL_CORRECTIONS, BENCH_RELABEL_MARKER).
 * Run: npm run bench:monitoring   (sizes: BENCH_STORE_DOCS, BENCH_INGEST_DOCS, BENCH_QUEUE_DOCS, BENCH_SCALE_DOCS;
 * BENCH_STAGES=store,scale,ingest,search,queue,relabel runs a subset; `scale` (not in the default) grows the corpus in SQL
 * to BENCH_SCALE_DOCS, default 5,000,000, for search at that size)
 * Uses its own embedded PostgreSQL under $TMPDIR unless DATABASE_URL is set; BENCH_KEEP_DB=1 keeps it
 * so a second run grows the corpus (FTS at a larger size).
 */
import fs from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import path from 'node:path';
import readline from 'node:readline';
import { spawn, type ChildProcess } from 'node:child_process';
import { watchGarbageCollection } from './gc-watch';
import { loadArticles, type Article } from './vntc-articles';
import { useBenchDatabaseIn } from './bench-database';

const isWorker = process.argv.includes('--worker');
const benchDir = process.env.BENCH_DATA_DIR ?? path.join(os.tmpdir(), 'nhip-bench-monitoring');

if (!isWorker) await useBenchDatabaseIn(benchDir);
process.env.LOG_LEVEL ??= 'warn';

const { getDatabase, closeDatabase } = await import('../src/platform/db');
const { prepareDatabase } = await import('../src/server/boot');
const { systemActor } = await import('../src/platform/actor');
const jobs = await import('../src/platform/jobs');
const monitoringJobs = await import('../src/modules/monitoring/jobs');
const { loadProcessingContext } = await import('../src/modules/monitoring/services');
const { storeBatch, settleSearchIndex } = await import('../src/modules/monitoring/ingest');
const { prepareBatch } = await import('../src/modules/monitoring/prepare');
const { loadQueryRegistry } = await import('../src/modules/monitoring/services');
const { importDocumentsFile } = await import('../src/modules/monitoring/import');
const { searchDocuments } = await import('../src/modules/monitoring/search');

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Figures gathered along the run, printed together at the end. */
const summary: string[] = [];

async function benchIngest(articles: Article[], total: number, runTag: string): Promise<void> {
  const file = path.join(os.tmpdir(), `nhip-bench-import-${runTag}.jsonl`);
  const out = fs.createWriteStream(file);
  const day = 86_400_000;
  const start = Date.UTC(2026, 6, 1);
  for (let i = 0; i < total; i++) {
    const article = articles[i % articles.length]!;
    const copy = Math.floor(i / articles.length);
    // Outlets republish each other: copies of one article land in one story, hours apart.
    const line = JSON.stringify({
      url: `https://outlet-${copy % 40}.vn/${runTag}/${i}.html?utm_source=bench`,
      title: article.title,
      // a closing line unique to this copy (a different outlet's credit line), so re-runs add new documents
      text: `${article.text}\nNguồn: outlet-${copy % 40}.vn, bài ${runTag}-${i}.`,
      publishedAt: new Date(start + (i / total) * 90 * day + copy * 3_600_000).toISOString(),
      source: `outlet-${copy % 40}.vn`,
      kind: i % 10 === 0 ? 'social' : 'news',
      author: i % 10 === 0 ? `user${i % 5000}` : undefined,
    });
    if (!out.write(line + '\n')) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  const size = fs.statSync(file).size;
  global.gc?.();
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  // RSS at each quarter of the file: flat from the first quarter on means memory does not grow with the file.
  const quarters: number[] = [];
  const result = await importDocumentsFile({
    file,
    onBatch: (progress) => {
      const rss = process.memoryUsage().rss;
      peakRss = Math.max(peakRss, rss);
      const done = progress.ingested + progress.duplicates;
      if (done >= ((quarters.length + 1) * total) / 4) quarters.push(rss);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  fs.rmSync(file);
  console.log(
    `ingest: ${result.ingested} new + ${result.duplicates} duplicates from a ${(size / 1e6).toFixed(0)} MB JSONL in ${seconds.toFixed(1)} s`,
  );
  console.log(
    `  → ${Math.round(total / seconds)} docs/s sustained (one importer process: parse, process, COPY documents + search rows, stories, mentions, GIN merge), peak RSS ${Math.round(peakRss / 1e6)} MB (${Math.round((peakRss - baseRss) / 1e6)} MB above the bench process before the import)`,
  );
  console.log(
    `  importer CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of ${seconds.toFixed(1)} s wall clock (the rest: PostgreSQL and waiting on a loaded machine, load average ${os.loadavg()[0]!.toFixed(1)})`,
  );
  console.log(
    `  RSS after each quarter of the file: ${quarters.map((rss) => `${Math.round(rss / 1e6)} MB`).join(', ')} (V8 heap limit ${Math.round(v8.getHeapStatistics().heap_size_limit / 1e6)} MB)`,
  );
  summary.push(
    `ingest (JSONL import, one importer process, ${(size / 1e6).toFixed(0)} MB): ${Math.round(total / seconds)} docs/s sustained in total (the storage side alone: the store stage); importer ${Math.round(total / ((cpu.user + cpu.system) / 1e6))} docs per importer CPU-second; peak RSS ${Math.round(peakRss / 1e6)} MB`,
  );
}

/** Busy and idle CPU ticks of the whole machine so far (/proc/stat); undefined elsewhere. */
function machineCpuTicks(): { busy: number; idle: number } | undefined {
  try {
    // cpu  user nice system idle iowait irq softirq steal …
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const idle = fields[3]! + fields[4]!;
    return { busy: fields.reduce((sum, value) => sum + value, 0) - idle, idle };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used so far by the embedded PostgreSQL (postmaster, its live processes, and the ones it has
 * reaped), from /proc; undefined elsewhere. Load-independent where wall-clock rates on a shared machine are not.
 */
async function postgresCpuSeconds(pool: import('pg').Pool): Promise<number | undefined> {
  try {
    const ticks = (fields: string[], from: number, count: number) =>
      fields.slice(from, from + count).reduce((sum, value) => sum + Number(value), 0);
    // /proc/PID/stat after the ")" of the command: state is field 0, ppid 1, utime 11, stime 12, cutime 13, cstime 14
    const statOf = (pid: number | string) => {
      const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      return text.slice(text.lastIndexOf(')') + 2).split(' ');
    };
    const backend = (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const postmaster = Number(statOf(backend)[1]);
    let total = ticks(statOf(postmaster), 11, 4);
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const fields = statOf(entry);
        if (Number(fields[1]) === postmaster) total += ticks(fields, 11, 2);
      } catch {
        // exited meanwhile: counted in the postmaster's cutime/cstime
      }
    }
    return total / 100;
  } catch {
    return undefined;
  }
}

/**
 * The database half alone: every batch is processed first, then the batches are stored back to back and the
 * clock stops only once the GIN pending lists they filled are merged (documents searchable and indexed). Every
 * fifth batch, a search for a word unique to it measures how long after its commit it is found.
 */
async function benchStoreOnly(articles: Article[], total: number, runTag: string): Promise<void> {
  const context = await loadProcessingContext();
  const registry = await loadQueryRegistry();
  const { pool } = await getDatabase();
  const before = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM monitoring_documents')).rows[0]!.n);
  const batches = [];
  for (let offset = 0; offset < total; offset += 1000) {
    const marker = `mk${runTag}b${offset / 1000}`;
    const items = Array.from({ length: Math.min(1000, total - offset) }, (_, k) => {
      const i = offset + k;
      const article = articles[i % articles.length]!;
      return {
        url: `https://store-${runTag}.vn/${i}`,
        title: article.title,
        text: `${article.text}\nstore ${runTag}-${i} ${marker}`,
        publishedAt: new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString(),
        source: `store-${i % 40}.vn`,
        kind: 'news' as const,
      };
    });
    const prepared = prepareBatch({ items, context, registry });
    // As bulk imports get them from their processing threads (processing-pool.ts): structured-cloned, so the
    // strings arrive flat. Prepared on this thread, the tsvector text is still the rope its builder made, and
    // the first scan of it (the COPY escaping) would flatten it inside the store step (~24 µs a document).
    prepared.documents = structuredClone(prepared.documents);
    for (const document of prepared.documents)
      document.contentHash = Buffer.from(
        document.contentHash.buffer,
        document.contentHash.byteOffset,
        document.contentHash.byteLength,
      );
    batches.push({ marker, prepared });
  }
  let storeMs = 0;
  let stored = 0;
  const lags: number[] = [];
  const postgresCpu0 = await postgresCpuSeconds(pool);
  const machine0 = machineCpuTicks();
  const garbage = watchGarbageCollection();
  const nodeCpu0 = process.cpuUsage();
  const phases: Record<string, number> = {};
  for (const [index, { marker, prepared }] of batches.entries()) {
    const t0 = performance.now();
    const outcome = await storeBatch(prepared);
    const committed = performance.now();
    stored += outcome.ingested;
    storeMs += committed - t0;
    for (const [phase, ms] of Object.entries(outcome.timings ?? {})) phases[phase] = (phases[phase] ?? 0) + ms;
    if (index % 5 === 0) {
      // not counted in the store time
      while (
        (await searchDocuments({ actor: null, query: marker, limit: 1 })).length === 0 &&
        performance.now() - committed < 60_000
      )
        await new Promise((resolve) => setTimeout(resolve, 20));
      lags.push(performance.now() - committed);
    }
  }
  const t0 = performance.now();
  await settleSearchIndex();
  const settleMs = performance.now() - t0;
  storeMs += settleMs;
  const postgresCpu1 = await postgresCpuSeconds(pool);
  const machine1 = machineCpuTicks();
  const nodeCpu = process.cpuUsage(nodeCpu0);
  const collections = await garbage.stop();
  const nodeCpuSeconds = (nodeCpu.user + nodeCpu.system) / 1e6;
  const rate = Math.round(stored / (storeMs / 1000));
  console.log(
    `store only (already processed batches of 1,000, table ${before} → ${before + stored} documents): ${stored} documents in ${(storeMs / 1000).toFixed(1)} s → ${rate} docs/s into PostgreSQL, searchable and GIN-merged (load average ${os.loadavg()[0]!.toFixed(1)})`,
  );
  console.log(
    `  time by step: ${Object.entries(phases)
      .map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`)
      .join(', ')}, final merge wait ${(settleMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `  this process's garbage collection: ${collections.young} young (${collections.youngMs.toFixed(0)} ms), ${collections.full} full (${collections.fullMs.toFixed(0)} ms); old generation +${(collections.oldGrowth / 1e6).toFixed(1)} MB`,
  );
  console.log(
    `  found by search ${percentile(lags, 50).toFixed(0)} ms (median) / ${Math.max(...lags).toFixed(0)} ms (max) after its batch committed (${lags.length} probes)`,
  );
  if (machine0 && machine1) {
    const busy = machine1.busy - machine0.busy;
    const cores = os.cpus().length;
    // Idle cores while storing mean the pipeline waits on itself (a latency bound), not on the CPU.
    console.log(
      `  machine: ${((busy / (busy + machine1.idle - machine0.idle)) * cores).toFixed(2)} of ${cores} cores busy while storing (every process)`,
    );
  }
  if (postgresCpu0 !== undefined && postgresCpu1 !== undefined) {
    // CPU, unlike the wall clock, does not grow with the neighbours' load: the fairer figure on a shared machine.
    const postgresCpuSecondsUsed = postgresCpu1 - postgresCpu0;
    console.log(
      `  CPU: PostgreSQL ${postgresCpuSecondsUsed.toFixed(1)} s (all its processes, GIN merges and the probes' searches included), this process ${nodeCpuSeconds.toFixed(1)} s → ${Math.round(stored / postgresCpuSecondsUsed)} docs per PostgreSQL CPU-second, ${Math.round(stored / (postgresCpuSecondsUsed + nodeCpuSeconds))} per CPU-second of both`,
    );
  }
  summary.push(
    `store only (PostgreSQL side of ingest, incl. lexemes + GIN merge): ${rate} docs/s (table ${before} → ${before + stored}); searchable ${percentile(lags, 50).toFixed(0)} ms after commit`,
  );
}

/**
 * A large corpus for search at scale, built in SQL from the documents stored so far (each copied with its own
 * id, URL, content hash and a publication time spread over twelve months ending 2026-09-30). Months without a
 * partition yet take the bulk path an archive import would: a standalone table loaded without indexes, its GIN
 * and B-tree built in one pass, then attached as the month's partition (its CHECK constraint spares the scan).
 */
async function benchScale(target: number): Promise<void> {
  const { pool } = await getDatabase();
  const client = await pool.connect();
  try {
    const count = async (table: string) =>
      Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
    const existing = await count('monitoring_documents');
    if (existing >= target) return;
    const started = performance.now();
    // WAL room for a bulk load (reset afterwards); the figures above and below run with the defaults.
    await client.query(`ALTER SYSTEM SET max_wal_size = '3GB'`);
    await client.query(`SELECT pg_reload_conf()`);
    await client.query(`SET maintenance_work_mem = '1GB'`);
    await client.query(`DROP TABLE IF EXISTS bench_seed`);
    await client.query(
      `CREATE UNLOGGED TABLE bench_seed AS SELECT row_number() OVER (ORDER BY d.id) - 1 AS n, d.*, s.lexemes FROM monitoring_documents d JOIN monitoring_search s ON s.document_id = d.id`,
    );
    const seedSize = await count('bench_seed');
    const base =
      Number((await client.query<{ n: string }>('SELECT coalesce(max(id), 0) AS n FROM monitoring_documents')).rows[0]!.n) +
      1_000_000;
    const toAdd = target - existing;
    const months = 12;
    const perMonth = Math.ceil(toAdd / months);
    console.log(`scale: building ${toAdd} documents from ${seedSize} stored ones (${months} months, ${perMonth} per month)`);
    for (let month = 0; month < months; month++) {
      const monthStart = new Date(Date.UTC(2025, 9 + month, 1));
      const monthEnd = new Date(Date.UTC(2025, 10 + month, 1));
      const label = monthStart.toISOString().slice(0, 7).replace('-', '_');
      const lo = month * perMonth;
      const hi = Math.min(toAdd, lo + perMonth);
      const t0 = performance.now();
      const rows = `FROM generate_series(${lo}::bigint, ${hi - 1}::bigint) g JOIN bench_seed b ON b.n = g % ${seedSize}`;
      // publication time: scattered over the month by a multiplicative hash of g
      const publishedAt = `$1::timestamptz + ((g * 2654435761) % 1000003) / 1000003.0 * ($2::timestamptz - $1::timestamptz)`;
      await client.query(
        `INSERT INTO monitoring_documents (id, canonical_url, url, content_hash, source_id, source_name, source_key, organization_id, kind, lang, title, text, byline, author_pseudonym, published_at, story_id, simhash, band0, band1, band2, band3, topic, topic_score, sentiment, sentiment_score, sentiment_reasons, entity_ids)
         SELECT ${base} + g, 'https://scale.example/' || g, 'https://scale.example/' || g, decode(md5(g::text), 'hex'), b.source_id, b.source_name, b.source_key, b.organization_id, b.kind, b.lang, b.title, b.text, b.byline, b.author_pseudonym,
                ${publishedAt}, ${base} + g, b.simhash, b.band0, b.band1, b.band2, b.band3, b.topic, b.topic_score, b.sentiment, b.sentiment_score, b.sentiment_reasons, b.entity_ids ${rows}`,
        [monthStart.toISOString(), monthEnd.toISOString()],
      );
      const t1 = performance.now();
      const partition = `monitoring_search_${label}`;
      const hasPartition = (await client.query<{ has: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS has`, [partition]))
        .rows[0]!.has;
      const searchRows = `SELECT ${base} + g, ${publishedAt}, b.organization_id, b.lexemes ${rows}`;
      if (hasPartition) {
        await client.query(`INSERT INTO monitoring_search (document_id, published_at, organization_id, lexemes) ${searchRows}`, [
          monthStart.toISOString(),
          monthEnd.toISOString(),
        ]);
      } else {
        await client.query(`CREATE TABLE ${partition} (LIKE monitoring_search) WITH (toast_tuple_target = 8160)`);
        await client.query(`INSERT INTO ${partition} ${searchRows}`, [monthStart.toISOString(), monthEnd.toISOString()]);
        await client.query(
          `CREATE INDEX ON ${partition} USING gin (lexemes) WITH (fastupdate = on, gin_pending_list_limit = 32768)`,
        );
        await client.query(`CREATE INDEX ON ${partition} (published_at DESC, document_id DESC)`);
        await client.query(
          `ALTER TABLE ${partition} ADD CONSTRAINT ${partition}_month CHECK (published_at >= '${monthStart.toISOString()}' AND published_at < '${monthEnd.toISOString()}')`,
        );
        await client.query(
          `ALTER TABLE monitoring_search ATTACH PARTITION ${partition} FOR VALUES FROM ('${monthStart.toISOString()}') TO ('${monthEnd.toISOString()}')`,
        );
        await client.query(`ALTER TABLE ${partition} DROP CONSTRAINT ${partition}_month`);
      }
      const t2 = performance.now();
      console.log(
        `  ${label}: ${hi - lo} documents in ${((t1 - t0) / 1000).toFixed(0)} s, search rows + indexes in ${((t2 - t1) / 1000).toFixed(0)} s${hasPartition ? ' (existing partition)' : ' (bulk-built, attached)'}`,
      );
    }
    await client.query(
      `SELECT setval(pg_get_serial_sequence('monitoring_documents', 'id'), (SELECT max(id) FROM monitoring_documents))`,
    );
    await client.query(`DROP TABLE bench_seed`);
    await client.query(`ALTER SYSTEM RESET max_wal_size`);
    await client.query(`SELECT pg_reload_conf()`);
    const sizes = (
      await client.query<{ documents: string; search: string; gin: string }>(
        `SELECT pg_size_pretty(pg_total_relation_size('monitoring_documents')) AS documents,
              pg_size_pretty((SELECT sum(pg_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'monitoring_search'::regclass)) AS search,
              pg_size_pretty((SELECT sum(pg_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'monitoring_search_lexemes_idx'::regclass)) AS gin`,
      )
    ).rows[0]!;
    console.log(
      `scale: ${await count('monitoring_documents')} documents in ${((performance.now() - started) / 1000).toFixed(0)} s; documents ${sizes.documents} with indexes, search rows ${sizes.search}, GIN ${sizes.gin}`,
    );
  } finally {
    client.release();
  }
}

async function benchSearch(): Promise<void> {
  const { pool } = await getDatabase();
  const stored = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM monitoring_documents')).rows[0]!.n);
  // VACUUM merges the GIN pending lists and sets visibility maps; ANALYZE gives the planner lexeme frequencies.
  await pool.query('VACUUM ANALYZE monitoring_documents');
  await pool.query('VACUUM ANALYZE monitoring_search');
  const queries: { query: string; isAccentExact?: boolean }[] = [
    { query: 'hoc phi' },
    { query: 'học phí' },
    { query: '"bao hiem xa hoi"' },
    { query: '"bảo hiểm xã hội"' },
    { query: 'giao thong AND tai nan' },
    { query: 'ngan hang OR lai suat' },
    { query: 'cong an AND NOT bong da' },
    { query: 'dau tu*' },
    { query: 'title:"viet nam"' },
    { query: '"quoc hoi" NEAR/5 "du an"' },
    { query: 'benh vien AND lang:vi' },
    { query: 'xuat khau AND sentiment:negative' },
    { query: '"thanh pho ho chi minh" AND kind:news' },
    { query: 'chứng khoán' },
    { query: 'chứng khoán', isAccentExact: true },
    { query: '"giá vàng" OR "tỷ giá"', isAccentExact: true },
  ];
  const timings: number[] = [];
  const perQuery: string[] = [];
  for (const { query, isAccentExact = false } of queries) {
    await searchDocuments({ actor: null, query, limit: 50, isAccentExact });
    const own: number[] = [];
    let found = 0;
    for (let run = 0; run < 8; run++) {
      const range = run % 2 === 1 ? { from: '2026-08-01', to: '2026-08-31' } : {};
      const t0 = performance.now();
      found += (await searchDocuments({ actor: null, query, limit: 50, isAccentExact, ...range })).length;
      own.push(performance.now() - t0);
    }
    timings.push(...own);
    perQuery.push(
      `${query}${isAccentExact ? ' (accent-exact)' : ''}: p50 ${percentile(own, 50).toFixed(0)} ms, p95 ${percentile(own, 95).toFixed(0)} ms, ${(found / 8).toFixed(0)} results on average`,
    );
  }
  console.log(
    `search over ${stored} stored documents (${queries.length} queries × 8 runs, limit 50, half with a one-month range; load average ${os.loadavg()[0]!.toFixed(1)}):`,
  );
  console.log(
    `  p50 ${percentile(timings, 50).toFixed(1)} ms, p95 ${percentile(timings, 95).toFixed(1)} ms, max ${Math.max(...timings).toFixed(1)} ms`,
  );
  for (const line of perQuery) console.log(`    ${line}`);
  summary.push(
    `search over ${stored} documents: p50 ${percentile(timings, 50).toFixed(1)} ms, p95 ${percentile(timings, 95).toFixed(1)} ms`,
  );
}

async function benchQueue(articles: Article[], total: number, runTag: string): Promise<void> {
  const { url, pool } = await getDatabase();
  const perJob = 250;
  const jobIds = new Set<string>();
  for (let offset = 0; offset < total; offset += perJob) {
    const items = Array.from({ length: Math.min(perJob, total - offset) }, (_, k) => {
      const i = offset + k;
      const article = articles[i % articles.length]!;
      return {
        url: `https://queue-${runTag}.vn/${i}`,
        title: article.title,
        text: `${article.text} (${runTag}-${i})`,
        publishedAt: '2026-10-01T00:00:00Z',
        source: `queue-${runTag}.vn`,
        kind: 'news' as const,
      };
    });
    const id = await jobs.enqueueJob(monitoringJobs.ingestItemsJob, { items, sourceId: null, organizationId: null });
    if (id) jobIds.add(id);
  }
  const done = new Map<string, number>();
  const byWorker: number[] = [0, 0];
  const workers: ChildProcess[] = [0, 1].map((n) => {
    const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--worker'], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const id = /^JOB (\S+)/.exec(line)?.[1];
      if (!id) return;
      done.set(id, (done.get(id) ?? 0) + 1);
      byWorker[n]!++;
    });
    return child;
  });
  const started = performance.now();
  const source = `queue ${runTag} vn`;
  let stored = 0;
  while (performance.now() - started < 600_000) {
    stored = Number(
      (await pool.query<{ n: string }>('SELECT count(*) AS n FROM monitoring_documents WHERE source_key = $1', [source])).rows[0]!
        .n,
    );
    if (stored >= total && done.size >= jobIds.size) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const seconds = (performance.now() - started) / 1000;
  for (const child of workers) child.kill('SIGTERM');
  await Promise.all(
    workers.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))),
  );
  const twice = [...done.values()].filter((count) => count > 1).length;
  const missing = [...jobIds].filter((id) => !done.has(id)).length;
  console.log(
    `queue: ${jobIds.size} jobs of ${perJob} documents, two worker processes: ${byWorker.join(' + ')} jobs, ${twice} run twice, ${missing} missing`,
  );
  console.log(
    `  stored ${stored} of ${total} documents exactly once in ${seconds.toFixed(1)} s (${Math.round(stored / seconds)} docs/s with two workers on this 2-core machine)`,
  );
}

/**
 * Re-labelling after an activation: `total` VNTC articles are stored with the shipped topic model, officers correct
 * `corrections` of those it files under another topic than VNTC's, a version trained on them is activated, and its
 * run reads every stored document again (those of the other stages too). Then the shipped model is activated back:
 * its run must give every uncorrected article the label processing stored.
 */
async function benchRelabel(articles: Article[], total: number, corrections: number, runTag: string): Promise<void> {
  const { ingestBatch } = await import('../src/modules/monitoring/ingest');
  const { correctDocument } = await import('../src/modules/monitoring/documents');
  const { retrainModel, activateModel } = await import('../src/modules/monitoring/learning');
  const context = await loadProcessingContext();
  const { pool } = await getDatabase();
  const host = `relabel-${runTag}.vn`;
  for (let offset = 0; offset < total; offset += 1000) {
    const items = Array.from({ length: Math.min(1000, total - offset) }, (_, k) => {
      const i = offset + k;
      const article = articles[i % articles.length]!;
      return {
        url: `https://${host}/${i}`,
        title: article.title,
        // BENCH_RELABEL_MARKER=1 signs every article with a line of words unknown to the model, as an outlet's
        // footer would: without the boilerplate guard (`boilerplateBuckets`) they were the most distinctive features of each corrected article
        text: process.env.BENCH_RELABEL_MARKER ? `${article.text}\nrelabel ${runTag}-${i}` : article.text,
        publishedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
        source: host,
        kind: 'news' as const,
      };
    });
    await ingestBatch({ items, context });
  }
  const readTopics = async () => {
    const { rows } = await pool.query<{ id: string; url: string; topic: string }>(
      'SELECT id::text, url, topic FROM monitoring_documents WHERE source_key = $1 ORDER BY id',
      [`relabel ${runTag} vn`],
    );
    return rows.map((row) => {
      const article = articles[Number(row.url.slice(row.url.lastIndexOf('/') + 1)) % articles.length]!;
      return { ...row, label: article.label, heldOut: article.heldOut };
    });
  };
  const stored = await readTopics();
  const corrected = new Set(
    stored
      .filter((row) => row.topic !== row.label)
      .slice(0, corrections)
      .map((row) => row.id),
  );
  for (const row of stored)
    if (corrected.has(row.id)) await correctDocument({ actor: systemActor, documentId: row.id, topic: row.label });
  const others = (rows: typeof stored) => rows.filter((row) => !corrected.has(row.id));
  // the articles the shipped model was trained on, and the held-out ones (as new articles would be)
  const accuracy = (rows: typeof stored, heldOut: boolean) => {
    const group = others(rows).filter((row) => row.heldOut === heldOut);
    return `${((group.filter((row) => row.topic === row.label).length / group.length) * 100).toFixed(2)}%`;
  };
  const agreement = (rows: typeof stored) => `${accuracy(rows, true)} held out, ${accuracy(rows, false)} trained on`;
  const heldOutCount = others(stored).filter((row) => row.heldOut).length;
  const trained = await retrainModel({ actor: systemActor, kind: 'topic', activate: true });
  const forward = await timedRelabelRun('topic');
  const relabelled = await readTopics();
  await activateModel({ actor: systemActor, kind: 'topic', version: 1 });
  const back = await timedRelabelRun('topic');
  const restored = await readTopics();
  const differing = others(restored).filter((row, k) => row.topic !== others(stored)[k]!.topic).length;
  const lines = [
    `relabel: topic v${trained.version} from ${corrected.size} corrections of ${stored.length} stored VNTC articles; the other ${others(stored).length} (${heldOutCount} held out from the shipped model's training) agree with VNTC: ${agreement(stored)} → ${agreement(relabelled)} after its run`,
    describeRelabelRun('  run of the activation', forward),
    describeRelabelRun('  run of the rollback', back),
    `  after the rollback ${differing} of ${others(restored).length} uncorrected articles differ from the labels processing stored`,
  ];
  for (const line of lines) console.log(line);
  summary.push(...lines);
  if ((process.env.BENCH_RELABEL_KINDS ?? 'topic,sentiment').split(',').includes('sentiment'))
    await benchRelabelSentiment(`relabel ${runTag} vn`, corrections);
}

/** Runs the latest re-labelling run of `kind` to its end in this process, timed by the clock and the process's CPU. */
async function timedRelabelRun(kind: 'topic' | 'sentiment') {
  const { continueRelabelRun, latestRelabelRun } = await import('../src/modules/monitoring/relabel');
  const run = (await latestRelabelRun(kind))!;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const done = await continueRelabelRun(run.id);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { done, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

const describeRelabelRun = (label: string, run: Awaited<ReturnType<typeof timedRelabelRun>>) =>
  `${label}: ${run.done.examined} documents read again in ${run.seconds.toFixed(1)} s (${Math.round(run.done.examined / run.seconds)} docs/s, ${Math.round(run.done.examined / run.cpuSeconds)} per Node CPU-second), ${run.done.relabelled} labels changed, ${run.done.keptCorrected} kept as corrected`;

/**
 * The same for sentiment on the articles the topic half stored: officers mark as negative `corrections` crime
 * reports processing found neutral or positive, a sentiment version trained on them is activated and its run reads
 * every document's sentiment again (without the topic); the shipped model activated back must give every
 * uncorrected article the sentiment and score processing stored.
 */
async function benchRelabelSentiment(sourceKey: string, corrections: number): Promise<void> {
  const { correctDocument } = await import('../src/modules/monitoring/documents');
  const { retrainModel, activateModel, listModels } = await import('../src/modules/monitoring/learning');
  const { pool } = await getDatabase();
  const readSentiments = async () =>
    (
      await pool.query<{ id: string; sentiment: string; score: number; topic: string }>(
        'SELECT id::text, sentiment, sentiment_score AS score, topic FROM monitoring_documents WHERE source_key = $1 ORDER BY id',
        [sourceKey],
      )
    ).rows;
  const stored = await readSentiments();
  const corrected = new Set(
    stored
      .filter((row) => row.topic === 'Phap luat' && row.sentiment !== 'negative')
      .slice(0, corrections)
      .map((row) => row.id),
  );
  for (const id of corrected) await correctDocument({ actor: systemActor, documentId: id, sentiment: 'negative' });
  const others = (rows: typeof stored) => rows.filter((row) => !corrected.has(row.id));
  const share = (rows: typeof stored) =>
    `${((rows.filter((row) => row.sentiment === 'negative').length / rows.length) * 100).toFixed(2)}%`;
  // what the corrections were about (crime reports) and the rest of the news
  const negativeShare = (rows: typeof stored) =>
    `${share(others(rows).filter((row) => row.topic === 'Phap luat'))} of the other crime reports, ${share(others(rows).filter((row) => row.topic !== 'Phap luat'))} of the rest`;
  const { activeVersion } = await listModels({ actor: systemActor, kind: 'sentiment' });
  const trained = await retrainModel({ actor: systemActor, kind: 'sentiment', activate: true });
  const forward = await timedRelabelRun('sentiment');
  const relabelled = await readSentiments();
  await activateModel({ actor: systemActor, kind: 'sentiment', version: activeVersion });
  const back = await timedRelabelRun('sentiment');
  const restored = await readSentiments();
  const before = others(stored);
  const differing = others(restored).filter(
    (row, k) => row.sentiment !== before[k]!.sentiment || row.score !== before[k]!.score,
  ).length;
  const lines = [
    `relabel: sentiment v${trained.version} from ${corrected.size} corrections (crime reports marked negative; ${trained.agreedBefore} → ${trained.agreedAfter} of them read as corrected); negative: ${negativeShare(stored)} → ${negativeShare(relabelled)} after its run`,
    describeRelabelRun('  run of the activation', forward),
    describeRelabelRun('  run of the rollback', back),
    `  after the rollback ${differing} of ${before.length} uncorrected articles differ from the sentiment and score processing stored`,
  ];
  for (const line of lines) console.log(line);
  summary.push(...lines);
}

async function runWorker(): Promise<void> {
  await prepareDatabase();
  const definition = monitoringJobs.ingestItemsJob;
  await jobs.startWorkers([
    {
      ...definition,
      concurrency: 1,
      handler: async (payload: Parameters<typeof definition.handler>[0], context: { jobId: string }) => {
        await definition.handler(payload, context);
        process.stdout.write(`JOB ${context.jobId}\n`);
      },
    } as never,
  ]);
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  await jobs.stopJobs(5000);
  await closeDatabase();
  process.exit(0);
}

if (isWorker) {
  await runWorker();
} else {
  const ingestDocs = Number(process.env.BENCH_INGEST_DOCS ?? 100_000);
  const queueDocs = Number(process.env.BENCH_QUEUE_DOCS ?? 10_000);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  await prepareDatabase();
  void systemActor;
  const articles = await loadArticles(20_000);
  const runTag = Date.now().toString(36);
  // BENCH_STAGES=store,ingest,search,queue (default) runs a subset; `scale` and `relabel` run when named;
  // processing is bench:monitoring-processing.
  const stages = new Set((process.env.BENCH_STAGES ?? 'store,ingest,search,queue').split(','));
  if (stages.has('store')) await benchStoreOnly(articles, Number(process.env.BENCH_STORE_DOCS ?? 20_000), runTag);
  if (stages.has('scale')) await benchScale(Number(process.env.BENCH_SCALE_DOCS ?? 5_000_000));
  if (stages.has('ingest')) await benchIngest(articles, ingestDocs, runTag);
  if (stages.has('search')) await benchSearch();
  if (stages.has('queue')) await benchQueue(articles, queueDocs, runTag);
  if (stages.has('relabel'))
    await benchRelabel(
      articles,
      Number(process.env.BENCH_RELABEL_DOCS ?? 20_000),
      Number(process.env.BENCH_RELABEL_CORRECTIONS ?? 50),
      runTag,
    );
  console.log('summary:');
  for (const line of summary) console.log(`  ${line}`);
  await jobs.stopJobs();
  await closeDatabase();
  if (!process.env.BENCH_KEEP_DB && !process.env.DATABASE_URL) fs.rmSync(benchDir, { recursive: true, force: true });
}
