/**
 * `npm run bench`: runs every bench script in turn and prints their figures.
 * Each part can also be run alone (`npm run bench:<part>`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const parts = [
  'machine',
  'foundation',
  'text',
  'extract',
  'documents',
  'monitoring-processing',
  'monitoring',
  'trends',
  'topic-learning',
];
const { scripts } = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
let failed = 0;
for (const part of parts) {
  const script = `bench:${part}`;
  if (!scripts[script]) continue;
  console.log(`\n=== ${script} ===`);
  const result = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
