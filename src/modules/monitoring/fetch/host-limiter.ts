import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { getDb } from '../../../platform/db';
import { logger } from '../../../platform/logger';
import { FetchError, type FetchResult } from './http';

/** A slot of a host's open requests held by one fetch (`claimHostStart`). */
export interface HostLease {
  slot: number;
  holder: string;
}

/** What `claimHostStart` found: a slot and how long to wait for the start it reserved, all slots held, or a deferral. */
export type HostClaim =
  { kind: 'claimed'; lease: HostLease; waitMs: number } | { kind: 'busy' } | { kind: 'deferred'; waitMs: number };

/**
 * One statement for every worker process sharing the database: unless the host asked to be left alone until later
 * (`deferHostStarts`, 0214), claims a free slot of its `concurrency` open requests (0212) and reserves the request's
 * start (0211): the host's next start moves on by `intervalMs` from the later of itself and now. A slot is free when
 * no row holds it or its holder's lease has expired (a killed process); of two claims of one free slot at once, the
 * second finds the row just written and gets nothing (and asks again later). Times are on the database's clock.
 */
export async function claimHostStart(host: string, concurrency: number, leaseMs: number, intervalMs: number): Promise<HostClaim> {
  const db = await getDb();
  const holder = randomUUID();
  // claims made at once by several processes mostly try different free slots first
  const firstSlot = Math.floor(Math.random() * concurrency);
  const interval = sql`make_interval(secs => ${intervalMs / 1000})`;
  const { rows } = await db.execute(sql`
    WITH deferral AS (
      SELECT deferred_until FROM monitoring_host_starts WHERE host = ${host} AND deferred_until > clock_timestamp()
    ), claim AS (
      INSERT INTO monitoring_host_leases AS l (host, slot, holder, expires_at)
      SELECT ${host}, s, ${holder}::uuid, clock_timestamp() + make_interval(secs => ${leaseMs / 1000})
      FROM generate_series(0, ${concurrency - 1}::int) AS s
      WHERE NOT EXISTS (SELECT 1 FROM deferral) AND NOT EXISTS (
        SELECT 1 FROM monitoring_host_leases h WHERE h.host = ${host} AND h.slot = s AND h.expires_at > clock_timestamp())
      ORDER BY (s + ${firstSlot}::int) % ${concurrency}::int
      LIMIT 1
      ON CONFLICT (host, slot) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
        WHERE l.expires_at <= clock_timestamp()
      RETURNING slot
    ), start AS (
      INSERT INTO monitoring_host_starts AS h (host, next_start_at)
      SELECT ${host}, clock_timestamp() + ${interval} FROM claim
      ON CONFLICT (host) DO UPDATE SET next_start_at = greatest(h.next_start_at, clock_timestamp()) + ${interval}
      RETURNING greatest(0, extract(epoch FROM h.next_start_at - clock_timestamp()) * 1000 - ${intervalMs})::float8 AS wait_ms
    )
    SELECT (SELECT slot FROM claim) AS slot, (SELECT wait_ms FROM start) AS wait_ms,
      (SELECT extract(epoch FROM deferred_until - clock_timestamp()) * 1000 FROM deferral)::float8 AS deferred_ms`);
  const row = rows[0] as { slot: number | null; wait_ms: number | null; deferred_ms: number | null };
  if (row.deferred_ms !== null) return { kind: 'deferred', waitMs: Math.max(0, Number(row.deferred_ms)) };
  if (row.slot === null) return { kind: 'busy' };
  return { kind: 'claimed', lease: { slot: Number(row.slot), holder }, waitMs: Number(row.wait_ms) };
}

/** Keeps a claimed slot held for `leaseMs` more (a long fetch; a killed process stops renewing and its slot frees). */
export async function renewHostSlot(host: string, lease: HostLease, leaseMs: number): Promise<void> {
  const db = await getDb();
  await db.execute(sql`
    UPDATE monitoring_host_leases SET expires_at = clock_timestamp() + make_interval(secs => ${leaseMs / 1000})
    WHERE host = ${host} AND slot = ${lease.slot} AND holder = ${lease.holder}::uuid`);
}

/** Frees a slot claimed by `claimHostStart` (unless its lease expired and another fetch holds it now). */
export async function releaseHostSlot(host: string, lease: HostLease): Promise<void> {
  const db = await getDb();
  await db.execute(sql`
    DELETE FROM monitoring_host_leases WHERE host = ${host} AND slot = ${lease.slot} AND holder = ${lease.holder}::uuid`);
}

