// `npm start` serves the built web app; build it once on a fresh clone (later starts skip this).
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

if (!existsSync('dist/web/index.html')) {
  console.log('Building the web app (first start only)…');
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
}
