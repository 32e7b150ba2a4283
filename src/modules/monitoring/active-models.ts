/**
 * Which models learned from officers' corrections are in use (`nlp_models`, written by `learning.ts`): what
 * processing and the re-labelling of stored documents read before each batch.
 */
import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { logger } from '../../platform/logger';
import { loadModel } from '../../text/models';
import type { SentimentModel } from '../../text/sentiment-model';
import type { TopicAdaptation } from '../../text/topic-adaptation';
import { modelKinds } from './contracts';

export type LanguageModelKind = (typeof modelKinds)[number];

/** The models learned from corrections that processing uses in place of the shipped ones (none: the shipped). */
export interface LearnedModels {
  sentiment?: SentimentModel;
  topic?: TopicAdaptation;
}

const fitsShippedTopicModel = (adaptation: TopicAdaptation) => adaptation.baseVersion === loadModel('topic').version;

/** The active version of each kind, and its model, read only when the active version changes. */
const activeCache = new Map<LanguageModelKind, { version: number; model: SentimentModel | TopicAdaptation }>();

/**
 * The learned models processing uses: the active stored version of each kind (none for a kind whose shipped model
 * is in use). One small query a call; a model's JSON is read only when the active version changes, so every process
 * follows an activation at its next batch. A topic adaptation made from another shipped model than this release's
 * is not used (its rows would mean other features).
 */
export async function loadActiveModels(): Promise<LearnedModels> {
  const db = await getDb();
  const { rows } = await db.execute(sql`SELECT kind, version FROM nlp_models WHERE is_active`);
  const learned: LearnedModels = {};
  for (const kind of modelKinds) {
    const version = (rows as { kind: string; version: number }[]).find((row) => row.kind === kind)?.version;
    if (version === undefined) {
      activeCache.delete(kind);
      continue;
    }
    let active = activeCache.get(kind);
    if (active?.version !== version) {
      const { rows: models } = await db.execute(sql`SELECT model FROM nlp_models WHERE kind = ${kind} AND version = ${version}`);
      active = { version, model: (models[0] as { model: SentimentModel | TopicAdaptation }).model };
      activeCache.set(kind, active);
      if (kind === 'topic' && !fitsShippedTopicModel(active.model as TopicAdaptation))
        logger.warn({ version }, 'the active topic version was learned from another shipped model; using the shipped one');
    }
    if (kind === 'sentiment') learned.sentiment = active.model as SentimentModel;
    else if (fitsShippedTopicModel(active.model as TopicAdaptation)) learned.topic = active.model as TopicAdaptation;
  }
  return learned;
}
