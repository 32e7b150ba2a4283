import type { JobDefinition } from '../platform/jobs';
import * as accounts from '../modules/accounts';

/** Every module's background jobs, in one registry (workers consume them, the scheduler fires their crons). */
export const allJobs: readonly JobDefinition<never>[] = [
  ...(accounts.jobs as unknown as JobDefinition<never>[]),
];
