/**
 * The language core learning from officers' corrections (`nlp_corrections`): a sentiment model trained on every
 * sentiment correction kept so far, and a topic adaptation (the shipped topic model's changed rows) from every topic
 * correction, each stored as a new version of its kind and used by processing once activated. Every version is
 * kept; rolling back is activating another one, or the shipped model's version.
 */
import type { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { getDb, type Executor } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import { hasRoleAtLeast, type Actor } from '../../platform/actor';
import { loadModel } from '../../text/models';
import { analyzeSentiment, trainSentimentModel } from '../../text/sentiment';
import { SENTIMENT_LABELS, type SentimentLabel, type SentimentModel } from '../../text/sentiment-model';
import { classifyTopic, type LabelledText } from '../../text/topic';
import { adaptTopicModel, boilerplateBuckets, type TopicAdaptation } from '../../text/topic-adaptation';
import { ngramIdf } from '../../text/topic-features';
import { analysedBody, createTextCoreAnalyzer, topicClassifierOf } from './analysis';
import { analyzeStoredText } from './process';
import { loadActiveModels, type LanguageModelKind, type LearnedModels } from './active-models';
import type { modelVersionSchema } from './contracts';
import { differenceOf, latestRelabelRun, startRelabelRun, type RelabelRun, type StoredLabels } from './relabel';

/** A stored version as the API describes it (`modelVersionSchema`). */
export type LanguageModelVersion = z.infer<typeof modelVersionSchema>;

interface ModelRow {
  kind: LanguageModelKind;
  version: number;
  parent_version: number;
  examples: number;
  agreed_before: number;
  agreed_after: number;
  is_active: boolean;
  created_at: string | Date;
  activated_at: string | Date | null;
  preview_documents: number | null;
  preview_changed: number | null;
}

/** The columns `toVersion` reads (every column but the model JSON and its author). */
const VERSION_COLUMNS = sql.raw(
  'kind, version, parent_version, examples, agreed_before, agreed_after, is_active, created_at, activated_at, ' +
    'preview_documents, preview_changed',
);

const toVersion = (row: ModelRow): LanguageModelVersion => ({
  kind: row.kind,
  version: row.version,
  parentVersion: row.parent_version,
  examples: row.examples,
  agreedBefore: row.agreed_before,
  agreedAfter: row.agreed_after,
  isActive: row.is_active,
  createdAt: new Date(row.created_at).toISOString(),
  activatedAt: row.activated_at ? new Date(row.activated_at).toISOString() : null,
  preview: row.preview_documents === null ? null : { documents: row.preview_documents, changed: row.preview_changed ?? 0 },
});

function requireModelManager(actor: Actor): void {
  // one model serves the whole network
  if (!hasRoleAtLeast(actor, 'coordinator'))
    throw new AppError('FORBIDDEN', 'Only coordinators and administrators may train or activate language models');
}

/**
 * The version number of the model shipped in `models/`: the sentiment model's own version, 1 for the topic model
 * (its version is a release name, "1.3.0"); learned versions are numbered after it.
 */
function shippedVersionOf(kind: LanguageModelKind): number {
  return kind === 'sentiment' ? Number(loadModel('sentiment').version) : 1;
}

/** The labels a model of `kind` can learn (corrections to anything else are kept, not learned). */
const labelsOf = (kind: LanguageModelKind): readonly string[] =>
  kind === 'sentiment' ? SENTIMENT_LABELS : loadModel('topic').labels;

/**
 * The latest correction of `field` of each document whose text is still kept (purged social text is not learned),
 * when it names a label of the model: the corrections a version of it learns from.
 */
const learnableCorrections = (field: LanguageModelKind) => sql`
  SELECT text, corrected_value FROM (
    SELECT DISTINCT ON (coalesce(document_id, -id)) text, corrected_value
    FROM nlp_corrections
    WHERE field = ${field} AND text IS NOT NULL
    ORDER BY coalesce(document_id, -id), created_at DESC, id DESC
  ) latest
  WHERE corrected_value IN (${sql.join(
    labelsOf(field).map((label) => sql`${label}`),
    sql`, `,
  )})`;

/** The corrections a version of `field` learns from, each text cut as processing reads it. */
async function correctionsOf(field: LanguageModelKind): Promise<LabelledText[]> {
  const db = await getDb();
  const { rows } = await db.execute(learnableCorrections(field));
  return (rows as { text: string; corrected_value: string }[]).map((row) => ({
    text: analysedBody(row.text),
    label: row.corrected_value,
  }));
}

/** The latest stored documents in which a topic version looks for outlets' boilerplate. */
const IN_USE_SAMPLE = 5000;

/**
 * The topic model's buckets that are some outlet's boilerplate among the latest stored documents, as processing
 * reads them (one document per story and source): a topic version does not move them (`boilerplateBuckets`), so a
 * word every article of an outlet carries (its footer) does not carry a correction to all of them.
 */
async function inUseBoilerplate(): Promise<Set<number>> {
  const db = await getDb();
  const { rows } = await db.execute(sql`
    SELECT id, source_key, story_id, title, text FROM monitoring_documents WHERE text IS NOT NULL
    ORDER BY id DESC LIMIT ${IN_USE_SAMPLE}`);
  const bySource = new Map<string, { stories: Set<string>; texts: string[] }>();
  for (const row of rows as { id: string; source_key: string; story_id: string | null; title: string; text: string }[]) {
    let source = bySource.get(row.source_key);
    if (!source) bySource.set(row.source_key, (source = { stories: new Set(), texts: [] }));
    const story = String(row.story_id ?? row.id);
    if (source.stories.has(story)) continue;
    source.stories.add(story);
    source.texts.push(analysedBody(`${row.title}\n${row.text}`));
  }
  return boilerplateBuckets(
    loadModel('topic'),
    [...bySource.values()].map((source) => source.texts),
  );
}

/** How many word features of each corrected text a sentiment version moves (its rarest in the news: VNTC). */
const SENTIMENT_MOVING_FEATURES = 30;

/** The latest stored documents a new version reads before it is put in use (`previewOf`). */
const PREVIEW_DOCUMENTS = 2000;

/**
 * What a version of `kind` would do if put in use now: of the latest stored documents no officer corrected in that
 * field, how many it reads and how many of their stored labels it would change (what its re-labelling run would do
 * to them), so a model manager sees a version that moves the news before activating it.
 */
async function previewOf(
  tx: Executor,
  kind: LanguageModelKind,
  trained: SentimentModel | TopicAdaptation,
): Promise<{ documents: number; changed: number }> {
  const learned: LearnedModels = { ...(await loadActiveModels()) };
  if (kind === 'sentiment') learned.sentiment = trained as SentimentModel;
  else learned.topic = trained as TopicAdaptation;
  const analyze = createTextCoreAnalyzer(learned);
  const { rows } = await tx.execute(sql`
    SELECT d.id, d.title, d.text, false AS is_purged, d.topic, d.topic_score, d.sentiment, d.sentiment_score,
           d.sentiment_reasons
    FROM monitoring_documents d
    WHERE d.text IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM nlp_corrections c WHERE c.document_id = d.id AND c.field = ${kind})
    ORDER BY d.id DESC LIMIT ${PREVIEW_DOCUMENTS}`);
  let changed = 0;
  for (const stored of rows as unknown as StoredLabels[]) {
    const analysis = analyzeStoredText(analyze, stored.title, stored.text ?? '', kind);
    if (differenceOf(kind, stored, analysis) === 'label') changed++;
  }
  return { documents: rows.length, changed };
}

/** How many examples a model labels as the officers did. */
function agreement(kind: LanguageModelKind, examples: LabelledText[], model: SentimentModel | TopicAdaptation | undefined) {
  if (kind === 'sentiment') {
    const sentimentModel = (model as SentimentModel | undefined) ?? loadModel('sentiment');
    return examples.filter((example) => analyzeSentiment(example.text, sentimentModel).label === example.label).length;
  }
  const classifier = topicClassifierOf(model as TopicAdaptation | undefined);
  return examples.filter((example) => classifyTopic(example.text, classifier).label === example.label).length;
}

/**
 * Trains a model of `kind` on every correction of that field kept so far, from the shipped model (so the same
 * corrections, over the same latest stored documents for a topic version, always give the same model), and stores
 * it as the next version; `activate` puts it in use (and
 * re-labels the documents stored so far, as `activateModel` does).
 */
export async function retrainModel({
  actor,
  kind,
  activate = false,
}: {
  actor: Actor;
  kind: LanguageModelKind;
  activate?: boolean;
}): Promise<LanguageModelVersion> {
  requireModelManager(actor);
  const examples = await correctionsOf(kind);
  if (examples.length === 0) throw new AppError('BAD_REQUEST', `No ${kind} correction to learn from yet`);
  const inUse = (await loadActiveModels())[kind];
  const db = await getDb();
  const { rows: active } = await db.execute(sql`SELECT version FROM nlp_models WHERE kind = ${kind} AND is_active`);
  const parentVersion = (active[0] as { version: number } | undefined)?.version ?? shippedVersionOf(kind);
  const boilerplate = kind === 'topic' ? await inUseBoilerplate() : undefined;
  return db.transaction(async (tx) => {
    // versions are numbered after the shipped model's, one at a time
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`nlp_models:${kind}`}))`);
    const { rows } = await tx.execute(sql`SELECT coalesce(max(version), 0)::int AS version FROM nlp_models WHERE kind = ${kind}`);
    const version = Math.max((rows[0] as { version: number }).version, shippedVersionOf(kind)) + 1;
    const trained: SentimentModel | TopicAdaptation =
      kind === 'sentiment'
        ? {
            ...trainSentimentModel(
              examples.map((example) => ({ text: example.text, label: example.label as SentimentLabel })),
              loadModel('sentiment'),
              { distinctive: { count: SENTIMENT_MOVING_FEATURES, idf: ngramIdf(loadModel('topic')) } },
            ),
            version: String(version),
            parentVersion: String(parentVersion),
          }
        : adaptTopicModel(loadModel('topic'), examples, {
            version: String(version),
            boilerplate,
            classifier: topicClassifierOf(),
            meta: { parentVersion, boilerplateBuckets: boilerplate?.size ?? 0 },
          });
    const preview = await previewOf(tx, kind, trained);
    if (activate) await tx.execute(sql`UPDATE nlp_models SET is_active = false WHERE kind = ${kind} AND is_active`);
    const { rows: stored } = await tx.execute(sql`
      INSERT INTO nlp_models (kind, version, parent_version, model, examples, agreed_before, agreed_after, created_by, is_active,
                              activated_at, preview_documents, preview_changed)
      VALUES (${kind}, ${version}, ${parentVersion}, ${JSON.stringify(trained)}::jsonb, ${examples.length},
              ${agreement(kind, examples, inUse)}, ${agreement(kind, examples, trained)}, ${actor.userId}, ${activate},
              ${activate ? sql`now()` : null}, ${preview.documents}, ${preview.changed})
      RETURNING ${VERSION_COLUMNS}`);
    const result = toVersion(stored[0] as unknown as ModelRow);
    if (activate) await startRelabelRun(tx, { kind, version, actor });
    await recordAudit(tx, {
      actor,
      action: 'nlp.model.train',
      entityType: 'nlp_model',
      entityId: `${kind}:${version}`,
      after: { ...result },
    });
    return result;
  });
}

/**
 * Puts a stored version of `kind` in use, or the shipped model when `version` is the shipped model's (rollback);
 * processing in every process follows at its next batch, and the documents stored so far are re-labelled in the
 * background (`relabel.ts`).
 */
export async function activateModel({
  actor,
  kind,
  version,
}: {
  actor: Actor;
  kind: LanguageModelKind;
  version: number;
}): Promise<void> {
  requireModelManager(actor);
  const shippedVersion = shippedVersionOf(kind);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { rows: before } = await tx.execute(sql`SELECT version FROM nlp_models WHERE kind = ${kind} AND is_active FOR UPDATE`);
    if (version !== shippedVersion) {
      const { rows } = await tx.execute(sql`SELECT 1 FROM nlp_models WHERE kind = ${kind} AND version = ${version}`);
      if (rows.length === 0) throw new AppError('NOT_FOUND', `No ${kind} model version ${version}`);
    }
    await tx.execute(sql`UPDATE nlp_models SET is_active = false WHERE kind = ${kind} AND is_active`);
    if (version !== shippedVersion)
      await tx.execute(
        sql`UPDATE nlp_models SET is_active = true, activated_at = now() WHERE kind = ${kind} AND version = ${version}`,
      );
    const activeBefore = (before[0] as { version: number } | undefined)?.version ?? shippedVersion;
    if (activeBefore !== version) await startRelabelRun(tx, { kind, version, actor });
    await recordAudit(tx, {
      actor,
      action: 'nlp.model.activate',
      entityType: 'nlp_model',
      entityId: `${kind}:${version}`,
      before: { activeVersion: activeBefore },
      after: { activeVersion: version },
    });
  });
}

/**
 * Every stored version of `kind`, newest first, the shipped model's version, how many corrections a version
 * trained now would learn from, and the latest re-labelling of stored documents.
 */
export async function listModels({ actor, kind }: { actor: Actor; kind: LanguageModelKind }): Promise<{
  kind: LanguageModelKind;
  shippedVersion: number;
  activeVersion: number;
  corrections: number;
  versions: LanguageModelVersion[];
  relabel: RelabelRun | null;
}> {
  requireModelManager(actor);
  const db = await getDb();
  const { rows } = await db.execute(sql`
    SELECT ${VERSION_COLUMNS}
    FROM nlp_models WHERE kind = ${kind} ORDER BY version DESC`);
  const versions = (rows as unknown as ModelRow[]).map(toVersion);
  const { rows: counted } = await db.execute(
    sql`SELECT count(*)::int AS corrections FROM (${learnableCorrections(kind)}) learnable`,
  );
  const shippedVersion = shippedVersionOf(kind);
  return {
    kind,
    shippedVersion,
    activeVersion: versions.find((row) => row.isActive)?.version ?? shippedVersion,
    corrections: (counted[0] as { corrections: number }).corrections,
    versions,
    relabel: await latestRelabelRun(kind),
  };
}
