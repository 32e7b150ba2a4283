import { z } from 'zod';
import { defineJob } from '../../platform/jobs';
import { purgeExpiredSessions } from './sessions';

/** Hourly removal of expired sessions and month-old sign-in attempts. */
export const purgeSessionsJob = defineJob({
  name: 'accounts.purge-sessions',
  schema: z.object({}).passthrough(),
  cron: '17 * * * *',
  handler: async () => purgeExpiredSessions(),
});

export const accountJobs = [purgeSessionsJob];
