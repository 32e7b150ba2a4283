/**
 * Access to incidents: every role of "own province" × an incident of that province, of another province, and of
 * another province shared with it × read, list, write a note, approve a statement, with the exact HTTP outcome.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization, createTestUser, signInAs, signedOutClient, type TestClient } from '../../../test/factories';
import { json, type IncidentDetail } from './test-helpers';
import type { StatementView } from './contracts';

type Role = 'administrator' | 'coordinator' | 'officer' | 'leader' | 'viewer';
type Actor = Role | 'signed-out';
type Target = 'own province' | 'another province' | 'another province, shared';
type Operation = 'read the incident' | 'find it in the list' | 'add a note' | 'approve a statement';
type Client = TestClient;

const targets: Target[] = ['own province', 'another province', 'another province, shared'];

/** Written out cell by cell, not derived from the policy code. "list" cells: 1 = listed, 0 = not listed. */
const expected: Record<Actor, Record<Operation, [number, number, number]>> = {
  administrator: {
    'read the incident': [200, 200, 200],
    'find it in the list': [1, 1, 1],
    'add a note': [201, 201, 201],
    'approve a statement': [200, 200, 200],
  },
  coordinator: {
    'read the incident': [200, 200, 200],
    'find it in the list': [1, 1, 1],
    'add a note': [201, 201, 201],
    'approve a statement': [200, 403, 403],
  },
  officer: {
    'read the incident': [200, 404, 200],
    'find it in the list': [1, 0, 1],
    'add a note': [201, 404, 403],
    'approve a statement': [403, 404, 403],
  },
  leader: {
    'read the incident': [200, 404, 200],
    'find it in the list': [1, 0, 1],
    'add a note': [201, 404, 403],
    'approve a statement': [200, 404, 403],
  },
  viewer: {
    'read the incident': [200, 404, 200],
    'find it in the list': [1, 0, 1],
    'add a note': [403, 404, 403],
    'approve a statement': [403, 404, 403],
  },
  'signed-out': {
    'read the incident': [401, 401, 401],
    'find it in the list': [401, 401, 401],
    'add a note': [401, 401, 401],
    'approve a statement': [401, 401, 401],
  },
};

const signedOut: Client = signedOutClient;

interface Fixture {
  incidentId: string;
  owner: Client;
}
const clients = new Map<Actor, Client>();
const fixtures = new Map<Target, Fixture>();
const secret = 'Nội dung mật của sự cố';

beforeAll(async () => {
  const own = await createTestOrganization({ name: `Tỉnh Sự Cố ${Date.now()}` });
  for (const role of ['administrator', 'coordinator', 'officer', 'leader', 'viewer'] as const) {
    clients.set(role, await signInAs(await createTestUser({ role, organizationId: own.id })));
  }
  clients.set('signed-out', signedOut);
  const other = await createTestOrganization();
  const sharedOwner = await createTestOrganization();
  const organizationOf: Record<Target, string> = {
    'own province': own.id,
    'another province': other.id,
    'another province, shared': sharedOwner.id,
  };
  for (const target of targets) {
    const owner = await signInAs(await createTestUser({ role: 'officer', organizationId: organizationOf[target] }));
    const incident = await json<IncidentDetail>(
      await owner.request('/api/incidents', { method: 'POST', body: { title: `Sự cố của ${target}`, description: secret } }),
      201,
    );
    if (target === 'another province, shared')
      await json(
        await owner.request(`/api/incidents/${incident.id}/shares`, { method: 'POST', body: { organizationId: own.id } }),
        200,
      );
    fixtures.set(target, { incidentId: incident.id, owner });
  }
});

