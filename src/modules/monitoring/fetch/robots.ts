import robotsParser from 'robots-parser';
import { fetchUrl, FetchError, USER_AGENT, type FetchOptions, type FetchResult } from './http';

const TTL_MS = 60 * 60_000;
const cache = new Map<string, { robots: ReturnType<typeof robotsParser> | null; fetchedAt: number }>();

/**
 * Whether robots.txt of the URL's origin lets our crawler fetch it (cached per origin for an hour).
 * A missing robots.txt (4xx) allows everything; an unreachable one (5xx, 429, network) disallows for now,
 * as RFC 9309 §2.3.1.4 recommends. `via` makes the request (the host's politeness: its slots, its pace, its
 * Retry-After); a host deferred for long fails with `FetchError` DEFERRED rather than reading as disallowed.
 */
export async function isAllowedByRobots(
  url: string,
  options: Pick<FetchOptions, 'allowedHosts'> & {
    via?: (url: string, request: () => Promise<FetchResult>) => Promise<FetchResult>;
  },
): Promise<boolean> {
  const origin = new URL(url).origin;
  let entry = cache.get(origin);
  if (!entry || Date.now() - entry.fetchedAt > TTL_MS) {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const request = () =>
        fetchUrl(robotsUrl, { allowedHosts: options.allowedHosts, maxBytes: 500_000, timeoutMs: 10_000, accept: 'text/plain' });
      const response = await (options.via ? options.via(robotsUrl, request) : request());
      entry = { robots: robotsParser(robotsUrl, response.body), fetchedAt: Date.now() };
    } catch (error) {
      if (error instanceof FetchError && error.reason === 'DEFERRED') throw error;
      // 429 is the host asking to slow down, not a missing file
      const status = error instanceof FetchError && error.reason === 'HTTP_STATUS' ? (error.status ?? 0) : 0;
      const isMissing = status >= 400 && status < 500 && status !== 429;
      if (!isMissing) return false;
      entry = { robots: null, fetchedAt: Date.now() };
    }
    cache.set(origin, entry);
  }
  return entry.robots ? entry.robots.isAllowed(url, USER_AGENT) !== false : true;
}

/** Forgets cached robots.txt files (tests). */
export function clearRobotsCache(): void {
  cache.clear();
}