/**
 * No worker process starts a request to `host` for `ms` (it answered 429 or 503 with Retry-After); a later deferral
 * already recorded stands.
 */
export async function deferHostStarts(host: string, ms: number): Promise<void> {
  const db = await getDb();
  const until = sql`clock_timestamp() + make_interval(secs => ${ms / 1000})`;
  await db.execute(sql`
    INSERT INTO monitoring_host_starts AS h (host, next_start_at, deferred_until) VALUES (${host}, clock_timestamp(), ${until})
    ON CONFLICT (host) DO UPDATE SET deferred_until = greatest(h.deferred_until, ${until})`);
}

export interface HostLimiterOptions {
  /** How long a claimed slot stays held without renewal (renewed every third of it while the request runs). */
  leaseMs?: number;
  /** How often a fetch that found every slot held by other processes asks again. */
  pollMs?: number;
  /** A host deferred for longer than this fails the request at once (`FetchError` DEFERRED) instead of waiting. */
  maxDeferralWaitMs?: number;
}

/**
 * Politeness per host across all worker processes: at most `concurrency` requests open to a host (slots leased in
 * PostgreSQL and renewed while a request runs) and at least `minIntervalMs` between their starts (each start reserved
 * there), and no request while the host's Retry-After lasts. Sources of one outlet are separate queue jobs (one per
 * feed), so workers would otherwise each keep their own pace with the same host. Within a process, waiting fetches
 * queue for the host's slots in order and ask the database again only when one of them frees a slot or after
 * `pollMs` (another process's slot). Wrap one attempt, not a retry loop: a backoff must not hold a slot.
 */
export class HostLimiter {
  private readonly hosts = new Map<string, { active: number; waiting: (() => void)[] }>();
  constructor(
    private readonly concurrency = 2,
    private readonly minIntervalMs = 500,
    private readonly options: HostLimiterOptions = {},
  ) {}

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const { leaseMs = 30_000, pollMs = 250, maxDeferralWaitMs = 30_000 } = this.options;
    const state = this.hosts.get(host) ?? { active: 0, waiting: [] };
    this.hosts.set(host, state);
    // this process's share first (no database round trips for fetches that would find every slot held by it)
    while (state.active >= this.concurrency) await new Promise<void>((resolve) => state.waiting.push(resolve));
    state.active++;
    try {
      let claim = await claimHostStart(host, this.concurrency, leaseMs, this.minIntervalMs);
      while (claim.kind !== 'claimed') {
        if (claim.kind === 'deferred' && claim.waitMs > maxDeferralWaitMs)
          throw new FetchError(
            'DEFERRED',
            `${host} asked not to be fetched for ${Math.ceil(claim.waitMs / 1000)} s more (Retry-After)`,
            undefined,
            claim.waitMs,
          );
        await sleep(claim.kind === 'deferred' ? Math.ceil(claim.waitMs) : pollMs);
        claim = await claimHostStart(host, this.concurrency, leaseMs, this.minIntervalMs);
      }
      const { lease, waitMs } = claim;
      const renewal = setInterval(() => {
        renewHostSlot(host, lease, leaseMs).catch((error: Error) =>
          logger.warn({ host, err: error.message }, 'host slot renewal failed'),
        );
      }, leaseMs / 3);
      renewal.unref();
      try {
        if (waitMs > 0) await sleep(Math.ceil(waitMs));
        return await task();
      } finally {
        clearInterval(renewal);
        await releaseHostSlot(host, lease);
      }
    } finally {
      state.active--;
      if (state.active === 0 && state.waiting.length === 0) this.hosts.delete(host);
      else state.waiting.shift()?.();
    }
  }
}

/**
 * One request to `url`'s host under the host's politeness (`HostLimiter.run`); a 429 or 503 with Retry-After defers
 * the host for every worker process before the slot is given back.
 */
export function politeRequest(limiter: HostLimiter, url: string, request: () => Promise<FetchResult>): Promise<FetchResult> {
  const host = new URL(url).host;
  return limiter.run(host, async () => {
    try {
      return await request();
    } catch (error) {
      if (error instanceof FetchError && error.reason === 'HTTP_STATUS' && error.retryAfterMs)
        await deferHostStarts(host, error.retryAfterMs);
      throw error;
    }
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
