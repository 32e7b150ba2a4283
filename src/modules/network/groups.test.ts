import { describe, expect, it } from 'vitest';
import { createTestOrganization, createTestUser, signInAs, testApp } from '../../../test/factories';

interface Group {
  key: string;
  name: string;
  isBuiltIn: boolean;
  memberCount: number;
  organizationIds?: string[];
}
interface Members {
  key: string;
  on: string;
  members: { id: string; kind: string }[];
}

describe('groups', () => {
  it('lists the built-in groups with the provinces in force on a date (63 before the 2025 merger, 34 after)', async () => {
    const before = (await (await testApp().request('/api/groups?on=2025-06-30')).json()) as Group[];
    expect(before.map((g) => g.key)).toEqual(
      expect.arrayContaining([
        'ministries-and-ministerial-agencies',
        'government-agencies',
        'ministries-ministerial-and-government-agencies',
        'provinces',
        'press-agencies',
      ]),
    );
    // Signed out: built-in groups only.
    expect(before.every((g) => g.isBuiltIn)).toBe(true);

    const reference = (list: Members['members']) => list.filter((m) => !m.id.startsWith('test-'));
    const provinces2025 = (await (await testApp().request('/api/groups/provinces/members?on=2025-06-30')).json()) as Members;
    const provinces2026 = (await (await testApp().request('/api/groups/provinces/members?on=2026-01-15')).json()) as Members;
    expect(reference(provinces2025.members)).toHaveLength(63);
    expect(reference(provinces2026.members)).toHaveLength(34);
    // other test files add test provinces to the shared database meanwhile: the group's count lies between the
    // members listed before and after it
    const after = (await (await testApp().request('/api/groups?on=2026-01-15')).json()) as Group[];
    const provincesLater = (await (await testApp().request('/api/groups/provinces/members?on=2026-01-15')).json()) as Members;
    const memberCount = after.find((g) => g.key === 'provinces')!.memberCount;
    expect(memberCount).toBeGreaterThanOrEqual(provinces2026.members.length);
    expect(memberCount).toBeLessThanOrEqual(provincesLater.members.length);

    const ministries = (await (
      await testApp().request('/api/groups/ministries-and-ministerial-agencies/members?on=2026-01-15')
    ).json()) as Members;
    expect(new Set(ministries.members.map((m) => m.kind))).toEqual(new Set(['ministry', 'ministerial-agency']));
    const press = (await (await testApp().request('/api/groups/press-agencies/members?on=2026-01-15')).json()) as Members;
    expect(press.members.map((m) => m.id)).toEqual(expect.arrayContaining(['dai-truyen-hinh-viet-nam', 'thong-tan-xa-viet-nam']));
  });

  it('counts a body of another kind in the press group when an admin marks it as press (data, not code)', async () => {
    const admin = await createTestUser({ role: 'administrator' });
    const client = await signInAs(admin);
    const broadcaster = await createTestOrganization({ kind: 'government-agency', name: 'Đài Phát thanh Thử nghiệm' });
    const pressMembers = async () =>
      ((await (await testApp().request('/api/groups/press-agencies/members?on=2026-01-15')).json()) as Members).members.map(
        (m) => m.id,
      );
    expect(await pressMembers()).not.toContain(broadcaster.id);
    const marked = await client.request(`/api/organizations/${broadcaster.id}`, { method: 'PATCH', body: { isPress: true } });
    expect(marked.status).toBe(200);
    expect(((await marked.json()) as { isPress: boolean }).isPress).toBe(true);
    expect(await pressMembers()).toContain(broadcaster.id);
    // Seeded reference data: VOV is a government agency and a press body; a province is neither.
    const vov = (await (await testApp().request('/api/organizations/dai-tieng-noi-viet-nam')).json()) as {
      kind: string;
      isPress: boolean;
    };
    expect(vov).toMatchObject({ kind: 'government-agency', isPress: true });
    const hanoi = (await (await testApp().request('/api/organizations/thanh-pho-ha-noi')).json()) as { isPress: boolean };
    expect(hanoi.isPress).toBe(false);
  });

  it('lets a coordinator create, edit and delete a custom group; members resolve on a date', async () => {
    const coordinator = await createTestUser({ role: 'coordinator' });
    const client = await signInAs(coordinator);
    const a = await createTestOrganization();
    const b = await createTestOrganization({ kind: 'ministry', name: 'Bộ Thử nghiệm' });
    const created = await client.request('/api/groups', {
      method: 'POST',
      body: { name: 'Tổ công tác Truyền thông chính sách', organizationIds: [a.id, b.id] },
    });
    expect(created.status).toBe(201);
    const group = (await created.json()) as Group;
    expect(group).toMatchObject({ key: 'to-cong-tac-truyen-thong-chinh-sach', isBuiltIn: false, memberCount: 2 });

    // Test organizations are in force from 2025-07-01: a date before has no members.
    const early = (await (await client.request(`/api/groups/${group.key}/members?on=2025-01-01`)).json()) as Members;
    expect(early.members).toHaveLength(0);
    const now = (await (await client.request(`/api/groups/${group.key}/members?on=2026-01-15`)).json()) as Members;
    expect(now.members.map((m) => m.id).sort()).toEqual([a.id, b.id].sort());

    const listed = (await (await client.request('/api/groups')).json()) as Group[];
    expect(listed.find((g) => g.key === group.key)?.organizationIds?.sort()).toEqual([a.id, b.id].sort());
    // Signed-out visitors do not see custom groups.
    expect((await testApp().request(`/api/groups/${group.key}/members`)).status).toBe(404);

    const patched = await client.request(`/api/groups/${group.key}`, { method: 'PATCH', body: { organizationIds: [a.id] } });
    expect(((await patched.json()) as Group).memberCount).toBe(1);
    expect((await client.request(`/api/groups/${group.key}`, { method: 'DELETE' })).status).toBe(204);
    expect((await client.request(`/api/groups/${group.key}/members`)).status).toBe(404);
  });

  it('follows a retired member of a custom group to its successors in force', async () => {
    const coordinator = await signInAs(await createTestUser({ role: 'coordinator' }));
    // Hà Giang merged into Tuyên Quang on 2025-07-01.
    const created = await coordinator.request('/api/groups', {
      method: 'POST',
      body: { key: 'mien-nui-phia-bac-test', name: 'Miền núi phía Bắc (thử)', organizationIds: ['tinh-ha-giang'] },
    });
    expect(created.status).toBe(201);
    const before = (await (
      await coordinator.request('/api/groups/mien-nui-phia-bac-test/members?on=2025-06-30')
    ).json()) as Members;
    const after = (await (
      await coordinator.request('/api/groups/mien-nui-phia-bac-test/members?on=2025-07-01')
    ).json()) as Members;
    expect(before.members.map((m) => m.id)).toEqual(['tinh-ha-giang']);
    expect(after.members.map((m) => m.id)).toEqual(['tinh-tuyen-quang']);
    await coordinator.request('/api/groups/mien-nui-phia-bac-test', { method: 'DELETE' });
  });

  it('refuses officers, unknown organizations, built-in keys and bad dates', async () => {
    const officer = await signInAs(await createTestUser({ role: 'officer' }));
    expect((await officer.request('/api/groups', { method: 'POST', body: { name: 'Nhóm', organizationIds: [] } })).status).toBe(
      403,
    );
    const coordinator = await signInAs(await createTestUser({ role: 'coordinator' }));
    const unknown = await coordinator.request('/api/groups', {
      method: 'POST',
      body: { name: 'Nhóm lạ', organizationIds: ['khong-co-that'] },
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { invalidFields: { path: string; message: string }[] }).invalidFields).toEqual([
      { path: 'organizationIds.0', message: 'unknown organization "khong-co-that"' },
    ]);
    expect(
      (
        await coordinator.request('/api/groups', {
          method: 'POST',
          body: { key: 'provinces', name: 'Tỉnh', organizationIds: [] },
        })
      ).status,
    ).toBe(409);
    expect((await coordinator.request('/api/groups/provinces', { method: 'DELETE' })).status).toBe(403);
    expect((await testApp().request('/api/groups?on=15/01/2026')).status).toBe(400);
    expect((await testApp().request('/api/groups/khong-co/members')).status).toBe(404);
  });
});
