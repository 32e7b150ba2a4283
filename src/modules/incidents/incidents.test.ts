import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { auditLog } from '../../platform/schema';
import { createTestUser, signInAs } from '../../../test/factories';
import { setUpQuery } from '../trends/test-helpers';
import { json, setUpAlert, type IncidentDetail } from './test-helpers';
import { recordMissedDeadlines } from './jobs';

describe('opening an incident from an alert', () => {
  it('links the alert and its query, makes the alert the first timeline entry, flags the alert, and never duplicates', async () => {
    const { session, alert, query, organizationId, user } = await setUpAlert();
    // Three officers' clicks at once: one incident is created (201), the others get it (200).
    const first = await Promise.all(
      [1, 2, 3].map(async () =>
        session.request('/api/incidents', { method: 'POST', body: { fromAlertId: alert.id, severity: 3 } }),
      ),
    );
    expect(first.map((response) => response.status).sort()).toEqual([200, 200, 201]);
    const bodies = await Promise.all(first.map(async (response) => (await response.json()) as IncidentDetail));
    expect(new Set(bodies.map((body) => body.id)).size).toBe(1);
    const opened = bodies[first.findIndex((response) => response.status === 201)]!;
    expect(opened.organizationId).toBe(organizationId);
    expect(opened.title).toBe(`Vượt ngưỡng: ${query.name}`);
    expect(opened).toMatchObject({
      status: 'open',
      severity: 3,
      sourceAlertId: alert.id,
      allowedTransitions: ['responding', 'closed'],
      canHandle: true,
      canApprove: false,
    });
    expect(opened.timeline[0]).toMatchObject({
      kind: 'opened_from_alert',
      actor: { id: user.id },
      data: { alertId: alert.id, kind: 'threshold', query: query.name, mentions: alert.mentions },
    });
    expect(opened.links.map((link) => [link.kind, link.targetId]).sort()).toEqual(
      [
        ['alert', alert.id],
        ['query', query.id],
      ].sort(),
    );

    // The alert inbox now links to the incident.
    const alerts = (await (await session.request(`/api/trends/alerts?queryId=${query.id}`)).json()) as {
      id: string;
      incidentLink: string | null;
      incidentRequestedAt: string | null;
    }[];
    expect(alerts[0]).toMatchObject({ incidentLink: `/incidents/${opened.id}` });
    expect(alerts[0]!.incidentRequestedAt).not.toBeNull();

    // Again later, and three times at once: the same incident, 200, nothing new.
    const again = await json<IncidentDetail>(
      await session.request('/api/incidents', { method: 'POST', body: { fromAlertId: alert.id } }),
      200,
    );
    expect(again.id).toBe(opened.id);
    const burst = await Promise.all(
      [1, 2, 3].map(async () =>
        session.request('/api/incidents', { method: 'POST', body: { fromAlertId: alert.id, title: 'Tiêu đề khác' } }),
      ),
    );
    for (const response of burst) expect(((await response.json()) as IncidentDetail).id).toBe(opened.id);
    const db = await getDb();
    const count = (await db.execute(
      sql`SELECT count(*)::int AS n FROM incidents WHERE source_alert_id = ${alert.id}`,
    )) as unknown as { rows: { n: number }[] };
    expect(count.rows[0]!.n).toBe(1);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'incidents.incident.open'), eq(auditLog.entityId, opened.id)));
    expect(audits).toHaveLength(1);

    // Another province cannot open an incident from this alert, nor learn that it exists.
    const stranger = await setUpQuery();
    const refused = await stranger.session.request('/api/incidents', { method: 'POST', body: { fromAlertId: alert.id } });
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a viewer, and explains invalid input field by field', async () => {
    const { organizationId, session } = await setUpQuery();
    const viewer = await signInAs(await createTestUser({ role: 'viewer', organizationId }));
    const forbidden = await viewer.request('/api/incidents', { method: 'POST', body: { title: 'Tin giả về giá điện' } });
    expect(forbidden.status).toBe(403);
    const missing = await json<{ code: string; invalidFields: { path: string }[] }>(
      await session.request('/api/incidents', { method: 'POST', body: { description: 'không có tiêu đề' } }),
      400,
    );
    expect(missing.code).toBe('VALIDATION_FAILED');
    expect(missing.invalidFields.map((f) => f.path)).toContain('title');
    const bad = await json<{ code: string; invalidFields: { path: string }[] }>(
      await session.request('/api/incidents', {
        method: 'POST',
        body: { title: 'Sự cố', severity: 5, responseDueAt: 'ngày mai', extra: 1 },
      }),
      400,
    );
    const paths = bad.invalidFields.map((f) => f.path).join(' ');
    expect(paths).toContain('severity');
    expect(paths).toContain('responseDueAt');
  });
});

