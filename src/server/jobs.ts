import type { JobDefinition } from '../platform/jobs';
import * as accounts from '../modules/accounts';
import * as documents from '../modules/documents';
import * as monitoring from '../modules/monitoring';
import * as network from '../modules/network';
import * as surveys from '../modules/surveys';
import * as trends from '../modules/trends';
import * as incidents from '../modules/incidents';

/** Every module's background jobs, in one registry (workers consume them, the scheduler fires their crons). */
export const allJobs: readonly JobDefinition<never>[] = [
  ...(accounts.jobs as unknown as JobDefinition<never>[]),
  ...(documents.jobs as unknown as JobDefinition<never>[]),
  ...(monitoring.jobs as unknown as JobDefinition<never>[]),
  ...(network.jobs as unknown as JobDefinition<never>[]),
  ...(surveys.jobs as unknown as JobDefinition<never>[]),
  ...(trends.jobs as unknown as JobDefinition<never>[]),
  ...(incidents.jobs as unknown as JobDefinition<never>[]),
];
