import robotsParser from 'robots-parser';
import { fetchUrl, FetchError, USER_AGENT, type FetchOptions } from './http';

const TTL_MS = 60 * 60_000;
const cache = new Map<string, { robots: ReturnType<typeof robotsParser> | null; fetchedAt: number }>();

/**
 * Whether robots.txt of the URL's origin lets our crawler fetch it (cached per origin for an hour).
 * A missing robots.txt (4xx) allows everything; an unreachable one (5xx, network) disallows for now,
 * as RFC 9309 §2.3.1.4 recommends.
 */
export async function isAllowedByRobots(url: string, options: Pick<FetchOptions, 'allowedHosts'>): Promise<boolean> {
  const origin = new URL(url).origin;
  let entry = cache.get(origin);
  if (!entry || Date.now() - entry.fetchedAt > TTL_MS) {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const response = await fetchUrl(robotsUrl, { ...options, maxBytes: 500_000, timeoutMs: 10_000, accept: 'text/plain' });
      entry = { robots: robotsParser(robotsUrl, response.body), fetchedAt: Date.now() };
    } catch (error) {
      const isMissing =
        error instanceof FetchError && error.reason === 'HTTP_STATUS' && (error.status ?? 0) >= 400 && (error.status ?? 0) < 500;
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