describe('incident workflow', () => {
  it('enforces the allowed status transitions and records each change with who and when', async () => {
    const { session, user } = await setUpQuery();
    const incident = await json<IncidentDetail>(
      await session.request('/api/incidents', {
        method: 'POST',
        body: { title: 'Thông tin sai lệch về thu hồi đất', severity: 2 },
      }),
      201,
    );
    expect(incident.timeline).toHaveLength(1);
    expect(incident.timeline[0]).toMatchObject({ kind: 'opened', actor: { id: user.id } });
    const move = (status: string, note?: string) =>
      session.request(`/api/incidents/${incident.id}/transitions`, { method: 'POST', body: { status, note } });

    const skipped = await json<{ code: string; details: unknown }>(await move('monitoring'), 409);
    expect(skipped).toMatchObject({ code: 'INVALID_STATE', details: { from: 'open', to: 'monitoring' } });
    expect((await json<IncidentDetail>(await move('responding', 'Lập tổ công tác'), 200)).status).toBe('responding');
    expect((await move('responding')).status).toBe(409);
    expect((await json<IncidentDetail>(await move('monitoring'), 200)).allowedTransitions).toEqual(['responding', 'closed']);
    await json(await move('responding', 'Thông tin tái xuất hiện'), 200);
    const closed = await json<IncidentDetail>(await move('closed', 'Đã cải chính'), 200);
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    expect((await move('monitoring')).status).toBe(409);
    const reopened = await json<IncidentDetail>(await move('responding', 'Mở lại'), 200);
    expect(reopened.closedAt).toBeNull();

    const changes = reopened.timeline.filter((entry) => entry.kind === 'status_changed');
    expect(changes.map((entry) => `${String(entry.data.from)}→${String(entry.data.to)}`)).toEqual([
      'open→responding',
      'responding→monitoring',
      'monitoring→responding',
      'responding→closed',
      'closed→responding',
    ]);
    expect(changes[0]).toMatchObject({ body: 'Lập tổ công tác', actor: { id: user.id } });
    expect(changes.every((entry) => !Number.isNaN(Date.parse(entry.createdAt)))).toBe(true);
  });

  it('builds the task force from users of the organization, assigns an owner, links queries and keeps notes in order', async () => {
    const { session, organizationId, query, user } = await setUpQuery();
    const colleague = await createTestUser({ role: 'officer', organizationId });
    const outsider = await createTestUser({ role: 'officer' });
    const incident = await json<IncidentDetail>(
      await session.request('/api/incidents', {
        method: 'POST',
        body: { title: 'Clip sai sự thật về lũ', responseDueAt: '2026-01-01T09:00:00+07:00' },
      }),
      201,
    );
    expect(incident.isOverdue).toBe(true);
    const overdue = (await (await session.request('/api/incidents?isOverdue=true')).json()) as { id: string }[];
    expect(overdue.map((i) => i.id)).toContain(incident.id);

    const wrongOwner = await json<{ invalidFields: { path: string }[] }>(
      await session.request(`/api/incidents/${incident.id}/owner`, { method: 'PUT', body: { ownerUserId: outsider.id } }),
      400,
    );
    expect(wrongOwner.invalidFields[0]!.path).toBe('ownerUserId');
    expect(
      (
        await session.request(`/api/incidents/${incident.id}/members`, {
          method: 'POST',
          body: { userId: outsider.id, role: 'member' },
        })
      ).status,
    ).toBe(400);

    await json(
      await session.request(`/api/incidents/${incident.id}/owner`, { method: 'PUT', body: { ownerUserId: colleague.id } }),
      200,
    );
    await json(
      await session.request(`/api/incidents/${incident.id}/members`, {
        method: 'POST',
        body: { userId: colleague.id, role: 'lead' },
      }),
      200,
    );
    await json(
      await session.request(`/api/incidents/${incident.id}/members`, {
        method: 'POST',
        body: { userId: user.id, role: 'monitor' },
      }),
      200,
    );
    await json(
      await session.request(`/api/incidents/${incident.id}/links`, {
        method: 'POST',
        body: { kind: 'query', targetId: query.id },
      }),
      200,
    );
    await json(
      await session.request(`/api/incidents/${incident.id}/links`, {
        method: 'POST',
        body: { kind: 'query', targetId: query.id },
      }),
      200,
    );
    await json(
      await session.request(`/api/incidents/${incident.id}/notes`, {
        method: 'POST',
        body: { body: 'Đã liên hệ báo đăng tin để cải chính.' },
      }),
      201,
    );
    const emptyNote = await session.request(`/api/incidents/${incident.id}/notes`, { method: 'POST', body: { body: '   ' } });
    expect(emptyNote.status).toBe(400);
    const detail = await json<IncidentDetail>(await session.request(`/api/incidents/${incident.id}`), 200);

    expect(detail.owner?.id).toBe(colleague.id);
    expect(detail.members.map((m) => [m.user.id, m.role])).toEqual([
      [colleague.id, 'lead'],
      [user.id, 'monitor'],
    ]);
    expect(detail.links).toEqual([expect.objectContaining({ kind: 'query', targetId: query.id, label: query.name })]);
    // (The overdue job may add deadline_missed entries meanwhile: this incident's response deadline has passed.)
    expect(detail.timeline.map((entry) => entry.kind).filter((kind) => kind !== 'deadline_missed')).toEqual([
      'opened',
      'owner_assigned',
      'member_added',
      'member_added',
      'query_linked',
      'note',
    ]);
    const notes = detail.timeline.filter((entry) => entry.kind === 'note');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ body: 'Đã liên hệ báo đăng tin để cải chính.', actor: { id: user.id } });
    const ids = detail.timeline.map((entry) => entry.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);

    // A query saved in the query editor with the incident as its link is listed too, once; another organization's
    // query naming the incident is not.
    const { createSavedQuery } = await import('../monitoring');
    const { systemActor } = await import('../../platform/actor');
    const linkedFromEditor = await createSavedQuery({
      actor: systemActor,
      input: {
        organizationId,
        name: 'Clip lũ trên mạng xã hội',
        query: '"clip" AND "lũ"',
        isAccentExact: false,
        isActive: true,
        linkType: 'incident',
        linkId: incident.id,
      },
    });
    const foreign = await setUpQuery();
    await createSavedQuery({
      actor: systemActor,
      input: {
        organizationId: foreign.organizationId,
        name: 'Truy vấn của đơn vị khác',
        query: 'clip',
        isAccentExact: false,
        isActive: true,
        linkType: 'incident',
        linkId: incident.id,
      },
    });
    // Saved again with the same link (renamed): no second link, no second timeline entry.
    const { updateSavedQuery } = await import('../monitoring/queries');
    await updateSavedQuery({ actor: systemActor, queryId: linkedFromEditor.id, changes: { name: 'Clip lũ (mạng xã hội)' } });
    const withEditorLink = await json<IncidentDetail>(await session.request(`/api/incidents/${incident.id}`), 200);
    expect(withEditorLink.links.map((link) => [link.kind, link.targetId, link.label])).toEqual([
      ['query', query.id, query.name],
      ['query', linkedFromEditor.id, 'Clip lũ trên mạng xã hội'],
    ]);
    // The editor's link is on the incident's timeline and in its audit trail, as a link made from the incident is.
    const queryEntries = withEditorLink.timeline.filter((entry) => entry.kind === 'query_linked');
    expect(queryEntries.map((entry) => entry.data)).toEqual([
      { queryId: query.id, name: query.name },
      { queryId: linkedFromEditor.id, name: 'Clip lũ trên mạng xã hội' },
    ]);
    const linkAudits = await (
      await getDb()
    )
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'incidents.link.add'), eq(auditLog.entityId, incident.id)));
    expect(linkAudits.map((row) => (row.after as { targetId: string }).targetId).sort()).toEqual(
      [query.id, linkedFromEditor.id].sort(),
    );

    // A query of another organization cannot be linked.
    const other = await setUpQuery();
    expect(
      (
        await session.request(`/api/incidents/${incident.id}/links`, {
          method: 'POST',
          body: { kind: 'query', targetId: other.query.id },
        })
      ).status,
    ).toBe(400);

    // Filters of the list.
    const list = (await (await session.request('/api/incidents?status=open&q=clip')).json()) as { id: string }[];
    expect(list.map((i) => i.id)).toEqual([incident.id]);
    for (const q of ['sai su that ve lu', 'SAI SỰ THẬT', 'Sự Thật Về Lũ']) {
      const found = (await (await session.request(`/api/incidents?q=${encodeURIComponent(q)}`)).json()) as { id: string }[];
      expect(
        found.map((i) => i.id),
        q,
      ).toEqual([incident.id]);
    }
    expect(((await (await session.request(`/api/incidents?q=${encodeURIComponent('100%')}`)).json()) as unknown[]).length).toBe(
      0,
    );
    expect(((await (await session.request('/api/incidents?severity=4')).json()) as unknown[]).length).toBe(0);
  });
});

