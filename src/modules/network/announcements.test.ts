import { describe, expect, it } from 'vitest';
import { createTestOrganization, createTestUser, signInAs } from '../../../test/factories';

interface Announcement {
  id: string;
  title: string;
  body: string;
  recipientOrganizationIds: string[];
  readAt: string | null;
}
interface Inbox {
  unreadCount: number;
  items: { id: string; title: string; readAt: string | null }[];
}
interface Receipts {
  recipientOrganizationCount: number;
  organizationsWithReaders: number;
  recipients: { organizationId: string; userCount: number; readers: { userId: string; email: string; readAt: string }[] }[];
}
interface Problem {
  code: string;
  invalidFields?: { path: string; message: string }[];
}

describe('announcements', () => {
  it('reaches the users of chosen organizations; opening marks it read; the sender sees who read it and when', async () => {
    const coordinator = await createTestUser({ role: 'coordinator' });
    const sender = await signInAs(coordinator);
    const province = await createTestOrganization();
    const ministry = await createTestOrganization({ kind: 'ministry', name: 'Bộ Thử nghiệm Thông báo' });
    const officer = await createTestUser({ role: 'officer', organizationId: province.id });
    const colleague = await createTestUser({ role: 'viewer', organizationId: province.id });
    const outsider = await createTestUser({ role: 'officer' });

    const sent = await sender.request('/api/announcements', {
      method: 'POST',
      body: {
        title: '  Họp giao ban   truyền thông ',
        body: 'Kính gửi các đơn vị,\r\n\r\n**Lịch họp**: 9h thứ Hai.\u0007',
        organizationIds: [province.id, ministry.id],
      },
    });
    expect(sent.status).toBe(201);
    const announcement = (await sent.json()) as Announcement;
    expect(announcement.title).toBe('Họp giao ban truyền thông');
    expect(announcement.body).toBe('Kính gửi các đơn vị,\n\n**Lịch họp**: 9h thứ Hai.');
    expect(announcement.recipientOrganizationIds.sort()).toEqual([province.id, ministry.id].sort());

    const reader = await signInAs(officer);
    const inbox = (await (await reader.request('/api/announcements/inbox')).json()) as Inbox;
    expect(inbox.unreadCount).toBe(1);
    expect(inbox.items[0]).toMatchObject({ id: announcement.id, readAt: null });

    expect((await reader.request(`/api/announcements/${announcement.id}`)).status).toBe(200);
    const read = await reader.request(`/api/announcements/${announcement.id}/read`, { method: 'POST' });
    expect(read.status).toBe(200);
    const firstRead = (await read.json()) as { readAt: string; isFirstRead: boolean };
    expect(firstRead.isFirstRead).toBe(true);
    // Opening it again keeps the first reading time.
    const again = (await (await reader.request(`/api/announcements/${announcement.id}/read`, { method: 'POST' })).json()) as {
      readAt: string;
      isFirstRead: boolean;
    };
    expect(again).toMatchObject({ readAt: firstRead.readAt, isFirstRead: false });
    const after = (await (await reader.request('/api/announcements/inbox')).json()) as Inbox;
    expect(after.unreadCount).toBe(0);
    expect(after.items[0]!.readAt).toBe(firstRead.readAt);

    // The colleague has not read it: per-user, not per-organization.
    expect(((await (await (await signInAs(colleague)).request('/api/announcements/inbox')).json()) as Inbox).unreadCount).toBe(1);
    // Someone outside the recipients sees nothing.
    const other = await signInAs(outsider);
    expect(((await (await other.request('/api/announcements/inbox')).json()) as Inbox).items.map((i) => i.id)).not.toContain(
      announcement.id,
    );
    expect((await other.request(`/api/announcements/${announcement.id}`)).status).toBe(404);
    expect((await other.request(`/api/announcements/${announcement.id}/read`, { method: 'POST' })).status).toBe(404);

    const receipts = (await (await sender.request(`/api/announcements/${announcement.id}/receipts`)).json()) as Receipts;
    expect(receipts).toMatchObject({ recipientOrganizationCount: 2, organizationsWithReaders: 1 });
    const provinceReceipt = receipts.recipients.find((r) => r.organizationId === province.id)!;
    expect(provinceReceipt.userCount).toBe(2);
    expect(provinceReceipt.readers).toEqual([
      { userId: officer.id, email: officer.email, displayName: expect.any(String) as string, readAt: firstRead.readAt },
    ]);
    expect(receipts.recipients.find((r) => r.organizationId === ministry.id)!.readers).toEqual([]);
    // Recipients see the announcement but not the receipts.
    expect((await reader.request(`/api/announcements/${announcement.id}/receipts`)).status).toBe(403);

    const sentList = (await (await sender.request('/api/announcements/sent')).json()) as {
      id: string;
      readerCount: number;
      recipientOrganizationCount: number;
    }[];
    expect(sentList.find((s) => s.id === announcement.id)).toMatchObject({ readerCount: 1, recipientOrganizationCount: 2 });
  });

  it('resolves groups at send time to the organizations in force', async () => {
    const sender = await signInAs(await createTestUser({ role: 'administrator' }));
    const response = await sender.request('/api/announcements', {
      method: 'POST',
      body: { title: 'Gửi các tỉnh trước sáp nhập', body: 'Nội dung', groupKeys: ['provinces'], on: '2025-06-30' },
    });
    expect(response.status).toBe(201);
    const announcement = (await response.json()) as Announcement;
    const reference = announcement.recipientOrganizationIds.filter((id) => !id.startsWith('test-'));
    expect(reference).toHaveLength(63);
    expect(reference).toContain('tinh-ha-giang');
  });

  it('refuses officers and reports bad input by field', async () => {
    const officer = await signInAs(await createTestUser({ role: 'officer' }));
    const province = await createTestOrganization();
    expect(
      (
        await officer.request('/api/announcements', {
          method: 'POST',
          body: { title: 'Xin chào', body: 'x', organizationIds: [province.id] },
        })
      ).status,
    ).toBe(403);

    const sender = await signInAs(await createTestUser({ role: 'coordinator' }));
    const unknown = await sender.request('/api/announcements', {
      method: 'POST',
      body: { title: 'Xin chào', body: 'x', organizationIds: [province.id, 'khong-ton-tai'], groupKeys: ['nhom-la'] },
    });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as Problem).invalidFields).toEqual([
      { path: 'organizationIds.1', message: 'unknown organization "khong-ton-tai"' },
    ]);
    const unknownGroup = await sender.request('/api/announcements', {
      method: 'POST',
      body: { title: 'Xin chào', body: 'x', groupKeys: ['nhom-la'] },
    });
    expect(((await unknownGroup.json()) as Problem).invalidFields).toEqual([
      { path: 'groupKeys.0', message: 'unknown group "nhom-la"' },
    ]);
    const noRecipients = await sender.request('/api/announcements', { method: 'POST', body: { title: 'Xin chào', body: 'x' } });
    expect(noRecipients.status).toBe(400);
    expect(((await noRecipients.json()) as Problem).invalidFields?.[0]?.path).toBe('organizationIds');
    const oversize = await sender.request('/api/announcements', {
      method: 'POST',
      body: { title: 'T'.repeat(301), body: 'x', organizationIds: [province.id] },
    });
    expect(oversize.status).toBe(400);
    expect(((await oversize.json()) as Problem).invalidFields?.map((f) => f.path)).toContain('json.title');
    const wrongType = await sender.request('/api/announcements', {
      method: 'POST',
      body: { title: 'Xin chào', body: 'x', organizationIds: province.id },
    });
    expect(wrongType.status).toBe(400);
    expect((await sender.request('/api/announcements/not-a-uuid')).status).toBe(400);
    expect((await sender.request('/api/announcements/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
