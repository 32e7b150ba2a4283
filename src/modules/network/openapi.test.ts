import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/factories';

describe('OpenAPI', () => {
  it('documents every network and audit route', async () => {
    const response = await testApp().request('/api/openapi.json');
    expect(response.status).toBe(200);
    const spec = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'GET /api/organizations/{id}/network',
        'PUT /api/organizations/{id}/network',
        'GET /api/organizations/{id}/contacts',
        'POST /api/organizations/{id}/contacts',
        'PATCH /api/organizations/{id}/contacts/{contactId}',
        'DELETE /api/organizations/{id}/contacts/{contactId}',
        'GET /api/groups',
        'POST /api/groups',
        'GET /api/groups/{key}/members',
        'PATCH /api/groups/{key}',
        'DELETE /api/groups/{key}',
        'POST /api/announcements',
        'GET /api/announcements/inbox',
        'GET /api/announcements/sent',
        'GET /api/announcements/{id}',
        'POST /api/announcements/{id}/read',
        'GET /api/announcements/{id}/receipts',
        'GET /api/directory/export.csv',
        'POST /api/directory/import',
        'GET /api/audit',
      ]),
    );
    expect(operations.filter((op) => op.includes('/api/audit') && !op.startsWith('GET'))).toEqual([]);
    const importBody = (spec.paths['/api/directory/import']!.post as { requestBody: { content: Record<string, unknown> } })
      .requestBody.content;
    expect(Object.keys(importBody).sort()).toEqual(['multipart/form-data', 'text/csv']);
  });
});
