import { sql } from 'drizzle-orm';
import { getDb } from '../../../platform/db';

/**
 * Reserves the next start of a request to `host` for every worker process sharing the database (0211): the host's
 * next start moves on by `intervalMs` from the later of itself and now, in one statement. Returns how long to wait
 * before starting (0 when the host was free), measured on the database's clock as the reservations are.
 */
export async function reserveHostStart(host: string, intervalMs: number): Promise<number> {
  const db = await getDb();
  const seconds = intervalMs / 1000;
  const { rows } = await db.execute(sql`
    INSERT INTO monitoring_host_starts AS h (host, next_start_at)
    VALUES (${host}, clock_timestamp() + make_interval(secs => ${seconds}))
    ON CONFLICT (host) DO UPDATE
      SET next_start_at = greatest(h.next_start_at, clock_timestamp()) + make_interval(secs => ${seconds})
    RETURNING greatest(0, extract(epoch FROM h.next_start_at - clock_timestamp()) * 1000 - ${intervalMs})::float8 AS wait_ms`);
  return Number((rows[0] as { wait_ms: number }).wait_ms);
}

/**
 * Politeness per host: at least `minIntervalMs` between request starts to one host across all worker processes
 * (each start reserved in PostgreSQL by `reserveStart`), and at most `concurrency` requests at a time to it per
 * process. Sources of one outlet are separate queue jobs (one per feed), so two workers would otherwise each keep
 * their own pace with the same host.
 */
export class HostLimiter {
  private readonly hosts = new Map<string, { active: number; waiting: (() => void)[] }>();
  constructor(
    private readonly concurrency = 2,
    private readonly minIntervalMs = 500,
    private readonly reserveStart: (host: string, intervalMs: number) => Promise<number> = reserveHostStart,
  ) {}

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const state = this.hosts.get(host) ?? { active: 0, waiting: [] };
    this.hosts.set(host, state);
    while (state.active >= this.concurrency) await new Promise<void>((resolve) => state.waiting.push(resolve));
    state.active++;
    try {
      const wait = await this.reserveStart(host, this.minIntervalMs);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
      return await task();
    } finally {
      state.active--;
      if (state.active === 0 && state.waiting.length === 0) this.hosts.delete(host);
      else state.waiting.shift()?.();
    }
  }
}
