/**
 * The language core learning from officers' corrections: a sentiment model trained on every sentiment correction
 * kept so far (`nlp_corrections`), stored as a new version, and used by processing once activated. Every version is
 * kept; rolling back is activating another one, or none (the model shipped in `models/`).
 */
import type { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import { hasRoleAtLeast, type Actor } from '../../platform/actor';
import { loadModel } from '../../text/models';
import { analyzeSentiment, trainSentimentModel, type SentimentExample } from '../../text/sentiment';
import { SENTIMENT_LABELS, type SentimentLabel, type SentimentModel } from '../../text/sentiment-model';
import type { modelVersionSchema } from './contracts';

/** A stored version as the API describes it (`modelVersionSchema`). */
export type LanguageModelVersion = z.infer<typeof modelVersionSchema>;

interface ModelRow {
  kind: 'sentiment';
  version: number;
  parent_version: number;
  examples: number;
  agreed_before: number;
  agreed_after: number;
  is_active: boolean;
  created_at: string | Date;
  activated_at: string | Date | null;
}

/** The columns `toVersion` reads (every column but the model JSON and its author). */
const VERSION_COLUMNS = sql.raw(
  'kind, version, parent_version, examples, agreed_before, agreed_after, is_active, created_at, activated_at',
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
});

function requireModelManager(actor: Actor): void {
  // one model serves the whole network
  if (!hasRoleAtLeast(actor, 'coordinator'))
    throw new AppError('FORBIDDEN', 'Only coordinators and administrators may train or activate language models');
}

/** The latest sentiment correction of each document whose text is still kept (purged social text is not learned). */
async function sentimentCorrections(): Promise<SentimentExample[]> {
  const db = await getDb();
  const { rows } = await db.execute(sql`
    SELECT DISTINCT ON (coalesce(document_id, -id)) text, corrected_value
    FROM nlp_corrections
    WHERE field = 'sentiment' AND text IS NOT NULL
    ORDER BY coalesce(document_id, -id), created_at DESC, id DESC`);
  return (rows as { text: string; corrected_value: string }[])
    .filter((row) => SENTIMENT_LABELS.includes(row.corrected_value as SentimentLabel))
    .map((row) => ({ text: row.text, label: row.corrected_value as SentimentLabel }));
}

/** The active sentiment model's version and JSON, or undefined when the shipped model is in use. */
let activeCache: { version: number; model: SentimentModel } | undefined;

/**
 * The sentiment model processing uses: the active stored version, or undefined for the shipped one. One small
 * query a call; the JSON is read only when the active version changes, so every process follows an activation
 * at its next batch.
 */
export async function loadActiveSentimentModel(): Promise<SentimentModel | undefined> {
  const db = await getDb();
  const { rows } = await db.execute(sql`SELECT version FROM nlp_models WHERE kind = 'sentiment' AND is_active`);
  const version = (rows[0] as { version: number } | undefined)?.version;
  if (version === undefined) {
    activeCache = undefined;
    return undefined;
  }
  if (activeCache?.version !== version) {
    const { rows: models } = await db.execute(
      sql`SELECT model FROM nlp_models WHERE kind = 'sentiment' AND version = ${version}`,
    );
    activeCache = { version, model: (models[0] as { model: SentimentModel }).model };
  }
  return activeCache.model;
}

const agreement = (examples: SentimentExample[], model: SentimentModel) =>
  examples.filter((example) => analyzeSentiment(example.text, model).label === example.label).length;

/**
 * Trains a sentiment model on every sentiment correction kept so far, from the shipped model (so the same
 * corrections always give the same model), and stores it as the next version; `activate` puts it in use.
 */
