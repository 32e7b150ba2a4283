/**
 * Re-labelling stored documents after a topic or sentiment version is put in use (or the shipped model is rolled
 * back to): each activation starts a run over the documents stored until then, which reads every document again
 * with the models processing now uses and writes the labels that changed, as if the document had arrived now.
 *
 * Kept as they are: documents an officer corrected (their label is the officer's, whatever a model says), and
 * social posts whose raw text was purged (the title and text left cannot stand for what was analysed).
 *
 * A run walks the documents in id order, a batch per transaction; the batch's labels and the run's cursor commit
 * together, so a killed worker's run resumes at the next batch and no batch is applied twice. A batch holds the
 * label-changes lock exclusively (`label-changes.ts`): corrections wait for it, and it sees all those before it. A newer activation of
 * the same kind supersedes a run still going (in the activation's transaction), and starts its own from the start.
 */
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { getDb, type Executor } from '../../platform/db';
import { defineJob, enqueueJob } from '../../platform/jobs';
import { logger } from '../../platform/logger';
import type { Actor } from '../../platform/actor';
import { loadActiveModels, type LanguageModelKind } from './active-models';
import { analyzerWithModels, type TextAnalysis } from './analysis';
import { analyzeStoredText } from './process';
import { lockLabelChangesExclusive, recordLabelChanges, type LabelChange } from './label-changes';
import type { relabelRunSchema } from './contracts';

export type RelabelRun = z.infer<typeof relabelRunSchema>;

/** Documents a transaction reads and re-labels (≈ 0.2 s of analysis: corrections wait at most that long). */
const BATCH_DOCUMENTS = 500;
/** How long one job works before it hands the rest of the run to the next job (well inside the job's expiry). */
const JOB_SLICE_MS = 20_000;
/** A running run not advanced for this long lost its job (a killed worker past its retries): it is enqueued again. */
const STALLED_RUN_MS = 5 * 60_000;

interface RunRow {
  id: string | number;
  kind: LanguageModelKind;
  version: number;
  status: RelabelRun['status'];
  up_to_document_id: string | number;
  cursor_document_id: string | number;
  is_extended: boolean;
  total: number | null;
  examined: number;
  relabelled: number;
  kept_corrected: number;
  kept_purged: number;
  created_at: string | Date;
  updated_at: string | Date;
  finished_at: string | Date | null;
}

const toRun = (row: RunRow): RelabelRun => ({
  id: Number(row.id),
  kind: row.kind,
  version: row.version,
  status: row.status,
  total: row.total,
  examined: row.examined,
  relabelled: row.relabelled,
  keptCorrected: row.kept_corrected,
  keptPurged: row.kept_purged,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
  finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
});

/**
 * Starts re-labelling for the version of `kind` just put in use, in the activation's transaction `tx`: a run still
 * going for that kind is superseded, and the new run's job is enqueued with it (outbox: no activation without its
 * run, no run without its job). Returns the run's id.
 */
export async function startRelabelRun(
  tx: Executor,
  { kind, version, actor }: { kind: LanguageModelKind; version: number; actor: Actor },
): Promise<number> {
  await tx.execute(sql`
    UPDATE nlp_relabel_runs SET status = 'superseded', updated_at = now(), finished_at = now()
    WHERE kind = ${kind} AND status = 'running'`);
  const { rows } = await tx.execute(sql`
    INSERT INTO nlp_relabel_runs (kind, version, up_to_document_id, created_by)
    SELECT ${kind}, ${version}, coalesce(max(id), 0), ${actor.userId} FROM monitoring_documents
    RETURNING id`);
  const runId = Number((rows[0] as { id: string | number }).id);
  await enqueueJob(relabelDocumentsJob, { runId }, { tx, singletonKey: `relabel:${runId}` });
  return runId;
}

/** The latest run of `kind` (null before the first activation). */
export async function latestRelabelRun(kind: LanguageModelKind): Promise<RelabelRun | null> {
  const db = await getDb();
  const { rows } = await db.execute(sql`SELECT * FROM nlp_relabel_runs WHERE kind = ${kind} ORDER BY id DESC LIMIT 1`);
  return rows[0] ? toRun(rows[0] as unknown as RunRow) : null;
}

export interface StoredLabels {
  id: string | number;
  title: string;
  text: string | null;
  is_purged: boolean;
  topic: string | null;
  topic_score: number | null;
  sentiment: string | null;
  sentiment_score: number | null;
  sentiment_reasons: string[];
}

/** A stored float4 and a newly computed score are the same when the score rounds to it. */
const sameScore = (stored: number | null, computed: number | null) =>
  stored === null || computed === null ? stored === computed : Math.fround(computed) === Math.fround(stored);

const sameReasons = (stored: string[], computed: string[]) =>
  stored.length === computed.length && stored.every((reason, index) => reason === computed[index]);

