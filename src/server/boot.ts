import { getDatabase } from '../platform/db';
import { runMigrations } from '../platform/migrate';
import { registerJobs, type JobDefinition } from '../platform/jobs';
import * as agencies from '../modules/agencies';
import * as legal from '../modules/legal';
import * as surveys from '../modules/surveys';
import { allJobs } from './jobs';

let prepared: Promise<void> | undefined;

/** Connects, migrates and seeds reference data: what every process (server, worker, CLI) needs first. */
export function prepareDatabase(): Promise<void> {
  prepared ??= (async () => {
    const { pool } = await getDatabase();
    await runMigrations(pool);
    await agencies.seedReferenceOrganizations();
    await legal.seedReferenceLegalDocuments();
    await surveys.seedSurveyTemplates();
    registerJobs(allJobs as JobDefinition<never>[]);
  })();
  return prepared;
}
