import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import type { Actor } from '../../platform/actor';
import { AppError } from '../../platform/errors';
import { canReadOrganizationRecord } from '../../platform/actor';
import { risingPhrases } from './detectors';
import { foldPhrase } from './phrases';
import { organizationFor } from './policies';
import { vietnamDay } from './time';

/**
 * Headline phrases (folded bigrams/trigrams of public documents) of a Vietnam day rising sharply against the
 * 7 days before, that none of the organization's saved queries mentions yet; each comes with a ready query.
 */
export async function findEmergingTerms({
  actor,
  organizationId,
  day,
  limit = 20,
}: {
  actor: Actor;
  organizationId?: string;
  day?: string;
  limit?: number;
}) {
  const owner = organizationFor(actor, organizationId);
  if (!canReadOrganizationRecord(actor, owner)) throw new AppError('FORBIDDEN', 'Not your organization');
  const target = day && /^\d{4}-\d{2}-\d{2}/.test(day) ? day.slice(0, 10) : vietnamDay(new Date());
  const db = await getDb();
  const rows = (
    (await db.execute(sql`SELECT to_char(day, 'YYYY-MM-DD') AS day, phrase, mentions FROM trends_phrase_daily
    WHERE day BETWEEN ${target}::date - 7 AND ${target}::date AND phrase IN (SELECT phrase FROM trends_phrase_daily WHERE day = ${target}::date AND mentions >= 5)`)) as unknown as {
      rows: { day: string; phrase: string; mentions: number }[];
    }
  ).rows;
  const today = new Map<string, number>();
  const history = new Map<string, number[]>();
  for (const row of rows) {
    if (row.day === target) today.set(row.phrase, Number(row.mentions));
    else (history.get(row.phrase) ?? history.set(row.phrase, []).get(row.phrase)!).push(Number(row.mentions));
  }
  const queries = (
    (await db.execute(sql`SELECT query FROM monitoring_queries WHERE organization_id = ${owner}`)) as unknown as {
      rows: { query: string }[];
    }
  ).rows.map((row) => ` ${foldPhrase(row.query)} `);
  const rising = risingPhrases(today, history);
  // Drop phrases a query already covers, and trigrams whose bigrams already made the list (one offer per topic).
  const offered: { phrase: string; mentions: number; baseline: number; score: number; suggestedQuery: string }[] = [];
  for (const item of rising) {
    if (queries.some((query) => query.includes(` ${item.phrase} `))) continue;
    if (offered.some((other) => item.phrase.includes(other.phrase) || other.phrase.includes(item.phrase))) continue;
    offered.push({ ...item, score: Math.round(item.score * 10) / 10, suggestedQuery: `"${item.phrase}"` });
    if (offered.length >= limit) break;
  }
  return offered;
}
