/**
 * A source's last fetch status as stored by the fetcher (`ok`, `ok (3 item errors)`, `not-modified`,
 * `failed: TIMEOUT`, …) read for people: a locale key under `sources.statuses`, a colour, and the count of entries
 * that failed in a run that otherwise went through. Unknown statuses keep their text.
 * @example describeSourceStatus('failed: DEFERRED') // { key: 'DEFERRED', tone: 'orange', itemErrors: 0 }
 */
export interface SourceStatus {
  /** Key under `sources.statuses`, or null to show `raw` as it is. */
  key: string | null;
  raw: string;
  tone: 'green' | 'yellow' | 'orange' | 'red' | 'gray';
  itemErrors: number;
}

const FAILURES = new Set(['TOO_LARGE', 'TOO_MANY_REDIRECTS', 'TIMEOUT', 'HTTP_STATUS', 'BLOCKED', 'NETWORK', 'BAD_URL', 'PARSE']);

export function describeSourceStatus(raw: string): SourceStatus {
  const [, base = raw, count] = /^(.*?)(?: \((\d+) item errors\))?$/.exec(raw) ?? [];
  const itemErrors = Number(count ?? 0);
  if (base === 'ok' || base === 'not-modified')
    return { key: base === 'ok' ? 'ok' : 'notModified', raw, tone: itemErrors ? 'yellow' : 'green', itemErrors };
  if (base === 'failed') return { key: 'failed', raw, tone: 'red', itemErrors };
  const reason = base.startsWith('failed: ') ? base.slice('failed: '.length) : null;
  // a host's Retry-After is a pause it asked for, not a fault of the source
  if (reason === 'DEFERRED') return { key: reason, raw, tone: 'orange', itemErrors };
  if (reason && FAILURES.has(reason)) return { key: reason, raw, tone: 'red', itemErrors };
  return { key: null, raw, tone: 'gray', itemErrors };
}
