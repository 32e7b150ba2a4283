import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '../../platform/db';
import { migrationsDir } from '../../platform/migrate';
import { setUpQuery } from '../trends/test-helpers';
import { json, type IncidentDetail } from './test-helpers';

const migration = fs.readFileSync(path.join(migrationsDir, '0602_incident_links_from_query_editor.sql'), 'utf8');

describe('migration 0602: query-editor links of earlier queries', () => {
  it('become links of the incident, once, only for an existing incident of the query’s organization', async () => {
    const { session, organizationId } = await setUpQuery();
    const foreign = await setUpQuery();
    const incident = await json<IncidentDetail>(
      await session.request('/api/incidents', { method: 'POST', body: { title: 'Tin giả về hạn mặn', severity: 2 } }),
      201,
    );
    const { pool } = await getDatabase();
    // queries saved before the editor's links were recorded on the incident: only their own link names it
    const insert = async (owner: string, name: string, linkId: string) =>
      (
        await pool.query<{ id: string }>(
          `INSERT INTO monitoring_queries (organization_id, name, query, link_type, link_id, created_at)
           VALUES ($1, $2, 'han man', 'incident', $3, '2026-11-20T03:00:00Z') RETURNING id`,
          [owner, name, linkId],
        )
      ).rows[0]!.id;
    const own = await insert(organizationId, 'Hạn mặn miền Tây', incident.id);
    await insert(organizationId, 'Mã sự cố gõ tay', 'SC-2026-17');
    await insert(organizationId, 'Sự cố đã xoá', '00000000-0000-4000-8000-000000000000');
    await insert(foreign.organizationId, 'Của đơn vị khác', incident.id);

    await pool.query(migration);
    await pool.query(migration);

    const detail = await json<IncidentDetail>(await session.request(`/api/incidents/${incident.id}`), 200);
    expect(detail.links.map((link) => [link.kind, link.targetId, link.label, link.linkedAt])).toEqual([
      ['query', own, 'Hạn mặn miền Tây', '2026-11-20T03:00:00.000Z'],
    ]);
  });
});
