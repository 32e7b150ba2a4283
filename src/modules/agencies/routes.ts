import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, jsonResponse, problemResponses, requireActor, commaSeparated } from '../../platform/http';
import {
  listOrganizationsQuerySchema,
  organizationChangesSchema,
  organizationInputSchema,
  organizationSchema,
} from './contracts';
import { createOrganization, getOrganization, listOrganizations, updateOrganization } from './organizations';

export const agencyRoutes = createRouter();

agencyRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/organizations',
    tags: ['directory'],
    summary: 'Directory of organizations (dated reference data), searchable with or without diacritics',
    request: { query: listOrganizationsQuerySchema },
    responses: { 200: jsonResponse(z.array(organizationSchema), 'Organizations'), ...problemResponses },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const kind = commaSeparated(query.kind);
    return c.json(await listOrganizations({ ...query, kind }), 200);
  },
);

agencyRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/organizations/{id}',
    tags: ['directory'],
    summary: 'One organization with its predecessors and successors',
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: jsonResponse(organizationSchema, 'Organization'), ...problemResponses },
  }),
  async (c) => c.json(await getOrganization({ organizationId: c.req.valid('param').id }), 200),
);

agencyRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/organizations',
    tags: ['directory'],
    summary: 'Add an organization (administrators)',
    request: { body: { content: { 'application/json': { schema: organizationInputSchema } }, required: true } },
    responses: { 201: jsonResponse(organizationSchema, 'Created'), ...problemResponses },
  }),
  async (c) => c.json(await createOrganization({ actor: requireActor(c), input: c.req.valid('json') }), 201),
);

agencyRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/organizations/{id}',
    tags: ['directory'],
    summary: 'Edit dated facts of an organization (administrators); audited',
    request: {
      params: z.object({ id: z.string() }),
      body: { content: { 'application/json': { schema: organizationChangesSchema } }, required: true },
    },
    responses: { 200: jsonResponse(organizationSchema, 'Updated'), ...problemResponses },
  }),
  async (c) =>
    c.json(
      await updateOrganization({ actor: requireActor(c), organizationId: c.req.valid('param').id, changes: c.req.valid('json') }),
      200,
    ),
);
