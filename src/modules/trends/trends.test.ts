import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { runTrendsPipeline } from './pipeline';
import { rebuildQueryRollups } from './rollups';
import { ingestMentions, setUpQuery } from './test-helpers';
import type { Dashboard } from './contracts';

const hour = (iso: string) => new Date(iso);

describe('rollups and dashboard', () => {
  it('counts each mention once by publication hour, stacked by sentiment, with outlets, previous period and drill-down', async () => {
    const { session, token, query } = await setUpQuery();
    await ingestMentions(token, [
      { at: hour('2026-11-02T01:10:00Z'), source: 'vnexpress.net' },
      { at: hour('2026-11-02T01:40:00Z'), source: 'vnexpress.net', negative: true },
      { at: hour('2026-11-02T02:05:00Z'), source: 'tuoitre.vn' },
      { at: hour('2026-11-01T18:30:00Z'), source: 'tuoitre.vn', kind: 'social' }, // 01:30 on 2/11 in Vietnam
      { at: hour('2026-11-01T05:00:00Z'), source: 'thanhnien.vn' }, // previous period
    ]);
    await runTrendsPipeline();
    await runTrendsPipeline(); // a second pass adds nothing

    const response = await session.request(
      `/api/trends/dashboard?queryId=${query.id}&from=2026-11-01T17:00:00Z&to=2026-11-02T17:00:00Z&interval=hour`,
    );
    expect(response.status).toBe(200);
    const dashboard = (await response.json()) as Dashboard;
    expect(dashboard.totals.mentions).toBe(4);
    expect(dashboard.volume).toHaveLength(24);
    const at1 = dashboard.volume.find((p) => p.bucket === '2026-11-02T01:00:00.000Z')!;
    expect(at1.total).toBe(2);
    expect(at1.negative).toBe(1);
    expect(dashboard.outlets.map((o) => [o.sourceKey, o.mentions])).toEqual(
      expect.arrayContaining([
        ['vnexpress net', 2],
        ['tuoitre vn', 2],
      ]),
    );
    expect(dashboard.kinds.find((k) => k.kind === 'social')?.mentions).toBe(1);
    expect(dashboard.previous.mentions).toBe(1);
    expect(dashboard.previous.mentionsChange).toBe(3);
    expect(dashboard.topStories.length).toBeGreaterThan(0);

    // Vietnam days: the 18:30 UTC mention of 1/11 belongs to 2/11 in Asia/Ho_Chi_Minh.
    const daily = (await (
      await session.request(`/api/trends/dashboard?queryId=${query.id}&from=2026-11-02&to=2026-11-02&interval=day`)
    ).json()) as Dashboard;
    expect(daily.volume).toEqual([expect.objectContaining({ bucket: '2026-11-02', total: 4 })]);

    const drill = (await (
      await session.request(
        `/api/trends/mentions?queryId=${query.id}&from=2026-11-02T01:00:00Z&to=2026-11-02T02:00:00Z&sentiment=negative`,
      )
    ).json()) as { sourceKey: string; sentiment: string }[];
    expect(drill).toHaveLength(1);
    expect(drill[0]!.sentiment).toBe('negative');

    // Rebuilding from the matches gives the same numbers (what a reprocessing would do).
    await rebuildQueryRollups({ queryId: query.id });
    const again = (await (
      await session.request(
        `/api/trends/dashboard?queryId=${query.id}&from=2026-11-01T17:00:00Z&to=2026-11-02T17:00:00Z&interval=hour`,
      )
    ).json()) as Dashboard;
    expect(again.totals).toEqual(dashboard.totals);
  });

  it('keeps totals exact to the hour on long ranges (whole days from the daily rollup, edges from the hourly one) and ranks entities and stories', async () => {
    const { session, token, query } = await setUpQuery();
    // One mention every 5 hours over 12 days, from 2026-10-01 03:20 UTC.
    const start = Date.UTC(2026, 9, 1, 3, 20);
    const times = Array.from({ length: (12 * 24) / 5 }, (_, i) => start + i * 5 * 3_600_000);
    await ingestMentions(
      token,
      times.map((t, i) => ({
        at: new Date(t),
        negative: i % 4 === 0,
        text: `Ủy ban nhân dân Thành phố Hà Nội nói về ${token} lần ${i}${i % 2 === 0 ? ' theo Nghị định số 244/2026/NĐ-CP' : ''}${i % 3 === 0 ? ' và Luật Báo chí' : ''}: người dân ${i % 4 === 0 ? 'bức xúc, phản đối gay gắt, thất vọng' : 'hài lòng, phấn khởi'}.`,
      })),
    );
    await runTrendsPipeline();
    // Edges inside Vietnam days and not on whole hours: [2026-10-02 09:30 UTC, 2026-10-11 13:45 UTC).
    const from = Date.UTC(2026, 9, 2, 9, 30);
    const to = Date.UTC(2026, 9, 11, 13, 45);
    // Counted by hour bucket: a mention counts when its hour starts in [floor(from), to).
    const hourOf = (t: number) => Math.floor(t / 3_600_000) * 3_600_000;
    const expected = times.filter((t) => hourOf(t) >= hourOf(from) && hourOf(t) < to);
    const dashboard = (await (
      await session.request(
        `/api/trends/dashboard?queryId=${query.id}&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}&interval=day`,
      )
    ).json()) as Dashboard;
    expect(dashboard.totals.mentions).toBe(expected.length);
    expect(dashboard.totals.negative).toBe(expected.filter((t) => times.indexOf(t) % 4 === 0).length);
    // The previous period (same length, just before) is exact too.
    const length = to - from;
    expect(dashboard.previous.mentions).toBe(times.filter((t) => hourOf(t) >= hourOf(from - length) && hourOf(t) < from).length);
    // Over 8 days entities come from the daily entity rollup: Hà Nội is named in every mention of the range's days.
    expect(dashboard.topEntities[0]?.mentions).toBeGreaterThanOrEqual(expected.length);
    // the decree cited in every other mention is an entity too, named as it is written
    expect(dashboard.topEntities.find((entity) => entity.entityId === 'policy:nghi-dinh:244/2026/nd-cp')).toMatchObject({
      name: 'Nghị định 244/2026/NĐ-CP',
    });
    // a law named by its title is the one in force in October 2026, named by its register title and number
    expect(dashboard.topEntities.find((entity) => entity.entityId.startsWith('policy:luat:'))).toMatchObject({
      entityId: 'policy:luat:126/2025/qh15',
      name: 'Luật Báo chí 126/2025/QH15',
    });
    expect(dashboard.topStories.length).toBeGreaterThan(0);
  });

  it('adds up the queries of a policy, and the organizations of the whole network for network-wide roles only', async () => {
    const first = await setUpQuery();
    const policyId = `chinh-sach-${first.token}`;
    const { createSavedQuery } = await import('../monitoring');
    const { systemActor } = await import('../../platform/actor');
    const linked = await createSavedQuery({
      actor: systemActor,
      input: {
        organizationId: first.organizationId,
        name: `A ${first.token}`,
        query: `${first.token}a`,
        isAccentExact: false,
        isActive: true,
        linkType: 'policy',
        linkId: policyId,
      },
    });
    const linkedToo = await createSavedQuery({
      actor: systemActor,
      input: {
        organizationId: first.organizationId,
        name: `B ${first.token}`,
        query: `${first.token}b`,
        isAccentExact: false,
        isActive: true,
        linkType: 'policy',
        linkId: policyId,
      },
    });
    const at = Date.UTC(2026, 10, 5, 3);
    await ingestMentions(`${first.token}a`, [{ at: new Date(at) }, { at: new Date(at + 60_000) }]);
    await ingestMentions(`${first.token}b`, [{ at: new Date(at + 120_000), negative: true }]);
    await runTrendsPipeline();
    const range = `from=2026-11-05&to=2026-11-05`;
    const policy = (await (
      await first.session.request(`/api/trends/dashboard?policyId=${policyId}&${range}`)
    ).json()) as Dashboard;
    expect(policy.totals.mentions).toBe(3);
    const drill = (await (await first.session.request(`/api/trends/mentions?policyId=${policyId}&${range}`)).json()) as unknown[];
    expect(drill).toHaveLength(3);
    expect([linked.id, linkedToo.id]).toHaveLength(2);
    // The network: officers are refused; an administrator sees at least these mentions (once per organization).
    expect((await first.session.request(`/api/trends/dashboard?network=true&${range}`)).status).toBe(403);
    const { createTestUser, signInAs } = await import('../../../test/factories');
    const admin = await signInAs(await createTestUser({ role: 'administrator' }));
    const network = (await (await admin.request(`/api/trends/dashboard?network=true&${range}`)).json()) as Dashboard;
    expect(network.totals.mentions).toBeGreaterThanOrEqual(3);
  });

  it('adds to a policy the queries linked to the draft it was adopted from', async () => {
    const { session, token, organizationId } = await setUpQuery();
    const { createSavedQuery } = await import('../monitoring');
    const { createLegalDocument } = await import('../legal');
    const { systemActor } = await import('../../platform/actor');
    const coordinator = { ...systemActor, role: 'coordinator' as const };
    const draft = await createLegalDocument({
      actor: coordinator,
      input: { kind: 'luat', status: 'draft', title: `Luật Thử ${token} (sửa đổi)`, effectiveTo: '2026-11-09' },
    });
    const law = await createLegalDocument({
      actor: coordinator,
      input: {
        kind: 'luat',
        numberSymbol: `9/2026/QH${token}`,
        title: `Luật Thử ${token}`,
        effectiveFrom: '2026-11-10',
        predecessors: [draft.id],
      },
    });
    const linkedTo = (linkId: string, suffix: string) =>
      createSavedQuery({
        actor: systemActor,
        input: {
          organizationId,
          name: `${suffix} ${token}`,
          query: `${token}${suffix}`,
          isAccentExact: false,
          isActive: true,
          linkType: 'policy',
          linkId,
        },
      });
    await linkedTo(draft.id, 'duthao');
    await linkedTo(law.id, 'luat');
    await ingestMentions(`${token}duthao`, [{ at: new Date('2026-11-03T03:00:00Z') }, { at: new Date('2026-11-04T03:00:00Z') }]);
    await ingestMentions(`${token}luat`, [{ at: new Date('2026-11-12T03:00:00Z') }]);
    await runTrendsPipeline();
    const range = 'from=2026-11-01&to=2026-11-15&interval=day';
    const dashboardOf = async (policyId: string) =>
      (await (
        await session.request(`/api/trends/dashboard?policyId=${encodeURIComponent(policyId)}&${range}`)
      ).json()) as Dashboard;
    // the law's coverage from its draft on; the draft's alone
    expect((await dashboardOf(law.id)).totals.mentions).toBe(3);
    expect((await dashboardOf(draft.id)).totals.mentions).toBe(2);
  });

  it('answers empty ranges and queries with no data with zeros, refuses reversed ranges and other organizations', async () => {
    const { session, query } = await setUpQuery();
    const empty = (await (
      await session.request(`/api/trends/dashboard?queryId=${query.id}&from=2026-11-02T00:00:00Z&to=2026-11-02T00:00:00Z`)
    ).json()) as Dashboard;
    expect(empty.volume).toEqual([]);
    expect(empty.totals.mentions).toBe(0);
    const noData = (await (await session.request(`/api/trends/dashboard?queryId=${query.id}`)).json()) as Dashboard;
    expect(noData.totals.negativeShare).toBeNull();
    expect(noData.volume.every((p) => p.total === 0)).toBe(true);
    expect((await session.request(`/api/trends/dashboard?queryId=${query.id}&from=2026-11-03&to=2026-11-01`)).status).toBe(400);
    const other = await setUpQuery();
    expect((await session.request(`/api/trends/dashboard?queryId=${other.query.id}`)).status).toBe(404);
  });

  it('buckets documents dated in the future at their arrival and flags them', async () => {
    const { session, token, query } = await setUpQuery();
    const now = new Date();
    await ingestMentions(token, [{ at: new Date(now.getTime() + 3 * 3_600_000) }]);
    await runTrendsPipeline({ now });
    const db = await getDb();
    const rows = (await db.execute(sql`SELECT hour FROM trends_hourly WHERE scope = ${`q:${query.id}`}`)).rows as {
      hour: Date;
    }[];
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0]!.hour).getTime()).toBeLessThanOrEqual(now.getTime());
    const dashboard = (await (
      await session.request(
        `/api/trends/dashboard?queryId=${query.id}&from=${new Date(now.getTime() - 3_600_000).toISOString()}&to=${new Date(now.getTime() + 60_000).toISOString()}`,
      )
    ).json()) as Dashboard;
    expect(dashboard.futureDatedDocuments).toBe(1);
  });

  it('moves the mentions whose labels officers corrected, whether they were rolled up already or not, as a rebuild counts them', async () => {
    const { session, token, query, organizationId } = await setUpQuery();
    const about = (n: number, mood: string) => `Ủy ban nhân dân Thành phố Hà Nội nói về ${token} lần ${n}: người dân ${mood}.`;
    await ingestMentions(token, [
      { at: hour('2026-10-20T03:10:00Z'), text: about(1, 'hài lòng, phấn khởi') },
      { at: hour('2026-10-20T03:20:00Z'), text: about(2, 'hài lòng, phấn khởi') },
      { at: hour('2026-10-20T03:30:00Z'), text: about(3, 'bức xúc, phản đối gay gắt, thất vọng') },
    ]);
    await runTrendsPipeline();
    const dashboardOf = async () =>
      (await (
        await session.request(
          `/api/trends/dashboard?queryId=${query.id}&from=2026-10-20T00:00:00Z&to=2026-10-21T00:00:00Z&interval=hour`,
        )
      ).json()) as Dashboard;
    const db = await getDb();
    const mentionIds = async () =>
      (
        await db.execute(sql`SELECT document_id FROM monitoring_query_matches WHERE query_id = ${query.id} ORDER BY document_id`)
      ).rows.map((row) => Number((row as { document_id: string }).document_id));
    const correct = async (id: number, body: { sentiment?: string; topic?: string }) => {
      const response = await session.request(`/api/monitoring/documents/${id}/corrections`, {
        method: 'POST',
        body: { ...body, note: 'kiểm tra' },
      });
      expect(response.status).toBe(201);
    };
    const negativeAt3 = (dashboard: Dashboard) =>
      dashboard.volume.find((point) => point.bucket === '2026-10-20T03:00:00.000Z')!.negative;
    const before = await dashboardOf();
    expect(before.totals).toMatchObject({ mentions: 3, negative: 1 });
    const [first] = await mentionIds();

    // a mention rolled up as positive is corrected to negative and to another topic: it moves, the total stays
    await correct(first!, { sentiment: 'negative', topic: 'Phap luat' });
    await runTrendsPipeline();
    const corrected = await dashboardOf();
    expect(corrected.totals).toMatchObject({ mentions: 3, negative: 2 });
    expect(negativeAt3(corrected)).toBe(2);
    expect(corrected.topics.find((topic) => topic.topic === 'Phap luat')?.mentions).toBe(1);
    expect(corrected.topEntities.find((entity) => entity.name.includes('Hà Nội'))).toMatchObject({ mentions: 3, negative: 2 });
    // the organization's scope moves with it
    const { rows: organization } = await db.execute(sql`
      SELECT sum(mentions) FILTER (WHERE sentiment = 'negative')::int AS negative, sum(mentions)::int AS mentions
      FROM trends_hourly WHERE scope = ${`o:${organizationId}`} AND hour = '2026-10-20T03:00:00Z'`);
    expect(organization[0]).toEqual({ negative: 2, mentions: 3 });

    // a mention corrected before its first rollup is counted once, with the officer's label
    await ingestMentions(token, [{ at: hour('2026-10-20T03:40:00Z') }]);
    const fourth = (await mentionIds()).at(-1)!;
    await correct(fourth, { sentiment: 'negative' });
    await runTrendsPipeline();
    expect((await dashboardOf()).totals).toMatchObject({ mentions: 4, negative: 3 });

    // corrected back, twice over one rollup: the latest label counts
    await correct(first!, { sentiment: 'neutral' });
    await correct(first!, { sentiment: 'positive', topic: 'Kinh doanh' });
    await runTrendsPipeline();
    await runTrendsPipeline(); // a second pass moves nothing
    const incremental = await dashboardOf();
    expect(incremental.totals).toMatchObject({ mentions: 4, negative: 2 });
    expect(incremental.topics.find((topic) => topic.topic === 'Phap luat')).toBeUndefined();

    // counting the query again from its mentions as they are now gives the same dashboard
    await rebuildQueryRollups({ queryId: query.id });
    const rebuilt = await dashboardOf();
    expect(rebuilt.totals).toEqual(incremental.totals);
    expect(rebuilt.volume).toEqual(incremental.volume);
    expect(rebuilt.topics).toEqual(incremental.topics);
    expect(rebuilt.outlets).toEqual(incremental.outlets);
    expect(rebuilt.topEntities).toEqual(incremental.topEntities);
    expect(rebuilt.topStories).toEqual(incremental.topStories);

    // corrections racing with rollups: each change is moved exactly once
    const ids = await mentionIds();
    const sentiments = ['negative', 'neutral', 'positive'];
    await Promise.all([
      ...Array.from({ length: 24 }, (_, k) =>
        correct(ids[k % ids.length]!, { sentiment: sentiments[k % 3]!, topic: k % 2 ? 'The gioi' : 'Phap luat' }),
      ),
      ...Array.from({ length: 6 }, () => runTrendsPipeline()),
    ]);
    await runTrendsPipeline();
    const raced = await dashboardOf();
    expect(raced.totals.mentions).toBe(4);
    await rebuildQueryRollups({ queryId: query.id });
    const recounted = await dashboardOf();
    expect(recounted.volume).toEqual(raced.volume);
    expect(recounted.topics).toEqual(raced.topics);
    expect(recounted.topEntities).toEqual(raced.topEntities);
  });
});

