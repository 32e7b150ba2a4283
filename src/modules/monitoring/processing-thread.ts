import { parentPort, workerData } from 'node:worker_threads';
import { buildEntityMatcher } from './entities';
import { prepareBatch } from './prepare';
import { buildQueryRegistry, type QueryRegistry } from './query/registry';
import { createProcessingContext } from './process';
import type { ThreadRequest, ThreadReply, ThreadSetup } from './processing-pool';

/** One processing thread of `ProcessingPool`: processes and matches batches, nothing else (no database). */
const setup = (workerData as { data: ThreadSetup }).data;
const context = createProcessingContext({ ...setup, entities: buildEntityMatcher(setup.entities) });
let registry: QueryRegistry | undefined;

parentPort!.on('message', (request: ThreadRequest) => {
  let reply: ThreadReply;
  try {
    if (request.queries) registry = buildQueryRegistry(request.queries.rows, request.queries.stamp);
    if (!registry) throw new Error('processing thread: no saved queries sent');
    const { documents, matchedQueries, duplicates, rejected } = prepareBatch({ items: request.items, context, registry });
    reply = { id: request.id, ok: true, documents, matchedQueries, duplicates, rejected };
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(reply);
});
