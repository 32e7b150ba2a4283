import { z } from 'zod';
import { defineJob, enqueueJob } from '../../platform/jobs';
import { watchNewMentions } from './pipeline';
import { deliverAlertJob, deliverFreshAlerts, sweepPendingDeliveries } from './delivery-job';
import { notifyAlertAssigneeJob } from './assignee-notice';
import { sendScheduledBriefs } from './briefs';

/** How long one job watches for new mentions before handing over to the next one (well below its expiry). */
const WATCH_SECONDS = 15;

/**
 * Watches for newly stored documents and rolls them up and runs the detectors within a quarter second of their
 * commit (see `watchNewMentions`), delivering any alert raised at once; then hands over to a fresh job. Only the
 * job holding the watcher lock re-enqueues itself, so the per-minute cron (which restarts the chain if a worker
 * died) never multiplies chains.
 */
export const processMentionsJob = defineJob({
  name: 'trends.process-mentions',
  schema: z.object({}).passthrough(),
  handler: async () => {
    let isWatcher = false;
    try {
      isWatcher = await watchNewMentions({
        until: Date.now() + WATCH_SECONDS * 1000,
        onAlerts: async () => void (await deliverFreshAlerts()),
      });
    } finally {
      if (isWatcher) await enqueueJob(processMentionsJob, {}, { singletonKey: 'trends.tick' });
    }
  },
  cron: '* * * * *',
  cronPayload: {},
  // A fresh database would otherwise wait up to a minute for its first watcher.
  runOnSchedulerStart: true,
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

export const trendsJobs = [processMentionsJob, deliverAlertJob, sweepDeliveriesJob, sendBriefsJob, notifyAlertAssigneeJob];
