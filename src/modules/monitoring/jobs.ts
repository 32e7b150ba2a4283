import { z } from 'zod';
import { defineJob, enqueueJob } from '../../platform/jobs';
import { purgeSocialText } from './privacy';
import { claimDueSources, fetchSource } from './fetch/fetch-source';
import { incomingDocumentSchema } from './contracts';
import { ingestBatch, sweepOrphanSearchRows } from './ingest';
import { loadProcessingContext } from './services';
import { relabelDocumentsJob, resumeRelabelRunsJob } from './relabel';
import { importFileJob, tendImportsJob } from './file-imports';

/** Fetches one source; the singleton key per source keeps two workers from fetching it at once. */
export const fetchSourceJob = defineJob({
  name: 'monitoring.fetch-source',
  schema: z.object({ sourceId: z.string().uuid() }),
  handler: async ({ sourceId }) => {
    await fetchSource({ sourceId });
  },
  retryLimit: 2,
  retryDelaySeconds: 60,
  expireInSeconds: 10 * 60,
  concurrency: 4,
});

/**
 * Ingests a batch of pushed items in the background (large webhook pushes, split imports). Idempotent:
 * a retried or duplicated job stores nothing twice.
 */
export const ingestItemsJob = defineJob({
  name: 'monitoring.ingest-items',
  schema: z.object({
    items: z.array(incomingDocumentSchema).max(5000),
    sourceId: z.string().uuid().nullable().default(null),
    organizationId: z.string().nullable().default(null),
  }),
  handler: async ({ items, sourceId, organizationId }) => {
    const context = await loadProcessingContext({ sourceId, organizationId });
    await ingestBatch({ items, context });
  },
  retryLimit: 5,
  retryDelaySeconds: 5,
  concurrency: 2,
});

/** Every minute: claim the sources whose next run is due and enqueue their fetches. */
export const scheduleFetchesJob = defineJob({
  name: 'monitoring.schedule-fetches',
  schema: z.object({}).passthrough(),
  handler: async () => {
    for (const sourceId of await claimDueSources()) await enqueueFetch(sourceId);
  },
  cron: '* * * * *',
  cronPayload: {},
  retryLimit: 0,
});

/** Nightly purge of raw social text past the retention period (aggregates stay). */
export const purgeSocialTextJob = defineJob({
  name: 'monitoring.purge-social-text',
  schema: z.object({}).passthrough(),
  handler: async () => {
    await purgeSocialText();
  },
  cron: '17 2 * * *',
  cronPayload: {},
});

/** Hourly: search rows of batches whose process died between its two commits (see `sweepOrphanSearchRows`). */
export const sweepSearchRowsJob = defineJob({
  name: 'monitoring.sweep-search-rows',
  schema: z.object({}).passthrough(),
  handler: async () => {
    await sweepOrphanSearchRows();
  },
  cron: '23 * * * *',
  cronPayload: {},
});

/** Enqueues a fetch of a source unless one is already waiting. */
export function enqueueFetch(sourceId: string): Promise<string | null> {
  return enqueueJob(fetchSourceJob, { sourceId }, { singletonKey: `source:${sourceId}` });
}

export const monitoringJobs = [
  fetchSourceJob,
  scheduleFetchesJob,
  purgeSocialTextJob,
  sweepSearchRowsJob,
  ingestItemsJob,
  relabelDocumentsJob,
  resumeRelabelRunsJob,
  importFileJob,
  tendImportsJob,
];
