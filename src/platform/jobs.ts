import PgBoss from 'pg-boss';
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { getDatabase, getDb, type Executor } from './db';
import { env } from './env';
import { logger } from './logger';

/** A background job: named `<module>.<verb-noun>`, validated payload, idempotent handler. */
export interface JobDefinition<Payload = unknown> {
  name: string;
  schema: z.ZodType<Payload>;
  handler: (payload: Payload, context: { jobId: string }) => Promise<void>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  /** Cron expression (UTC) for the scheduler role to enqueue this job periodically. */
  cron?: string;
  /** Payload used by the scheduler. */
  cronPayload?: Payload;
  /** Also enqueue it (once) when the scheduler starts, instead of waiting for the first cron tick. */
  runOnSchedulerStart?: boolean;
  /** Concurrent jobs of this kind per worker process. */
  concurrency?: number;
}

/** Declares a job with its types checked against its zod schema. */
export function defineJob<Payload>(definition: JobDefinition<Payload>): JobDefinition<Payload> {
  return definition;
}

let bossPromise: Promise<PgBoss> | undefined;
const createdQueues = new Set<string>();

/** Starts (once) the pg-boss client on the application database. */
export function getBoss(options: { schedule?: boolean; supervise?: boolean } = {}): Promise<PgBoss> {
  bossPromise ??= (async () => {
    const { url } = await getDatabase();
    const boss = new PgBoss({
      connectionString: url,
      schedule: options.schedule ?? false,
      supervise: options.supervise ?? true,
      maintenanceIntervalSeconds: env.jobs.maintenanceIntervalSeconds,
      max: 5,
    });
    boss.on('error', (error) => logger.warn({ err: error }, 'pg-boss error'));
    await boss.start();
    return boss;
  })();
  return bossPromise;
}

/** Advisory lock key under which queues are created (727001 guards migrations). */
const QUEUE_CREATION_LOCK = 727_002;

/**
 * Creates the job's queue if no process has yet. pg-boss's `create_queue` adds a partition of its job table;
 * two processes doing that at once (workers of a scale-out starting together) deadlock, and one of them dies
 * at start-up, so creation is serialised across processes by an advisory lock.
 */
async function ensureQueue(boss: PgBoss, definition: JobDefinition<never> | JobDefinition<unknown>): Promise<void> {
  if (createdQueues.has(definition.name)) return;
  if (!(await boss.getQueue(definition.name))) {
    const { pool } = await getDatabase();
    const lock = await pool.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [QUEUE_CREATION_LOCK]);
      if (!(await boss.getQueue(definition.name))) {
        await boss.createQueue(definition.name, {
          name: definition.name,
          retryLimit: definition.retryLimit ?? 5,
          retryDelay: definition.retryDelaySeconds ?? 10,
          retryBackoff: true,
          expireInSeconds: definition.expireInSeconds ?? 15 * 60,
        });
      }
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [QUEUE_CREATION_LOCK]).catch(() => undefined);
      lock.release();
    }
  }
  createdQueues.add(definition.name);
}

/** Lets pg-boss write its job row inside a Drizzle transaction, so job and data commit together. */
function drizzleExecutorForBoss(executor: Executor): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const chunks: SQL[] = [];
      const parts = text.split(/\$(\d+)/);
      for (let i = 0; i < parts.length; i++) {
        if (i % 2 === 0) chunks.push(sql.raw(parts[i] ?? ''));
        // Drizzle renders an undefined parameter as nothing (a syntax error); pg-boss leaves unset options undefined.
        else chunks.push(sql`${values[Number(parts[i]) - 1] ?? null}`);
      }
      const result = await executor.execute(sql.join(chunks, sql.raw('')));
      return { rows: (result as unknown as { rows: unknown[] }).rows };
    },
  };
}

const registry = new Map<string, JobDefinition<never>>();

/** Makes job definitions known to `enqueueJob` (validation) and to the worker. */
export function registerJobs(definitions: readonly JobDefinition<never>[]): void {
  for (const definition of definitions) registry.set(definition.name, definition);
}

/**
 * Enqueues a job. Pass `tx` to enqueue inside the caller's transaction (outbox semantics);
 * `singletonKey` makes a repeated enqueue of the same natural key a no-op while a job with that key is
 * waiting to run (created or retry; a running job may enqueue its own successor). pg-boss 10 enforces keys only on non-standard queue policies, so we check
 * ourselves (in the caller's transaction when given); two enqueues racing can still both pass, which is why
 * handlers stay idempotent.
 */
export async function enqueueJob<Payload>(
  definition: JobDefinition<Payload>,
  payload: Payload,
  options: { tx?: Executor; singletonKey?: string; startAfter?: Date | number } = {},
): Promise<string | null> {
  const data = definition.schema.parse(payload);
  const boss = await getBoss();
  await ensureQueue(boss, definition as JobDefinition<unknown>);
  if (options.singletonKey) {
    const executor = options.tx ?? (await getDb());
    const pending = await executor.execute(
      sql`SELECT 1 FROM pgboss.job WHERE name = ${definition.name} AND singleton_key = ${options.singletonKey} AND state IN ('created', 'retry') LIMIT 1`,
    );
    if ((pending as unknown as { rows: unknown[] }).rows.length > 0) return null;
  }
  return boss.send(definition.name, data as object, {
    singletonKey: options.singletonKey,
    startAfter: options.startAfter,
    ...(options.tx ? { db: drizzleExecutorForBoss(options.tx) } : {}),
  });
}

/** Starts consuming every registered job (the worker role). */
export async function startWorkers(definitions: readonly JobDefinition<never>[]): Promise<void> {
  const boss = await getBoss();
  for (const definition of definitions) {
    await ensureQueue(boss, definition);
    const concurrency = definition.concurrency ?? 1;
    for (let i = 0; i < concurrency; i++) {
      await boss.work(definition.name, { batchSize: 1, pollingIntervalSeconds: 1 }, async (jobs) => {
        for (const job of jobs) {
          const payload = definition.schema.parse(job.data);
          const started = Date.now();
          await definition.handler(payload as never, { jobId: job.id });
          logger.debug({ job: definition.name, id: job.id, ms: Date.now() - started }, 'job done');
        }
      });
    }
  }
}

/** Registers cron schedules (the scheduler role); pg-boss makes them fire once across machines. */
export async function startScheduler(definitions: readonly JobDefinition<never>[]): Promise<void> {
  const boss = await getBoss({ schedule: true });
  for (const definition of definitions) {
    if (!definition.cron) continue;
    await ensureQueue(boss, definition);
    await boss.schedule(definition.name, definition.cron, (definition.cronPayload ?? {}) as object, { tz: 'UTC' });
    if (definition.runOnSchedulerStart) {
      await enqueueJob(definition as unknown as JobDefinition<unknown>, definition.cronPayload ?? {}, {
        singletonKey: `${definition.name}:scheduler-start`,
      });
    }
  }
}

/** Stops taking jobs and waits for running ones to finish (graceful shutdown). */
export async function stopJobs(timeoutMs = 20_000): Promise<void> {
  if (!bossPromise) return;
  const stopping = bossPromise;
  const boss = await stopping;
  // The client stays current while running jobs finish: a job that enqueues its successor on the way out must
  // use it, not start a second client that would outlive the shutdown (and see the database stop under it).
  await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
  if (bossPromise === stopping) {
    bossPromise = undefined;
    createdQueues.clear();
  }
}
