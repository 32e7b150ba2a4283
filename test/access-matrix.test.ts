/**
 * Access-control matrix: every role × target organization × operation, with the exact HTTP outcome.
 * The acting users all belong to "own province"; targets are that province, another province and a
 * ministry. Each target owns a contact and an announcement (a non-public record) sent to a third body.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization, createTestUser, signInAs, signedOutClient, type TestClient } from './factories';

type Role = 'administrator' | 'coordinator' | 'officer' | 'leader' | 'viewer';
type Actor = Role | 'signed-out';
type Target = 'own province' | 'another province' | 'a ministry';
type Operation =
  | "read another org's contacts"
  | "edit another org's profile"
  | "add another org's contact"
  | "read another org's announcement receipts"
  | "read another org's non-public record"
  | 'browse audit';
type Client = TestClient;

const targets: Target[] = ['own province', 'another province', 'a ministry'];

/** Expected status per target, in the order of `targets`. Written out cell by cell, not derived from the policy code. */
const expected: Record<Actor, Record<Operation, [number, number, number]>> = {
  administrator: {
    "read another org's contacts": [200, 200, 200],
    "edit another org's profile": [200, 200, 200],
    "add another org's contact": [201, 201, 201],
    "read another org's announcement receipts": [200, 200, 200],
    "read another org's non-public record": [200, 200, 200],
    'browse audit': [200, 200, 200],
  },
  coordinator: {
    "read another org's contacts": [200, 200, 200],
    "edit another org's profile": [200, 200, 200],
    "add another org's contact": [201, 201, 201],
    "read another org's announcement receipts": [200, 200, 200],
    "read another org's non-public record": [200, 200, 200],
    'browse audit': [403, 403, 403],
  },
  officer: {
    "read another org's contacts": [200, 200, 200],
    "edit another org's profile": [200, 403, 403],
    "add another org's contact": [201, 403, 403],
    "read another org's announcement receipts": [200, 404, 404],
    "read another org's non-public record": [200, 404, 404],
    'browse audit': [403, 403, 403],
  },
  leader: {
    "read another org's contacts": [200, 200, 200],
    "edit another org's profile": [200, 403, 403],
    "add another org's contact": [201, 403, 403],
    "read another org's announcement receipts": [200, 404, 404],
    "read another org's non-public record": [200, 404, 404],
    'browse audit': [403, 403, 403],
  },
  viewer: {
    "read another org's contacts": [200, 200, 200],
    "edit another org's profile": [403, 403, 403],
    "add another org's contact": [403, 403, 403],
    "read another org's announcement receipts": [200, 404, 404],
    "read another org's non-public record": [200, 404, 404],
    'browse audit': [403, 403, 403],
  },
  'signed-out': {
    "read another org's contacts": [401, 401, 401],
    "edit another org's profile": [401, 401, 401],
    "add another org's contact": [401, 401, 401],
    "read another org's announcement receipts": [401, 401, 401],
    "read another org's non-public record": [401, 401, 401],
    'browse audit': [401, 401, 401],
  },
};

const signedOut: Client = signedOutClient;

interface Fixture {
  organizationId: string;
  announcementId: string;
  contactName: string;
}

const clients = new Map<Actor, Client>();
const fixtures = new Map<Target, Fixture>();
let attempt = 0;

async function run(
  operation: Operation,
  client: Client,
  fixture: Fixture,
): Promise<{ status: number; body: string; check?: () => Promise<void> }> {
  const org = fixture.organizationId;
  switch (operation) {
    case "read another org's contacts": {
      const response = await client.request(`/api/organizations/${org}/contacts`);
      return { status: response.status, body: await response.text() };
    }
    case "edit another org's profile": {
      const unitName = `Phòng thử ${++attempt}`;
      const response = await client.request(`/api/organizations/${org}/network`, { method: 'PUT', body: { unitName } });
      return {
        status: response.status,
        body: await response.text(),
        // A refused edit changes nothing.
        check: async () => {
          const profile = (await (await signedOut.request(`/api/organizations/${org}/network`)).json()) as {
            unit: { name: string | null };
          };
          if (response.status === 200) expect(profile.unit.name).toBe(unitName);
          else expect(profile.unit.name).not.toBe(unitName);
        },
      };
    }
    case "add another org's contact": {
      const response = await client.request(`/api/organizations/${org}/contacts`, {
        method: 'POST',
        body: { role: 'spokesperson', fullName: `Người thử ${++attempt}` },
      });
      return { status: response.status, body: await response.text() };
    }
    case "read another org's announcement receipts": {
      const response = await client.request(`/api/announcements/${fixture.announcementId}/receipts`);
      return { status: response.status, body: await response.text() };
    }
    case "read another org's non-public record": {
      const response = await client.request(`/api/announcements/${fixture.announcementId}`);
      return { status: response.status, body: await response.text() };
    }
    case 'browse audit': {
      const response = await client.request(`/api/audit?organizationId=${org}`);
      return { status: response.status, body: await response.text() };
    }
  }
}

