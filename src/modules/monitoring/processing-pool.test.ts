import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { referenceOrganizations } from '../agencies/reference-data';
import { buildEntityMatcher, type EntityEntry } from './entities';
import { prepareBatch, type PreparedBatch } from './prepare';
import { createProcessingContext } from './process';
import { ProcessingPool } from './processing-pool';
import { buildQueryRegistry } from './query/registry';
import type { IncomingDocument } from './contracts';

const fixtures = path.resolve(import.meta.dirname, '../../../test-data/monitoring');
const secret = 'processing-pool-test-secret';
const entities: EntityEntry[] = referenceOrganizations.map((organization) => ({
  id: organization.id,
  kind: organization.kind,
  names: [organization.name, organization.shortName, ...organization.aliases].filter((name): name is string => Boolean(name)),
}));
const context = createProcessingContext({ secret, entities: buildEntityMatcher(entities) });

/** The fixture's valid lines, a social post with an author, an in-batch duplicate and an invalid item. */
function items(): IncomingDocument[] {
  const lines = fs.readFileSync(path.join(fixtures, 'sample.jsonl'), 'utf8').split('\n');
  const valid = lines.flatMap((line) => {
    try {
      const value = JSON.parse(line) as IncomingDocument;
      return value && typeof value === 'object' ? [value] : [];
    } catch {
      return [];
    }
  });
  const extra: IncomingDocument[] = Array.from({ length: 40 }, (_, index) => ({
    url: `https://bao-thu.vn/bai-${index}.html`,
    title: `Học phí đại học năm ${2020 + (index % 7)} tăng mạnh ở Hà Nội`,
    text: `Phụ huynh bức xúc vì học phí tăng ${index * 3}% trong khi chất lượng đào tạo chưa cải thiện. Bộ Giáo dục và Đào tạo cho biết sẽ rà soát.`,
    publishedAt: '2026-11-20T02:00:00Z',
    source: 'bao-thu.vn',
    kind: index % 5 === 0 ? 'social' : 'news',
    author: index % 5 === 0 ? `@nguoi.dung.${index}` : 'Phóng viên',
  }));
  return [
    ...valid,
    ...extra,
    { ...extra[1]!, url: 'https://bao-thu.vn/ban-sao.html' },
    { ...extra[2]!, publishedAt: 'not a date' },
  ];
}

const rows = (suffix: string) => [
  { id: `q-hoc-phi-${suffix}`, organizationId: 'bo-giao-duc-va-dao-tao', query: '"hoc phi" AND title:dai', isAccentExact: false },
  { id: `q-near-${suffix}`, organizationId: 'bo-giao-duc-va-dao-tao', query: 'phu NEAR/3 "buc xuc"', isAccentExact: false },
  { id: `q-exact-${suffix}`, organizationId: 'thanh-pho-ha-noi', query: '"Hà Nội" AND sentiment:negative', isAccentExact: true },
];

/** What is compared: every stored field (token streams are dropped by prepareBatch on both sides). */
function comparable(prepared: PreparedBatch) {
  return {
    documents: prepared.documents.map((document) => ({
      ...document,
      contentHash: document.contentHash.toString('hex'),
      isBuffer: Buffer.isBuffer(document.contentHash),
    })),
    matchedQueries: prepared.matchedQueries,
    duplicates: prepared.duplicates,
    rejected: prepared.rejected,
  };
}

describe('processing pool', () => {
  const pool = new ProcessingPool(2, { sourceId: null, organizationId: null, secret, entities });
  afterAll(() => pool.close());

  it('prepares batches on worker threads exactly as on the calling thread', async () => {
    const registry = buildQueryRegistry(rows('a'), 'stamp-a');
    const batch = items();
    const local = prepareBatch({ items: batch, context, registry });
    const [threaded, again] = await Promise.all([pool.prepare(batch, registry), pool.prepare(batch, registry)]);
    expect(local.documents.length).toBeGreaterThan(40);
    expect(local.duplicates).toBe(1);
    expect(local.rejected.map((item) => item.index)).toContain(batch.length - 1);
    expect(local.matchedQueries.flat()).toEqual(expect.arrayContaining(['q-hoc-phi-a', 'q-near-a']));
    expect(local.documents.some((document) => document.authorPseudonym?.startsWith('p_'))).toBe(true);
    expect(comparable(threaded)).toEqual(comparable(local));
    expect(comparable(again)).toEqual(comparable(local));
    expect(threaded.registry).toBe(registry);
  });

  it('sends a thread the saved queries again when they change', async () => {
    const batch = items();
    await Promise.all([
      pool.prepare(batch, buildQueryRegistry(rows('a'), 'stamp-a')),
      pool.prepare(batch, buildQueryRegistry(rows('a'), 'stamp-a')),
    ]);
    const changed = buildQueryRegistry(rows('b'), 'stamp-b');
    const results = await Promise.all([pool.prepare(batch, changed), pool.prepare(batch, changed)]);
    for (const result of results) {
      const ids = new Set(result.matchedQueries.flat());
      expect(ids.has('q-hoc-phi-b')).toBe(true);
      expect(ids.has('q-hoc-phi-a')).toBe(false);
    }
  });

  it('fails the batch, not the process, when a thread cannot process it', async () => {
    const registry = buildQueryRegistry(rows('c'), 'stamp-c');
    // an item that is not an object makes processDocument throw inside the thread
    await expect(pool.prepare([null as unknown as IncomingDocument], registry)).rejects.toThrow(/TypeError|Cannot read/);
    const after = await pool.prepare(items(), registry);
    expect(after.documents.length).toBeGreaterThan(40);
  });
});
