import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { getDb } from '../../platform/db';
import { createTestOrganization, createTestUser, signInAs, testApp } from '../../../test/factories';
import { listOrganizations } from '../agencies';
import { sendDueReminders } from './jobs';
import { dateInVietnam } from '../../platform/dates';
import { answers837, createNetwork, inDays, json, launch, template837Id, type Client } from './test-helpers';

interface Problem {
  code: string;
  invalidFields?: { path: string; message: string }[];
}

async function submit837(leader: Client, campaignId: string, organizationId: string, answers = answers837) {
  return json(
    await leader.request(`/api/survey-campaigns/${campaignId}/responses/${organizationId}/submit`, {
      method: 'POST',
      body: { version: 0, answers },
    }),
    200,
  );
}

describe('campaign targets', () => {
  it('launches to all provinces in force on the launch date, by kind or by network group', async () => {
    const { coordinator } = await createNetwork();
    const formId = await template837Id(coordinator);
    const inForce = async () => (await listOrganizations({ kind: 'province', on: dateInVietnam(), limit: 5000 })).length;
    // other test files add provinces to the shared database meanwhile: the launch targets every province in force
    // between the two counts
    const provincesBefore = await inForce();
    const byKind = await launch(coordinator, { formId, target: { kinds: ['province'] } });
    const provincesAfter = await inForce();
    expect(byKind.targetCount).toBeGreaterThanOrEqual(provincesBefore);
    expect(byKind.targetCount).toBeLessThanOrEqual(provincesAfter);
    const byGroup = await launch(coordinator, { formId, target: { groupKeys: ['provinces'] } });
    expect(byGroup.targetCount).toBeGreaterThanOrEqual(provincesBefore);
    const officer = await signInAs(await createTestUser({ role: 'officer' }));
    expect(
      (
        await officer.request('/api/survey-campaigns', {
          method: 'POST',
          body: { formId, target: { kinds: ['province'] }, deadline: inDays(5) },
        })
      ).status,
    ).toBe(403);
    const past = await coordinator.request('/api/survey-campaigns', {
      method: 'POST',
      body: { formId, target: { kinds: ['province'] }, deadline: inDays(-1) },
    });
    expect((await json<Problem>(past, 400)).invalidFields![0]!.path).toBe('deadline');
    const unknown = await coordinator.request('/api/survey-campaigns', {
      method: 'POST',
      body: { formId, target: { organizationIds: ['no-such-org'] }, deadline: inDays(5) },
    });
    expect((await json<Problem>(unknown, 400)).invalidFields![0]!.path).toBe('target.organizationIds.0');
  });
});

describe('closing', () => {
  it('refuses drafts, submissions and reminders once the coordinator closes the campaign', async () => {
    const network = await createNetwork();
    const campaign = await launch(network.coordinator, {
      formId: await template837Id(network.coordinator),
      target: { organizationIds: [network.province.id] },
    });
    expect((await network.leader.request(`/api/survey-campaigns/${campaign.id}/close`, { method: 'POST' })).status).toBe(403);
    const closed = await json<{ status: string }>(
      await network.coordinator.request(`/api/survey-campaigns/${campaign.id}/close`, { method: 'POST' }),
      200,
    );
    expect(closed.status).toBe('closed');
    const base = `/api/survey-campaigns/${campaign.id}/responses/${network.province.id}`;
    expect(
      (
        await json<Problem>(
          await network.officer.request(`${base}/draft`, { method: 'PUT', body: { version: 0, answers: {} } }),
          409,
        )
      ).code,
    ).toBe('INVALID_STATE');
    expect(
      (
        await json<Problem>(
          await network.leader.request(`${base}/submit`, { method: 'POST', body: { version: 0, answers: answers837 } }),
          409,
        )
      ).code,
    ).toBe('INVALID_STATE');
    expect(
      (
        await json<Problem>(
          await network.coordinator.request(`/api/survey-campaigns/${campaign.id}/remind`, { method: 'POST' }),
          409,
        )
      ).code,
    ).toBe('INVALID_STATE');
  });
});

