import { getDatabase } from '../../platform/db';
import { logger } from '../../platform/logger';
import { rollUpNewMentions } from './rollups';
import { evaluateDirtyHours, evaluateDirtyStories, evaluateWatchedTerms } from './evaluate';

export interface PipelineResult {
  documents: number;
  mentions: number;
  alertsRaised: number;
  isCaughtUp: boolean;
}

/**
 * One pass: roll up new mentions and label changes (bounded number of batches), then run the detectors on what
 * changed.
 * Safe to run concurrently and repeatedly: every step takes its input under a lock and is idempotent.
 */
export async function runTrendsPipeline({
  now = new Date(),
  maxBatches = 10,
}: { now?: Date; maxBatches?: number } = {}): Promise<PipelineResult> {
  let documents = 0;
  let mentions = 0;
  let isCaughtUp = false;
  for (let i = 0; i < maxBatches; i++) {
    const batch = await rollUpNewMentions({ now });
    documents += batch.documents;
    mentions += batch.mentions;
    if (batch.documents === 0 && !batch.hasMoreLabelChanges) {
      isCaughtUp = true;
      break;
    }
  }
  let alertsRaised = 0;
  for (const step of [() => evaluateWatchedTerms({ now }), () => evaluateDirtyHours({ now }), () => evaluateDirtyStories()]) {
    for (let i = 0; i < maxBatches; i++) {
      const result = await step();
      alertsRaised += result.alertsRaised;
      if (result.hoursEvaluated === 0) break;
    }
  }
  return { documents, mentions, alertsRaised, isCaughtUp };
}

/** Advisory-lock key of the mention watcher: one watcher at a time across all worker processes. */
const WATCHER_LOCK = 0x7472656e; // 'tren'

export interface WatchOptions {
  /** Stop watching at this time (ms since epoch). */
  until: number;
  /** Pause between two checks while nothing is new. */
  idleMs?: number;
  /** Called after a pass that raised alerts (e.g. to deliver them at once). */
  onAlerts?: () => Promise<void>;
}

/**
 * Watches for new documents and runs the pipeline as soon as they are committed, until `until`: a check is one
 * indexed `max(id)` read, so polling every 250 ms costs nothing while the delay from a stored document to its
 * evaluation stays well under a second plus the pass itself. Returns false at once (without watching) when another
 * process already watches, so extra jobs never pile up.
 */
export async function watchNewMentions({ until, idleMs = 250, onAlerts }: WatchOptions): Promise<boolean> {
  const { pool } = await getDatabase();
  const client = await pool.connect();
  // A checked-out client has no pool error handler: without this, the database going away (shutdown, failover)
  // while the watcher holds its connection would crash the process with an unhandled 'error' event.
  let broken: Error | undefined;
  const handleError = (error: Error) => {
    broken = error;
    logger.warn({ err: error }, 'trends watcher lost its connection');
  };
  client.on('error', handleError);
  try {
    const locked = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [WATCHER_LOCK]);
    if (!locked.rows[0]?.ok) return false;
    try {
      while (Date.now() < until && !broken) {
        const state = await client.query<{ pending: boolean }>(
          `SELECT (SELECT coalesce(max(id), 0) FROM monitoring_documents) > (SELECT last_document_id FROM trends_watermarks WHERE name = 'mentions')
                  OR (SELECT coalesce(max(id), 0) FROM monitoring_label_changes) > (SELECT last_document_id FROM trends_watermarks WHERE name = 'labels')
                  OR EXISTS (SELECT 1 FROM trends_dirty_hours) OR EXISTS (SELECT 1 FROM trends_dirty_stories) AS pending`,
        );
        if (!state.rows[0]?.pending) {
          await new Promise((resolve) => setTimeout(resolve, idleMs));
          continue;
        }
        const result = await runTrendsPipeline();
        if (result.alertsRaised > 0 && onAlerts) await onAlerts();
      }
      return true;
    } finally {
      // A lost connection took its session lock with it.
      if (!broken) await client.query('SELECT pg_advisory_unlock($1)', [WATCHER_LOCK]).catch(() => undefined);
    }
  } finally {
    client.off('error', handleError);
    client.release(broken);
  }
}