export async function retrainSentimentModel({
  actor,
  activate = false,
}: {
  actor: Actor;
  activate?: boolean;
}): Promise<LanguageModelVersion> {
  requireModelManager(actor);
  const examples = await sentimentCorrections();
  if (examples.length === 0) throw new AppError('BAD_REQUEST', 'No sentiment correction to learn from yet');
  const shipped = loadModel('sentiment');
  const inUse = (await loadActiveSentimentModel()) ?? shipped;
  const db = await getDb();
  return db.transaction(async (tx) => {
    // versions are numbered after the shipped model's, one at a time
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('nlp_models:sentiment'))`);
    const { rows } = await tx.execute(
      sql`SELECT coalesce(max(version), 0)::int AS version FROM nlp_models WHERE kind = 'sentiment'`,
    );
    const version = Math.max((rows[0] as { version: number }).version, Number(shipped.version)) + 1;
    const trained: SentimentModel = {
      ...trainSentimentModel(examples, shipped),
      version: String(version),
      parentVersion: String(inUse.version),
    };
    if (activate) await tx.execute(sql`UPDATE nlp_models SET is_active = false WHERE kind = 'sentiment' AND is_active`);
    const { rows: stored } = await tx.execute(sql`
      INSERT INTO nlp_models (kind, version, parent_version, model, examples, agreed_before, agreed_after, created_by, is_active, activated_at)
      VALUES ('sentiment', ${version}, ${Number(inUse.version)}, ${JSON.stringify(trained)}::jsonb, ${examples.length},
              ${agreement(examples, inUse)}, ${agreement(examples, trained)}, ${actor.userId}, ${activate},
              ${activate ? sql`now()` : null})
      RETURNING ${VERSION_COLUMNS}`);
    const result = toVersion(stored[0] as unknown as ModelRow);
    await recordAudit(tx, {
      actor,
      action: 'nlp.model.train',
      entityType: 'nlp_model',
      entityId: `sentiment:${version}`,
      after: { ...result },
    });
    return result;
  });
}

/**
 * Puts a stored sentiment version in use, or the shipped model when `version` is the shipped model's (rollback);
 * processing in every process follows at its next batch.
 */
export async function activateSentimentModel({ actor, version }: { actor: Actor; version: number }): Promise<void> {
  requireModelManager(actor);
  const shippedVersion = Number(loadModel('sentiment').version);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { rows: before } = await tx.execute(
      sql`SELECT version FROM nlp_models WHERE kind = 'sentiment' AND is_active FOR UPDATE`,
    );
    if (version !== shippedVersion) {
      const { rows } = await tx.execute(sql`SELECT 1 FROM nlp_models WHERE kind = 'sentiment' AND version = ${version}`);
      if (rows.length === 0) throw new AppError('NOT_FOUND', `No sentiment model version ${version}`);
    }
    await tx.execute(sql`UPDATE nlp_models SET is_active = false WHERE kind = 'sentiment' AND is_active`);
    if (version !== shippedVersion)
      await tx.execute(
        sql`UPDATE nlp_models SET is_active = true, activated_at = now() WHERE kind = 'sentiment' AND version = ${version}`,
      );
    await recordAudit(tx, {
      actor,
      action: 'nlp.model.activate',
      entityType: 'nlp_model',
      entityId: `sentiment:${version}`,
      before: { activeVersion: (before[0] as { version: number } | undefined)?.version ?? shippedVersion },
      after: { activeVersion: version },
    });
  });
}

/** Every stored sentiment version, newest first, and the shipped model's version. */
export async function listSentimentModels({
  actor,
}: {
  actor: Actor;
}): Promise<{ shippedVersion: number; activeVersion: number; versions: LanguageModelVersion[] }> {
  requireModelManager(actor);
  const db = await getDb();
  const { rows } = await db.execute(sql`
    SELECT ${VERSION_COLUMNS}
    FROM nlp_models WHERE kind = 'sentiment' ORDER BY version DESC`);
  const versions = (rows as unknown as ModelRow[]).map(toVersion);
  const shippedVersion = Number(loadModel('sentiment').version);
  return { shippedVersion, activeVersion: versions.find((row) => row.isActive)?.version ?? shippedVersion, versions };
}
