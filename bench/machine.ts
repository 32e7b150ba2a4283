/**
 * The machine's speed, measured the way issue 5 states its two reference figures ("here"):
 *  1. a typed-array Aho-Corasick in Node scans ~200 MB/s (1,000 phrases over UTF-8 news text);
 *  2. a plain COPY of 2 KB rows reaches ~50,000 rows/s (a logged table without indexes).
 * The shared cores of this machine change speed from hour to hour; printed next to the monitoring figures, these
 * say how fast the machine was when they were measured. They never replace the targets.
 * Run: npm run bench:machine   (BENCH_COPY_ROWS, default 100,000; own embedded PostgreSQL under $TMPDIR unless
 * DATABASE_URL is set)
 */
import os from 'node:os';
import path from 'node:path';
import { from as copyFrom } from 'pg-copy-streams';
import { loadArticles } from './vntc-articles';
import { useBenchDatabaseIn } from './bench-database';

const benchDir = process.env.BENCH_DATA_DIR ?? path.join(os.tmpdir(), 'nhip-bench-machine');
await useBenchDatabaseIn(benchDir);
process.env.LOG_LEVEL ??= 'warn';
const { getDatabase, closeDatabase } = await import('../src/platform/db');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * A byte-level Aho-Corasick automaton as a full DFA: `next[state * 256 + byte]` is the state after the byte
 * (failure links folded in), `hits[state]` the number of patterns ending there.
 */
export function buildAhoCorasick(patterns: Uint8Array[]): { next: Int32Array; hits: Int32Array } {
  let capacity = 1 + patterns.reduce((sum, pattern) => sum + pattern.length, 0);
  const trie = new Int32Array(capacity * 256).fill(-1);
  const hits = new Int32Array(capacity);
  let states = 1;
  for (const pattern of patterns) {
    let state = 0;
    for (const byte of pattern) {
      const at = state * 256 + byte;
      if (trie[at] === -1) trie[at] = states++;
      state = trie[at]!;
    }
    hits[state]!++;
  }
  capacity = states;
  const next = trie.subarray(0, capacity * 256);
  const fail = new Int32Array(capacity);
  const queue = new Int32Array(capacity);
  let head = 0;
  let tail = 0;
  for (let byte = 0; byte < 256; byte++) {
    const child = next[byte]!;
    if (child === -1) next[byte] = 0;
    else queue[tail++] = child; // fail of depth-1 states is the root (0)
  }
  while (head < tail) {
    const state = queue[head++]!;
    hits[state]! += hits[fail[state]!]!;
    for (let byte = 0; byte < 256; byte++) {
      const at = state * 256 + byte;
      const child = next[at]!;
      const fallback = next[fail[state]! * 256 + byte]!;
      if (child === -1) next[at] = fallback;
      else {
        fail[child] = fallback;
        queue[tail++] = child;
      }
    }
  }
  return { next, hits: hits.subarray(0, capacity) };
}

function countMatches(automaton: { next: Int32Array; hits: Int32Array }, text: Uint8Array): number {
  const { next, hits } = automaton;
  let state = 0;
  let found = 0;
  for (let k = 0; k < text.length; k++) {
    state = next[state * 256 + text[k]!]!;
    found += hits[state]!;
  }
  return found;
}

async function benchAhoCorasick(): Promise<string> {
  const articles = await loadArticles(4000);
  const text = new TextEncoder().encode(articles.map((article) => article.text.normalize('NFC').toLowerCase()).join('\n'));
  // 1,000 distinct two-word phrases spread over the corpus (entity and query phrases are this long)
  const words = articles.flatMap((article) => article.text.normalize('NFC').toLowerCase().split(/\s+/));
  const phrases = new Set<string>();
  for (let k = 0; phrases.size < 1000 && k + 1 < words.length; k += 97) phrases.add(`${words[k]} ${words[k + 1]}`);
  const automaton = buildAhoCorasick([...phrases].map((phrase) => new TextEncoder().encode(phrase)));
  // The automaton must find what a naive search finds (on a slice: the naive search is slow), or its speed means nothing.
  const sample = text.subarray(0, 200_000);
  const sampleText = Buffer.from(sample).toString('latin1');
  let naive = 0;
  for (const phrase of phrases) {
    const needle = Buffer.from(phrase).toString('latin1');
    for (let at = sampleText.indexOf(needle); at !== -1; at = sampleText.indexOf(needle, at + 1)) naive++;
  }
  const automatonCount = countMatches(automaton, sample);
  if (automatonCount !== naive)
    throw new Error(`Aho-Corasick found ${automatonCount} matches where a naive search finds ${naive}`);
  countMatches(automaton, text); // warm-up
  const rates: number[] = [];
  let found = 0;
  for (let round = 0; round < 7; round++) {
    const started = performance.now();
    found = countMatches(automaton, text);
    rates.push(text.length / 1e6 / ((performance.now() - started) / 1000));
  }
  const line = `Aho-Corasick (typed-array DFA, 1,000 phrases, ${(text.length / 1e6).toFixed(1)} MB of UTF-8 news text, ${found} matches): ${Math.round(median(rates))} MB/s median of 7 (${Math.round(Math.min(...rates))}–${Math.round(Math.max(...rates))}); issue 5's reference ~200 MB/s`;
  console.log(line);
  return line;
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
    await client.query('CREATE TABLE bench_plain_copy (id bigint, body text)');
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
    const line = `plain COPY of 2 KB rows (logged table, no index, 1,000 rows a statement, ${Math.round(bytes / rows)} B a row): ${Math.round(rows / seconds)} rows/s over ${rows} rows; issue 5's reference ~50,000 rows/s`;
    console.log(line);
    return line;
  } finally {
    client.release();
  }
}

console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}`,
);
const lines = [await benchAhoCorasick(), await benchPlainCopy(Number(process.env.BENCH_COPY_ROWS ?? 100_000))];
await closeDatabase();
console.log(`summary:\n  ${lines.join('\n  ')}`);
