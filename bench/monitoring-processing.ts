/**
 * Media-monitoring processing throughput per core (issue 5) on ~2 KB VNTC articles: cleanup, language,
 * canonical URL, content hash, SimHash, entities, topic + sentiment (language-core models), lexemes, and
 * matching against 1,000 saved queries. No database: the entity directory is the agencies module's
 * reference data (what `db:seed` stores), the author pseudonym key is fixed.
 * Run: npm run bench:monitoring-processing   (BENCH_PROCESS_DOCS, default 5,000; BENCH_WARMUP_DOCS other articles
 * first, default 2,000; BENCH_QUERY_COUNTS=1000,5000,10000 measures matching alone at those numbers of saved queries)
 */
import os from 'node:os';
import { watchGarbageCollection } from './gc-watch';
import { loadArticles, type Article } from './vntc-articles';
import { benchAhoCorasick } from './aho-corasick';

export { loadArticles };

process.env.LOG_LEVEL ??= 'warn';

const { referenceOrganizations } = await import('../src/modules/agencies/reference-data');
const { buildEntityMatcher } = await import('../src/modules/monitoring/entities');
const { processDocument, createProcessingContext } = await import('../src/modules/monitoring/process');
const { toMatchable } = await import('../src/modules/monitoring/prepare');
const { QueryIndex } = await import('../src/modules/monitoring/query/query-index');
const { parseQuery } = await import('../src/modules/monitoring/query/parse');
const { cleanText, tokenizeForMatching } = await import('../src/modules/monitoring/text-features');

/** 1,000 realistic saved queries built from frequent corpus phrases: words, phrases, AND/OR/NOT, NEAR, prefixes, fields. */
export function buildQueries(
  articles: Article[],
  count: number,
): { id: string; ast: ReturnType<typeof parseQuery>; isAccentExact: boolean }[] {
  const bigrams = new Map<string, number>();
  for (const article of articles.slice(0, 3000)) {
    const words = article.text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
    for (let i = 0; i + 1 < words.length; i++) {
      const key = `${words[i]} ${words[i + 1]}`;
      bigrams.set(key, (bigrams.get(key) ?? 0) + 1);
    }
  }
  const phrases = [...bigrams.entries()]
    .filter(([, n]) => n >= 3)
    .sort((a, b) => b[1] - a[1])
    .slice(200, 200 + count * 2)
    .map(([key]) => key);
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = () => phrases[Math.floor(random() * phrases.length)]!;
  const queries = [];
  for (let i = 0; i < count; i++) {
    const a = pick();
    const b = pick();
    const shapes = [
      `"${a}"`,
      `"${a}" AND "${b}"`,
      `"${a}" OR "${b}"`,
      `${a.split(' ')[0]} NEAR/5 ${b.split(' ')[0]}`,
      `"${a}" AND NOT "${b}"`,
      `${a.split(' ')[0]!.slice(0, 4)}* AND "${b}"`,
      `title:"${a}" OR "${b}"`,
      `("${a}" OR "${b}") AND lang:vi`,
    ];
    const query = shapes[i % shapes.length]!;
    try {
      queries.push({ id: `q${i}`, ast: parseQuery(query), isAccentExact: i % 10 === 9 });
    } catch {
      i--;
    }
  }
  return queries;
}

/** The processing context `loadProcessingContext` builds, without the database. */
export function benchContext() {
  const entities = buildEntityMatcher(
    referenceOrganizations.map((organization) => ({
      id: organization.id,
      kind: organization.kind,
      names: [organization.name, organization.shortName, ...organization.aliases].filter((name): name is string => Boolean(name)),
      validFrom: organization.validFrom ?? null,
      validTo: organization.validTo ?? null,
    })),
  );
  return createProcessingContext({ secret: 'bench-key', entities });
}

/** The articles as incoming news items from 40 outlets. */
export function benchItems(articles: Article[]) {
  return articles.map((article, i) => ({
    url: `https://bench.vn/p/${i}`,
    title: article.title,
    text: article.text,
    publishedAt: '2026-11-01T00:00:00Z',
    source: `outlet-${i % 40}.vn`,
    kind: 'news' as const,
  }));
}

