import { sql, type SQL } from 'drizzle-orm';
import { isNetworkWide, type Actor } from '../../platform/actor';
import type { DocumentSummary } from './contracts';
import type { DocumentKind, Sentiment } from './schema';
import { formatLegalDocumentId, isLegalDocumentId, legalDocumentName, legalDocumentTitles } from '../legal';

/** A stored document as the lists show it (search results, a story's documents, a query's preview), and who may see it. */

export interface DocumentRow {
  id: string;
  url: string | null;
  title: string;
  text: string | null;
  published_at: Date;
  source_name: string;
  source_key: string;
  kind: DocumentKind;
  lang: string;
  story_id: string | null;
  sentiment: Sentiment | null;
  sentiment_reasons: string[];
  topic: string | null;
  entity_ids: string[];
}

/** Visibility: public press for everyone; privately imported documents for their organization and the network level. */
export function visibleTo(actor: Actor | null): SQL {
  if (!actor || isNetworkWide(actor)) return sql`true`;
  return sql`(d.organization_id IS NULL OR d.organization_id = ${actor.organizationId})`;
}

export function toSummary(row: DocumentRow): DocumentSummary {
  return {
    id: String(row.id),
    url: row.url,
    title: row.title,
    publishedAt: new Date(row.published_at).toISOString(),
    source: row.source_name,
    kind: row.kind,
    lang: row.lang,
    storyId: row.story_id === null ? null : String(row.story_id),
    sentiment: row.sentiment,
    sentimentReasons: row.sentiment_reasons ?? [],
    topic: row.topic,
    entityIds: row.entity_ids ?? [],
    policies: (row.entity_ids ?? []).filter(isLegalDocumentId).map(formatLegalDocumentId),
    snippet: (row.text ?? '').slice(0, 280),
  };
}

/**
 * Names the documents each summary cites as the legal register titles them ("Luật Báo chí 103/2016/QH13"); those
 * the register lacks keep kind and number. One query for the whole list, none when nothing is cited.
 */
export async function withRegisterNames<T extends DocumentSummary>(summaries: T[]): Promise<T[]> {
  const ids = [...new Set(summaries.flatMap((summary) => summary.entityIds.filter(isLegalDocumentId)))];
  if (ids.length === 0) return summaries;
  const titles = await legalDocumentTitles(ids);
  for (const summary of summaries)
    summary.policies = summary.entityIds.filter(isLegalDocumentId).map((id) => legalDocumentName(id, titles.get(id)));
  return summaries;
}
