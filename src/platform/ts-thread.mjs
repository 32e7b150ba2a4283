// Entry of a worker thread running a TypeScript module: the app runs under tsx, whose loader a worker thread
// does not inherit, so the thread registers it before importing the module named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
