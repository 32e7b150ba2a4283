import { describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { createTestUser, signInAs } from '../../../test/factories';
import { setUpQuery } from '../trends/test-helpers';
import { placeOfIssue } from './statements';
import { json, type IncidentDetail } from './test-helpers';
import type { StatementView } from './contracts';

const body =
  'Sáng nay, một số trang mạng xã hội đăng tải thông tin sai sự thật về việc thu hồi đất.\nỦy ban nhân dân tỉnh khẳng định không có chủ trương này và đề nghị người dân chỉ sử dụng thông tin chính thức.';

async function setUp() {
  const { session: officer, organizationId, user } = await setUpQuery();
  const leaderUser = await createTestUser({ role: 'leader', organizationId });
  const leader = await signInAs(leaderUser);
  const incident = await json<IncidentDetail>(
    await officer.request('/api/incidents', { method: 'POST', body: { title: 'Tin đồn thu hồi đất', severity: 3 } }),
    201,
  );
  const base = `/api/incidents/${incident.id}/statements`;
  return { officer, leader, leaderUser, organizationId, user, incident, base };
}

describe('holding statements and press responses', () => {
  it('goes draft → submitted → approved by a leader, freezes the text, and exports it as a Decree 30 DOCX', async () => {
    const { officer, leader, leaderUser, incident, base, user } = await setUp();
    const draft = await json<StatementView>(
      await officer.request(base, {
        method: 'POST',
        body: { kind: 'holding_statement', title: 'Về thông tin thu hồi đất tại xã Minh Quang', body },
      }),
      201,
    );
    expect(draft).toMatchObject({ status: 'draft', author: { id: user.id }, approvedBy: null });

    // Not approvable before submission, nor exportable.
    expect((await leader.request(`${base}/${draft.id}/review`, { method: 'POST', body: { decision: 'approve' } })).status).toBe(
      409,
    );
    expect((await officer.request(`${base}/${draft.id}/document.docx`)).status).toBe(409);

    expect((await officer.request(`${base}/${draft.id}`, { method: 'PATCH', body: {} })).status).toBe(400);
    await json(
      await officer.request(`${base}/${draft.id}`, {
        method: 'PATCH',
        body: { title: 'Về thông tin thu hồi đất tại xã Minh Quang, huyện Hàm Yên' },
      }),
      200,
    );
    await json(await officer.request(`${base}/${draft.id}/submit`, { method: 'POST' }), 200);
    expect(
      (await officer.request(`${base}/${draft.id}`, { method: 'PATCH', body: { body: `${body} Sửa sau khi trình.` } })).status,
    ).toBe(409);

    // An officer outside the task force's spokesperson role cannot approve.
    const forbidden = await json<{ code: string }>(
      await officer.request(`${base}/${draft.id}/review`, { method: 'POST', body: { decision: 'approve' } }),
      403,
    );
    expect(forbidden.code).toBe('FORBIDDEN');
    const approved = await json<StatementView>(
      await leader.request(`${base}/${draft.id}/review`, { method: 'POST', body: { decision: 'approve' } }),
      200,
    );
    expect(approved).toMatchObject({ status: 'approved', approvedBy: { id: leaderUser.id }, signerCapacity: 'NGƯỜI PHÁT NGÔN' });
    expect(approved.signerName).toBe(leaderUser.displayName);
    expect((await officer.request(`${base}/${draft.id}`, { method: 'PATCH', body: { body: `${body} Sửa.` } })).status).toBe(409);

    const response = await officer.request(`${base}/${draft.id}/document.docx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('wordprocessingml');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="thong-cao-[0-9a-f]{8}\.docx"/);
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await response.arrayBuffer()) })).value;
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('THÔNG CÁO BÁO CHÍ');
    expect(text).toContain('Về thông tin thu hồi đất tại xã Minh Quang, huyện Hàm Yên');
    expect(text).toContain('Ủy ban nhân dân tỉnh khẳng định không có chủ trương này');
    expect(text).toContain('NGƯỜI PHÁT NGÔN');
    expect(text).toContain(leaderUser.displayName);
    expect(text).toMatch(/Thử nghiệm [0-9a-f]{8}, ngày \d{2} tháng \d{1,2} năm 20\d\d/);

    const detail = await json<IncidentDetail>(await officer.request(`/api/incidents/${incident.id}`), 200);
    expect(detail.timeline.map((entry) => entry.kind)).toEqual([
      'opened',
      'statement_drafted',
      'statement_submitted',
      'statement_approved',
    ]);
  });

  it('lets the task force spokesperson approve, never the author, and returns a draft only with a comment', async () => {
    const { officer, leader, organizationId, incident, base } = await setUp();
    const spokespersonUser = await createTestUser({ role: 'officer', organizationId });
    const spokesperson = await signInAs(spokespersonUser);
    await json(
      await officer.request(`/api/incidents/${incident.id}/members`, {
        method: 'POST',
        body: { userId: spokespersonUser.id, role: 'spokesperson' },
      }),
      200,
    );

    const own = await json<StatementView>(
      await leader.request(base, {
        method: 'POST',
        body: { kind: 'press_response', title: 'Trả lời Báo Nhân Dân về việc thu hồi đất', body, addressee: 'Báo Nhân Dân' },
      }),
      201,
    );
    await json(await leader.request(`${base}/${own.id}/submit`, { method: 'POST' }), 200);
    expect((await leader.request(`${base}/${own.id}/review`, { method: 'POST', body: { decision: 'approve' } })).status).toBe(
      403,
    );

    const returned = await json<{ invalidFields: { path: string }[] }>(
      await spokesperson.request(`${base}/${own.id}/review`, { method: 'POST', body: { decision: 'return' } }),
      400,
    );
    expect(returned.invalidFields[0]!.path).toBe('comment');
    const back = await json<StatementView>(
      await spokesperson.request(`${base}/${own.id}/review`, {
        method: 'POST',
        body: { decision: 'return', comment: 'Bổ sung số liệu.' },
      }),
      200,
    );
    expect(back).toMatchObject({ status: 'draft', reviewComment: 'Bổ sung số liệu.' });
    await json(await leader.request(`${base}/${own.id}/submit`, { method: 'POST' }), 200);
    const approved = await json<StatementView>(
      await spokesperson.request(`${base}/${own.id}/review`, {
        method: 'POST',
        body: { decision: 'approve', signerCapacity: 'CHÁNH VĂN PHÒNG' },
      }),
      200,
    );
    expect(approved).toMatchObject({
      status: 'approved',
      signerName: spokespersonUser.displayName,
      signerCapacity: 'CHÁNH VĂN PHÒNG',
    });
    const docx = await officer.request(`${base}/${own.id}/document.docx?place=Tuyên Quang`);
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await docx.arrayBuffer()) })).value;
    expect(text).toContain('V/v Trả lời Báo Nhân Dân về việc thu hồi đất');
    expect(text).toContain('Kính gửi: Báo Nhân Dân');
    expect(text).toMatch(/Tuyên Quang, ngày \d{2} tháng \d{1,2} năm 20\d\d/);
    expect(text).not.toContain('THÔNG CÁO BÁO CHÍ');
  });

  it('takes the place of issue from a province name, and Hà Nội otherwise', () => {
    expect(placeOfIssue({ name: 'Tỉnh Tuyên Quang', kind: 'province' })).toBe('Tuyên Quang');
    expect(placeOfIssue({ name: 'Thành phố Hồ Chí Minh', kind: 'province' })).toBe('Hồ Chí Minh');
    expect(placeOfIssue({ name: 'Bộ Y tế', kind: 'ministry' })).toBe('Hà Nội');
  });
});
