import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { createTestUser, signInAs } from '../../../test/factories';
import { answers837, createNetwork, inDays, json, launch, template837Id } from './test-helpers';

interface ResponseBody {
  status: string;
  version: number;
  answers: Record<string, unknown>;
  canSubmit: boolean;
  contactsRedacted: boolean;
}
interface Problem {
  code: string;
  invalidFields?: { path: string; message: string }[];
  details?: Record<string, unknown>;
}

const allTypesForm = {
  title: 'Phiếu thử mọi loại câu hỏi',
  definition: {
    sections: [
      {
        id: 'main',
        title: 'Chính',
        questions: [
          { id: 'name', type: 'short-text', label: 'Tên bộ phận', required: true },
          { id: 'notes', type: 'long-text', label: 'Ghi chú', maxLength: 50 },
          { id: 'staff', type: 'number', label: 'Số cán bộ', min: 0, max: 50, isInteger: true, required: true },
          {
            id: 'level',
            type: 'single-choice',
            label: 'Mức độ',
            options: [
              { value: 'a', label: 'A' },
              { value: 'b', label: 'B' },
            ],
          },
          {
            id: 'channels',
            type: 'multiple-choice',
            label: 'Kênh',
            options: [
              { value: 'x', label: 'X' },
              { value: 'y', label: 'Y' },
            ],
          },
          { id: 'has_plan', type: 'yes-no', label: 'Có kế hoạch', required: true },
          {
            id: 'plan_date',
            type: 'date',
            label: 'Ngày kế hoạch',
            required: true,
            visibleIf: { questionId: 'has_plan', equals: true },
          },
          {
            id: 'roles',
            type: 'table',
            label: 'Theo vị trí',
            rows: [{ id: 'lead', label: 'Lãnh đạo' }],
            columns: [{ id: 'n', label: 'Số' }],
          },
          { id: 'scan', type: 'file', label: 'Bản chụp', accept: ['pdf'] },
          { id: 'person', type: 'contact', label: 'Người phát ngôn', required: true },
        ],
      },
    ],
  },
};

