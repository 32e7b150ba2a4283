/**
 * The log of label changes of stored documents (`monitoring_label_changes`): an officer's correction or a
 * re-labelling run changes a topic or sentiment that consumers (trends' rollups) may have counted already.
 *
 * Ordering: every transaction that changes labels first takes the label-changes advisory lock shared and keeps it
 * to its commit; a consumer takes it exclusively. While the consumer holds it, no change is in flight, so every
 * change it can ever see with a smaller id is committed, and reading `id > watermark` misses nothing — and the
 * labels it reads from the documents are the ones after every change it sees.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db';

/** The advisory lock's key (an int8 of its own: "nhiplabl"). */
const LABEL_CHANGES_LOCK_KEY = 0x6e6869706c61626cn;

/** What a consumer runs first in its transaction: every label change committed, none in flight until it ends. */
export const LOCK_LABEL_CHANGES_EXCLUSIVE_SQL = `SELECT pg_advisory_xact_lock(${LABEL_CHANGES_LOCK_KEY})`;

/** What a transaction that changes labels runs first (shared: label changes do not wait for each other). */
export async function lockLabelChangesShared(tx: Executor): Promise<void> {
  await tx.execute(sql.raw(`SELECT pg_advisory_xact_lock_shared(${LABEL_CHANGES_LOCK_KEY})`));
}

export interface LabelChange {
  documentId: number;
  field: 'topic' | 'sentiment';
  previous: string | null;
  value: string | null;
}

/** Logs label changes in the caller's transaction (which took `lockLabelChangesShared` first). */
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
