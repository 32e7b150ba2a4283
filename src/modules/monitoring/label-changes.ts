/**
 * The log of label changes of stored documents (`monitoring_label_changes`): an officer's correction or a
 * re-labelling run changes a topic or sentiment that consumers (trends' rollups) may have counted already.
 *
 * One advisory lock orders the writers and readers of labels. An officer's correction (one document) holds it
 * shared; a re-labelling batch (hundreds of documents) and a reader of the log hold it exclusively. So a batch sees
 * every correction committed and none in flight, without locking its documents' rows (which would write every page
 * of the table over a run); and while a reader holds it, every change with a smaller id is committed, so reading
 * `id > watermark` misses nothing and the labels it reads are the ones after every change it sees.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db';

/** The advisory lock's key (an int8 of its own: "nhiplabl"). */
const LABEL_CHANGES_LOCK_KEY = 0x6e6869706c61626cn;

/** What a consumer runs first in its transaction: every label change committed, none in flight until it ends. */
export const LOCK_LABEL_CHANGES_EXCLUSIVE_SQL = `SELECT pg_advisory_xact_lock(${LABEL_CHANGES_LOCK_KEY})`;

/** What a correction's transaction runs first (shared: corrections do not wait for each other). */
export async function lockLabelChangesShared(tx: Executor): Promise<void> {
  await tx.execute(sql.raw(`SELECT pg_advisory_xact_lock_shared(${LABEL_CHANGES_LOCK_KEY})`));
}

/** What a re-labelling batch's transaction runs first: no correction in flight while it reads and writes labels. */
export async function lockLabelChangesExclusive(tx: Executor): Promise<void> {
  await tx.execute(sql.raw(LOCK_LABEL_CHANGES_EXCLUSIVE_SQL));
}

export interface LabelChange {
  documentId: number;
  field: 'topic' | 'sentiment';
  previous: string | null;
  value: string | null;
}

/** Logs label changes in the caller's transaction (which took the label-changes lock first). */
export async function recordLabelChanges(tx: Executor, changes: readonly LabelChange[]): Promise<void> {
  const changed = changes.filter((change) => change.previous !== change.value);
  if (changed.length === 0) return;
  await tx.execute(sql`
    INSERT INTO monitoring_label_changes (document_id, field, previous_value, new_value)
    SELECT * FROM unnest(${sql.param(changed.map((change) => change.documentId))}::bigint[],
                         ${sql.param(changed.map((change) => change.field))}::text[],
                         ${sql.param(changed.map((change) => change.previous))}::text[],
                         ${sql.param(changed.map((change) => change.value))}::text[])`);
}