async function benchProcessing(articles: Article[], warmUpArticles: Article[]): Promise<void> {
  const context = benchContext();
  const queries = buildQueries(articles, 1000);
  const index = new QueryIndex(queries);
  const docs = benchItems(articles);
  // Warm-up on other articles than the measured ones (model decoding, JIT): a worker that has run a while has
  // compiled the paths rarer articles take; with 200 articles, ≈ 60 functions were still being (re)compiled on
  // V8's threads during the measured loop (≈ 0.3 CPU-s per 20,000 articles, `node --trace-opt`).
  for (const doc of [...benchItems(warmUpArticles), ...docs.slice(0, 200)]) {
    const result = processDocument(doc, context);
    if (result.ok) index.match(toMatchable(result.document));
  }
  const bytes = docs.reduce((sum, doc) => sum + Buffer.byteLength(doc.text), 0);
  // The machine's speed just before and after the loop (issue 5's Aho-Corasick reference, ~200 MB/s "here"): the
  // cores' speed changes from minute to minute, and a figure means little without it.
  const [scanBefore] = await benchAhoCorasick({ layouts: [true] });
  let matches = 0;
  let processMs = 0;
  let matchMs = 0;
  const garbage = watchGarbageCollection();
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  for (const doc of docs) {
    const t0 = performance.now();
    const result = processDocument(doc, context);
    const t1 = performance.now();
    if (result.ok) matches += index.match(toMatchable(result.document)).length;
    processMs += t1 - t0;
    matchMs += performance.now() - t1;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const collections = await garbage.stop();
  const [scanAfter] = await benchAhoCorasick({ layouts: [true] });
  // The language-core analysis alone, on exactly the input processDocument gives it: cleaned title and text with
  // their token streams (tokenised outside the clock).
  const analyze = context.analyze;
  let analysisMs = 0;
  for (const doc of docs) {
    const title = cleanText(doc.title);
    const text = cleanText(doc.text);
    const titleTokens = tokenizeForMatching(title);
    const textTokens = tokenizeForMatching(text);
    const t0 = performance.now();
    analyze({ title, text, titleTokens, textTokens, foldedTokens: [] });
    analysisMs += performance.now() - t0;
  }
  const rate = (ms: number) => Math.round(docs.length / (ms / 1000));
  const share = (ms: number) => `${Math.round((ms / (processMs + matchMs)) * 100)}%`;
  const restMs = Math.max(0, processMs - analysisMs);
  console.log(
    `processing: ${docs.length} articles (avg ${Math.round(bytes / docs.length)} B), one core, after ${warmUpArticles.length + 200} to warm up, ${seconds.toFixed(2)} s wall clock (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`,
  );
  console.log(
    `  end to end: ${Math.round(docs.length / cpuSeconds)} docs per CPU-second (${Math.round(docs.length / seconds)} docs/s wall clock): normalise, language, canonical URL, hash, SimHash, entities, topic+sentiment, 1,000 queries`,
  );
  console.log(
    `  garbage collection during the loop: ${collections.young} young (${collections.youngMs.toFixed(0)} ms), ${collections.full} full (${collections.fullMs.toFixed(0)} ms); old generation +${(collections.oldGrowth / docs.length / 1024).toFixed(1)} KB an article (short-lived objects promoted show here)`,
  );
  const scanRate = (line: string | undefined) => /: (\d+) MB\/s median/.exec(line ?? '')?.[1] ?? '?';
  console.log(
    `  machine: the Aho-Corasick reference scanned ${scanRate(scanBefore)} MB/s before the loop and ${scanRate(scanAfter)} MB/s after (issue 5: ~200 MB/s; npm run bench:machine)`,
  );
  console.log(`  per stage (docs/s on one core, share of the time):`);
  console.log(`    language-core topic+sentiment  ${rate(analysisMs)} docs/s (${share(analysisMs)})`);
  console.log(
    `    rest of processDocument         ${rate(restMs)} docs/s (${share(restMs)}) — cleanup, tokens, hash, language, SimHash, entities, lexemes`,
  );
  console.log(
    `    matching 1,000 saved queries    ${rate(matchMs)} docs/s (${share(matchMs)}) — ${(matches / docs.length).toFixed(2)} matches per document against ${index.size} queries`,
  );
  console.log(
    `summary: processing, one core: ${Math.round(docs.length / cpuSeconds)} docs/CPU-s end to end (topic+sentiment ${rate(analysisMs)}/s, rest of processing ${rate(restMs)}/s, matching ${rate(matchMs)}/s; Aho-Corasick reference ${scanRate(scanBefore)}/${scanRate(scanAfter)} MB/s)`,
  );
}

/**
 * Matching alone against growing numbers of saved queries (issue 5: "thousands of queries must not slow the
 * stream much"): CPU µs per processed article, best of three passes.
 */
function benchQueryCounts(articles: Article[], counts: number[]): void {
  const context = benchContext();
  const documents = [];
  for (const item of benchItems(articles.slice(0, 2000))) {
    const result = processDocument(item, context);
    if (result.ok) documents.push(toMatchable(result.document));
  }
  for (const count of counts) {
    const index = new QueryIndex(buildQueries(articles, count));
    for (const document of documents.slice(0, 200)) index.match(document);
    let best = Infinity;
    let matches = 0;
    for (let pass = 0; pass < 3; pass++) {
      matches = 0;
      const cpu0 = process.cpuUsage();
      for (const document of documents) matches += index.match(document).length;
      const cpu = process.cpuUsage(cpu0);
      best = Math.min(best, (cpu.user + cpu.system) / documents.length);
    }
    console.log(
      `matching ${index.size} saved queries: ${best.toFixed(1)} µs CPU per article, ${(matches / documents.length).toFixed(1)} matches per article (${documents.length} articles)`,
    );
  }
}

if (import.meta.filename === process.argv[1] || process.argv[1]?.endsWith('monitoring-processing.ts')) {
  const processDocs = Number(process.env.BENCH_PROCESS_DOCS ?? 5000);
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`,
  );
  // BENCH_WARMUP_DOCS (default 2,000) more articles, after the measured ones, warm the pipeline up
  const warmUpDocs = Number(process.env.BENCH_WARMUP_DOCS ?? 2000);
  const loaded = await loadArticles(processDocs + warmUpDocs);
  const articles = loaded.slice(0, processDocs);
  // BENCH_QUERY_COUNTS=1000,5000,10000 measures matching alone at those numbers of saved queries instead.
  const queryCounts = process.env.BENCH_QUERY_COUNTS?.split(',').map(Number);
  if (queryCounts) benchQueryCounts(articles, queryCounts);
  else await benchProcessing(articles, loaded.slice(processDocs));
}
