// End-to-end tests: starts the real server on free ports with a fresh data directory, creates an
// administrator with the real CLI, runs the browser journeys in e2e/*.spec.ts (Debian Chromium driven
// by playwright-core), then stops the server with SIGTERM and removes the data directory.
// Arguments are passed to vitest (`node scripts/run-e2e.mjs e2e/trends.spec.ts` runs one spec).
// It builds nothing: `npm test` builds the web app before; run `npm run build` first when running it alone.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsxBin = path.join(root, 'node_modules', '.bin', 'tsx');
const vitestBin = path.join(root, 'node_modules', '.bin', 'vitest');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function log(message) {
  console.log(`[e2e] ${message}`);
}

function run(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['pipe', 'inherit', 'inherit'], ...options });
    if (options?.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function waitForHealth(baseUrl, server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited early with code ${server.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`server not healthy after ${timeoutMs / 1000}s`);
}

async function stopServer(server) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  const timer = setTimeout(() => {
    log('server did not stop within 30 s; sending SIGKILL');
    server.kill('SIGKILL');
  }, 30_000);
  await exited;
  clearTimeout(timer);
}

async function main() {
  if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) {
    console.error('[e2e] dist/web is missing: run `npm run build` first');
    return 1;
  }
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    console.error(`[e2e] ${chromium} not found: install Debian's chromium (apt-get install -y chromium)`);
    return 1;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhip-e2e-'));
  const [port, pgPort] = [await freePort(), await freePort()];
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    NHIP_DATA_DIR: dataDir,
    NHIP_EMBEDDED_PG_PORT: String(pgPort),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    TZ: 'UTC',
  };
  delete env.DATABASE_URL;
  log(`starting server on ${baseUrl} (data ${dataDir}, embedded PostgreSQL on ${pgPort})`);
  const server = spawn(tsxBin, ['src/server/main.ts'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  let exitCode = 1;
  try {
    await waitForHealth(baseUrl, server, 240_000);
    log('server ready');
    const adminEmail = 'admin@e2e.nhip.test';
    const adminPassword = 'E2e-admin-password-2026';
    const created = await run(
      process.execPath,
      [
        'bin/nhip.js',
        'users',
        'create',
        '--email',
        adminEmail,
        '--org',
        'van-phong-chinh-phu',
        '--role',
        'administrator',
        '--name',
        'Quản trị E2E',
        '--password-stdin',
      ],
      { env, input: `${adminPassword}\n` },
    );
    if (created !== 0) throw new Error(`nhip users create failed with code ${created}`);
    log('administrator created; running journeys');
    exitCode = await run(vitestBin, ['run', '--config', 'e2e/vitest.config.ts', ...process.argv.slice(2)], {
      env: {
        ...env,
        E2E_BASE_URL: baseUrl,
        E2E_ADMIN_EMAIL: adminEmail,
        E2E_ADMIN_PASSWORD: adminPassword,
        CHROMIUM_PATH: chromium,
      },
    });
  } catch (error) {
    console.error(`[e2e] ${error instanceof Error ? error.message : String(error)}`);
    exitCode = 1;
  } finally {
    log('stopping server');
    await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  log(exitCode === 0 ? 'passed' : 'FAILED');
  return exitCode;
}

process.exitCode = await main();