describe('briefs', () => {
  it('writes a DOCX brief with the charts as PNG images, and an HTML email', async () => {
    const { session, token, organizationId } = await setUpQuery();
    await ingestMentions(
      token,
      Array.from({ length: 8 }, (_, i) => ({ at: new Date(Date.UTC(2026, 10, 3, 2 + i)), negative: i % 2 === 0 })),
    );
    await runTrendsPipeline();
    const response = await session.request(`/api/trends/brief.docx?from=2026-11-03&to=2026-11-03`);
    expect(response.status).toBe(200);
    const file = Buffer.from(await response.arrayBuffer());
    expect(file.subarray(0, 2).toString()).toBe('PK');
    expect(file.includes(Buffer.from('word/media/'))).toBe(true);
    const { collectBrief, renderBriefEmail } = await import('./briefs');
    const { systemActor } = await import('../../platform/actor');
    const data = await collectBrief({
      actor: systemActor,
      organizationId,
      from: new Date('2026-11-02T17:00:00Z'),
      to: new Date('2026-11-03T17:00:00Z'),
    });
    expect(data.overview.totals.mentions).toBe(8);
    expect(data.rising.map((q) => q.mentions)).toEqual([8]);
    const email = renderBriefEmail(data);
    expect(email.html).toContain('cid:volume');
    expect(email.attachments[0]!.content.subarray(1, 4).toString()).toBe('PNG');
  });
});