/** Whether the stored labels of `kind` differ from the analysis: the label itself, or only its score / reasons. */
export function differenceOf(kind: LanguageModelKind, stored: StoredLabels, analysis: TextAnalysis): 'label' | 'score' | null {
  if (kind === 'topic') {
    if (stored.topic !== analysis.topic) return 'label';
    return sameScore(stored.topic_score, analysis.topicScore) ? null : 'score';
  }
  if (stored.sentiment !== analysis.sentiment) return 'label';
  return sameScore(stored.sentiment_score, analysis.sentimentScore) && sameReasons(stored.sentiment_reasons, analysis.reasons)
    ? null
    : 'score';
}

/** Writes the new labels of `kind` of the documents `updates` (and a mention's copy of the sentiment). */
async function writeLabels(
  tx: Executor,
  kind: LanguageModelKind,
  updates: { id: number; analysis: TextAnalysis }[],
): Promise<void> {
  const ids = sql.param(updates.map((update) => update.id));
  if (kind === 'topic') {
    await tx.execute(sql`
      UPDATE monitoring_documents d SET topic = u.topic, topic_score = u.score
      FROM unnest(${ids}::bigint[], ${sql.param(updates.map((update) => update.analysis.topic))}::text[],
                  ${sql.param(updates.map((update) => update.analysis.topicScore))}::real[]) AS u(id, topic, score)
      WHERE d.id = u.id`);
    return;
  }
  await tx.execute(sql`
    UPDATE monitoring_documents d SET sentiment = u.sentiment, sentiment_score = u.score, sentiment_reasons = u.reasons
    FROM unnest(${ids}::bigint[], ${sql.param(updates.map((update) => update.analysis.sentiment))}::text[],
                ${sql.param(updates.map((update) => update.analysis.sentimentScore))}::real[],
                ${sql.param(updates.map((update) => JSON.stringify(update.analysis.reasons)))}::jsonb[]) AS u(id, sentiment, score, reasons)
    WHERE d.id = u.id`);
  // the mention stream and its filters read the sentiment a mention was stored with
  await tx.execute(sql`
    UPDATE monitoring_query_matches m SET sentiment = d.sentiment
    FROM monitoring_documents d
    WHERE d.id = ANY(${ids}::bigint[]) AND m.document_id = d.id AND m.sentiment IS DISTINCT FROM d.sentiment`);
}

/**
 * Re-labels the next batch of run `runId` in one transaction, with the models processing uses now. Returns the
 * run's status after it ('running' while documents are left).
 */
export async function relabelNextBatch(runId: number): Promise<RelabelRun['status']> {
  // the models are read before the run is locked: an activation meanwhile supersedes this run, and its own run
  // reads every document again with the newer models
  const analyze = analyzerWithModels(await loadActiveModels());
  const db = await getDb();
  return db.transaction(async (tx) => {
    // no correction in flight while this batch reads and writes labels, and its changes are logged for the
    // rollups that counted the labels before (label-changes.ts)
    await lockLabelChangesExclusive(tx);
    // one batch of a run at a time, whichever worker runs it
    const { rows } = await tx.execute(sql`SELECT * FROM nlp_relabel_runs WHERE id = ${runId} FOR UPDATE`);
    const run = rows[0] as unknown as RunRow | undefined;
    if (!run) throw new Error(`no re-labelling run ${runId}`);
    if (run.status !== 'running') return run.status;
    const cursor = Number(run.cursor_document_id);
    const upTo = Number(run.up_to_document_id);
    if (run.total === null) {
      const { rows: counted } = await tx.execute(
        sql`SELECT count(*)::int AS total FROM monitoring_documents WHERE id > ${cursor} AND id <= ${upTo}`,
      );
      run.total = (counted[0] as { total: number }).total;
      await tx.execute(sql`UPDATE nlp_relabel_runs SET total = ${run.total} WHERE id = ${runId}`);
    }
    // an officer's correction of one of them waits for this batch (the lock) and then has the last word
    const { rows: read } = await tx.execute(sql`
      SELECT id, title, text, text_purged_at IS NOT NULL AS is_purged, topic, topic_score, sentiment, sentiment_score,
             sentiment_reasons
      FROM monitoring_documents WHERE id > ${cursor} AND id <= ${upTo} ORDER BY id LIMIT ${BATCH_DOCUMENTS}`);
    const documents = read as unknown as StoredLabels[];
    if (documents.length === 0) return finishOrExtend(tx, runId, run);
    const ids = documents.map((document) => Number(document.id));
    // every correction committed before the lock was granted, none after until this batch commits
    const { rows: correctedRows } = await tx.execute(sql`
      SELECT DISTINCT document_id FROM nlp_corrections WHERE field = ${run.kind} AND document_id = ANY(${sql.param(ids)}::bigint[])`);
    const corrected = new Set(correctedRows.map((row) => Number((row as { document_id: string | number }).document_id)));
    const updates: { id: number; analysis: TextAnalysis }[] = [];
    const changes: LabelChange[] = [];
    let relabelled = 0;
    let keptCorrected = 0;
    let keptPurged = 0;
    for (const document of documents) {
      const id = Number(document.id);
      if (corrected.has(id)) keptCorrected++;
      else if (document.is_purged) keptPurged++;
      else {
        const analysis = analyzeStoredText(analyze, document.title, document.text ?? '', run.kind);
        const difference = differenceOf(run.kind, document, analysis);
        if (difference === 'label') {
          relabelled++;
          changes.push(
            run.kind === 'topic'
              ? { documentId: id, field: 'topic', previous: document.topic, value: analysis.topic }
              : { documentId: id, field: 'sentiment', previous: document.sentiment, value: analysis.sentiment },
          );
        }
        if (difference) updates.push({ id, analysis });
      }
    }
    if (updates.length > 0) await writeLabels(tx, run.kind, updates);
    await recordLabelChanges(tx, changes);
    await tx.execute(sql`
      UPDATE nlp_relabel_runs SET cursor_document_id = ${ids[ids.length - 1]!}, examined = examined + ${documents.length},
        relabelled = relabelled + ${relabelled}, kept_corrected = kept_corrected + ${keptCorrected},
        kept_purged = kept_purged + ${keptPurged}, updated_at = now()
      WHERE id = ${runId}`);
    return 'running';
  });
}

