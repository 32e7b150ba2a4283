import { z } from 'zod';
import { defineJob, enqueueJob } from '../../platform/jobs';
import { runTrendsPipeline } from './pipeline';
import { deliverAlertJob, sweepPendingDeliveries } from './delivery-job';
import { sendScheduledBriefs } from './briefs';

/** Seconds between two passes while the worker runs: bounds the delay from a stored mention to its alert. */
const TICK_SECONDS = 2;

/**
 * Rolls up new mentions and runs the detectors, then schedules its own next run a couple of seconds later
 * (the singleton key keeps exactly one pending). The per-minute cron restarts the chain if a worker died.
 */
export const processMentionsJob = defineJob({
  name: 'trends.process-mentions',
  schema: z.object({}).passthrough(),
  handler: async () => {
    try {
      await runTrendsPipeline();
    } finally {
      await enqueueJob(processMentionsJob, {}, { singletonKey: 'trends.tick', startAfter: TICK_SECONDS });
    }
  },
  cron: '* * * * *',
  cronPayload: {},
  retryLimit: 1,
  expireInSeconds: 10 * 60,
});

/** Every minute: re-enqueue deliveries whose jobs ran out of retries or whose worker died (never lost). */
export const sweepDeliveriesJob = defineJob({
  name: 'trends.sweep-deliveries',
  schema: z.object({}).passthrough(),
  handler: async () => {
    await sweepPendingDeliveries();
  },
  cron: '* * * * *',
  cronPayload: {},
  retryLimit: 0,
});

/** Daily briefs at 07:00 Vietnam time (00:00 UTC); weekly ones on Mondays at the same time. */
export const sendBriefsJob = defineJob({
  name: 'trends.send-briefs',
  schema: z.object({}).passthrough(),
  handler: async () => {
    await sendScheduledBriefs({});
  },
  cron: '0 0 * * *',
  cronPayload: {},
  retryLimit: 3,
  retryDelaySeconds: 300,
  expireInSeconds: 30 * 60,
});

export const trendsJobs = [processMentionsJob, deliverAlertJob, sweepDeliveriesJob, sendBriefsJob];