async function run(operation: Operation, client: Client, fixture: Fixture): Promise<{ status: number; body: string }> {
  switch (operation) {
    case 'read the incident': {
      const response = await client.request(`/api/incidents/${fixture.incidentId}`);
      return { status: response.status, body: await response.text() };
    }
    case 'find it in the list': {
      const response = await client.request('/api/incidents?limit=500');
      const body = await response.text();
      if (response.status !== 200) return { status: response.status, body };
      return {
        status: (JSON.parse(body) as { id: string }[]).some((incident) => incident.id === fixture.incidentId) ? 1 : 0,
        body: '',
      };
    }
    case 'add a note': {
      const response = await client.request(`/api/incidents/${fixture.incidentId}/notes`, {
        method: 'POST',
        body: { body: 'Ghi chú kiểm tra quyền' },
      });
      return { status: response.status, body: await response.text() };
    }
    case 'approve a statement': {
      // The owning organization's officer drafts and submits a fresh statement for each cell.
      const base = `/api/incidents/${fixture.incidentId}/statements`;
      const statement = await json<StatementView>(
        await fixture.owner.request(base, {
          method: 'POST',
          body: {
            kind: 'holding_statement',
            title: 'Thông cáo kiểm tra quyền',
            body: 'Nội dung thông cáo kiểm tra quyền phê duyệt.',
          },
        }),
        201,
      );
      await json(await fixture.owner.request(`${base}/${statement.id}/submit`, { method: 'POST' }), 200);
      const response = await client.request(`${base}/${statement.id}/review`, { method: 'POST', body: { decision: 'approve' } });
      return { status: response.status, body: await response.text() };
    }
  }
}

describe('incidents access matrix', () => {
  const cells = (Object.keys(expected) as Actor[]).flatMap((actor) =>
    (Object.keys(expected[actor]) as Operation[]).flatMap((operation) =>
      targets.map((target, index) => ({ actor, operation, target, status: expected[actor][operation][index]! })),
    ),
  );

  it.each(cells)('$actor · $operation · $target → $status', async ({ actor, operation, target, status }) => {
    const outcome = await run(operation, clients.get(actor)!, fixtures.get(target)!);
    expect(outcome.status, outcome.body).toBe(status);
    if (outcome.status >= 400) {
      // Denials are problem+json and leak nothing of the incident.
      expect(JSON.parse(outcome.body)).toMatchObject({ status });
      expect(outcome.body).not.toContain(secret);
      expect(outcome.body).not.toContain('Sự cố của');
    }
  });

  it('keeps a shared incident read-only for the organization it was shared with', async () => {
    const officer = clients.get('officer')!;
    const { incidentId } = fixtures.get('another province, shared')!;
    const detail = await json<IncidentDetail>(await officer.request(`/api/incidents/${incidentId}`), 200);
    expect(detail).toMatchObject({ canHandle: false, canApprove: false, description: secret });
    expect(
      (await officer.request(`/api/incidents/${incidentId}/transitions`, { method: 'POST', body: { status: 'responding' } }))
        .status,
    ).toBe(403);
    expect(
      (
        await officer.request(`/api/incidents/${incidentId}/statements`, {
          method: 'POST',
          body: { kind: 'press_response', title: 'Không được soạn', body: 'Tổ chức được chia sẻ không soạn văn bản.' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await officer.request(`/api/incidents/${incidentId}/shares/${detail.sharedWith[0]!.organizationId}`, { method: 'DELETE' }))
        .status,
    ).toBe(403);
  });

  it('hides an incident again once its owner stops sharing it', async () => {
    const owner = fixtures.get('own province')!.owner;
    const incident = await json<IncidentDetail>(
      await owner.request('/api/incidents', { method: 'POST', body: { title: 'Sự cố chia sẻ tạm thời' } }),
      201,
    );
    const partner = await createTestOrganization();
    const reader = await signInAs(await createTestUser({ role: 'viewer', organizationId: partner.id }));
    expect((await reader.request(`/api/incidents/${incident.id}`)).status).toBe(404);
    await json(
      await owner.request(`/api/incidents/${incident.id}/shares`, { method: 'POST', body: { organizationId: partner.id } }),
      200,
    );
    expect((await reader.request(`/api/incidents/${incident.id}`)).status).toBe(200);
    const unshared = await json<IncidentDetail>(
      await owner.request(`/api/incidents/${incident.id}/shares/${partner.id}`, { method: 'DELETE' }),
      200,
    );
    expect(unshared.sharedWith).toEqual([]);
    expect(unshared.timeline.map((entry) => entry.kind)).toEqual(['opened', 'shared', 'unshared']);
    expect((await reader.request(`/api/incidents/${incident.id}`)).status).toBe(404);
    expect((await owner.request(`/api/incidents/${incident.id}/shares/${partner.id}`, { method: 'DELETE' })).status).toBe(404);
  });
});
