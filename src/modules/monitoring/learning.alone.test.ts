import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { createTestUser, signInAs, uniqueSuffix } from '../../../test/factories';
import { loadModel } from '../../text/models';
import { ingestBatch } from './ingest';
import { loadActiveModels } from './active-models';
import { activateModel, listModels, retrainModel } from './learning';
import { continueRelabelRun, latestRelabelRun, relabelNextBatch, type RelabelRun } from './relabel';
import { createProcessingContext, processDocument } from './process';
import { loadProcessingContext } from './services';
import { buildEntityMatcher } from './entities';
import type { Actor } from '../../platform/actor';

// A made-up word the shipped model has never seen: its articles read as neutral until officers say otherwise.
const word = 'quaoxinh';
const fillers = [
  'chợ',
  'trường',
  'cầu',
  'đường',
  'bến xe',
  'công viên',
  'bệnh viện',
  'thư viện',
  'nhà văn hóa',
  'sân vận động',
  'bảo tàng',
  'ký túc xá',
];
/** One post about the made-up word per filler place, from `host`. */
const postsAboutTheWord = (host: string, suffix: string) =>
  fillers.map((filler, index) => ({
    url: `https://${host}/${index}`,
    title: `Người dân nói về ${word} ở ${filler}`,
    text: `Tại ${filler} số ${index}, người dân kể về ${word} trong buổi sáng ${suffix}.`,
    publishedAt: '2026-11-20T02:00:00Z',
    source: host,
  }));
// Provincial news of a rice-export policy, which the shipped model files under business.
const riceLead = 'Ủy ban nhân dân tỉnh ban hành chính sách hỗ trợ nông dân xuất khẩu gạo.';
const riceBody =
  'Theo chính sách mới, doanh nghiệp thu mua lúa được vay vốn ưu đãi, giá lúa được bảo đảm có lãi cho người trồng. ' +
  'Sở Công Thương cho biết kim ngạch xuất khẩu gạo năm nay dự kiến tăng mạnh, thị trường Philippines và châu Phi mở ' +
  'rộng, giá gạo xuất khẩu ở mức cao.';
const coordinator: Actor = {
  kind: 'user',
  userId: null,
  email: null,
  organizationId: 'chinh-phu',
  role: 'coordinator',
  via: 'session',
};

/** Corrects each document as an officer's correction button does (each answered 201). */
async function correctThroughApi(
  officer: Awaited<ReturnType<typeof signInAs>>,
  documentIds: readonly number[],
  body: { sentiment?: string; topic?: string; note: string },
): Promise<void> {
  for (const id of documentIds) {
    const response = await officer.request(`/api/monitoring/documents/${id}/corrections`, { method: 'POST', body });
    expect(response.status).toBe(201);
  }
}