beforeAll(async () => {
  const ownProvince = await createTestOrganization({ name: `Tỉnh Của Tôi ${Date.now()}` });
  const otherProvince = await createTestOrganization({ name: `Tỉnh Bên Cạnh ${Date.now()}` });
  const ministry = await createTestOrganization({ kind: 'ministry', name: `Bộ Thử nghiệm ${Date.now()}` });
  const organizationOf: Record<Target, string> = {
    'own province': ownProvince.id,
    'another province': otherProvince.id,
    'a ministry': ministry.id,
  };
  for (const role of ['administrator', 'coordinator', 'officer', 'leader', 'viewer'] as const) {
    clients.set(role, await signInAs(await createTestUser({ role, organizationId: ownProvince.id })));
  }
  clients.set('signed-out', signedOut);
  for (const target of targets) {
    const organizationId = organizationOf[target];
    // Each target's own coordinator creates its contact and sends its announcement to a body that is none of the targets.
    const owner = await signInAs(await createTestUser({ role: 'coordinator', organizationId }));
    const contactName = `Đầu mối ${target}`;
    expect(
      (
        await owner.request(`/api/organizations/${organizationId}/contacts`, {
          method: 'POST',
          body: { role: 'focal-point', fullName: contactName, phone: '0243 000 0000' },
        })
      ).status,
    ).toBe(201);
    const recipient = await createTestOrganization();
    const sent = await owner.request('/api/announcements', {
      method: 'POST',
      body: { title: `Thông báo nội bộ của ${target}`, body: 'Không công khai', organizationIds: [recipient.id] },
    });
    expect(sent.status).toBe(201);
    fixtures.set(target, { organizationId, announcementId: ((await sent.json()) as { id: string }).id, contactName });
  }
});

describe('access-control matrix', () => {
  const cells = (Object.keys(expected) as Actor[]).flatMap((actor) =>
    (Object.keys(expected[actor]) as Operation[]).flatMap((operation) =>
      targets.map((target, index) => ({ actor, operation, target, status: expected[actor][operation][index]! })),
    ),
  );

  it.each(cells)('$actor · $operation · $target → $status', async ({ actor, operation, target, status }) => {
    const fixture = fixtures.get(target)!;
    const outcome = await run(operation, clients.get(actor)!, fixture);
    expect(outcome.status, outcome.body).toBe(status);
    if (outcome.status >= 400) {
      // Denials are problem+json and leak none of the record.
      expect(JSON.parse(outcome.body)).toMatchObject({ status });
      expect(outcome.body).not.toContain(fixture.contactName);
      expect(outcome.body).not.toContain('Không công khai');
    }
    await outcome.check?.();
  });

  it('gives signed-out visitors the public unit fields only, never the contacts', async () => {
    for (const target of targets) {
      const fixture = fixtures.get(target)!;
      const response = await signedOut.request(`/api/organizations/${fixture.organizationId}/network`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).not.toContain(fixture.contactName);
      expect(JSON.parse(text)).toMatchObject({ isMemberView: false });
    }
    const csv = await (await signedOut.request('/api/directory/export.csv')).text();
    for (const fixture of fixtures.values()) expect(csv).not.toContain(fixture.contactName);
  });

  it("keeps another province's announcements out of a province user's inbox", async () => {
    for (const role of ['officer', 'leader', 'viewer'] as const) {
      const inbox = (await (await clients.get(role)!.request('/api/announcements/inbox')).json()) as { items: { id: string }[] };
      const ids = inbox.items.map((item) => item.id);
      expect(ids).not.toContain(fixtures.get('another province')!.announcementId);
      expect(ids).not.toContain(fixtures.get('a ministry')!.announcementId);
    }
  });
});