describe('missed deadlines', () => {
  it('records each missed deadline once on the timeline, the response deadline only while the incident is new', async () => {
    const { session } = await setUpQuery();
    const incident = await json<IncidentDetail>(
      await session.request('/api/incidents', {
        method: 'POST',
        body: {
          title: 'Phản ánh sai về dự án đường ven biển',
          responseDueAt: '2026-11-20T09:00:00+07:00',
          resolutionDueAt: '2026-11-30T17:00:00+07:00',
        },
      }),
      201,
    );
    const missed = async () =>
      (await json<IncidentDetail>(await session.request(`/api/incidents/${incident.id}`), 200)).timeline.filter(
        (entry) => entry.kind === 'deadline_missed',
      );

    await recordMissedDeadlines({ now: new Date('2026-11-21T00:00:00Z') });
    await recordMissedDeadlines({ now: new Date('2026-11-22T00:00:00Z') });
    expect(await missed()).toEqual([
      expect.objectContaining({ actor: null, data: { deadline: 'response', dueAt: '2026-11-20T02:00:00.000Z' } }),
    ]);

    // Responding: the response deadline no longer counts; the resolution deadline does once it passes.
    await json(
      await session.request(`/api/incidents/${incident.id}/transitions`, { method: 'POST', body: { status: 'responding' } }),
      200,
    );
    await recordMissedDeadlines({ now: new Date('2026-11-29T00:00:00Z') });
    expect(await missed()).toHaveLength(1);
    await recordMissedDeadlines({ now: new Date('2026-12-01T00:00:00Z') });
    await recordMissedDeadlines({ now: new Date('2026-12-02T00:00:00Z') });
    expect((await missed()).map((entry) => entry.data.deadline)).toEqual(['response', 'resolution']);

    // A new due time that passes again is a new miss; a closed incident misses nothing.
    await json(
      await session.request(`/api/incidents/${incident.id}`, {
        method: 'PATCH',
        body: { resolutionDueAt: '2026-12-05T17:00:00+07:00' },
      }),
      200,
    );
    await recordMissedDeadlines({ now: new Date('2026-12-06T00:00:00Z') });
    expect(await missed()).toHaveLength(3);
    await json(
      await session.request(`/api/incidents/${incident.id}/transitions`, { method: 'POST', body: { status: 'closed' } }),
      200,
    );
    await json(
      await session.request(`/api/incidents/${incident.id}`, {
        method: 'PATCH',
        body: { resolutionDueAt: '2026-12-07T17:00:00+07:00' },
      }),
      200,
    );
    await recordMissedDeadlines({ now: new Date('2026-12-08T00:00:00Z') });
    expect(await missed()).toHaveLength(3);
  });
});
