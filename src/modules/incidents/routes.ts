import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  createRouter,
  jsonBody,
  jsonResponse,
  problemResponses,
  problemSchema,
  requireActor,
  type AppEnv,
} from '../../platform/http';
import {
  assignSchema,
  incidentDetailSchema,
  incidentSummarySchema,
  linkInputSchema,
  listQuerySchema,
  memberInputSchema,
  noteInputSchema,
  openIncidentSchema,
  shareInputSchema,
  statementInputSchema,
  statementReviewSchema,
  statementSchema,
  statementUpdateSchema,
  transitionSchema,
  updateIncidentSchema,
} from './contracts';
import {
  addIncidentNote,
  assignIncident,
  getIncident,
  linkToIncident,
  listIncidentPeople,
  listIncidents,
  openIncident,
  removeTaskForceMember,
  setTaskForceMember,
  shareIncident,
  unshareIncident,
  transitionIncident,
  updateIncident,
} from './incidents';
import { draftStatement, exportStatementDocx, reviewStatement, submitStatement, updateStatement } from './statements';

export const incidentRoutes = createRouter();
const tags = ['incidents'];
const conflict = {
  409: {
    description: 'INVALID_STATE (the workflow does not allow it) or CONFLICT (changed meanwhile)',
    content: { 'application/problem+json': { schema: problemSchema } },
  },
};
const requestIdOf = (c: Context<AppEnv>) => c.get('requestId');
const incidentParams = z.object({ id: z.string().uuid() });
const statementParams = incidentParams.extend({ statementId: z.string().uuid() });
const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const detail = jsonResponse(incidentDetailSchema, 'The incident with its task force, links, timeline and statements');

incidentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/incidents',
    tags,
    summary: "Incidents the caller may read (own organization's and those shared with it; network-wide roles: all), newest first",
    request: { query: listQuerySchema },
    responses: { 200: jsonResponse(z.array(incidentSummarySchema), 'Incidents'), ...problemResponses },
  }),
  async (c) => {
    const query = c.req.valid('query');
    return c.json(
      await listIncidents({
        actor: requireActor(c),
        ...query,
        isOverdue: query.isOverdue === undefined ? undefined : query.isOverdue === 'true',
      }),
      200,
    );
  },
);

incidentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/incidents',
    tags,
    summary:
      'Open an incident (officers and above), optionally from a trends alert: the same alert always gives the same incident',
    request: { body: jsonBody(openIncidentSchema) },
    responses: {
      201: jsonResponse(incidentDetailSchema, 'Opened'),
      200: jsonResponse(incidentDetailSchema, 'The incident this alert had already opened'),
      ...problemResponses,
    },
  }),
  async (c) => {
    const result = await openIncident({ actor: requireActor(c), input: c.req.valid('json'), requestId: requestIdOf(c) });
    return result.isNew ? c.json(result.incident, 201) : c.json(result.incident, 200);
  },
);

incidentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/incidents/{id}',
    tags,
    summary: 'One incident (404 for organizations it is not shared with)',
    request: { params: incidentParams },
    responses: { 200: detail, ...problemResponses },
  }),
  async (c) => c.json(await getIncident({ actor: requireActor(c), incidentId: c.req.valid('param').id }), 200),
);

incidentRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/incidents/{id}',
    tags,
    summary: 'Change title, description, severity or deadlines',
    request: { params: incidentParams, body: jsonBody(updateIncidentSchema) },
    responses: { 200: detail, ...problemResponses },
  }),
  async (c) =>
    c.json(
      await updateIncident({
        actor: requireActor(c),
        incidentId: c.req.valid('param').id,
        input: c.req.valid('json'),
        requestId: requestIdOf(c),
      }),
      200,
    ),
);

incidentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/incidents/{id}/transitions',
    tags,
    summary:
      'Change status: open → responding → monitoring → closed (monitoring → responding on relapse, closed → responding to reopen)',
    request: { params: incidentParams, body: jsonBody(transitionSchema) },
    responses: { 200: detail, ...problemResponses, ...conflict },
  }),
  async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await transitionIncident({
        actor: requireActor(c),
        incidentId: c.req.valid('param').id,
        status: body.status,
        note: body.note,
        requestId: requestIdOf(c),
      }),
      200,
    );
  },
);

incidentRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/incidents/{id}/owner',
    tags,
    summary: 'Assign the officer in charge (a user of the owning organization) or clear it',
    request: { params: incidentParams, body: jsonBody(assignSchema) },
    responses: { 200: detail, ...problemResponses },
  }),
  async (c) =>
    c.json(
      await assignIncident({
        actor: requireActor(c),
        incidentId: c.req.valid('param').id,
        ownerUserId: c.req.valid('json').ownerUserId,
        requestId: requestIdOf(c),
      }),
      200,
    ),
);

incidentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/incidents/{id}/people',
    tags,
    summary: "Active users of the incident's organization (owner and task-force pickers)",
    request: { params: incidentParams },
    responses: {
      200: jsonResponse(
        z.array(z.object({ id: z.string(), displayName: z.string(), email: z.string(), role: z.string() })),
        'Users',
      ),
      ...problemResponses,
    },
  }),
  async (c) => c.json(await listIncidentPeople({ actor: requireActor(c), incidentId: c.req.valid('param').id }), 200),
);

incidentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/incidents/{id}/members',
    tags,
    summary: 'Add a user to the task force (tổ công tác) or change their role',
    request: { params: incidentParams, body: jsonBody(memberInputSchema) },
    responses: { 200: detail, ...problemResponses },
  }),
  async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await setTaskForceMember({
        actor: requireActor(c),
        incidentId: c.req.valid('param').id,
        userId: body.userId,
        role: body.role,
        requestId: requestIdOf(c),
      }),
      200,
    );
  },
);

incidentRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/incidents/{id}/members/{userId}',
    tags,
    summary: 'Remove a user from the task force',
    request: { params: incidentParams.extend({ userId: z.string().uuid() }) },
    responses: { 200: detail, ...problemResponses },
  }),
  async (c) => {
    const params = c.req.valid('param');
    return c.json(
      await removeTaskForceMember({
        actor: requireActor(c),
        incidentId: params.id,
        userId: params.userId,
        requestId: requestIdOf(c),
      }),
      200,
    );
  },
);

incidentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/incidents/{id}/links',
    tags,
    summary: 'Link an alert or a monitoring query of the same organization',
    request: { params: incidentParams, body: jsonBody(linkInputSchema) },
    responses: { 200: detail, ...problemResponses },
  }),
  async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await linkToIncident({
        actor: requireActor(c),
        incidentId: c.req.valid('param').id,
        kind: body.kind,
        targetId: body.targetId,
        requestId: requestIdOf(c),
      }),
      200,
    );
  },
);

incidentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/incidents/{id}/shares',
    tags,
    summary: 'Let another organization read the incident',
    request: { params: incidentParams, body: jsonBody(shareInputSchema) },
    responses: { 200: detail, ...problemResponses },
  }),
  async (c) =>
    c.json(
      await shareIncident({
        actor: requireActor(c),
        incidentId: c.req.valid('param').id,
        organizationId: c.req.valid('json').organizationId,
        requestId: requestIdOf(c),
      }),
      200,
    ),
);

incidentRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/incidents/{id}/shares/{organizationId}',
    tags,
    summary: 'Stop sharing the incident with an organization',
    request: { params: incidentParams.extend({ organizationId: z.string().min(1).max(200) }) },
    responses: { 200: detail, ...problemResponses },
  }),
  async (c) => {
    const params = c.req.valid('param');
    return c.json(
      await unshareIncident({
        actor: requireActor(c),
        incidentId: params.id,
        organizationId: params.organizationId,
        requestId: requestIdOf(c),
      }),
      200,
    );
  },
);

incidentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/incidents/{id}/notes',
    tags,
    summary: 'Add a note to the timeline',
    request: { params: incidentParams, body: jsonBody(noteInputSchema) },
    responses: { 201: detail, ...problemResponses },
  }),
  async (c) =>
    c.json(
      await addIncidentNote({
        actor: requireActor(c),
        incidentId: c.req.valid('param').id,
        body: c.req.valid('json').body,
        requestId: requestIdOf(c),
      }),
      201,
    ),
);

incidentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/incidents/{id}/statements',
    tags,
    summary: 'Draft a holding statement (thông cáo báo chí) or a press response (trả lời báo chí)',
    request: { params: incidentParams, body: jsonBody(statementInputSchema) },
    responses: { 201: jsonResponse(statementSchema, 'Drafted'), ...problemResponses },
  }),
  async (c) =>
    c.json(
      await draftStatement({
        actor: requireActor(c),
        incidentId: c.req.valid('param').id,
        input: c.req.valid('json'),
        requestId: requestIdOf(c),
      }),
      201,
    ),
);

incidentRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/incidents/{id}/statements/{statementId}',
    tags,
    summary: 'Edit a draft statement',
    request: { params: statementParams, body: jsonBody(statementUpdateSchema) },
    responses: { 200: jsonResponse(statementSchema, 'Edited'), ...problemResponses, ...conflict },
  }),
  async (c) => {
    const params = c.req.valid('param');
    return c.json(
      await updateStatement({
        actor: requireActor(c),
        incidentId: params.id,
        statementId: params.statementId,
        input: c.req.valid('json'),
        requestId: requestIdOf(c),
      }),
      200,
    );
  },
);

incidentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/incidents/{id}/statements/{statementId}/submit',
    tags,
    summary: 'Submit a draft for approval',
    request: { params: statementParams },
    responses: { 200: jsonResponse(statementSchema, 'Submitted'), ...problemResponses, ...conflict },
  }),
  async (c) => {
    const params = c.req.valid('param');
    return c.json(
      await submitStatement({
        actor: requireActor(c),
        incidentId: params.id,
        statementId: params.statementId,
        requestId: requestIdOf(c),
      }),
      200,
    );
  },
);

incidentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/incidents/{id}/statements/{statementId}/review',
    tags,
    summary:
      "Approve a submitted statement or return it with a comment: a leader of the owning organization or the task force's spokesperson, not the author",
    request: { params: statementParams, body: jsonBody(statementReviewSchema) },
    responses: { 200: jsonResponse(statementSchema, 'Reviewed'), ...problemResponses, ...conflict },
  }),
  async (c) => {
    const params = c.req.valid('param');
    return c.json(
      await reviewStatement({
        actor: requireActor(c),
        incidentId: params.id,
        statementId: params.statementId,
        input: c.req.valid('json'),
        requestId: requestIdOf(c),
      }),
      200,
    );
  },
);

incidentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/incidents/{id}/statements/{statementId}/document.docx',
    tags,
    summary: 'The approved statement as DOCX (Decree 30/2020/NĐ-CP administrative format)',
    request: {
      params: statementParams,
      query: z.object({
        place: z
          .string()
          .min(1)
          .max(100)
          .optional()
          .openapi({ description: 'Place of issue (default: the province, or Hà Nội)' }),
      }),
    },
    responses: {
      200: { description: 'DOCX', content: { [docxType]: { schema: z.string().openapi({ format: 'binary' }) } } },
      ...problemResponses,
      ...conflict,
    },
  }),
  async (c) => {
    const params = c.req.valid('param');
    const { fileName, bytes } = await exportStatementDocx({
      actor: requireActor(c),
      incidentId: params.id,
      statementId: params.statementId,
      place: c.req.valid('query').place,
    });
    return c.body(bytes, 200, { 'content-type': docxType, 'content-disposition': `attachment; filename="${fileName}"` });
  },
);