/**
 * At the end of a run's documents: once, the end moves to the documents stored since the activation (a batch
 * processing when the version was activated may have stored its documents with the models before); then the run
 * is done.
 */
async function finishOrExtend(tx: Executor, runId: number, run: RunRow): Promise<RelabelRun['status']> {
  const upTo = Number(run.up_to_document_id);
  if (!run.is_extended) {
    const { rows } = await tx.execute(sql`SELECT coalesce(max(id), 0) AS last FROM monitoring_documents`);
    const last = Number((rows[0] as { last: string | number }).last);
    if (last > upTo) {
      await tx.execute(sql`
        UPDATE nlp_relabel_runs SET up_to_document_id = ${last}, is_extended = true, updated_at = now(),
          total = total + (SELECT count(*)::int FROM monitoring_documents WHERE id > ${upTo} AND id <= ${last})
        WHERE id = ${runId}`);
      return 'running';
    }
  }
  await tx.execute(sql`UPDATE nlp_relabel_runs SET status = 'done', updated_at = now(), finished_at = now() WHERE id = ${runId}`);
  return 'done';
}

/**
 * Works on run `runId` until it is done or superseded, or until `until` (epoch ms) has passed; returns its state.
 * What the job runs, and `nhip nlp relabel` in its own process.
 */
export async function continueRelabelRun(runId: number, until = Number.POSITIVE_INFINITY): Promise<RelabelRun> {
  let status: RelabelRun['status'] = 'running';
  while (status === 'running' && Date.now() < until) status = await relabelNextBatch(runId);
  const db = await getDb();
  const { rows } = await db.execute(sql`SELECT * FROM nlp_relabel_runs WHERE id = ${runId}`);
  return toRun(rows[0] as unknown as RunRow);
}

/** Works on one run for a slice of time and hands the rest to a job of its own (long runs never hit the expiry). */
export const relabelDocumentsJob = defineJob({
  name: 'monitoring.relabel-documents',
  schema: z.object({ runId: z.number().int().positive() }),
  handler: async ({ runId }) => {
    const run = await continueRelabelRun(runId, Date.now() + JOB_SLICE_MS);
    if (run.status === 'running') await enqueueJob(relabelDocumentsJob, { runId }, { singletonKey: `relabel:${runId}` });
    else logger.info({ run }, 're-labelling run finished');
  },
  retryLimit: 10,
  retryDelaySeconds: 30,
  expireInSeconds: 10 * 60,
  concurrency: 1,
});

/**
 * Enqueues again the runs left running whose job is lost (a killed worker past its retries, or one killed between
 * a slice's last batch and enqueueing the next slice); a job already waiting for a run is not doubled.
 */
export async function resumeStalledRelabelRuns(): Promise<number> {
  const db = await getDb();
  const { rows } = await db.execute(sql`
    SELECT id FROM nlp_relabel_runs
    WHERE status = 'running' AND updated_at < now() - make_interval(secs => ${STALLED_RUN_MS / 1000})`);
  for (const row of rows as { id: string | number }[])
    await enqueueJob(relabelDocumentsJob, { runId: Number(row.id) }, { singletonKey: `relabel:${row.id}` });
  return rows.length;
}

/** Every five minutes: runs whose job was lost go on (see `resumeStalledRelabelRuns`). */
export const resumeRelabelRunsJob = defineJob({
  name: 'monitoring.resume-relabel-runs',
  schema: z.object({}).passthrough(),
  handler: async () => {
    await resumeStalledRelabelRuns();
  },
  cron: '*/5 * * * *',
  cronPayload: {},
  retryLimit: 0,
});
