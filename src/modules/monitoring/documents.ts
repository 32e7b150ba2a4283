import { sql } from 'drizzle-orm';
import { lockLabelChangesShared, recordLabelChanges } from './label-changes';
import { getDb } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import { hasRoleAtLeast, type Actor } from '../../platform/actor';
import { toSummary, visibleTo, withRegisterNames } from './document-summary';
import type { DocumentSummary } from './contracts';
import type { Sentiment } from './schema';

type Row = Parameters<typeof toSummary>[0] & { organization_id: string | null };

async function loadDocument(actor: Actor, documentId: string): Promise<Row> {
  if (!/^\d{1,18}$/.test(documentId)) throw notFound('Document', documentId);
  const db = await getDb();
  const result = await db.execute(sql`
    SELECT d.id::text, d.url, d.title, d.text, d.published_at, d.source_name, d.source_key, d.kind, d.lang, d.story_id::text,
           d.sentiment, d.sentiment_reasons, d.topic, d.entity_ids, d.organization_id
    FROM monitoring_documents d WHERE d.id = ${documentId}::bigint AND ${visibleTo(actor)}`);
  const row = result.rows[0] as Row | undefined;
  if (!row) throw notFound('Document', documentId);
  return row;
}

/** One document with its full text (null once a social post's text is purged). */
export async function getDocument({
  actor,
  documentId,
}: {
  actor: Actor;
  documentId: string;
}): Promise<DocumentSummary & { text: string | null }> {
  const row = await loadDocument(actor, documentId);
  const [summary] = await withRegisterNames([toSummary(row)]);
  return { ...summary!, text: row.text };
}

export interface StoryView {
  id: string;
  title: string;
  firstPublishedAt: string;
  lastPublishedAt: string;
  /** The earliest-published document: the story's first source. */
  firstSource: string | null;
  documentCount: number;
  /** Distinct outlets / accounts that carried the story. */
  sourceCount: number;
  /** Copies, first source first. */
  documents: DocumentSummary[];
}

/** A story: its first source, its copies and its reach. */
export async function getStory({
  actor,
  storyId,
  limit = 200,
}: {
  actor: Actor;
  storyId: string;
  limit?: number;
}): Promise<StoryView> {
  if (!/^\d{1,18}$/.test(storyId)) throw notFound('Story', storyId);
  const db = await getDb();
  const story = (
    await db.execute(
      sql`SELECT id::text, title, first_published_at, last_published_at FROM monitoring_stories WHERE id = ${storyId}::bigint`,
    )
  ).rows[0] as { id: string; title: string; first_published_at: Date; last_published_at: Date } | undefined;
  if (!story) throw notFound('Story', storyId);
  const rows = (
    await db.execute(sql`
      SELECT d.id::text, d.url, d.title, left(d.text, 280) AS text, d.published_at, d.source_name, d.source_key, d.kind, d.lang, d.story_id::text,
             d.sentiment, d.sentiment_reasons, d.topic, d.entity_ids
      FROM monitoring_documents d WHERE d.story_id = ${storyId}::bigint AND ${visibleTo(actor)}
      ORDER BY d.published_at ASC, d.id ASC LIMIT ${limit}`)
  ).rows as unknown as Row[];
  if (rows.length === 0) throw notFound('Story', storyId);
  const counts = (
    await db.execute(
      sql`SELECT count(*)::int AS documents, count(DISTINCT source_key)::int AS sources FROM monitoring_documents d WHERE d.story_id = ${storyId}::bigint AND ${visibleTo(actor)}`,
    )
  ).rows[0] as { documents: number; sources: number };
  return {
    id: story.id,
    title: rows[0]!.title || story.title,
    firstPublishedAt: new Date(rows[0]!.published_at).toISOString(),
    lastPublishedAt: new Date(story.last_published_at).toISOString(),
    firstSource: rows[0]!.source_name,
    documentCount: counts.documents,
    sourceCount: counts.sources,
    documents: await withRegisterNames(rows.map(toSummary)),
  };
}

/**
 * Records an officer's correction of a document's topic and/or sentiment: the document shows the corrected
 * value, and the correction (with the text as seen) is kept in `nlp_corrections` for retraining.
 */
export async function correctDocument({
  actor,
  documentId,
  topic,
  sentiment,
  note,
}: {
  actor: Actor;
  documentId: string;
  topic?: string;
  sentiment?: Sentiment;
  note?: string;
}): Promise<DocumentSummary> {
  if (!hasRoleAtLeast(actor, 'officer')) throw new AppError('FORBIDDEN', 'Only officers and above may correct documents');
  const row = await loadDocument(actor, documentId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await lockLabelChangesShared(tx);
    // the labels as they are now (a re-labelling run may have moved them since the document was read)
    const { rows: locked } = await tx.execute(
      sql`SELECT topic, sentiment FROM monitoring_documents WHERE id = ${documentId}::bigint FOR UPDATE`,
    );
    const current = locked[0] as { topic: string | null; sentiment: string | null };
    const text = [row.title, row.text ?? ''].join('\n').trim() || null;
    const changes: { field: 'topic' | 'sentiment'; previous: string | null; value: string }[] = [];
    if (topic !== undefined) changes.push({ field: 'topic', previous: current.topic, value: topic });
    if (sentiment !== undefined) changes.push({ field: 'sentiment', previous: current.sentiment, value: sentiment });
    for (const change of changes) {
      await tx.execute(sql`
        INSERT INTO nlp_corrections (document_id, field, previous_value, corrected_value, text, document_kind, lang, note, user_id, organization_id)
        VALUES (${documentId}::bigint, ${change.field}, ${change.previous}, ${change.value}, ${text}, ${row.kind}, ${row.lang}, ${note ?? null}, ${actor.userId}, ${actor.organizationId})`);
    }
    await tx.execute(sql`
      UPDATE monitoring_documents SET
        topic = coalesce(${topic ?? null}, topic),
        sentiment = coalesce(${sentiment ?? null}, sentiment),
        sentiment_reasons = CASE WHEN ${sentiment ?? null}::text IS NULL THEN sentiment_reasons ELSE '["officer correction"]'::jsonb END
      WHERE id = ${documentId}::bigint`);
    if (sentiment !== undefined) {
      await tx.execute(
        sql`UPDATE monitoring_query_matches SET sentiment = ${sentiment} WHERE document_id = ${documentId}::bigint`,
      );
    }
    await recordLabelChanges(
      tx,
      changes.map((change) => ({ documentId: Number(documentId), ...change })),
    );
    await recordAudit(tx, {
      actor,
      action: 'monitoring.document.correct',
      entityType: 'monitoring_document',
      entityId: documentId,
      before: { topic: current.topic, sentiment: current.sentiment },
      after: { topic, sentiment, note },
    });
  });
  const [summary] = await withRegisterNames([toSummary(await loadDocument(actor, documentId))]);
  return summary!;
}
