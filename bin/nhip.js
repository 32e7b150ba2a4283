#!/usr/bin/env node
// The `nhip` command: runs the TypeScript CLI through tsx, so that `npx nhip …` needs no build step.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

register();
const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/cli/main.ts');
await import(entry);
