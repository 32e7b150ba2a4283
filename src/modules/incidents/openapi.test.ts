import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/factories';

describe('incidents OpenAPI', () => {
  it('documents every incidents route with its request and response schemas', async () => {
    const spec = (await (await testApp().request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { tags?: string[]; requestBody?: unknown; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const operations = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith('/api/incidents'))
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(operations).toEqual(
      [
        'GET /api/incidents',
        'POST /api/incidents',
        'GET /api/incidents/{id}',
        'PATCH /api/incidents/{id}',
        'POST /api/incidents/{id}/transitions',
        'PUT /api/incidents/{id}/owner',
        'GET /api/incidents/{id}/people',
        'POST /api/incidents/{id}/members',
        'DELETE /api/incidents/{id}/members/{userId}',
        'POST /api/incidents/{id}/links',
        'POST /api/incidents/{id}/shares',
        'DELETE /api/incidents/{id}/shares/{organizationId}',
        'POST /api/incidents/{id}/notes',
        'POST /api/incidents/{id}/statements',
        'PATCH /api/incidents/{id}/statements/{statementId}',
        'POST /api/incidents/{id}/statements/{statementId}/submit',
        'POST /api/incidents/{id}/statements/{statementId}/review',
        'GET /api/incidents/{id}/statements/{statementId}/document.docx',
      ].sort(),
    );
    const open = spec.paths['/api/incidents']!.post!;
    expect(open.tags).toEqual(['incidents']);
    expect(Object.keys(open.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '401', '403', '404']));
    expect(Object.keys(spec.components.schemas)).toEqual(
      expect.arrayContaining([
        'IncidentOpen',
        'IncidentDetail',
        'IncidentStatement',
        'IncidentStatementReview',
        'IncidentTimelineEntry',
      ]),
    );
  });
});
