import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from './db';
import { z } from 'zod';
import { defineJob, enqueueJob, getBoss, startScheduler } from './jobs';
import { slowJob } from '../../test/fixtures/slow-job';
import { waitFor } from '../../test/wait';

const children: ChildProcess[] = [];
function startWorker(): Promise<ChildProcess> {
  const child = spawn('npx', ['tsx', 'test/fixtures/slow-job.ts', 'work'], {
    env: { ...process.env, NHIP_JOBS_MAINTENANCE_SECONDS: '1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('worker ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
  });
}

afterAll(() => {
  for (const child of children) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

describe('background jobs', () => {
  it('retries a job whose worker was killed mid-way, and its effect happens once', async () => {
    const db = await getDb();
    await db.execute(sql`CREATE TABLE IF NOT EXISTS test_job_attempts (id serial PRIMARY KEY, key text NOT NULL)`);
    await db.execute(sql`CREATE TABLE IF NOT EXISTS test_job_effects (key text PRIMARY KEY, attempt_id int NOT NULL)`);
    const key = `k-${Date.now()}`;
    const first = await startWorker();
    await enqueueJob(slowJob, { key });
    await waitFor(
      async () => {
        const rows = await db.execute(sql`SELECT 1 FROM test_job_attempts WHERE key = ${key}`);
        return rows.rows.length > 0 ? true : undefined;
      },
      { timeoutMs: 30_000 },
    );
    // Kill -9 the whole worker process group mid-job: no chance to clean up.
    process.kill(-first.pid!, 'SIGKILL');
    await startWorker();
    const effect = await waitFor(
      async () => {
        const rows = await db.execute(sql`SELECT attempt_id FROM test_job_effects WHERE key = ${key}`);
        return rows.rows[0] as { attempt_id: number } | undefined;
      },
      { timeoutMs: 60_000 },
    );
    const attempts = await db.execute(sql`SELECT id FROM test_job_attempts WHERE key = ${key} ORDER BY id`);
    expect(attempts.rows.length).toBeGreaterThanOrEqual(2);
    const effects = await db.execute(sql`SELECT count(*)::int AS n FROM test_job_effects WHERE key = ${key}`);
    expect((effects.rows[0] as { n: number }).n).toBe(1);
    expect(effect.attempt_id).toBe((attempts.rows[1] as { id: number }).id);
  }, 120_000);

  it('enqueues a singleton key once while its job waits, and again once that job has started', async () => {
    const db = await getDb();
    const key = `singleton-${Date.now()}`;
    // No worker consumes this queue, so the first job stays waiting.
    const probe = defineJob({ name: 'test.singleton-probe', schema: z.object({ key: z.string() }), handler: async () => {} });
    const first = await enqueueJob(probe, { key }, { singletonKey: key });
    expect(first).toEqual(expect.any(String));
    expect(await enqueueJob(probe, { key }, { singletonKey: key })).toBeNull();
    await db.transaction(async (tx) => expect(await enqueueJob(probe, { key }, { tx, singletonKey: key })).toBeNull());
    // Another key is independent.
    expect(await enqueueJob(probe, { key }, { singletonKey: `${key}-other` })).toEqual(expect.any(String));
    await db.execute(sql`UPDATE pgboss.job SET state = 'active' WHERE id = ${first}`);
    expect(await enqueueJob(probe, { key }, { singletonKey: key })).toEqual(expect.any(String));
    await db.execute(sql`DELETE FROM pgboss.job WHERE name = ${probe.name} AND singleton_key LIKE ${key + '%'}`);
  });

  it('enqueues a job marked runOnSchedulerStart when the scheduler starts, once however many schedulers start', async () => {
    const db = await getDb();
    const watcher = defineJob({
      name: 'test.scheduler-start-probe',
      schema: z.object({}),
      handler: async () => {},
      cron: '0 3 * * *',
      cronPayload: {},
      runOnSchedulerStart: true,
    });
    await startScheduler([watcher as never]);
    await startScheduler([watcher as never]);
    const rows = await db.execute(sql`SELECT state FROM pgboss.job WHERE name = ${watcher.name}`);
    expect(rows.rows).toEqual([{ state: 'created' }]);
    const boss = await getBoss();
    await boss.unschedule(watcher.name);
    await db.execute(sql`DELETE FROM pgboss.job WHERE name = ${watcher.name}`);
  });
});

describe('deployment secret', () => {
  it('hashes an identifier with the secret per purpose, never keeping the raw value', async () => {
    const { keyedHash } = await import('./secret');
    const a = await keyedHash('test-purpose', 'Nguyễn Văn A');
    expect(a).toBe(await keyedHash('test-purpose', '  nguyễn văn a '));
    expect(a).not.toContain('Nguy');
    expect(a).not.toBe(await keyedHash('test-purpose', 'Nguyễn Văn B'));
    expect(a).not.toBe(await keyedHash('other-purpose', 'Nguyễn Văn A'));
  });
});
