import { env } from '../platform/env';
import { logger } from '../platform/logger';
import { parseRoles, runUntilSignal } from './serve';

// `npm start` runs web, worker and scheduler in one process; `--roles worker` runs a worker alone.
const rolesFlag = process.argv.indexOf('--roles');
const roles = parseRoles(rolesFlag >= 0 ? (process.argv[rolesFlag + 1] ?? '') : env.roles);
runUntilSignal(roles).catch((error: unknown) => {
  logger.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
