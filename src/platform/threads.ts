import { Worker } from 'node:worker_threads';

const BOOT = new URL('./ts-thread.mjs', import.meta.url);

/**
 * Starts a worker thread running the TypeScript module at `moduleUrl` (e.g. `new URL('./x-thread.ts',
 * import.meta.url)`); `data` reaches it as `workerData.data`. `maxHeapMb` caps the thread's old-generation heap
 * (V8 otherwise lets each thread's garbage grow to the size it allows the whole process).
 */
export function startTypeScriptThread(moduleUrl: URL, data: unknown, options: { maxHeapMb?: number } = {}): Worker {
  return new Worker(BOOT, {
    workerData: { module: moduleUrl.href, data },
    ...(options.maxHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb } } : {}),
  });
}
