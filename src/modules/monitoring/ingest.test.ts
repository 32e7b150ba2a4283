import { describe, expect, it } from 'vitest';
import { getDatabase } from '../../platform/db';
import { uniqueSuffix } from '../../../test/factories';
import { INGEST_CHUNK_ITEMS, ingestBatch, sweepOrphanSearchRows } from './ingest';
import { searchDocuments } from './search';
import { loadProcessingContext } from './services';

function item(suffix: string, index: number, publishedAt: string) {
  return {
    url: `https://ingest-${suffix}.vn/${index}`,
    title: `Tin ${suffix} số ${index}`,
    text: `Bản tin ${suffix} thứ ${index} về giao thông đô thị, mã ${index * 7919} và ${index * 104729}, để mỗi bài một nội dung.`,
    publishedAt,
    source: `ingest-${suffix}.vn`,
  };
}

describe('ingestBatch', () => {
  it('stores a batch larger than a chunk in a transaction per chunk, reporting it as one: item indexes of rejects, duplicates across chunks, every document once', async () => {
    const suffix = uniqueSuffix();
    const context = await loadProcessingContext();
    const day = (index: number) => `2005-06-${String(1 + (index % 28)).padStart(2, '0')}T05:00:00Z`;
    const items = Array.from({ length: 2 * INGEST_CHUNK_ITEMS + 10 }, (_, index) => item(suffix, index, day(index)));
    // In the second chunk: an item dated far ahead (rejected), a repeat of an item of the first chunk, and one
    // of an item earlier in the same chunk.
    const future = INGEST_CHUNK_ITEMS + 5;
    items[future] = { ...items[future]!, publishedAt: '2099-01-01T00:00:00Z' };
    items[INGEST_CHUNK_ITEMS + 20] = item(suffix, 3, day(3));
    items[INGEST_CHUNK_ITEMS + 30] = item(suffix, INGEST_CHUNK_ITEMS + 1, day(INGEST_CHUNK_ITEMS + 1));
    const result = await ingestBatch({ context, items });
    expect(result.rejected).toEqual([{ index: future, reason: expect.stringMatching(/future/i) as unknown as string }]);
    expect(result.duplicates).toBe(2);
    expect(result.ingested).toBe(items.length - 3);
    expect(new Set(result.documentIds).size).toBe(result.ingested);
    const { pool } = await getDatabase();
    // One transaction per chunk (xmin), so the event loop is free between chunks.
    const stored = await pool.query<{ n: string; transactions: string }>(
      'SELECT count(*) AS n, count(DISTINCT xmin::text) AS transactions FROM monitoring_documents WHERE source_key = $1',
      [`ingest ${suffix} vn`],
    );
    expect(stored.rows[0]).toEqual({ n: String(result.ingested), transactions: '3' });
  });
});

