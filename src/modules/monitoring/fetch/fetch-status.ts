/**
 * A fetch's outcome as `monitoring_sources.last_status` keeps it, one short text (`ok`, `ok (3 item errors)`,
 * `not-modified`, `failed: TIMEOUT`, `failed`), and read back into its parts for the API, so that no reader parses
 * the text itself. Pure: the web's types come from here through the contract.
 */

/** Why a fetch failed as a whole: `FetchError`'s reasons, and `PARSE` for a feed that is not one. */
export const fetchFailureReasons = [
  'TOO_LARGE',
  'TOO_MANY_REDIRECTS',
  'TIMEOUT',
  'HTTP_STATUS',
  'BLOCKED',
  'NETWORK',
  'BAD_URL',
  'DEFERRED',
  'PARSE',
] as const;
export type FetchFailureReason = (typeof fetchFailureReasons)[number];

export const fetchOutcomes = ['ok', 'notModified', 'failed'] as const;

export interface FetchStatus {
  outcome: (typeof fetchOutcomes)[number];
  /** Set only for a failure whose cause is known (a database failure, for one, has none). */
  failureReason: FetchFailureReason | null;
  /** Entries of a run that went through which could not be stored (a page not read, a bad item). */
  itemErrors: number;
}

const OUTCOME_TEXT = { ok: 'ok', notModified: 'not-modified', failed: 'failed' } as const;

export function encodeFetchStatus({ outcome, failureReason, itemErrors }: FetchStatus): string {
  const base = failureReason ? `${OUTCOME_TEXT[outcome]}: ${failureReason}` : OUTCOME_TEXT[outcome];
  return itemErrors ? `${base} (${itemErrors} item errors)` : base;
}

/** The parts of a stored status; null for none yet, or a text no version of the fetcher wrote. */
export function decodeFetchStatus(text: string | null): FetchStatus | null {
  const match = text === null ? null : /^(ok|not-modified|failed)(?:: ([A-Z_]+))?(?: \((\d+) item errors\))?$/.exec(text);
  if (!match) return null;
  const outcome = match[1] === 'not-modified' ? 'notModified' : (match[1] as 'ok' | 'failed');
  const reason = match[2] ?? null;
  if (reason !== null && !(fetchFailureReasons as readonly string[]).includes(reason)) return null;
  return { outcome, failureReason: reason as FetchFailureReason | null, itemErrors: Number(match[3] ?? 0) };
}

/** The parts as a source's `health` gives them: nulls and no item errors when the text is none or unknown. */
export function fetchStatusFields(text: string | null): {
  outcome: FetchStatus['outcome'] | null;
  failureReason: FetchFailureReason | null;
  itemErrors: number;
} {
  const status = decodeFetchStatus(text);
  return { outcome: status?.outcome ?? null, failureReason: status?.failureReason ?? null, itemErrors: status?.itemErrors ?? 0 };
}