describe('progress and results', () => {
  it('moves the board from not started to draft to submitted, reminds laggards and exports the submitted values', async () => {
    const network = await createNetwork();
    const otherProvince = await createTestOrganization({ kind: 'province' });
    const otherLeader = await signInAs(await createTestUser({ role: 'leader', organizationId: otherProvince.id }));
    const formId = await template837Id(network.coordinator);
    const campaign = await launch(network.coordinator, {
      formId,
      target: { organizationIds: [network.province.id, otherProvince.id, network.ministry.id] },
    });
    const boardUrl = `/api/survey-campaigns/${campaign.id}/board`;
    type Board = { totals: Record<string, number>; rows: { organizationId: string; status: string }[] };
    const statusOf = (board: Board, id: string) => board.rows.find((row) => row.organizationId === id)!.status;

    let board = await json<Board>(await network.coordinator.request(boardUrl), 200);
    expect(board.totals).toEqual({ total: 3, submitted: 0, draft: 0, notStarted: 3 });
    expect((await network.officer.request(boardUrl)).status).toBe(403);

    await json(
      await network.officer.request(`/api/survey-campaigns/${campaign.id}/responses/${network.province.id}/draft`, {
        method: 'PUT',
        body: { version: 0, answers: { unit_exists: true } },
      }),
      200,
    );
    board = await json<Board>(await network.coordinator.request(boardUrl), 200);
    expect(statusOf(board, network.province.id)).toBe('draft');

    await json(
      await network.leader.request(`/api/survey-campaigns/${campaign.id}/responses/${network.province.id}/submit`, {
        method: 'POST',
        body: { version: 1, answers: answers837 },
      }),
      200,
    );
    await submit837(otherLeader, campaign.id, otherProvince.id, {
      ...answers837,
      unit_exists: false,
      unit_name: null,
      staff_dedicated: 0,
      staff_part_time: 2,
      budget_amount: 100,
      support_needs: 'Cần tập huấn và kinh phí',
    });
    board = await json<Board>(await network.coordinator.request(boardUrl), 200);
    expect(board.totals).toEqual({ total: 3, submitted: 2, draft: 0, notStarted: 1 });

    const reminded = await json<{ reminded: number }>(
      await network.coordinator.request(`/api/survey-campaigns/${campaign.id}/remind`, { method: 'POST' }),
      200,
    );
    expect(reminded.reminded).toBe(1);

    // Aggregates: counts, sums, means, cross-tabs by kind, themes.
    const results = await json<{ submittedCount: number; sections: { questions: Record<string, unknown>[] }[] }>(
      await network.coordinator.request(`/api/survey-campaigns/${campaign.id}/results`),
      200,
    );
    expect(results.submittedCount).toBe(2);
    const questions = Object.fromEntries(results.sections.flatMap((s) => s.questions).map((q) => [q.questionId as string, q]));
    expect(questions.unit_exists).toMatchObject({ counts: { yes: 1, no: 1 }, byKind: { province: { yes: 1, no: 1 } } });
    expect(questions.staff_part_time).toMatchObject({ stats: { count: 2, sum: 14, mean: 7 } });
    const budgetSources = questions.budget_sources as { options: { value: string; count: number }[] };
    expect(budgetSources.options.find((o) => o.value === 'state_budget')!.count).toBe(2);
    expect((questions.support_needs as { themes: { keyword: string; count: number }[] }).themes[0]).toMatchObject({ count: 2 });

    // XLSX: one row per organization, one column per question / table cell, cells hold the submitted values.
    const xlsx = await network.coordinator.request(`/api/survey-campaigns/${campaign.id}/export?format=xlsx`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet('Trả lời')!;
    const keys = (sheet.getRow(2).values as unknown[]).slice(1) as string[];
    const rowOf = (organizationId: string) => {
      for (let r = 3; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === organizationId) return sheet.getRow(r);
      throw new Error(`no row for ${organizationId}`);
    };
    const cell = (organizationId: string, key: string) => rowOf(organizationId).getCell(keys.indexOf(key) + 1).value;
    expect(sheet.rowCount).toBe(2 + 3);
    expect(cell(network.province.id, 'staff_dedicated')).toBe(3);
    expect(cell(network.province.id, 'staff_by_role.specialist.part_time')).toBe(9);
    expect(cell(network.province.id, 'budget_amount')).toBe(250.5);
    expect(cell(network.province.id, 'unit_exists')).toBe('Có');
    expect(cell(network.province.id, 'spokesperson.fullName')).toBe('Nguyễn Văn Phát');
    expect(cell(network.province.id, 'status')).toBe('Đã gửi');
    expect(cell(network.ministry.id, 'status')).toBe('Chưa bắt đầu');
    expect(cell(network.ministry.id, 'staff_dedicated')).toBeNull();

    const csv = await network.coordinator.request(`/api/survey-campaigns/${campaign.id}/export?format=csv`);
    const csvText = await csv.text();
    expect(csvText).toContain('Số cán bộ chuyên trách (người)');
    expect(csvText).toContain('Nguyễn Văn Phát');

    // Another coordinator's organization gets no contact columns.
    const otherCoordinator = await signInAs(await createTestUser({ role: 'coordinator' }));
    const foreignCsv = await (await otherCoordinator.request(`/api/survey-campaigns/${campaign.id}/export?format=csv`)).text();
    expect(foreignCsv).not.toContain('Nguyễn Văn Phát');

    const report = await network.coordinator.request(`/api/survey-campaigns/${campaign.id}/report.docx?numberSymbol=15/BC-CBC`);
    expect(report.status).toBe(200);
    const { value: reportText } = await mammoth.extractRawText({ buffer: Buffer.from(await report.arrayBuffer()) });
    expect(reportText).toContain('BÁO CÁO');
    expect(reportText).toContain('Số: 15/BC-CBC');
    expect(reportText).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(reportText).toContain('2 cơ quan đã gửi phiếu');
    // Choice questions carry a bar chart (PNG) besides their table.
    expect(
      Buffer.from(
        await (await network.coordinator.request(`/api/survey-campaigns/${campaign.id}/report.docx`)).arrayBuffer(),
      ).includes(Buffer.from('word/media/')),
    ).toBe(true);
  });

  it('sends due reminders once per day from the cron job', async () => {
    const network = await createNetwork();
    const campaign = await launch(network.coordinator, {
      formId: await template837Id(network.coordinator),
      target: { organizationIds: [network.province.id] },
      // noon in Vietnam three Vietnamese calendar days from today: three days to go whatever the time of the run
      // (now + 3.2 days crosses a Vietnamese midnight when the run is after 19:12 there)
      deadline: new Date(Date.parse(`${dateInVietnam(new Date(Date.now() + 3 * 86_400_000))}T05:00:00Z`)).toISOString(),
      reminderDays: [3],
    });
    const first = await sendDueReminders();
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    const again = await sendDueReminders();
    const db = await getDb();
    const rows = await db.execute(
      sql`SELECT count(*)::int AS n FROM survey_notifications WHERE campaign_id = ${campaign.id} AND kind = 'reminder'`,
    );
    expect((rows.rows[0] as { n: number }).n).toBe(1);
    expect(again.reminded).toBe(0);
  });
});

describe('files, public link and the directory', () => {
  it('stores uploads with type, signature and size checks, and only for the right organization', async () => {
    const network = await createNetwork();
    const campaign = await launch(network.coordinator, {
      formId: await template837Id(network.coordinator),
      target: { organizationIds: [network.province.id] },
    });
    const url = `/api/survey-campaigns/${campaign.id}/responses/${network.province.id}/uploads`;
    const upload = (client: Client, name: string, type: string, bytes: Buffer, questionId = 'annual_plan_file', target = url) => {
      const form = new FormData();
      form.set('questionId', questionId);
      form.set('file', new File([new Uint8Array(bytes)], name, { type }));
      return testApp().request(target, { method: 'POST', headers: client.headers, body: form });
    };
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(100, 32)]);
    const stored = await json<{ uploadId: string; fileName: string; sizeBytes: number; contentType: string }>(
      await upload(network.officer, 'Kế hoạch 2026.pdf', 'application/pdf', pdf),
      201,
    );
    expect(stored.sizeBytes).toBe(pdf.length);
    expect((await json<Problem>(await upload(network.officer, 'plan.exe', 'application/octet-stream', pdf), 415)).code).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect((await upload(network.officer, 'fake.pdf', 'application/pdf', Buffer.from('MZ not a pdf'))).status).toBe(415);
    expect(
      (await upload(network.officer, 'big.pdf', 'application/pdf', Buffer.concat([pdf, Buffer.alloc(10_000_001)]))).status,
    ).toBe(413);
    expect((await upload(network.officer, 'x.pdf', 'application/pdf', pdf, 'staff_dedicated')).status).toBe(400);
    const stranger = await signInAs(await createTestUser({ role: 'officer' }));
    expect((await upload(stranger, 'x.pdf', 'application/pdf', pdf)).status).toBe(403);

    const answers = { ...answers837, annual_plan_file: stored };
    await submit837(network.leader, campaign.id, network.province.id, answers);
    const download = await network.coordinator.request(`/api/survey-campaigns/${campaign.id}/uploads/${stored.uploadId}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await stranger.request(`/api/survey-campaigns/${campaign.id}/uploads/${stored.uploadId}`)).status).toBe(404);
  });

  it('accepts unauthenticated answers through the public link within abuse limits, and prints its QR code', async () => {
    const network = await createNetwork();
    const campaign = await launch(network.coordinator, {
      formId: await template837Id(network.coordinator),
      target: { organizationIds: [network.province.id] },
      isPublic: true,
    });
    expect(campaign.publicToken).toBeTruthy();
    const publicUrl = `/api/public/surveys/${campaign.publicToken}`;
    const survey = await json<{ definition: { sections: { questions: { type: string }[] }[] } }>(
      await testApp().request(publicUrl),
      200,
    );
    expect(survey.definition.sections.flatMap((s) => s.questions).some((q) => q.type === 'file')).toBe(false);

    const ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const post = (body: unknown) =>
      testApp().request(`${publicUrl}/answers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify(body),
      });
    const { annual_plan_file: _file, ...publicAnswers } = answers837;
    expect((await post({ answers: { staff_dedicated: -3 } })).status).toBe(400);
    expect((await post({ answers: { ...publicAnswers, support_needs: 'x'.repeat(40_000) } })).status).toBe(413);
    expect((await post({ answers: publicAnswers, website: 'http://spam.example' })).status).toBe(202);
    for (let i = 0; i < 5; i++)
      expect((await post({ answers: publicAnswers, respondentOrganization: 'Sở TT&TT' })).status).toBe(202);
    expect((await json<Problem>(await post({ answers: publicAnswers }), 429)).code).toBe('RATE_LIMITED');
    const db = await getDb();
    const stored = await db.execute(
      sql`SELECT count(*)::int AS n FROM survey_public_responses WHERE campaign_id = ${campaign.id}`,
    );
    expect((stored.rows[0] as { n: number }).n).toBe(5);

    const xlsx = await network.coordinator.request(`/api/survey-campaigns/${campaign.id}/export?format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const publicSheet = workbook.getWorksheet('Phiếu công khai')!;
    expect(publicSheet.rowCount).toBe(1 + 5);
    expect(publicSheet.getRow(2).getCell(1).value).toBe('Sở TT&TT');

    const qr = await network.coordinator.request(`/api/survey-campaigns/${campaign.id}/qr?format=png`);
    expect(qr.headers.get('content-type')).toBe('image/png');
    expect(qr.headers.get('x-public-url')).toContain(`/s/${campaign.publicToken}`);
    expect((await network.officer.request(`/api/survey-campaigns/${campaign.id}/qr`)).status).toBe(403);
  });

  it('updates the network directory from a submitted answer after the coordinator confirms', async () => {
    const network = await createNetwork();
    const campaign = await launch(network.coordinator, {
      formId: await template837Id(network.coordinator),
      target: { organizationIds: [network.province.id] },
    });
    const url = `/api/survey-campaigns/${campaign.id}/responses/${network.province.id}/directory-update`;
    expect((await json<Problem>(await network.coordinator.request(url), 409)).code).toBe('INVALID_STATE');
    await submit837(network.leader, campaign.id, network.province.id);
    const preview = await json<{ changes: { field: string; isChanged: boolean; proposed: unknown }[] }>(
      await network.coordinator.request(url),
      200,
    );
    expect(preview.changes.map((c) => c.field).sort()).toEqual([
      'focalPoint',
      'spokesperson',
      'staffDedicated',
      'staffPartTime',
      'unitIsDedicated',
      'unitName',
    ]);
    expect(preview.changes.every((c) => c.isChanged)).toBe(true);
    expect((await network.leader.request(url, { method: 'POST', body: { fields: ['unitName'] } })).status).toBe(403);
    const applied = await json<{ applied: string[] }>(
      await network.coordinator.request(url, {
        method: 'POST',
        body: { fields: ['unitName', 'staffDedicated', 'staffPartTime', 'spokesperson', 'focalPoint'] },
      }),
      200,
    );
    expect(applied.applied).toHaveLength(5);
    const profile = await json<{
      unit: { name: string; staffDedicated: number; staffPartTime: number };
      spokespersons: { fullName: string }[];
      focalPoints: { phone: string }[];
    }>(await network.coordinator.request(`/api/organizations/${network.province.id}/network`), 200);
    expect(profile.unit).toMatchObject({ name: answers837.unit_name, staffDedicated: 3, staffPartTime: 12 });
    expect(profile.spokespersons[0]!.fullName).toBe('Nguyễn Văn Phát');
    expect(profile.focalPoints[0]!.phone).toBe('0987 654 321');
    const after = await json<{ changes: { field: string; isChanged: boolean }[] }>(await network.coordinator.request(url), 200);
    expect(after.changes.filter((c) => c.isChanged).map((c) => c.field)).toEqual(['unitIsDedicated']);
  });
});