describe('learning from corrections', () => {
  it("trains a sentiment version on officers' corrections, puts it in use for processing, and rolls back", async () => {
    const suffix = uniqueSuffix();
    const context = await loadProcessingContext();
    const items = postsAboutTheWord(`hoc-${suffix}.vn`, suffix);
    const stored = await ingestBatch({ context, items });
    expect(stored.ingested).toBe(fillers.length);
    const db = await getDb();
    const labels = await db.execute(
      sql`SELECT DISTINCT sentiment FROM monitoring_documents WHERE source_key = ${`hoc ${suffix} vn`}`,
    );
    expect(labels.rows).toEqual([{ sentiment: 'neutral' }]);

    // officers say these are positive, through the API the correction button calls
    const officer = await signInAs(await createTestUser({ role: 'officer' }));
    await correctThroughApi(officer, stored.documentIds, { sentiment: 'positive', note: 'ý kiến khen' });
    // an officer may correct, not train the network's model
    const officerActor: Actor = { ...coordinator, role: 'officer' };
    await expect(retrainModel({ actor: officerActor, kind: 'sentiment' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const shippedVersion = Number(loadModel('sentiment').version);
    const trained = await retrainModel({ actor: coordinator, kind: 'sentiment' });
    expect(trained.isActive).toBe(false);
    expect(trained.version).toBeGreaterThan(shippedVersion);
    expect(trained.examples).toBeGreaterThanOrEqual(fillers.length);
    // the model in use labelled none of these as the officers did; the new one learned them
    expect(trained.agreedAfter - trained.agreedBefore).toBeGreaterThanOrEqual(fillers.length);
    const listed = await listModels({ actor: coordinator, kind: 'sentiment' });
    expect(listed.versions[0]).toMatchObject({ version: trained.version, isActive: false });
    // the API lists versions for coordinators, not for officers
    expect((await officer.request('/api/monitoring/models/sentiment')).status).toBe(403);
    const coordinatorClient = await signInAs(await createTestUser({ role: 'coordinator' }));
    const overHttp = (await (await coordinatorClient.request('/api/monitoring/models/sentiment')).json()) as {
      shippedVersion: number;
      versions: { version: number }[];
    };
    expect(overHttp.shippedVersion).toBe(Number(loadModel('sentiment').version));
    expect(overHttp.versions.map((version) => version.version)).toContain(trained.version);

    const unseen = {
      title: `Bàn về ${word}`,
      text: `Chiều nay phường họp bàn về ${word} ở khu phố mới.`,
      publishedAt: '2026-11-21T02:00:00Z',
    };
    const shippedContext = createProcessingContext({ secret: 'k', entities: buildEntityMatcher([]) });
    const sentimentWith = (processingContext: typeof shippedContext) => {
      const result = processDocument(unseen, processingContext);
      if (!result.ok) throw new Error(result.reason);
      return result.document.sentiment;
    };
    expect(sentimentWith(shippedContext)).toBe('neutral');

    // in use: every context loaded from now on reads with it; the shipped version's number goes back to it
    const activation = await coordinatorClient.request('/api/monitoring/models/sentiment/activate', {
      method: 'POST',
      body: { version: trained.version },
    });
    expect(activation.status).toBe(204);
    try {
      expect((await listModels({ actor: coordinator, kind: 'sentiment' })).activeVersion).toBe(trained.version);
      const active = await loadActiveModels();
      expect(active.sentiment?.version).toBe(String(trained.version));
      expect(sentimentWith(await loadProcessingContext())).toBe('positive');
    } finally {
      await activateModel({ actor: coordinator, kind: 'sentiment', version: shippedVersion });
    }
    expect((await loadActiveModels()).sentiment).toBeUndefined();
    expect(sentimentWith(await loadProcessingContext())).toBe('neutral');
    await expect(activateModel({ actor: coordinator, kind: 'sentiment', version: 999_999 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const audit = await db.execute(
      sql`SELECT action FROM audit_log WHERE entity_type = 'nlp_model' AND entity_id = ${`sentiment:${trained.version}`} ORDER BY id`,
    );
    expect(audit.rows.map((row) => (row as { action: string }).action)).toEqual(['nlp.model.train', 'nlp.model.activate']);
  });

  it("adapts the topic model to officers' corrections: their stories' copies follow, the rest of the news does not move", async () => {
    const suffix = uniqueSuffix();
    const lead = riceLead;
    const body = riceBody;
    const context = await loadProcessingContext();
    const items = ['Cần Thơ', 'An Giang', 'Đồng Tháp', 'Vĩnh Long'].map((province, index) => ({
      url: `https://lua-${suffix}.vn/${index}`,
      title: `${province}: chính sách hỗ trợ xuất khẩu gạo`,
      text: `${lead} ${body} Bản tin ${suffix}.`,
      publishedAt: '2026-11-20T02:00:00Z',
      source: `lua-${suffix}.vn`,
    }));
    const stored = await ingestBatch({ context, items });
    expect(stored.ingested).toBe(items.length);
    const db = await getDb();
    const topics = await db.execute(
      sql`SELECT DISTINCT topic FROM monitoring_documents WHERE source_key = ${`lua ${suffix} vn`}`,
    );
    expect(topics.rows).toEqual([{ topic: 'Kinh doanh' }]);

    const officer = await signInAs(await createTestUser({ role: 'officer' }));
    await correctThroughApi(officer, stored.documentIds, { topic: 'Chinh tri Xa hoi', note: 'chính sách của tỉnh' });
    const coordinatorClient = await signInAs(await createTestUser({ role: 'coordinator' }));
    // only the two learning models have versions
    expect((await coordinatorClient.request('/api/monitoring/models/toxicity')).status).toBe(400);
    expect((await officer.request('/api/monitoring/models/topic/retrain', { method: 'POST' })).status).toBe(403);
    // what a version trained now would learn from: at least these four (other tests may correct topics too)
    const learnable = (await (await coordinatorClient.request('/api/monitoring/models/topic')).json()) as { corrections: number };
    expect(learnable.corrections).toBeGreaterThanOrEqual(items.length);
    const retrained = await coordinatorClient.request('/api/monitoring/models/topic/retrain', { method: 'POST', body: {} });
    expect(retrained.status).toBe(201);
    const trained = (await retrained.json()) as {
      kind: string;
      version: number;
      examples: number;
      agreedBefore: number;
      agreedAfter: number;
    };
    expect(trained.kind).toBe('topic');
    expect(trained.version).toBeGreaterThan(1);
    expect(trained.examples).toBeGreaterThanOrEqual(items.length);
    expect(trained.agreedAfter - trained.agreedBefore).toBeGreaterThanOrEqual(items.length);

    // a copy another outlet republished with its own title and without the lead, and unrelated news
    const copy = { title: 'Nông dân được hỗ trợ', text: body, publishedAt: '2026-11-21T02:00:00Z' };
    const sport = {
      title: 'Đội tuyển thắng',
      text: 'Đội tuyển Việt Nam giành chiến thắng 2-0 trước Thái Lan ở vòng loại World Cup, huấn luyện viên hài lòng với các cầu thủ.',
      publishedAt: '2026-11-21T02:00:00Z',
    };
    const topicWith = async (document: typeof copy) => {
      const result = processDocument(document, await loadProcessingContext());
      if (!result.ok) throw new Error(result.reason);
      return result.document.topic;
    };
    expect(await topicWith(copy)).toBe('Kinh doanh');
    expect(await topicWith(sport)).toBe('The thao');
    const activation = await coordinatorClient.request('/api/monitoring/models/topic/activate', {
      method: 'POST',
      body: { version: trained.version },
    });
    expect(activation.status).toBe(204);
    try {
      const listed = (await (await coordinatorClient.request('/api/monitoring/models/topic')).json()) as {
        shippedVersion: number;
        activeVersion: number;
      };
      expect(listed).toMatchObject({ shippedVersion: 1, activeVersion: trained.version });
      expect((await loadActiveModels()).topic?.version).toBe(String(trained.version));
      expect(await topicWith(copy)).toBe('Chinh tri Xa hoi');
      expect(await topicWith(sport)).toBe('The thao');
    } finally {
      await activateModel({ actor: coordinator, kind: 'topic', version: 1 });
    }
    expect((await loadActiveModels()).topic).toBeUndefined();
    expect(await topicWith(copy)).toBe('Kinh doanh');

    // a version learned from another release's topic model (its buckets mean other features) is not used
    const { rows: storedVersion } = await db.execute(
      sql`SELECT model FROM nlp_models WHERE kind = 'topic' AND version = ${trained.version}`,
    );
    const foreign = { ...(storedVersion[0] as { model: Record<string, unknown> }).model, baseVersion: '0.9.0' };
    const { rows: next } = await db.execute(sql`
      INSERT INTO nlp_models (kind, version, parent_version, model, examples, agreed_before, agreed_after)
      SELECT 'topic', max(version) + 1, 1, ${JSON.stringify(foreign)}::jsonb, 4, 0, 4 FROM nlp_models WHERE kind = 'topic'
      RETURNING version`);
    const foreignVersion = (next[0] as { version: number }).version;
    await activateModel({ actor: coordinator, kind: 'topic', version: foreignVersion });
    try {
      expect((await loadActiveModels()).topic).toBeUndefined();
      expect(await topicWith(copy)).toBe('Kinh doanh');
    } finally {
      await activateModel({ actor: coordinator, kind: 'topic', version: 1 });
    }
    const audit = await db.execute(
      sql`SELECT action FROM audit_log WHERE entity_type = 'nlp_model' AND entity_id = ${`topic:${trained.version}`} ORDER BY id`,
    );
    expect(audit.rows.map((row) => (row as { action: string }).action)).toEqual(['nlp.model.train', 'nlp.model.activate']);
  });
});

describe('re-labelling stored documents after an activation', () => {
  const topicOf = async (id: number) => {
    const db = await getDb();
    const { rows } = await db.execute(sql`SELECT topic FROM monitoring_documents WHERE id = ${id}`);
    return (rows[0] as { topic: string | null }).topic;
  };

  it("files the stored copies of a corrected story anew, keeps officers' and purged labels, and rolls back", async () => {
    const suffix = uniqueSuffix();
    const lead = riceLead;
    const body = `${riceBody} Tin ${suffix}.`;
    const context = await loadProcessingContext();
    const at = '2026-11-20T02:00:00Z';
    const item = (path: string, title: string, text: string, kind: 'news' | 'social' = 'news') => ({
      url: `https://gao-${suffix}.vn/${path}`,
      title,
      text,
      publishedAt: at,
      source: `gao-${suffix}.vn`,
      kind,
    });
    const corrected = ['Cần Thơ', 'An Giang', 'Đồng Tháp', 'Vĩnh Long'].map((province, index) =>
      item(`goc-${index}`, `${province}: chính sách hỗ trợ xuất khẩu gạo`, `${lead} ${body}`),
    );
    // stored before any version learned from the corrections: the shipped model files them all under business
    const stored = await ingestBatch({
      context,
      items: [
        ...corrected,
        item('ban-sao', 'Nông dân được hỗ trợ', body),
        item('ban-sao-khac', 'Giá lúa có lãi', body),
        item('mang-xa-hoi', 'Bài đăng', body, 'social'),
        item(
          'the-thao',
          'Đội tuyển thắng',
          `Đội tuyển Việt Nam giành chiến thắng 2-0 trước Thái Lan ở vòng loại World Cup, huấn luyện viên hài lòng. ${suffix}`,
        ),
      ],
    });
    expect(stored.ingested).toBe(8);
    const [copy, officersCopy, socialCopy, sport] = stored.documentIds.slice(4);
    for (const id of stored.documentIds.slice(0, 7)) expect(await topicOf(id)).toBe('Kinh doanh');
    expect(await topicOf(sport!)).toBe('The thao');

    const officer = await signInAs(await createTestUser({ role: 'officer' }));
    await correctThroughApi(officer, stored.documentIds.slice(0, 4), { topic: 'Chinh tri Xa hoi', note: 'chính sách' });
    // the retention purge has emptied this post's raw text (what `purgeSocialText` writes, for this post only)
    const db = await getDb();
    await db.execute(
      sql`UPDATE monitoring_documents SET text = NULL, title = '', text_purged_at = now() WHERE id = ${socialCopy!}`,
    );

    const coordinatorClient = await signInAs(await createTestUser({ role: 'coordinator' }));
    const retrained = await coordinatorClient.request('/api/monitoring/models/topic/retrain', {
      method: 'POST',
      body: { activate: true },
    });
    expect(retrained.status).toBe(201);
    const trained = (await retrained.json()) as { version: number; preview: { documents: number; changed: number } };
    // before its run, the version said what it would change among the latest documents no officer corrected: at
    // least the two copies (one is corrected only later), not the corrected ones, the purged post or the sport
    expect(trained.preview.changed).toBeGreaterThanOrEqual(2);
    expect(trained.preview.documents).toBeGreaterThanOrEqual(3);
    expect(trained.preview.changed).toBeLessThanOrEqual(trained.preview.documents);
    type Listed = { activeVersion: number; relabel: RelabelRun | null };
    const listed = async () => (await (await coordinatorClient.request('/api/monitoring/models/topic')).json()) as Listed;
    try {
      // the activation started a run over the documents stored until then, which waits for a worker
      const started = (await listed()).relabel!;
      expect(started).toMatchObject({ version: trained.version, status: 'running', examined: 0, total: null });
      const { rows: waiting } = await db.execute(
        sql`SELECT 1 FROM pgboss.job WHERE name = 'monitoring.relabel-documents' AND singleton_key = ${`relabel:${started.id}`}`,
      );
      expect(waiting).toHaveLength(1);
      // nothing is re-labelled before the run goes
      expect(await topicOf(copy!)).toBe('Kinh doanh');
      // meanwhile an officer files a copy under culture, which the new version reads as politics–society: the
      // officer's label stays
      await correctThroughApi(officer, [officersCopy!], { topic: 'Van hoa', note: 'chuyên mục văn hóa' });

      // two workers on the same run: batches go one at a time and no document is read twice
      const [first, second] = await Promise.all([continueRelabelRun(started.id), continueRelabelRun(started.id)]);
      expect(first.status).toBe('done');
      expect(second).toEqual(first);
      expect(first.examined).toBe(first.total);
      expect(first.examined).toBeGreaterThanOrEqual(stored.documentIds.length);
      expect(first.relabelled).toBeGreaterThanOrEqual(1);
      expect(first.keptCorrected).toBeGreaterThanOrEqual(5);
      expect(first.keptPurged).toBeGreaterThanOrEqual(1);

      expect(await topicOf(copy!)).toBe('Chinh tri Xa hoi');
      expect(await topicOf(officersCopy!)).toBe('Van hoa');
      expect(await topicOf(socialCopy!)).toBe('Kinh doanh');
      expect(await topicOf(sport!)).toBe('The thao');
      for (const id of stored.documentIds.slice(0, 4)) expect(await topicOf(id)).toBe('Chinh tri Xa hoi');
      // search and the API read the new label too
      const found = (await (await officer.request(`/api/monitoring/documents/${copy}`)).json()) as {
        topic: string;
        topicScore: number;
      };
      expect(found.topic).toBe('Chinh tri Xa hoi');
      // a finished run does nothing more
      expect(await relabelNextBatch(started.id)).toBe('done');
      expect((await listed()).relabel).toEqual(first);
    } finally {
      await activateModel({ actor: coordinator, kind: 'topic', version: 1 });
    }
    // the rollback is an activation too: its run files the copy under business again, officers' labels stay
    const rollback = (await listed()).relabel!;
    expect(rollback).toMatchObject({ version: 1, status: 'running' });
    const rolledBack = await continueRelabelRun(rollback.id);
    expect(rolledBack.status).toBe('done');
    expect(await topicOf(copy!)).toBe('Kinh doanh');
    expect(await topicOf(officersCopy!)).toBe('Van hoa');
    expect(await topicOf(stored.documentIds[0]!)).toBe('Chinh tri Xa hoi');
    // every change is logged for the rollups that counted the labels before (trends move those mentions)
    const changesOf = async (id: number) =>
      (
        await db.execute(
          sql`SELECT field, previous_value, new_value FROM monitoring_label_changes WHERE document_id = ${id} ORDER BY id`,
        )
      ).rows;
    expect(await changesOf(copy!)).toEqual([
      { field: 'topic', previous_value: 'Kinh doanh', new_value: 'Chinh tri Xa hoi' },
      { field: 'topic', previous_value: 'Chinh tri Xa hoi', new_value: 'Kinh doanh' },
    ]);
    expect(await changesOf(officersCopy!)).toEqual([{ field: 'topic', previous_value: 'Kinh doanh', new_value: 'Van hoa' }]);
    expect(await changesOf(sport!)).toEqual([]);
  });

  it('follows sentiment into the mentions, and a later activation supersedes a run still going', async () => {
    const suffix = uniqueSuffix();
    const context = await loadProcessingContext();
    const items = postsAboutTheWord(`khen-${suffix}.vn`, suffix);
    const officer = await signInAs(await createTestUser({ role: 'officer' }));
    // a saved query the stored post below is a mention of
    const created = await officer.request('/api/monitoring/queries', {
      method: 'POST',
      body: { name: `Khen ${suffix}`, query: `"${suffix}" AND ${word}` },
    });
    expect(created.status).toBe(201);
    const queryId = ((await created.json()) as { id: string }).id;
    const stored = await ingestBatch({ context, items });
    expect(stored.ingested).toBe(fillers.length);
    const [mention, ...toCorrect] = stored.documentIds;
    await correctThroughApi(officer, toCorrect, { sentiment: 'positive', note: 'ý kiến khen' });
    const db = await getDb();
    const mentionSentiment = async () => {
      const { rows } = await db.execute(sql`
        SELECT d.sentiment AS document, m.sentiment AS mention
        FROM monitoring_documents d JOIN monitoring_query_matches m ON m.document_id = d.id AND m.query_id = ${queryId}
        WHERE d.id = ${mention!}`);
      return rows[0] as { document: string; mention: string };
    };
    expect(await mentionSentiment()).toEqual({ document: 'neutral', mention: 'neutral' });

    const trained = await retrainModel({ actor: coordinator, kind: 'sentiment', activate: true });
    const run = await latestRelabelRun('sentiment');
    expect(run).toMatchObject({ version: trained.version, status: 'running' });
    try {
      expect((await continueRelabelRun(run!.id)).status).toBe('done');
      expect(await mentionSentiment()).toEqual({ document: 'positive', mention: 'positive' });
    } finally {
      // rolled back before its run went: the run of the rollback takes over
      await activateModel({ actor: coordinator, kind: 'sentiment', version: Number(loadModel('sentiment').version) });
    }
    await activateModel({ actor: coordinator, kind: 'sentiment', version: trained.version });
    const superseded = await latestRelabelRun('sentiment');
    await activateModel({ actor: coordinator, kind: 'sentiment', version: Number(loadModel('sentiment').version) });
    expect(await relabelNextBatch(superseded!.id)).toBe('superseded');
    expect((await continueRelabelRun(superseded!.id)).examined).toBe(0);
    const last = await latestRelabelRun('sentiment');
    expect(last!.id).toBeGreaterThan(superseded!.id);
    expect((await continueRelabelRun(last!.id)).status).toBe('done');
    expect(await mentionSentiment()).toEqual({ document: 'neutral', mention: 'neutral' });
  });
});
