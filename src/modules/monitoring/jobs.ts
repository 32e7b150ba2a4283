import { z } from 'zod';
import { defineJob } from '../../platform/jobs';
import { purgeSocialText } from './privacy';

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

export const monitoringJobs = [purgeSocialTextJob];
