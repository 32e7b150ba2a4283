import type { MonitoringSource } from './types';

/**
 * A source's last fetch read for people: a locale key under `sources.statuses`, a colour, and the count of entries
 * that failed in a run that otherwise went through. A status text no version of the fetcher wrote keeps its text.
 * @example describeSourceStatus({ lastStatus: 'failed: DEFERRED', outcome: 'failed', failureReason: 'DEFERRED', itemErrors: 0 })
 * // { key: 'DEFERRED', raw: 'failed: DEFERRED', tone: 'orange', itemErrors: 0 }
 */
export interface SourceStatus {
  /** Key under `sources.statuses`, or null to show `raw` as it is. */
  key: string | null;
  raw: string;
  tone: 'green' | 'yellow' | 'orange' | 'red' | 'gray';
  itemErrors: number;
}

type Health = Pick<MonitoringSource['health'], 'lastStatus' | 'outcome' | 'failureReason' | 'itemErrors'>;

export function describeSourceStatus({ lastStatus, outcome, failureReason, itemErrors }: Health): SourceStatus {
  const raw = lastStatus ?? '';
  if (outcome === 'ok' || outcome === 'notModified')
    return { key: outcome, raw, tone: itemErrors ? 'yellow' : 'green', itemErrors };
  // a host's Retry-After is a pause it asked for, not a fault of the source
  if (outcome === 'failed')
    return { key: failureReason ?? 'failed', raw, tone: failureReason === 'DEFERRED' ? 'orange' : 'red', itemErrors };
  return { key: null, raw, tone: 'gray', itemErrors };
}
