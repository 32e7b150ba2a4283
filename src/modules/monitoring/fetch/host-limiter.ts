import { randomUUID } from 'node:crypto';
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

/** A slot of a host's open requests held by one fetch (`claimHostSlot`). */
export interface HostLease {
  slot: number;
  holder: string;
}

/**
 * Claims a free slot of `host`'s `concurrency` open requests for every worker process sharing the database (0212), or
 * null when all are held. A slot is free when no row holds it or its holder's lease (`leaseMs`) has expired (a killed
 * process); of two claims of one free slot at once, the second finds the row just written and gets nothing (and
 * asks again later).
 */
export async function claimHostSlot(host: string, concurrency: number, leaseMs: number): Promise<HostLease | null> {
  const db = await getDb();
  const holder = randomUUID();
  // claims made at once by several processes mostly try different free slots first
  const firstSlot = Math.floor(Math.random() * concurrency);
  const { rows } = await db.execute(sql`
    INSERT INTO monitoring_host_leases AS l (host, slot, holder, expires_at)
    SELECT ${host}, s, ${holder}::uuid, clock_timestamp() + make_interval(secs => ${leaseMs / 1000})
    FROM generate_series(0, ${concurrency - 1}::int) AS s
    WHERE NOT EXISTS (
      SELECT 1 FROM monitoring_host_leases h WHERE h.host = ${host} AND h.slot = s AND h.expires_at > clock_timestamp())
    ORDER BY (s + ${firstSlot}::int) % ${concurrency}::int
    LIMIT 1
    ON CONFLICT (host, slot) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
      WHERE l.expires_at <= clock_timestamp()
    RETURNING slot`);
  const claimed = rows[0] as { slot: number } | undefined;
  return claimed ? { slot: Number(claimed.slot), holder } : null;
}

/** Frees a slot claimed by `claimHostSlot` (unless its lease expired and another fetch holds it now). */
export async function releaseHostSlot(host: string, lease: HostLease): Promise<void> {
  const db = await getDb();
  await db.execute(sql`
    DELETE FROM monitoring_host_leases WHERE host = ${host} AND slot = ${lease.slot} AND holder = ${lease.holder}::uuid`);
}

/**
 * Politeness per host across all worker processes: at most `concurrency` requests open to a host (slots leased in
 * PostgreSQL for `leaseMs`, longer than a fetch with its retries) and at least `minIntervalMs` between their starts
 * (each start reserved there). Sources of one outlet are separate queue jobs (one per feed), so workers would
 * otherwise each keep their own pace with the same host. Within a process, waiting fetches queue for the host's
 * slots in order and ask the database again only when one of them frees a slot or after `pollMs` (another
 * process's slot).
 */
export class HostLimiter {
  private readonly hosts = new Map<string, { active: number; waiting: (() => void)[] }>();
  constructor(
    private readonly concurrency = 2,
    private readonly minIntervalMs = 500,
    private readonly options: { leaseMs?: number; pollMs?: number } = {},
  ) {}

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const { leaseMs = 5 * 60_000, pollMs = 250 } = this.options;
    const state = this.hosts.get(host) ?? { active: 0, waiting: [] };
    this.hosts.set(host, state);
    // this process's share first (no database round trips for fetches that would find every slot held by it)
    while (state.active >= this.concurrency) await new Promise<void>((resolve) => state.waiting.push(resolve));
    state.active++;
    try {
      let lease = await claimHostSlot(host, this.concurrency, leaseMs);
      while (!lease) {
        await new Promise((resolve) => setTimeout(resolve, pollMs));
        lease = await claimHostSlot(host, this.concurrency, leaseMs);
      }
      try {
        const wait = await reserveHostStart(host, this.minIntervalMs);
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait)));
        return await task();
      } finally {
        await releaseHostSlot(host, lease);
      }
    } finally {
      state.active--;
      if (state.active === 0 && state.waiting.length === 0) this.hosts.delete(host);
      else state.waiting.shift()?.();
    }
  }
}
