import path from 'node:path';
import readline from 'node:readline';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { enqueueJob } from '../../platform/jobs';
import { uniqueSuffix } from '../../../test/factories';
import { ingestItemsJob } from './jobs';

/** A real worker process, as a scale-out deployment runs it (`nhip serve --roles worker`), and the jobs it reports done. */
interface WorkerProcess {
  child: ChildProcess;
  ready: Promise<void>;
  jobsDone: string[];
}

/** `nhip` as a deployment starts it: the CLI through tsx. */
const tsx = path.resolve(import.meta.dirname, '../../../node_modules/.bin/tsx');
const cli = path.resolve(import.meta.dirname, '../../cli/main.ts');

const workers: WorkerProcess[] = [];

function startWorkerProcess(): WorkerProcess {
  // debug level: the worker logs one `job done` line (pino JSON) per finished job, with its id. Only the ingest
  // queue: test files running at the same time leave their own jobs for themselves.
  const child = spawn(tsx, [cli, 'serve', '--roles', 'worker'], {
    env: { ...process.env, LOG_LEVEL: 'debug', NHIP_WORKER_JOBS: ingestItemsJob.name },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const worker: WorkerProcess = { child, jobsDone: [], ready: Promise.resolve() };
  worker.ready = new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: { msg?: string; job?: string; id?: string };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return; // not a log line (the first-user hint)
      }
      if (entry.msg?.startsWith('Nhịp ready')) resolve();
      if (entry.msg === 'job done' && entry.job === ingestItemsJob.name && entry.id) worker.jobsDone.push(entry.id);
    });
  });
  workers.push(worker);
  return worker;
}

afterAll(async () => {
  await Promise.all(
    workers.map(
      ({ child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve(null);
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
});

describe('scale-out', () => {
  it('two worker processes share one ingest queue: every job runs once, every document is stored once, overlapping items included', async () => {
    const first = startWorkerProcess();
    const second = startWorkerProcess();
    await Promise.all([first.ready, second.ready]);

    const suffix = uniqueSuffix();
    const source = `chia-tai-${suffix}.vn`;
    const item = (index: number) => ({
      url: `https://${source}/bai-${index}.html`,
      title: `Bản tin ${index} về cải cách thủ tục hành chính`,
      text: `Bài số ${index}: tỉnh triển khai dịch vụ công trực tuyến, mã ${index * 7919} và ${index * 104729}, giảm thời gian chờ của người dân.`,
      publishedAt: new Date(Date.UTC(2026, 10, 2, 0, index)).toISOString(),
      source,
      kind: 'news' as const,
    });
    // 12 jobs of 40 items; each job repeats the last 10 items of the one before, so jobs that run at the same
    // time on the two processes race to store the same documents.
    const jobCount = 12;
    const jobIds: string[] = [];
    for (let job = 0; job < jobCount; job++) {
      const items = Array.from({ length: 40 }, (_, k) => item(job * 30 + k));
      const id = await enqueueJob(ingestItemsJob, { items, sourceId: null, organizationId: null });
      jobIds.push(id!);
    }
    const distinctItems = (jobCount - 1) * 30 + 40;

    const deadline = Date.now() + 90_000;
    const done = () => [...first.jobsDone, ...second.jobsDone].filter((id) => jobIds.includes(id));
    while (done().length < jobCount && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));

    // Each job finished exactly once, and both processes took jobs from the queue.
    expect([...done()].sort()).toEqual([...jobIds].sort());
    expect(first.jobsDone.length).toBeGreaterThan(0);
    expect(second.jobsDone.length).toBeGreaterThan(0);
    // No job needed a retry, and each document is stored once.
    const db = await getDb();
    const retried = await db.execute(
      sql`SELECT count(*)::int AS n FROM pgboss.job WHERE id = ANY(${`{${jobIds.join(',')}}`}::uuid[]) AND (state <> 'completed' OR retry_count > 0)`,
    );
    expect((retried.rows[0] as { n: number }).n).toBe(0);
    const stored = await db.execute(
      sql`SELECT count(*)::int AS n, count(DISTINCT canonical_url)::int AS urls FROM monitoring_documents WHERE source_key = ${`chia tai ${suffix} vn`}`,
    );
    expect(stored.rows[0]).toEqual({ n: distinctItems, urls: distinctItems });
  });

  it('refuses to start a worker for a job name it does not know', async () => {
    const child = spawn(tsx, [cli, 'serve', '--roles', 'worker'], {
      env: { ...process.env, NHIP_WORKER_JOBS: `${ingestItemsJob.name},monitoring.no-such-job` },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(stderr).toContain('NHIP_WORKER_JOBS names unknown jobs: monitoring.no-such-job');
  });
});