describe('storeBatch', () => {
  it('puts a copy into the story of its earliest near-duplicate within seven days, among several stored stories', async () => {
    const suffix = uniqueSuffix();
    const context = await loadProcessingContext();
    const text = `Bộ ${suffix} công bố kế hoạch chuyển đổi số trong giáo dục: học bạ số, sổ điểm điện tử và hồ sơ tuyển sinh trực tuyến cho mọi trường phổ thông từ năm học tới, kèm hướng dẫn bảo vệ dữ liệu cá nhân của học sinh.`;
    const copy = (outlet: string, day: number) => ({
      url: `https://${outlet}-${suffix}.vn/chuyen-doi-so`,
      title: 'Kế hoạch chuyển đổi số trong giáo dục',
      text,
      publishedAt: `2004-03-${String(day).padStart(2, '0')}T08:00:00Z`,
      source: `${outlet}-${suffix}.vn`,
    });
    // Day 1 starts a story; day 12 is more than seven days later, so it starts its own; day 6 is within seven
    // days of both and joins the earlier one. Each copy arrives in its own batch.
    const [first] = (await ingestBatch({ context, items: [copy('a', 1)] })).documentIds;
    const [late] = (await ingestBatch({ context, items: [copy('b', 12)] })).documentIds;
    const [middle] = (await ingestBatch({ context, items: [copy('c', 6)] })).documentIds;
    const { pool } = await getDatabase();
    const stories = await pool.query<{ id: string; story_id: string }>(
      'SELECT id::text, story_id::text FROM monitoring_documents WHERE id = ANY($1::bigint[]) ORDER BY published_at',
      [[first, late, middle]],
    );
    expect(stories.rows).toEqual([
      { id: String(first), story_id: String(first) },
      { id: String(middle), story_id: String(first) },
      { id: String(late), story_id: String(late) },
    ]);
  });

  it('stores a batch mixing stored and new documents once, with one search row per stored document and none for the rest', async () => {
    const suffix = uniqueSuffix();
    const context = await loadProcessingContext();
    // A month of its own (long past), so the checks below see only this test's search rows.
    const month = `2003-${String(1 + (Number.parseInt(suffix.replace(/\D/g, '').slice(-4) || '0', 10) % 12)).padStart(2, '0')}`;
    const at = (day: number) => `${month}-${String(day).padStart(2, '0')}T03:00:00Z`;
    const first = await ingestBatch({ context, items: [item(suffix, 1, at(1)), item(suffix, 2, at(2))] });
    expect(first).toMatchObject({ ingested: 2, rejected: [] });
    // The second batch repeats document 2 (same URL) and the content of document 1 under a new URL, then adds two.
    const copyOfFirst = { ...item(suffix, 1, at(1)), url: `https://ingest-${suffix}.vn/copy-of-1` };
    const second = await ingestBatch({
      context,
      items: [item(suffix, 3, at(3)), item(suffix, 2, at(2)), copyOfFirst, item(suffix, 4, at(4))],
    });
    expect(second).toMatchObject({ ingested: 2, duplicates: 2 });
    const again = await ingestBatch({ context, items: [item(suffix, 3, at(3)), item(suffix, 4, at(4))] });
    expect(again).toMatchObject({ ingested: 0, duplicates: 2 });

    const { pool } = await getDatabase();
    const rows = await pool.query<{ documents: string; search_rows: string; orphans: string }>(
      `SELECT (SELECT count(*) FROM monitoring_documents WHERE source_key = $1) AS documents,
              (SELECT count(*) FROM monitoring_search s JOIN monitoring_documents d ON d.id = s.document_id WHERE d.source_key = $1) AS search_rows,
              (SELECT count(*) FROM monitoring_search s WHERE s.published_at >= $2::timestamptz AND s.published_at < $2::timestamptz + interval '5 days'
                 AND NOT EXISTS (SELECT 1 FROM monitoring_documents d WHERE d.id = s.document_id)) AS orphans`,
      [`ingest ${suffix} vn`, at(1)],
    );
    expect(rows.rows[0]).toEqual({ documents: '4', search_rows: '4', orphans: '0' });
    const found = await searchDocuments({ actor: null, query: suffix, limit: 10 });
    expect(found.map((document) => document.url).sort()).toEqual(
      [1, 2, 3, 4].map((index) => `https://ingest-${suffix}.vn/${index}`),
    );
  });

  it('writes search rows with the time of their documents (before and after 2000, to the microsecond), organization and lexemes', async () => {
    const suffix = uniqueSuffix();
    const items = [
      item(suffix, 1, '1999-12-31T23:59:59.123Z'),
      { ...item(suffix, 2, '2026-11-20T08:30:00.5Z'), text: `Bản tin ${suffix} thực hiện Chỉ thị số 07/CT-TTg.` },
      { ...item(suffix, 3, '2000-01-01T00:00:00Z'), title: `Tin ${suffix} Đà Nẵng 東京` },
    ];
    const organizationId = 'van-phong-chinh-phu';
    const stored = await ingestBatch({ context: await loadProcessingContext({ organizationId }), items: items.slice(0, 2) });
    const storedWithout = await ingestBatch({ context: await loadProcessingContext(), items: items.slice(2) });
    expect([stored.ingested, storedWithout.ingested]).toEqual([2, 1]);
    const { pool } = await getDatabase();
    const { rows } = await pool.query<{
      same_time: boolean;
      organization_id: string | null;
      lexemes: string;
      published_at: Date;
    }>(
      `SELECT s.published_at = d.published_at AS same_time, s.organization_id, s.lexemes::text AS lexemes, s.published_at
       FROM monitoring_search s JOIN monitoring_documents d ON d.id = s.document_id WHERE d.source_key = $1 ORDER BY s.published_at`,
      [`ingest ${suffix} vn`],
    );
    expect(rows.map((row) => [row.same_time, row.published_at.toISOString(), row.organization_id])).toEqual([
      [true, '1999-12-31T23:59:59.123Z', organizationId],
      [true, '2000-01-01T00:00:00.000Z', null],
      [true, '2026-11-20T08:30:00.500Z', organizationId],
    ]);
    expect(rows[1]!.lexemes).toContain("'nang':4A");
    expect(rows[1]!.lexemes).toContain("'東京':5A");
    // search results name the policies a document cites
    const found = await searchDocuments({ actor: null, query: `${suffix} AND "chỉ thị"`, limit: 5 });
    expect(found.map((document) => [document.policies, document.entityIds])).toEqual([
      [['Chỉ thị 07/CT-TTg'], ['policy:chi-thi:07/ct-ttg']],
    ]);
  });

  it('records the register documents a text names, in force on its publication date, and lists them by their titles', async () => {
    const suffix = uniqueSuffix();
    const items = [
      { ...item(suffix, 1, '2025-05-01T03:00:00Z'), text: `Bản tin ${suffix}: Cục Báo chí góp ý sửa Luật Báo chí.` },
      { ...item(suffix, 2, '2026-08-01T03:00:00Z'), text: `Bản tin ${suffix}: Cục Báo chí hướng dẫn thi hành Luật Báo chí.` },
      // named with its year and cited by number: one entity
      {
        ...item(suffix, 3, '2026-08-02T03:00:00Z'),
        text: `Bản tin ${suffix}: so sánh Luật Báo chí năm 2016 (Luật số 103/2016/QH13).`,
      },
      // a draft's name: the draft while it is discussed, the law adopted from it once that applies
      { ...item(suffix, 4, '2025-06-01T03:00:00Z'), text: `Bản tin ${suffix}: góp ý dự thảo Luật Báo chí (sửa đổi).` },
      { ...item(suffix, 5, '2026-08-03T03:00:00Z'), text: `Bản tin ${suffix}: Luật Báo chí (sửa đổi) đã có hiệu lực.` },
    ];
    expect((await ingestBatch({ context: await loadProcessingContext(), items })).ingested).toBe(5);
    const found = await searchDocuments({ actor: null, query: `${suffix} AND "bao chi"`, limit: 5 });
    expect(found.map((document) => [document.url, document.entityIds, document.policies]).sort()).toEqual([
      [`https://ingest-${suffix}.vn/1`, ['cuc-bao-chi', 'policy:luat:103/2016/qh13'], ['Luật Báo chí 103/2016/QH13']],
      [`https://ingest-${suffix}.vn/2`, ['cuc-bao-chi', 'policy:luat:126/2025/qh15'], ['Luật Báo chí 126/2025/QH15']],
      [`https://ingest-${suffix}.vn/3`, ['policy:luat:103/2016/qh13'], ['Luật Báo chí 103/2016/QH13']],
      [`https://ingest-${suffix}.vn/4`, ['policy:luat:du-thao/bao-chi-sua-doi'], ['Dự thảo Luật Báo chí (sửa đổi)']],
      [`https://ingest-${suffix}.vn/5`, ['policy:luat:126/2025/qh15'], ['Luật Báo chí 126/2025/QH15']],
    ]);
  });

  it('leaves no pending record after a batch, and a sweep removes the search rows a killed process left without documents', async () => {
    const suffix = uniqueSuffix();
    const context = await loadProcessingContext();
    const month = `2004-${String(1 + (Number.parseInt(suffix.replace(/\D/g, '').slice(-4) || '0', 10) % 12)).padStart(2, '0')}`;
    const stored = await ingestBatch({ context, items: [item(suffix, 1, `${month}-01T03:00:00Z`)] });
    expect(stored.ingested).toBe(1);
    const storedId = stored.documentIds[0]!;
    const { pool } = await getDatabase();
    const pendingFor = async (ids: number[]) =>
      Number(
        (
          await pool.query<{ n: string }>(
            'SELECT count(*) AS n FROM monitoring_search_pending WHERE first_document_id = ANY($1::bigint[])',
            [ids],
          )
        ).rows[0]!.n,
      );
    expect(await pendingFor([storedId])).toBe(0);

    // What a process killed between the search rows' commit and its documents' commit leaves: the record and two
    // search rows of ids never stored. The record also names the stored document, whose row must stay.
    const ids = (
      await pool.query<{ id: string }>(
        "SELECT nextval(pg_get_serial_sequence('monitoring_documents', 'id'))::text AS id FROM generate_series(1, 2)",
      )
    ).rows.map((row) => Number(row.id));
    const at = `${month}-02T03:00:00Z`;
    await pool.query('SELECT monitoring_search_partition($1::timestamptz)', [at]);
    await pool.query(
      `INSERT INTO monitoring_search_pending (first_document_id, published_at, document_ids) VALUES ($1, $2::timestamptz[], $3::bigint[])`,
      [ids[0], [at, at, `${month}-01T03:00:00Z`], [...ids, storedId]],
    );
    await pool.query(
      `INSERT INTO monitoring_search (document_id, published_at, organization_id, lexemes) SELECT id, $2::timestamptz, NULL, 'mocoi:1'::tsvector FROM unnest($1::bigint[]) AS id`,
      [ids, at],
    );
    const searchRows = async (documentIds: number[]) =>
      Number(
        (
          await pool.query<{ n: string }>('SELECT count(*) AS n FROM monitoring_search WHERE document_id = ANY($1::bigint[])', [
            documentIds,
          ])
        ).rows[0]!.n,
      );
    expect(await searchRows(ids)).toBe(2);

    // Another test file's import may sweep first (each import starts with a sweep), so the count this call
    // returns is not asserted: what is left afterwards is.
    await sweepOrphanSearchRows();
    expect(await searchRows(ids)).toBe(0);
    expect(await searchRows([storedId])).toBe(1);
    expect(await pendingFor(ids)).toBe(0);
    const found = await searchDocuments({ actor: null, query: suffix, limit: 10 });
    expect(found.map((document) => document.url)).toEqual([`https://ingest-${suffix}.vn/1`]);
  });
});
