import { serve, type ServerType } from '@hono/node-server';
import { env } from '../platform/env';
import { logger } from '../platform/logger';
import { closeDatabase } from '../platform/db';
import { getBoss, startScheduler, startWorkers, stopJobs, type JobDefinition } from '../platform/jobs';
import * as accounts from '../modules/accounts';
import { createApp, readiness } from './app';
import { prepareDatabase } from './boot';
import { allJobs } from './jobs';

export type Role = 'web' | 'worker' | 'cron';

/** Starts the given roles in this process and stops them cleanly on SIGTERM/SIGINT/SIGHUP. */
export async function startServer(roles: Role[]): Promise<{ port: number | undefined; stop: () => Promise<void> }> {
  const started = performance.now();
  await prepareDatabase();
  let server: ServerType | undefined;
  let port: number | undefined;
  if (roles.includes('worker') || roles.includes('cron')) {
    await getBoss({ schedule: roles.includes('cron'), supervise: true });
  }
  if (roles.includes('worker')) await startWorkers(workerJobs());
  if (roles.includes('cron')) await startScheduler(allJobs as JobDefinition<never>[]);
  if (roles.includes('web')) {
    const app = createApp();
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: env.http.port, hostname: env.http.host }, (info) => {
        port = info.port;
        resolve();
      });
    });
  }
  readiness.isReady = true;
  logger.info(
    { roles, port, ms: Math.round(performance.now() - started) },
    `Nhịp ready${port ? ` on http://localhost:${port}` : ''}`,
  );
  if ((await accounts.countUsers()) === 0) {
    console.log(
      '\nNo user exists yet. Create the first administrator with:\n' +
        '  echo "a-long-password" | npx nhip users create --email admin@example.gov.vn --org van-phong-chinh-phu --role administrator --password-stdin\n',
    );
  }
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      logger.info('shutting down');
      readiness.isReady = false;
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await stopJobs();
      await closeDatabase();
      logger.info('stopped');
    })();
    return stopping;
  };
  return { port, stop };
}

/** The jobs this process's worker role takes: all, or those NHIP_WORKER_JOBS names (an unknown name is an error). */
function workerJobs(): JobDefinition<never>[] {
  const jobs = allJobs as JobDefinition<never>[];
  const names = env.jobs.workerJobs;
  if (!names) return jobs;
  const unknown = names.filter((name) => !jobs.some((job) => job.name === name));
  if (unknown.length > 0) throw new Error(`NHIP_WORKER_JOBS names unknown jobs: ${unknown.join(', ')}`);
  return jobs.filter((job) => names.includes(job.name));
}

/** Entry for `npm start` and `nhip serve`: runs until a signal arrives. */
export async function runUntilSignal(roles: Role[]): Promise<void> {
  const { stop } = await startServer(roles);
  const onSignal = (signal: string) => {
    logger.info({ signal }, 'signal received');
    const forced = setTimeout(() => process.exit(1), 30_000);
    forced.unref();
    void stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGHUP', () => onSignal('SIGHUP'));
}

export function parseRoles(value: string | string[]): Role[] {
  const list = (Array.isArray(value) ? value : value.split(',')).map((r) => r.trim()).filter(Boolean);
  for (const role of list) {
    if (role !== 'web' && role !== 'worker' && role !== 'cron') throw new Error(`Unknown role "${role}" (use web, worker, cron)`);
  }
  return list as Role[];
}
