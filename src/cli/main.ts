import { Command } from 'commander';
import { closeDatabase } from '../platform/db';
import { stopJobs } from '../platform/jobs';
import { reportFailure } from './output';
import { register as registerFoundation } from './commands/foundation';
import { register as registerDocuments } from './commands/documents';
import { register as registerNetwork } from './commands/network';
import { register as registerMonitor } from './commands/monitor';
import { register as registerSurveys } from './commands/surveys';
import { register as registerNlp } from './commands/nlp';
import { register as registerTrends } from './commands/trends';
import { register as registerIncidents } from './commands/incidents';
import { register as registerLegal } from './commands/legal';

const program = new Command();
program.name('nhip').description('Nhịp command line: the same functions as the API, with --json output').showHelpAfterError();
registerFoundation(program);
registerDocuments(program);
registerMonitor(program);
registerNetwork(program);
registerSurveys(program);
registerNlp(program);
registerTrends(program);
registerIncidents(program);
registerLegal(program);
// Module commands register here, one line each.

const isJson = process.argv.includes('--json');
const isServe = process.argv[2] === 'serve';
try {
  await program.parseAsync(process.argv);
  if (!isServe) {
    await stopJobs();
    await closeDatabase();
  }
} catch (error) {
  await stopJobs().catch(() => undefined);
  await closeDatabase().catch(() => undefined);
  reportFailure(error, isJson);
}
