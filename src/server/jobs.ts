import type { JobDefinition } from '../platform/jobs';
import * as accounts from '../modules/accounts';
import * as surveys from '../modules/surveys';
import * as documents from '../modules/documents';

/** Every module's background jobs, in one registry (workers consume them, the scheduler fires their crons). */
export const allJobs: readonly JobDefinition<never>[] = [
  ...(accounts.jobs as unknown as JobDefinition<never>[]),
  ...(surveys.jobs as unknown as JobDefinition<never>[]),
  ...(documents.jobs as unknown as JobDefinition<never>[]),
];
