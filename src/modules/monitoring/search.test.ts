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
import { purgeSocialText } from './privacy';

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

describe('search of common syllables (left out of news search rows)', () => {
  const tag = uniqueSuffix();
  const at = (day: number) => new Date(Date.UTC(2019, 5, day)).toISOString();
  const items = [
    { key: 'phrase', kind: 'news', title: 'Tin', text: 'người dân ủng hộ chính sách' },
    { key: 'apart', kind: 'news', title: 'Tin', text: 'dân làng và người lạ gặp nhau' },
    { key: 'title', kind: 'news', title: 'Người dân góp ý', text: 'dự thảo luật' },
    { key: 'social phrase', kind: 'social', title: '', text: 'người dân phản ánh đường hỏng' },
    { key: 'social apart', kind: 'social', title: '', text: 'dân làng và người lạ' },
  ] as const;
  const idOf = new Map<string, string>();

  beforeAll(async () => {
    const context = await loadProcessingContext();
    const result = await ingestBatch({
      context,
      items: items.map((item, index) => ({
        url: `https://common-${tag}.vn/${index}`,
        title: item.title,
        text: item.text,
        publishedAt: at(index + 1),
        source: `common-${tag}`,
        kind: item.kind,
        ...(item.kind === 'social' ? { author: `author ${index}` } : {}),
      })),
    });
    expect(result.ingested).toBe(items.length);
    const db = await getDb();
    const rows = (
      await db.execute(sql`SELECT id::text, url FROM monitoring_documents WHERE url LIKE ${`https://common-${tag}.vn/%`}`)
    ).rows as { id: string; url: string }[];
    for (const row of rows) idOf.set(items[Number(row.url.split('/').pop())]!.key, row.id);
    // the social posts are years old: past any retention period
    expect((await purgeSocialText()).purged).toBeGreaterThanOrEqual(0);
  });

  // June 2019 holds only these documents
  const june = { from: parseDateBound('2019-06-01', 'from'), to: parseDateBound('2019-06-30', 'to') };
  const search = async (query: string, tuning?: Partial<SearchTuning>) => {
    const ids = await found(`source:common-${tag} AND (${query})`, 50, { tuning, ...june });
    return ids.map((id) => [...idOf].find(([, documentId]) => documentId === id)?.[0]);
  };

  it('stores news rows without them and social rows with every syllable', async () => {
    const db = await getDb();
    const lexemes = async (key: string) =>
      (
        (
          await db.execute(
            sql`SELECT array_to_string(tsvector_to_array(lexemes), ' ') AS words FROM monitoring_search WHERE document_id = ${idOf.get(key)!}::bigint`,
          )
        ).rows[0] as { words: string }
      ).words.split(' ');
    expect(await lexemes('phrase')).toEqual(['sach', 'tin', 'ung']);
    expect(await lexemes('phrase')).not.toContain('nguoi');
    expect(await lexemes('phrase')).not.toContain('dan');
    expect(await lexemes('social phrase')).toEqual(expect.arrayContaining(['nguoi', 'dan', 'phan', 'anh']));
    const texts = (
      await db.execute(
        sql`SELECT text FROM monitoring_documents WHERE id IN (${idOf.get('social phrase')!}::bigint, ${idOf.get('social apart')!}::bigint)`,
      )
    ).rows as { text: string | null }[];
    expect(texts).toEqual([{ text: null }, { text: null }]);
  });

  it('finds phrases of them by their text in news and by their lexemes in purged posts, newest first', async () => {
    expect(await search('"người dân"')).toEqual(['social phrase', 'title', 'phrase']);
    expect(await search('"nguoi dan"')).toEqual(['social phrase', 'title', 'phrase']);
    expect(await search('title:"người dân"')).toEqual(['title']);
    expect(await search('người AND dân')).toEqual(['social apart', 'social phrase', 'title', 'apart', 'phrase']);
    expect(await search('"người dân" AND ủng')).toEqual(['phrase']);
    expect(await search('"dân làng"')).toEqual(['social apart', 'apart']);
    expect(await search('"làng và người"')).toEqual(['social apart', 'apart']);
    expect(await search('ủng AND NOT "người dân"')).toEqual([]);
    expect(await search('dự AND NOT "người dân"')).toEqual([]);
    expect(await search('dân NEAR/3 lạ')).toEqual(['social apart', 'apart']);
    expect(await search('dân NEAR/2 lạ')).toEqual([]);
  });

  it('reads at most maxUnindexedRows rows by date for a query the index cannot narrow', async () => {
    // the newest two rows of June 2019 are the social posts: the news phrase and the title lie beyond the cap
    expect(await search('"người dân"', { probeRows: 1, maxScanRows: 1, maxUnindexedRows: 2 })).toEqual(['social phrase']);
    expect(await search('"người dân"', { probeRows: 1, maxScanRows: 1, maxUnindexedRows: 5 })).toEqual([
      'social phrase',
      'title',
      'phrase',
    ]);
  });
});
