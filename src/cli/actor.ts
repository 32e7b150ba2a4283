import { systemActor, type Actor } from '../platform/actor';

/** Who the CLI acts as: the system, recorded in the audit log as coming from the command line. */
export const cliActor: Actor = { ...systemActor, via: 'cli' };
