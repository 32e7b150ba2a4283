/**
 * The machine's speed, measured the way issue 5 states its two reference figures ("here"):
 *  1. a typed-array Aho-Corasick in Node scans ~200 MB/s (1,000 phrases over UTF-8 news text);
 *  2. a plain COPY of 2 KB rows reaches ~50,000 rows/s (a logged table without indexes).
 * The shared cores of this machine change speed from hour to hour; printed next to the monitoring figures, these
 * say how fast the machine was when they were measured. They never replace the targets. A third figure, the cost of
 * a dependent read in tables of 0.25–64 MB, says where the cores' caches end, which is what processing feels.
 * Run: npm run bench:machine   (BENCH_COPY_ROWS, default 100,000; own embedded PostgreSQL under $TMPDIR unless
 * DATABASE_URL is set)
 */
import os from 'node:os';
import path from 'node:path';
import { from as copyFrom } from 'pg-copy-streams';
import { loadArticles } from './vntc-articles';
import { benchAhoCorasick } from './aho-corasick';
import { useBenchDatabaseIn } from './bench-database';
import { dependentReadNanoseconds } from './dependent-reads';

const benchDir = process.env.BENCH_DATA_DIR ?? path.join(os.tmpdir(), 'nhip-bench-machine');
await useBenchDatabaseIn(benchDir);
process.env.LOG_LEVEL ??= 'warn';
const { getDatabase, closeDatabase } = await import('../src/platform/db');

function benchDependentReads(): string {
  const figures = [0.25, 1, 4, 16, 64].map((megabytes) => `${megabytes} MB ${dependentReadNanoseconds(megabytes).toFixed(0)} ns`);
  return `dependent random reads (one cycle through the table, ns a read): ${figures.join(', ')}`;
}

async function benchPlainCopy(rows: number): Promise<string> {
  const articles = await loadArticles(1000);
  const bodies = articles.map((article) =>
    article.text.padEnd(1600, ' ').slice(0, 1600).replaceAll('\\', '\\\\').replaceAll('\t', ' ').replaceAll('\n', ' '),
  );
  const { pool } = await getDatabase();
  const client = await pool.connect();
  try {
    await client.query('DROP TABLE IF EXISTS bench_plain_copy');
    // rows stay inline and uncompressed, as the documents' rows do (migration 0201): a 2 KB row is past the TOAST
    // threshold, and pglz would otherwise compress every one (≈ 20,000 rows/s instead of ≈ 27,000 here)
    await client.query('CREATE TABLE bench_plain_copy (id bigint, body text) WITH (toast_tuple_target = 8160)');
    // The rows are encoded before the clock starts: the figure is PostgreSQL's, not the client's string work.
    const chunks: Buffer[] = [];
    for (let from = 0; from < rows + 1000; from += 1000) {
      const lines: string[] = [];
      for (let id = from; id < Math.min(from + 1000, rows + 1000); id++) lines.push(`${id}\t${bodies[id % bodies.length]}`);
      chunks.push(Buffer.from(lines.join('\n') + '\n'));
    }
    const copyChunk = async (chunk: Buffer) => {
      const stream = client.query(copyFrom('COPY bench_plain_copy (id, body) FROM STDIN'));
      const done = new Promise<void>((resolve, reject) => {
        stream.once('finish', () => resolve());
        stream.once('error', reject);
      });
      stream.end(chunk);
      await done;
    };
    await copyChunk(chunks.pop()!); // warm-up
    await client.query('TRUNCATE bench_plain_copy');
    const bytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    const started = performance.now();
    for (const chunk of chunks) await copyChunk(chunk);
    const seconds = (performance.now() - started) / 1000;
    await client.query('DROP TABLE bench_plain_copy');
    const line = `plain COPY of 2 KB rows (logged table, no index, rows inline, 1,000 rows a statement, ${Math.round(bytes / rows)} B a row): ${Math.round(rows / seconds)} rows/s over ${rows} rows; issue 5's reference ~50,000 rows/s`;
    console.log(line);
    return line;
  } finally {
    client.release();
  }
}

console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}`,
);
const scans = await benchAhoCorasick();
for (const line of scans) console.log(line);
const reads = benchDependentReads();
console.log(reads);
const lines = [...scans, reads, await benchPlainCopy(Number(process.env.BENCH_COPY_ROWS ?? 100_000))];
await closeDatabase();
console.log(`summary:\n  ${lines.join('\n  ')}`);
