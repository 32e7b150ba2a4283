/** Writes the OpenAPI document to docs/openapi.json with sorted keys, so that API changes show in review. */
import fs from 'node:fs';
import { createApp } from '../src/server/app';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

const response = await createApp().request('/api/openapi.json');
const spec = (await response.json()) as unknown;
fs.writeFileSync('docs/openapi.json', JSON.stringify(sortKeys(spec), null, 2) + '\n');
console.log('wrote docs/openapi.json');
process.exit(0);
