import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { uniqueSuffix } from '../../../test/factories';
import { ingestBatch } from './ingest';
import { loadProcessingContext } from './services';
import { findDocuments, type SearchTuning } from './search';
import { parseDateBound } from './search-input';
import { parseQuery } from './query/parse';
import { DocumentIndex, matchQuery } from './query/match';
import { tokenizeForMatching } from './text-features';

// Texts around "quốc hội" and "dự án": in order, reversed, too far apart, split between title and text (NEAR is
// per stream), overlapping with "hội đồng", and filler. Two documents share each publication time.
const FILLER = 'nội dung về kinh tế và văn hóa trong ngày';
const VARIANTS = [
  { title: '', text: 'quốc hội thảo luận dự án luật đất đai' },
  { title: '', text: 'dự án được quốc hội thông qua hôm nay' },
  { title: '', text: `quốc hội ${FILLER} dự án` },
  { title: 'quốc hội', text: 'dự án mới được trình bày' },
  { title: '', text: 'quốc hội đồng ý với kiến nghị' },
  { title: 'quốc hội và dự án', text: FILLER },
  { title: '', text: FILLER },
  { title: '', text: `${FILLER} ${FILLER}` },
];
const COUNT = 240;
const START = Date.UTC(2025, 0, 1);
const STEP = (90 * 86_400_000) / COUNT;

const suffix = uniqueSuffix();
let documents: { id: string; title: string; text: string; publishedAt: number }[] = [];

beforeAll(async () => {
  const items = Array.from({ length: COUNT }, (_, index) => {
    const variant = VARIANTS[index % VARIANTS.length]!;
    return {
      url: `https://search-${suffix}.vn/${index}`,
      title: `Tin ${suffix} số ${index} ${variant.title}`.trim(),
      text: `${variant.text}. Bản tin số ${index} ngày ${index * 7919}.`,
      publishedAt: new Date(START + Math.floor(index / 2) * 2 * STEP).toISOString(),
      source: `search-${suffix}.vn`,
    };
  });
  const context = await loadProcessingContext();
  const result = await ingestBatch({ context, items });
  expect([result.ingested, result.rejected.slice(0, 2)]).toEqual([COUNT, []]);
  const db = await getDb();
  const rows = (
    await db.execute(sql`SELECT id::text, url FROM monitoring_documents WHERE url LIKE ${`https://search-${suffix}.vn/%`}`)
  ).rows as { id: string; url: string }[];
  const idOf = new Map(rows.map((row) => [row.url, row.id]));
  documents = items.map((item) => ({
    id: idOf.get(item.url)!,
    title: item.title,
    text: item.text,
    publishedAt: Date.parse(item.publishedAt),
  }));
});

/** The expected answer: every document checked in memory, newest first (ties by id), the first `limit`. */
function expected(query: string, limit: number, from?: Date, to?: Date): string[] {
  const ast = parseQuery(query);
  return documents
    .filter((document) => (!from || document.publishedAt >= from.getTime()) && (!to || document.publishedAt <= to.getTime()))
    .filter((document) => {
      const index = new DocumentIndex({
        title: tokenizeForMatching(document.title),
        body: tokenizeForMatching(document.text),
        lang: 'vi',
        sentiment: null,
        topicKey: '',
        sourceKey: '',
        kind: 'news',
      });
      return matchQuery(ast, index);
    })
    .sort((a, b) => b.publishedAt - a.publishedAt || (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
    .slice(0, limit)
    .map((document) => document.id);
}

async function found(
  query: string,
  limit: number,
  options: { from?: Date; to?: Date; tuning?: Partial<SearchTuning> } = {},
): Promise<string[]> {
  return (await findDocuments({ actor: null, ast: parseQuery(query), isAccentExact: false, limit, ...options })).map(
    (document) => document.id,
  );
}

const QUERIES = [
  '"quoc hoi" NEAR/5 "du an"',
  '"quoc hoi" NEAR/1 "du an"',
  '"du an" NEAR/8 "quoc hoi"',
  '"quoc hoi" NEAR/0 "hoi dong"',
  'title:"quoc hoi" NEAR/3 "du an"',
  'quoc* NEAR/2 "du an"',
  '"quoc hoi" NEAR/30 "du an"',
  '"thao luan du an"',
  'title:"quoc hoi"',
  'ban AND NOT ("quoc hoi" NEAR/2 "du an")',
  '"du an" OR "quoc hoi" NEAR/1 "du an"',
];

describe('search of phrases and NEAR', () => {
  it('finds exactly what the in-memory matcher finds, newest first', async () => {
    for (const query of QUERIES) {
      const scoped = `${suffix} AND (${query})`;
      expect([query, await found(scoped, 500)]).toEqual([query, expected(scoped, 500)]);
      expect([query, await found(scoped, 7)]).toEqual([query, expected(scoped, 7)]);
    }
  });

  it('gives the same pages when it reads in small probes and time slices across months', async () => {
    // tiny probes and slices, so that a few hundred documents take the paths millions do
    const tunings: Partial<SearchTuning>[] = [
      { probeRows: 6, maxScanRows: 12, minSliceRows: 10, rateSampleRows: 8 },
      { probeRows: 2, maxScanRows: 2, minSliceRows: 2, rateSampleRows: 4 },
      { probeRows: 3, maxScanRows: 20, minSliceRows: 4, rateSampleRows: 6 },
    ];
    // up to the end of the documents (the scan starts among them), and February only
    const ranges = [
      { to: parseDateBound('2025-04-30', 'to') },
      { from: parseDateBound('2025-02-01', 'from'), to: parseDateBound('2025-02-28', 'to') },
    ];
    for (const query of QUERIES) {
      const scoped = `${suffix} AND (${query})`;
      for (const limit of [3, 8, 25, 500]) {
        for (const range of ranges) {
          for (const tuning of tunings) {
            expect([query, limit, range, await found(scoped, limit, { tuning, ...range })]).toEqual([
              query,
              limit,
              range,
              expected(scoped, limit, range.from, range.to),
            ]);
          }
        }
      }
    }
  });
});
