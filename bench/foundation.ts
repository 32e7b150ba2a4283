/**
 * Foundation figures: time from `npm start` to ready on an existing data dir, and throughput / p95 latency /
 * memory of an authenticated list endpoint under load from a second process (autocannon).
 * Run: npm run bench:foundation
 */
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort } from './bench-database';

async function waitReady(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`not ready: ${url}`);
}

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nhip-bench-'));
fs.chmodSync(dataDir, 0o755);
const port = await freePort();
const env = {
  ...process.env,
  NHIP_DATA_DIR: dataDir,
  PORT: String(port),
  NHIP_EMBEDDED_PG_PORT: String(await freePort()),
  LOG_LEVEL: 'warn',
};

/** Every process of a process group (the `npm start` tree), from /proc. */
function processGroup(pgid: number): { pid: number; cmdline: string }[] {
  const members: { pid: number; cmdline: string }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may contain spaces): state ppid pgrp …
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      members.push({ pid: Number(entry), cmdline: fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ') });
    } catch {
      /* the process ended while we looked */
    }
  }
  return members;
}

/** The Node process that runs the server inside the `npm start` tree (npm → sh → tsx → node). */
function serverPid(pgid: number): number {
  const server = processGroup(pgid).find((p) => p.cmdline.includes('src/server/main.ts') && p.cmdline.includes('loader.mjs'));
  if (!server) throw new Error('server process not found in the npm start process group');
  return server.pid;
}

function start() {
  const started = performance.now();
  // Exactly the README's command; its own process group so that the whole tree can be found and stopped.
  const child = spawn('npm', ['start', '--silent'], { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  runningGroup = child.pid;
  return { child, started };
}
async function stop(server: ReturnType<typeof start>) {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  // SIGTERM to the server itself, as a process manager would: it stops the jobs and the embedded database.
  process.kill(serverPid(server.child.pid!), 'SIGTERM');
  await exited;
  const deadline = Date.now() + 30_000;
  while (processGroup(server.child.pid!).length > 0) {
    if (Date.now() > deadline) throw new Error('the npm start tree did not exit within 30 s of SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  runningGroup = undefined;
}
// A failed run must not leave a server and its database behind.
process.on('exit', () => {
  if (runningGroup) for (const member of processGroup(runningGroup)) process.kill(member.pid, 'SIGKILL');
});
let runningGroup: number | undefined;
const progress = (message: string) => process.stderr.write(`bench:foundation: ${message}\n`);

// First start initialises the data dir; the figure that matters is a restart on an existing one.
progress(`first start on an empty data dir ${dataDir}`);
let server = start();
await waitReady(`http://127.0.0.1:${port}/healthz`);
const firstStartMs = performance.now() - server.started;
await stop(server);
progress('restart on the existing data dir');
server = start();
await waitReady(`http://127.0.0.1:${port}/healthz`);
const restartMs = performance.now() - server.started;

execFileSync(
  'node',
  [
    'bin/nhip.js',
    'users',
    'create',
    '--email',
    'bench@example.gov.vn',
    '--org',
    'van-phong-chinh-phu',
    '--role',
    'administrator',
    '--password-stdin',
  ],
  {
    env,
    input: 'bench-password-long\n',
  },
);
const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'bench@example.gov.vn', password: 'bench-password-long' }),
});
if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
const cookie = login.headers
  .getSetCookie()
  .map((c) => c.split(';')[0])
  .join('; ');

const pid = serverPid(server.child.pid!);
const probe = await fetch(`http://127.0.0.1:${port}/api/organizations?kind=province&on=2026-11-25`, { headers: { cookie } });
const rows = ((await probe.json()) as unknown[]).length;
if (!probe.ok || rows !== 34)
  throw new Error(`the measured endpoint answered ${probe.status} with ${rows} rows, expected 34 provinces`);
progress('load: 20 connections for 10 s');
// autocannon reports p97.5 but not p95: record every response time and take the percentile ourselves.
const latencies: number[] = [];
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon(
    {
      url: `http://127.0.0.1:${port}/api/organizations?kind=province&on=2026-11-25`,
      headers: { cookie },
      connections: 20,
      duration: 10,
    },
    (error: unknown, finished) =>
      error ? reject(error instanceof Error ? error : new Error('autocannon failed')) : resolve(finished),
  );
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
});
latencies.sort((a, b) => a - b);
const percentile = (q: number) =>
  Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
const rss = rssKb(pid);
await stop(server);
fs.rmSync(dataDir, { recursive: true, force: true });

const figures = {
  firstStartToReadyMs: Math.round(firstStartMs),
  restartToReadyMs: Math.round(restartMs),
  endpoint: 'GET /api/organizations?kind=province&on=… (authenticated, 34 rows)',
  requestsPerSecond: Math.round(result.requests.average),
  latencyP50Ms: percentile(0.5),
  latencyP95Ms: percentile(0.95),
  latencyP99Ms: percentile(0.99),
  non2xx: result.non2xx,
  serverRssMb: Math.round(rss / 1024),
  machine: `${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at the end`,
};
console.log(JSON.stringify(figures, null, 2));
