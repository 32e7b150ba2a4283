/**
 * Foundation figures: time from `npm start` to ready on an existing data dir, and throughput / p95 latency /
 * memory of an authenticated list endpoint under load from a second process (autocannon).
 * Run: npm run bench:foundation
 */
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import autocannon from 'autocannon';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

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
const env = { ...process.env, NHIP_DATA_DIR: dataDir, PORT: String(port), NHIP_EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'warn' };

function start() {
  const started = performance.now();
  const child = spawn('npx', ['tsx', 'src/server/main.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  return { child, started };
}
async function stop(child: ReturnType<typeof spawn>) {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

// First start initialises the data dir; the figure that matters is a restart on an existing one.
let server = start();
await waitReady(`http://127.0.0.1:${port}/healthz`);
const firstStartMs = performance.now() - server.started;
await stop(server.child);
server = start();
await waitReady(`http://127.0.0.1:${port}/healthz`);
const restartMs = performance.now() - server.started;

execFileSync('node', ['bin/nhip.js', 'users', 'create', '--email', 'bench@example.gov.vn', '--org', 'van-phong-chinh-phu', '--role', 'administrator', '--password-stdin'], {
  env,
  input: 'bench-password-long\n',
});
const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'bench@example.gov.vn', password: 'bench-password-long' }),
});
const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

const pids = execFileSync('pgrep', ['-f', `src/server/main.ts`]).toString().trim().split('\n').map(Number);
const serverPid = pids.find((pid) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node')) ?? pids[0]!;
// autocannon reports p97.5 but not p95: record every response time and take the percentile ourselves.
const latencies: number[] = [];
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon(
    { url: `http://127.0.0.1:${port}/api/organizations?kind=province&on=2026-11-25`, headers: { cookie }, connections: 20, duration: 10 },
    (error: unknown, finished) => (error ? reject(error instanceof Error ? error : new Error('autocannon failed')) : resolve(finished)),
  );
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
});
latencies.sort((a, b) => a - b);
const percentile = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
const rss = rssKb(serverPid);
await stop(server.child);
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
};
console.log(JSON.stringify(figures, null, 2));
