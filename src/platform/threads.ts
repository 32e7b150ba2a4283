import { Worker } from 'node:worker_threads';

const BOOT = new URL('./ts-thread.mjs', import.meta.url);

/**
 * Starts a worker thread running the TypeScript module at `moduleUrl` (e.g. `new URL('./x-thread.ts',
 * import.meta.url)`); `data` reaches it as `workerData.data`.
 */
export function startTypeScriptThread(moduleUrl: URL, data: unknown): Worker {
  return new Worker(BOOT, { workerData: { module: moduleUrl.href, data } });
}
