import { createRoute } from '@hono/zod-openapi';
import { createRouter, problemResponses, requireActor } from '../../platform/http';
import { auditPageSchema, auditQuerySchema } from './contracts';
import { browseAuditLog } from './browse';

export const auditRoutes = createRouter();

// Read-only by design: no route edits or deletes audit entries (the table also refuses it with a trigger).
auditRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/audit',
    tags: ['audit'],
    summary: 'Browse the audit log (administrators): who did what, when, with before/after; newest first, keyset pagination',
    request: { query: auditQuerySchema },
    responses: {
      200: { description: 'A page of entries', content: { 'application/json': { schema: auditPageSchema } } },
      ...problemResponses,
    },
  }),
  async (c) => {
    const { actor: actorFilter, ...query } = c.req.valid('query');
    return c.json(await browseAuditLog({ actor: requireActor(c), actorFilter, ...query }), 200);
  },
);
