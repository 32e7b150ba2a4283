import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { organizations } from '../agencies';
import { createTestOrganization, createTestUser, signInAs, testApp } from '../../../test/factories';

interface Profile {
  organizationId: string;
  unit: { name: string | null; isDedicated: boolean; staffDedicated: number; staffPartTime: number; notes?: string | null };
  isMemberView: boolean;
  focalPoints?: { id: string; fullName: string; email: string | null }[];
  spokespersons?: { id: string; fullName: string }[];
}
interface AuditPage {
  items: { action: string; entityId: string | null; before: unknown; after: unknown; actorEmail: string | null }[];
}

describe('network profile and contacts', () => {
  it('lets an officer edit their own organization, audited with before and after', async () => {
    const officer = await createTestUser({ role: 'officer' });
    const client = await signInAs(officer);
    const first = await client.request(`/api/organizations/${officer.organizationId}/network`, {
      method: 'PUT',
      body: {
        unitName: 'Phòng Truyền thông',
        isDedicated: true,
        staffDedicated: 3,
        staffPartTime: 2,
        notes: 'Trực 24/7 khi có sự cố',
      },
    });
    expect(first.status).toBe(200);
    const profile = (await first.json()) as Profile;
    expect(profile.unit).toEqual({
      name: 'Phòng Truyền thông',
      isDedicated: true,
      staffDedicated: 3,
      staffPartTime: 2,
      notes: 'Trực 24/7 khi có sự cố',
    });

    const second = await client.request(`/api/organizations/${officer.organizationId}/network`, {
      method: 'PUT',
      body: { staffDedicated: 4 },
    });
    expect(((await second.json()) as Profile).unit.staffDedicated).toBe(4);

    const admin = await signInAs(await createTestUser({ role: 'administrator' }));
    const audit = (await (
      await admin.request(`/api/audit?entityType=network-profile&entityId=${officer.organizationId}`)
    ).json()) as AuditPage;
    expect(audit.items.map((entry) => entry.action)).toEqual(['network-profile.update', 'network-profile.create']);
    expect(audit.items[0]!.before).toMatchObject({ staffDedicated: 3 });
    expect(audit.items[0]!.after).toMatchObject({ staffDedicated: 4, unitName: 'Phòng Truyền thông' });
    expect(audit.items[0]!.actorEmail).toBe(officer.email);
  });

  it('shows contacts to signed-in members only; signed-out requests get the public unit fields', async () => {
    const officer = await createTestUser({ role: 'officer' });
    const client = await signInAs(officer);
    const created = await client.request(`/api/organizations/${officer.organizationId}/contacts`, {
      method: 'POST',
      body: {
        role: 'focal-point',
        fullName: 'Nguyễn Thị Hà',
        position: 'Chánh Văn phòng',
        phone: '+84 24 3825 1234',
        email: 'Ha.NT@example.gov.vn',
      },
    });
    expect(created.status).toBe(201);
    await client.request(`/api/organizations/${officer.organizationId}/network`, {
      method: 'PUT',
      body: { unitName: 'Văn phòng', notes: 'nội bộ' },
    });

    const anonymous = await testApp().request(`/api/organizations/${officer.organizationId}/network`);
    expect(anonymous.status).toBe(200);
    const publicView = (await anonymous.json()) as Profile;
    expect(publicView.isMemberView).toBe(false);
    expect(publicView.focalPoints).toBeUndefined();
    expect(publicView.unit.notes).toBeUndefined();
    expect(JSON.stringify(publicView)).not.toContain('Nguyễn Thị Hà');
    expect((await testApp().request(`/api/organizations/${officer.organizationId}/contacts`)).status).toBe(401);

    const viewerElsewhere = await signInAs(await createTestUser({ role: 'viewer' }));
    const memberView = (await (
      await viewerElsewhere.request(`/api/organizations/${officer.organizationId}/network`)
    ).json()) as Profile;
    expect(memberView.isMemberView).toBe(true);
    expect(memberView.focalPoints?.[0]).toMatchObject({ fullName: 'Nguyễn Thị Hà', email: 'ha.nt@example.gov.vn' });
    expect(memberView.unit.notes).toBe('nội bộ');
  });

  it('edits and removes contacts with audited before/after; refuses other organizations', async () => {
    const leader = await createTestUser({ role: 'leader' });
    const client = await signInAs(leader);
    const path = `/api/organizations/${leader.organizationId}/contacts`;
    const contact = (await (
      await client.request(path, { method: 'POST', body: { role: 'spokesperson', fullName: 'Trần Văn Minh' } })
    ).json()) as { id: string };
    const patched = await client.request(`${path}/${contact.id}`, {
      method: 'PATCH',
      body: { position: 'Phó Chủ tịch UBND tỉnh', phone: '0912 345 678' },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ position: 'Phó Chủ tịch UBND tỉnh', phone: '0912 345 678' });

    const other = await createTestOrganization();
    expect(
      (
        await client.request(`/api/organizations/${other.id}/contacts`, {
          method: 'POST',
          body: { role: 'spokesperson', fullName: 'Người Khác' },
        })
      ).status,
    ).toBe(403);
    expect((await client.request(`/api/organizations/${other.id}/contacts/${contact.id}`, { method: 'DELETE' })).status).toBe(
      403,
    );

    expect((await client.request(`${path}/${contact.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await client.request(`${path}/${contact.id}`, { method: 'DELETE' })).status).toBe(404);
    const admin = await signInAs(await createTestUser({ role: 'administrator' }));
    const audit = (await (
      await admin.request(`/api/audit?entityType=network-contact&entityId=${contact.id}`)
    ).json()) as AuditPage;
    expect(audit.items.map((e) => e.action)).toEqual([
      'network-contact.delete',
      'network-contact.update',
      'network-contact.create',
    ]);
    expect(audit.items[1]!.before).toMatchObject({ position: null });
    expect(audit.items[1]!.after).toMatchObject({ position: 'Phó Chủ tịch UBND tỉnh' });
    expect(audit.items[0]!.before).toMatchObject({ fullName: 'Trần Văn Minh' });
  });

  it('rejects wrong types, oversize fields, unknown fields and unknown organizations', async () => {
    const coordinator = await createTestUser({ role: 'coordinator' });
    const client = await signInAs(coordinator);
    const own = `/api/organizations/${coordinator.organizationId}`;
    const wrongType = await client.request(`${own}/network`, { method: 'PUT', body: { staffDedicated: 'ba' } });
    expect(wrongType.status).toBe(400);
    expect(((await wrongType.json()) as { invalidFields: { path: string }[] }).invalidFields.map((f) => f.path)).toContain(
      'json.staffDedicated',
    );
    const negative = await client.request(`${own}/network`, { method: 'PUT', body: { staffPartTime: -1 } });
    expect(negative.status).toBe(400);
    const oversize = await client.request(`${own}/contacts`, {
      method: 'POST',
      body: { role: 'spokesperson', fullName: 'A'.repeat(201) },
    });
    expect(oversize.status).toBe(400);
    expect(((await oversize.json()) as { invalidFields: { path: string }[] }).invalidFields.map((f) => f.path)).toContain(
      'json.fullName',
    );
    const badEmail = await client.request(`${own}/contacts`, {
      method: 'POST',
      body: { role: 'focal-point', fullName: 'Lê Văn A', email: 'not-an-email' },
    });
    expect(badEmail.status).toBe(400);
    const badRole = await client.request(`${own}/contacts`, { method: 'POST', body: { role: 'boss', fullName: 'Lê Văn A' } });
    expect(badRole.status).toBe(400);
    const unknownField = await client.request(`${own}/network`, { method: 'PUT', body: { unitName: 'X', budget: 5 } });
    expect(unknownField.status).toBe(400);
    const unknownOrg = await client.request('/api/organizations/khong-ton-tai/network', {
      method: 'PUT',
      body: { unitName: 'X' },
    });
    expect(unknownOrg.status).toBe(404);
    expect((await testApp().request('/api/organizations/khong-ton-tai/network')).status).toBe(404);
  });

  it('hides a non-public organization from signed-out visitors (profile and CSV export)', async () => {
    const officer = await createTestUser({ role: 'officer' });
    const db = await getDb();
    await db.update(organizations).set({ isPublic: false }).where(eq(organizations.id, officer.organizationId));
    expect((await testApp().request(`/api/organizations/${officer.organizationId}/network`)).status).toBe(404);
    expect(await (await testApp().request('/api/directory/export.csv')).text()).not.toContain(officer.organizationId);
    const member = await signInAs(await createTestUser({ role: 'viewer' }));
    expect((await member.request(`/api/organizations/${officer.organizationId}/network`)).status).toBe(200);
    expect(await (await member.request('/api/directory/export.csv')).text()).toContain(officer.organizationId);
  });
});
