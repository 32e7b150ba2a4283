import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { recordAudit } from '../../platform/audit';
import { systemActor } from '../../platform/actor';
import { createTestUser, signInAs, testApp } from '../../../test/factories';

interface Entry {
  id: number;
  at: string;
  action: string;
  entityId: string | null;
  organizationId: string | null;
  actorUserId: string | null;
}
interface Page {
  items: Entry[];
  nextCursor: string | null;
}

describe('audit log browsing', () => {
  it('shows administrators the log newest first, filtered, with keyset pages that do not overlap', async () => {
    const officer = await createTestUser({ role: 'officer' });
    const client = await signInAs(officer);
    for (let i = 1; i <= 5; i++) {
      await client.request(`/api/organizations/${officer.organizationId}/network`, {
        method: 'PUT',
        body: { staffDedicated: i },
      });
    }
    const admin = await signInAs(await createTestUser({ role: 'administrator' }));
    const base = `/api/audit?organizationId=${officer.organizationId}&entityType=network-profile`;
    const first = (await (await admin.request(`${base}&limit=2`)).json()) as Page;
    expect(first.items).toHaveLength(2);
    expect(first.items[0]!.id).toBeGreaterThan(first.items[1]!.id);
    const second = (await (await admin.request(`${base}&limit=2&cursor=${first.nextCursor}`)).json()) as Page;
    const third = (await (await admin.request(`${base}&limit=2&cursor=${second.nextCursor}`)).json()) as Page;
    expect(third.items).toHaveLength(1);
    expect(third.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items, ...third.items].map((e) => e.id);
    expect(new Set(ids).size).toBe(5);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);

    const byActor = (await (await admin.request(`/api/audit?actor=${officer.id}&action=network-profile.*`)).json()) as Page;
    expect(byActor.items).toHaveLength(5);
    expect(byActor.items.every((e) => e.actorUserId === officer.id)).toBe(true);
    const byEmail = (await (
      await admin.request(`/api/audit?actor=${encodeURIComponent(officer.email)}&action=network-profile.create`)
    ).json()) as Page;
    expect(byEmail.items.map((e) => e.action)).toEqual(['network-profile.create']);
  });

  it('filters by day in Vietnam time', async () => {
    const officer = await createTestUser({ role: 'officer' });
    const db = await getDb();
    await db.transaction(async (tx) => {
      for (const entityId of ['a', 'b']) {
        await recordAudit(tx, {
          actor: systemActor,
          action: 'test.dated',
          entityType: 'test',
          entityId,
          organizationId: officer.organizationId,
        });
      }
    });
    // Days are Vietnam days (UTC+7): between 17:00 and 24:00 UTC, "today" there is already tomorrow in UTC.
    const admin = await signInAs(await createTestUser({ role: 'administrator' }));
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const inToday = (await (
      await admin.request(`/api/audit?organizationId=${officer.organizationId}&action=test.dated&from=${today}&to=${today}`)
    ).json()) as Page;
    expect(inToday.items).toHaveLength(2);
    const yesterday = new Date(Date.now() + 7 * 3600_000 - 24 * 3600_000).toISOString().slice(0, 10);
    const inYesterday = (await (
      await admin.request(`/api/audit?organizationId=${officer.organizationId}&action=test.dated&to=${yesterday}`)
    ).json()) as Page;
    expect(inYesterday.items).toHaveLength(0);
    const withOffset = (await (
      await admin.request(
        `/api/audit?organizationId=${officer.organizationId}&action=test.dated&from=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`,
      )
    ).json()) as Page;
    expect(withOffset.items).toHaveLength(2);
  });

  it('refuses everyone but administrators, and has no way to edit or delete entries', async () => {
    for (const role of ['coordinator', 'officer', 'leader', 'viewer'] as const) {
      const client = await signInAs(await createTestUser({ role }));
      expect((await client.request('/api/audit')).status).toBe(403);
    }
    expect((await testApp().request('/api/audit')).status).toBe(401);
    const admin = await signInAs(await createTestUser({ role: 'administrator' }));
    const page = (await (await admin.request('/api/audit?limit=1')).json()) as Page;
    const id = page.items[0]!.id;
    expect((await admin.request(`/api/audit/${id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await admin.request(`/api/audit/${id}`, { method: 'PATCH', body: { action: 'x' } })).status).toBe(404);
    expect((await admin.request('/api/audit', { method: 'DELETE' })).status).toBe(404);
    const db = await getDb();
    await expect(db.execute(sql`DELETE FROM audit_log WHERE id = ${id}`)).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/append-only/) as unknown },
    });
  });

  it('rejects bad filters with the field named', async () => {
    const admin = await signInAs(await createTestUser({ role: 'administrator' }));
    for (const query of ['from=yesterday', 'to=2026-13-45', 'limit=0', 'limit=abc', 'cursor=-1', 'colour=red']) {
      const response = await admin.request(`/api/audit?${query}`);
      expect(response.status, query).toBe(400);
    }
    const bad = (await (await admin.request('/api/audit?from=yesterday')).json()) as { invalidFields: { path: string }[] };
    expect(bad.invalidFields[0]!.path).toBe('query.from');
  });
});
