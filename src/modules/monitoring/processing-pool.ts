import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startTypeScriptThread } from '../../platform/threads';
import type { IncomingDocument } from './contracts';
import type { EntityEntry } from './entities';
import type { BatchResult } from './ingest';
import type { PreparedBatch } from './prepare';
import type { ProcessedDocument } from './process';
import type { QueryRegistry, SavedQueryRow } from './query/registry';
import type { LearnedModels } from './active-models';

/** What a processing thread is started with: the source's ids and the shared services' data. */
export interface ThreadSetup {
  sourceId: string | null;
  organizationId: string | null;
  /** Deployment secret of the author pseudonyms. */
  secret: string;
  entities: EntityEntry[];
  /** The models learned from corrections in use (`learning.ts`). */
  learned?: LearnedModels;
}

export interface ThreadRequest {
  id: number;
  items: readonly IncomingDocument[];
  /** Sent when the thread has not seen this set of saved queries yet. */
  queries?: { stamp: string; rows: readonly SavedQueryRow[] };
}

export type ThreadReply =
  | {
      id: number;
      ok: true;
      documents: ProcessedDocument[];
      matchedQueries: string[][];
      duplicates: number;
      rejected: BatchResult['rejected'];
    }
  | { id: number; ok: false; message: string };

/** Processing threads a bulk import uses by default: one per core, at most four (the database needs cores too). */
export function defaultProcessingThreads(): number {
  return Math.min(4, os.availableParallelism());
}

/**
 * Old-generation heap of one processing thread: the models, the token tables and one batch in progress: 94–132 MB
 * used over 30 batches of VNTC articles (measured); the cap keeps a long import's memory flat instead of letting garbage grow per thread.
 */
const THREAD_HEAP_MB = 384;

interface Thread {
  worker: Worker;
  /** Stamp of the saved queries this thread has. */
  stamp: string | null;
  busy: number;
}

/**
 * Worker threads that process and match batches (`prepareBatch`) in parallel, for bulk imports: the calling
 * thread parses input and stores batches meanwhile. Results are the same as `prepareBatch` on the calling
 * thread (the same code, models and saved queries); a thread that fails fails the batches it holds.
 */
export class ProcessingPool {
  private readonly threads: Thread[];
  private readonly pending = new Map<
    number,
    { thread: Thread; resolve: (reply: ThreadReply) => void; reject: (error: Error) => void }
  >();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(size: number, setup: ThreadSetup) {
    this.threads = Array.from({ length: Math.max(1, size) }, () => {
      const thread: Thread = {
        worker: startTypeScriptThread(new URL('./processing-thread.ts', import.meta.url), setup, { maxHeapMb: THREAD_HEAP_MB }),
        stamp: null,
        busy: 0,
      };
      thread.worker.on('message', (reply: ThreadReply) => {
        const waiting = this.pending.get(reply.id);
        if (!waiting) return;
        this.pending.delete(reply.id);
        thread.busy--;
        waiting.resolve(reply);
      });
      const fail = (error: Error) => {
        this.failure ??= error;
        for (const [id, waiting] of this.pending) {
          if (waiting.thread !== thread) continue;
          this.pending.delete(id);
          waiting.reject(error);
        }
      };
      thread.worker.on('error', fail);
      thread.worker.on('exit', (code) => fail(new Error(`processing thread exited with code ${code}`)));
      return thread;
    });
  }

  get size(): number {
    return this.threads.length;
  }

  /** `prepareBatch` of `items` on the least busy thread. */
  async prepare(items: readonly IncomingDocument[], registry: QueryRegistry): Promise<PreparedBatch> {
    if (this.failure) throw this.failure;
    const thread = this.threads.reduce((best, candidate) => (candidate.busy < best.busy ? candidate : best));
    const request: ThreadRequest = { id: this.nextId++, items };
    if (thread.stamp !== registry.stamp) {
      request.queries = { stamp: registry.stamp, rows: registry.rows };
      thread.stamp = registry.stamp;
    }
    thread.busy++;
    const reply = await new Promise<ThreadReply>((resolve, reject) => {
      this.pending.set(request.id, { thread, resolve, reject });
      thread.worker.postMessage(request);
    });
    if (!reply.ok) throw new Error(reply.message);
    // structured cloning turns Buffers into plain Uint8Arrays
    for (const document of reply.documents)
      document.contentHash = Buffer.from(
        document.contentHash.buffer,
        document.contentHash.byteOffset,
        document.contentHash.byteLength,
      );
    return {
      documents: reply.documents,
      matchedQueries: reply.matchedQueries,
      registry,
      duplicates: reply.duplicates,
      rejected: reply.rejected,
    };
  }

  async close(): Promise<void> {
    this.failure ??= new Error('processing pool closed');
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }
}