describe('form builder', () => {
  it('ships the 837 template, creates forms with every question type and versions them', async () => {
    const { coordinator, officer } = await createNetwork();
    expect(await template837Id(officer)).toMatch(/^[0-9a-f-]{36}$/);

    const refused = await officer.request('/api/survey-forms', { method: 'POST', body: allTypesForm });
    expect(refused.status).toBe(403);

    const created = await json<{ id: string; key: string; version: number; questionCount: number }>(
      await coordinator.request('/api/survey-forms', { method: 'POST', body: allTypesForm }),
      201,
    );
    expect(created).toMatchObject({ version: 1, questionCount: 10 });
    const next = await json<{ id: string; version: number }>(
      await coordinator.request(`/api/survey-forms/by-key/${created.key}/versions`, {
        method: 'POST',
        body: { ...allTypesForm, title: 'Phiếu thử (sửa đổi)' },
      }),
      201,
    );
    expect(next.version).toBe(2);
    const versions = await json<{ version: number }[]>(
      await coordinator.request(`/api/survey-forms/by-key/${created.key}/versions`),
      200,
    );
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('answers an invalid definition with problem+json naming the path', async () => {
    const { coordinator } = await createNetwork();
    const response = await coordinator.request('/api/survey-forms', {
      method: 'POST',
      body: {
        title: 'Sai',
        definition: {
          sections: [
            {
              id: 's',
              title: 'S',
              questions: [
                { id: 'q', type: 'number', label: 'Q', min: 3, max: 1 },
                { id: 'q', type: 'rating', label: 'R' },
              ],
            },
          ],
        },
      },
    });
    const problem = await json<Problem>(response, 400);
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.invalidFields!.map((f) => f.path)).toContain('definition.sections.0.questions.1.type');
  });
});

describe('answering a campaign', () => {
  async function allTypesCampaign() {
    const network = await createNetwork();
    const form = await json<{ id: string }>(
      await network.coordinator.request('/api/survey-forms', { method: 'POST', body: allTypesForm }),
      201,
    );
    const campaign = await launch(network.coordinator, { formId: form.id, target: { organizationIds: [network.province.id] } });
    const base = `/api/survey-campaigns/${campaign.id}/responses/${network.province.id}`;
    return { ...network, campaign, base };
  }

  it('validates every question type and rule on submission, naming each question', async () => {
    const { leader, base } = await allTypesCampaign();
    const bad = await leader.request(`${base}/submit`, {
      method: 'POST',
      body: {
        version: 0,
        answers: {
          notes: 'x'.repeat(60),
          staff: 51,
          level: 'c',
          channels: ['z'],
          has_plan: true,
          roles: { lead: { n: 'nhiều' } },
          person: { fullName: 'Lê A', position: '', phone: '12', email: 'sai' },
        },
      },
    });
    const problem = await json<Problem>(bad, 400);
    expect(problem.code).toBe('VALIDATION_FAILED');
    const fields = Object.fromEntries(problem.invalidFields!.map((f) => [f.path, f.message]));
    expect(fields['answers.name']).toBe('Tên bộ phận: an answer is required');
    expect(fields['answers.notes']).toMatch(/^Ghi chú: at most 50/);
    expect(fields['answers.staff']).toMatch(/^Số cán bộ: must be at most 50/);
    expect(fields['answers.level']).toMatch(/^Mức độ: unknown option/);
    expect(fields['answers.channels']).toMatch(/^Kênh: unknown option/);
    expect(fields['answers.plan_date']).toMatch(/^Ngày kế hoạch: an answer is required/);
    expect(fields['answers.roles.lead.n']).toMatch(/expected a number/);
    expect(fields['answers.person.phone']).toMatch(/phone/);
    expect(fields['answers.person.email']).toMatch(/e-mail/);

    // Hidden by its condition, plan_date is neither required nor kept.
    const good = await leader.request(`${base}/submit`, {
      method: 'POST',
      body: {
        version: 0,
        answers: {
          name: 'Phòng TT',
          staff: 4,
          level: 'a',
          channels: ['x', 'y'],
          has_plan: false,
          plan_date: '2026-01-01',
          roles: { lead: { n: 1 } },
          person: { fullName: 'Lê A', position: 'Phó Chủ tịch', phone: '0912 345 678', email: 'a@example.gov.vn' },
        },
      },
    });
    const submitted = await json<ResponseBody>(good, 200);
    expect(submitted.status).toBe('submitted');
    expect(submitted.answers).not.toHaveProperty('plan_date');
  });

  it('saves drafts with optimistic concurrency: a stale write gets 409 with the current server copy', async () => {
    const { officer, secondOfficer, base } = await allTypesCampaign();
    const first = await json<ResponseBody>(
      await officer.request(`${base}/draft`, { method: 'PUT', body: { version: 0, answers: { name: 'Phòng A' } } }),
      200,
    );
    expect(first).toMatchObject({ status: 'draft', version: 1 });
    const stale = await secondOfficer.request(`${base}/draft`, {
      method: 'PUT',
      body: { version: 0, answers: { name: 'Phòng B' } },
    });
    const problem = await json<Problem>(stale, 409);
    expect(problem.code).toBe('CONFLICT');
    expect(problem.details!.current).toMatchObject({ version: 1, answers: { name: 'Phòng A' } });
    const merged = await json<ResponseBody>(
      await secondOfficer.request(`${base}/draft`, { method: 'PUT', body: { version: 1, answers: { name: 'Phòng A+B' } } }),
      200,
    );
    expect(merged.version).toBe(2);
    // Drafts keep partial answers but refuse values of the wrong type.
    const wrongType = await officer.request(`${base}/draft`, { method: 'PUT', body: { version: 2, answers: { staff: 'bốn' } } });
    expect((await json<Problem>(wrongType, 400)).invalidFields![0]!.path).toBe('answers.staff');
  });

  it('lets officers draft, only a leader submit, and needs the coordinator to reopen; every version is kept', async () => {
    const { officer, leader, coordinator, province, base } = await createNetwork().then(async (network) => {
      const campaign = await launch(network.coordinator, {
        formId: await template837Id(network.coordinator),
        target: { organizationIds: [network.province.id] },
      });
      return { ...network, base: `/api/survey-campaigns/${campaign.id}/responses/${network.province.id}` };
    });
    const draft = await json<ResponseBody>(
      await officer.request(`${base}/draft`, { method: 'PUT', body: { version: 0, answers: answers837 } }),
      200,
    );
    expect(draft.canSubmit).toBe(false);
    expect((await officer.request(`${base}/submit`, { method: 'POST', body: { version: 1 } })).status).toBe(403);
    const submitted = await json<ResponseBody>(
      await leader.request(`${base}/submit`, { method: 'POST', body: { version: 1 } }),
      200,
    );
    expect(submitted).toMatchObject({ status: 'submitted', version: 2 });

    const afterSubmit = await officer.request(`${base}/draft`, {
      method: 'PUT',
      body: { version: 2, answers: { ...answers837, staff_dedicated: 4 } },
    });
    expect((await json<Problem>(afterSubmit, 409)).code).toBe('INVALID_STATE');
    expect((await leader.request(`${base}/reopen`, { method: 'POST', body: {} })).status).toBe(403);
    const reopened = await json<ResponseBody>(
      await coordinator.request(`${base}/reopen`, { method: 'POST', body: { reason: 'Bổ sung số liệu' } }),
      200,
    );
    expect(reopened).toMatchObject({ status: 'draft', version: 3 });
    await json(
      await officer.request(`${base}/draft`, {
        method: 'PUT',
        body: { version: 3, answers: { ...answers837, staff_dedicated: 4 } },
      }),
      200,
    );
    await json(await leader.request(`${base}/submit`, { method: 'POST', body: { version: 4 } }), 200);
    const versions = await json<{ version: number; event: string }[]>(await officer.request(`${base}/versions`), 200);
    expect(versions.map((v) => v.event)).toEqual(['draft', 'submit', 'reopen', 'draft', 'submit']);

    const notices = await json<{ kind: string }[]>(await officer.request('/api/survey-notifications'), 200);
    expect(notices.map((n) => n.kind)).toEqual(expect.arrayContaining(['launched', 'reopened']));
    // Another province cannot read this response.
    const stranger = await signInAs(await createTestUser({ role: 'leader' }));
    expect((await stranger.request(`${base}`)).status).toBe(403);
    expect(province.id).toBeTruthy();
  });

  it('refuses a submission after the deadline with DEADLINE_PASSED, until the coordinator extends it', async () => {
    const network = await createNetwork();
    const campaign = await launch(network.coordinator, {
      formId: await template837Id(network.coordinator),
      target: { organizationIds: [network.province.id] },
    });
    const base = `/api/survey-campaigns/${campaign.id}/responses/${network.province.id}`;
    const db = await getDb();
    await db.execute(sql`UPDATE survey_campaigns SET deadline = now() - interval '1 hour' WHERE id = ${campaign.id}`);
    const late = await network.leader.request(`${base}/submit`, { method: 'POST', body: { version: 0, answers: answers837 } });
    const problem = await json<Problem>(late, 409);
    expect(problem.code).toBe('DEADLINE_PASSED');
    expect(problem.details).toHaveProperty('deadline');
    // Drafts are still kept after the deadline.
    await json(await network.officer.request(`${base}/draft`, { method: 'PUT', body: { version: 0, answers: answers837 } }), 200);

    expect(
      (
        await network.leader.request(`/api/survey-campaigns/${campaign.id}/extend`, {
          method: 'POST',
          body: { deadline: inDays(3) },
        })
      ).status,
    ).toBe(403);
    await json(
      await network.coordinator.request(`/api/survey-campaigns/${campaign.id}/extend`, {
        method: 'POST',
        body: { deadline: inDays(3), organizationId: network.province.id },
      }),
      200,
    );
    const onTime = await json<ResponseBody>(
      await network.leader.request(`${base}/submit`, { method: 'POST', body: { version: 1 } }),
      200,
    );
    expect(onTime.status).toBe('submitted');
    const board = await json<{ rows: { isExtended: boolean; status: string }[] }>(
      await network.coordinator.request(`/api/survey-campaigns/${campaign.id}/board`),
      200,
    );
    expect(board.rows[0]).toMatchObject({ isExtended: true, status: 'submitted' });
  });

  it('shows contact blocks only to the coordinating and the responding organization', async () => {
    const network = await createNetwork();
    const campaign = await launch(network.coordinator, {
      formId: await template837Id(network.coordinator),
      target: { organizationIds: [network.province.id] },
    });
    const base = `/api/survey-campaigns/${campaign.id}/responses/${network.province.id}`;
    await json(
      await network.leader.request(`${base}/submit`, { method: 'POST', body: { version: 0, answers: answers837 } }),
      200,
    );
    const own = await json<ResponseBody>(await network.officer.request(base), 200);
    expect(own.answers.spokesperson).toMatchObject({ fullName: 'Nguyễn Văn Phát' });
    const owner = await json<ResponseBody>(await network.coordinator.request(base), 200);
    expect(owner.answers.focal_point).toMatchObject({ phone: '0987 654 321' });
    const otherCoordinator = await signInAs(await createTestUser({ role: 'coordinator' }));
    const redacted = await json<ResponseBody>(await otherCoordinator.request(base), 200);
    expect(redacted.contactsRedacted).toBe(true);
    expect(redacted.answers.spokesperson).toBeNull();
    expect(redacted.answers.staff_dedicated).toBe(3);
  });
});
