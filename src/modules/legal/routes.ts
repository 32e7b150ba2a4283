import { createRoute, z } from '@hono/zod-openapi';
import {
  createRouter,
  jsonBody,
  jsonResponse,
  problemResponses,
  problemSchema,
  requireActor,
  commaSeparated,
} from '../../platform/http';
import {
  legalDocumentChangesSchema,
  legalDocumentIdParamSchema,
  legalDocumentInputSchema,
  legalDocumentSchema,
  listLegalDocumentsQuerySchema,
} from './contracts';
import { createLegalDocument, updateLegalDocument } from './edit-legal-documents';
import { getLegalDocument, listLegalDocuments } from './legal-documents';

// Ids hold ':' and '/' ('policy:luat:103/2016/qh13'): clients put encodeURIComponent(id) in the path. Hono
// routes on the path decoded with decodeURI, which keeps '%2F' and '%3A' encoded, so the id stays one segment;
// the parameter is then fully decoded.
export const legalRoutes = createRouter();
const alreadyExists = {
  409: {
    description: 'ALREADY_EXISTS: a document of this kind and number/symbol is in the register',
    content: { 'application/problem+json': { schema: problemSchema } },
  },
};

legalRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/legal-documents',
    tags: ['legal'],
    summary: 'Legal register: laws, decrees, decisions, directives and letters (dated reference data)',
    request: { query: listLegalDocumentsQuerySchema },
    responses: { 200: jsonResponse(z.array(legalDocumentSchema), 'Legal documents'), ...problemResponses },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const kind = commaSeparated(query.kind);
    return c.json(await listLegalDocuments({ ...query, kind }), 200);
  },
);

legalRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/legal-documents/{id}',
    tags: ['legal'],
    summary: 'One legal document with its predecessors and successors (id encoded with encodeURIComponent)',
    request: { params: legalDocumentIdParamSchema },
    responses: { 200: jsonResponse(legalDocumentSchema, 'Legal document'), ...problemResponses },
  }),
  async (c) => c.json(await getLegalDocument({ id: c.req.valid('param').id }), 200),
);

legalRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/legal-documents',
    tags: ['legal'],
    summary: 'Add a legal document (coordinators, administrators); its id comes from kind and number/symbol',
    request: { body: jsonBody(legalDocumentInputSchema) },
    responses: { 201: jsonResponse(legalDocumentSchema, 'Created'), ...alreadyExists, ...problemResponses },
  }),
  async (c) => c.json(await createLegalDocument({ actor: requireActor(c), input: c.req.valid('json') }), 201),
);

legalRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/legal-documents/{id}',
    tags: ['legal'],
    summary: 'Edit dated facts, names and links of a legal document (coordinators, administrators); audited',
    request: { params: legalDocumentIdParamSchema, body: jsonBody(legalDocumentChangesSchema) },
    responses: { 200: jsonResponse(legalDocumentSchema, 'Updated'), ...problemResponses },
  }),
  async (c) =>
    c.json(await updateLegalDocument({ actor: requireActor(c), id: c.req.valid('param').id, changes: c.req.valid('json') }), 200),
);
