import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, jsonResponse, problemResponses, requireActor } from '../../platform/http';
import { parseDateBound } from '../monitoring';
import {
  alertListQuerySchema,
  alertSchema,
  bucketMentionSchema,
  bucketMentionsQuerySchema,
  dashboardQuerySchema,
  dashboardSchema,
  emergingTermSchema,
  forecastSchema,
  ruleInputSchema,
  ruleSchema,
  scopeQuerySchema,
} from './contracts';
import { getDashboard, listBucketMentions } from './dashboard';
import {
  actOnAlert,
  createAlertRule,
  deleteAlertRule,
  listAlertAssignees,
  listAlertRules,
  listAlerts,
  updateAlertRule,
} from './alerts';
import { forecastQueryVolume } from './forecast-use-case';
import { findEmergingTerms } from './emerging';
import { collectBrief, renderBriefDocx, subscribeToBriefs } from './briefs';
import { organizationFor } from './policies';

export const trendsRoutes = createRouter();
const tags = ['trends'];

const bound = (value: string | undefined, edge: 'from' | 'to') => (value ? parseDateBound(value, edge) : undefined);

trendsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/trends/dashboard',
    tags,
    summary: 'Dashboard of a query or organization over a range (rollups; times UTC, days in Asia/Ho_Chi_Minh)',
    request: { query: dashboardQuerySchema },
    responses: { 200: jsonResponse(dashboardSchema, 'Dashboard'), ...problemResponses },
  }),
  async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await getDashboard({
        actor: requireActor(c),
        queryId: q.queryId,
        organizationId: q.organizationId,
        policyId: q.policyId,
        network: q.network,
        from: bound(q.from, 'from'),
        to: bound(q.to, 'to'),
        interval: q.interval,
        limit: q.limit,
      }),
      200,
    );
  },
);

trendsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/trends/mentions',
    tags,
    summary: 'Drill-down: the mentions behind a chart bucket (scope, range and the bucket dimension)',
    request: { query: bucketMentionsQuerySchema },
    responses: { 200: jsonResponse(z.array(bucketMentionSchema), 'Mentions, newest first'), ...problemResponses },
  }),
  async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await listBucketMentions({ actor: requireActor(c), ...q, from: bound(q.from, 'from'), to: bound(q.to, 'to') }),
      200,
    );
  },
);

trendsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/trends/forecast',
    tags,
    summary: 'Hourly volume forecast of a query with prediction interval and backtest error (MASE)',
    request: {
      query: z.object({ queryId: z.string().uuid(), horizonHours: z.coerce.number().int().min(1).max(168).optional() }),
    },
    responses: { 200: jsonResponse(forecastSchema, 'Forecast'), ...problemResponses },
  }),
  async (c) => {
    const q = c.req.valid('query');
    return c.json(await forecastQueryVolume({ actor: requireActor(c), queryId: q.queryId, horizonHours: q.horizonHours }), 200);
  },
);

trendsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/trends/emerging-terms',
    tags,
    summary: "Headline phrases rising sharply that none of the organization's queries covers, offered as queries",
    request: { query: scopeQuerySchema.pick({ organizationId: true, to: true }) },
    responses: { 200: jsonResponse(z.array(emergingTermSchema), 'Rising phrases'), ...problemResponses },
  }),
  async (c) => {
    const q = c.req.valid('query');
    return c.json(await findEmergingTerms({ actor: requireActor(c), organizationId: q.organizationId, day: q.to }), 200);
  },
);

trendsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/trends/rules',
    tags,
    summary: 'Alert rules of an organization',
    request: { query: z.object({ organizationId: z.string().optional() }) },
    responses: { 200: jsonResponse(z.array(ruleSchema), 'Rules'), ...problemResponses },
  }),
  async (c) => c.json(await listAlertRules({ actor: requireActor(c), organizationId: c.req.valid('query').organizationId }), 200),
);

trendsRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/trends/rules',
    tags,
    summary: 'Create an alert rule',
    request: { body: { content: { 'application/json': { schema: ruleInputSchema } } } },
    responses: { 201: jsonResponse(ruleSchema, 'Created'), ...problemResponses },
  }),
  async (c) => c.json(await createAlertRule({ actor: requireActor(c), input: c.req.valid('json') }), 201),
);

trendsRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/trends/rules/{ruleId}',
    tags,
    summary: 'Change an alert rule',
    request: {
      params: z.object({ ruleId: z.string().uuid() }),
      body: { content: { 'application/json': { schema: ruleInputSchema.partial() } } },
    },
    responses: { 200: jsonResponse(ruleSchema, 'Changed'), ...problemResponses },
  }),
  async (c) =>
    c.json(
      await updateAlertRule({ actor: requireActor(c), ruleId: c.req.valid('param').ruleId, changes: c.req.valid('json') }),
      200,
    ),
);

trendsRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/trends/rules/{ruleId}',
    tags,
    summary: 'Delete an alert rule (and its alerts)',
    request: { params: z.object({ ruleId: z.string().uuid() }) },
    responses: { 204: { description: 'Deleted' }, ...problemResponses },
  }),
  async (c) => {
    await deleteAlertRule({ actor: requireActor(c), ruleId: c.req.valid('param').ruleId });
    return c.body(null, 204);
  },
);

trendsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/trends/alerts',
    tags,
    summary: 'Alerts inbox (from/to filter on the event start, i.e. publication time)',
    request: { query: alertListQuerySchema },
    responses: { 200: jsonResponse(z.array(alertSchema), 'Alerts'), ...problemResponses },
  }),
  async (c) => {
    const q = c.req.valid('query');
    return c.json(
      await listAlerts({
        actor: requireActor(c),
        organizationId: q.organizationId,
        queryId: q.queryId,
        status: q.status,
        from: bound(q.from, 'from'),
        to: bound(q.to, 'to'),
        limit: q.limit,
      }),
      200,
    );
  },
);

const alertActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('acknowledge') }),
  z.object({ action: z.literal('resolve') }),
  z.object({ action: z.literal('reopen') }),
  z.object({ action: z.literal('assign'), userId: z.string().uuid().nullable() }),
  z.object({ action: z.literal('open_incident'), link: z.string().url().max(2000).nullable().optional() }),
]);

trendsRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/trends/alerts/{alertId}/actions',
    tags,
    summary:
      'Acknowledge, resolve, reopen, assign, or flag for an incident (the incidents module opens it: POST /api/incidents with fromAlertId)',
    request: {
      params: z.object({ alertId: z.string().uuid() }),
      body: { content: { 'application/json': { schema: alertActionSchema } } },
    },
    responses: { 200: jsonResponse(alertSchema, 'Alert'), ...problemResponses },
  }),
  async (c) =>
    c.json(await actOnAlert({ actor: requireActor(c), alertId: c.req.valid('param').alertId, change: c.req.valid('json') }), 200),
);

trendsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/trends/alerts/{alertId}/assignees',
    tags,
    summary: "Active users of the alert's organization, for assigning it",
    request: { params: z.object({ alertId: z.string().uuid() }) },
    responses: {
      200: jsonResponse(z.array(z.object({ id: z.string(), displayName: z.string(), role: z.string() })), 'Users'),
      ...problemResponses,
    },
  }),
  async (c) => c.json(await listAlertAssignees({ actor: requireActor(c), alertId: c.req.valid('param').alertId }), 200),
);

trendsRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/trends/brief.docx',
    tags,
    summary: 'On-demand brief (DOCX, Decree 30/2020 format, charts as images) for an organization and period',
    request: { query: z.object({ organizationId: z.string().optional(), from: z.string(), to: z.string() }) },
    responses: {
      200: {
        description: 'DOCX file',
        content: {
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
            schema: z.string().openapi({ format: 'binary' }),
          },
        },
      },
      ...problemResponses,
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const actor = requireActor(c);
    const data = await collectBrief({
      actor,
      organizationId: organizationFor(actor, q.organizationId),
      from: parseDateBound(q.from, 'from')!,
      to: new Date(parseDateBound(q.to, 'to')!.getTime() + 1),
    });
    const file = await renderBriefDocx(data);
    return c.body(new Uint8Array(file), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'content-disposition': 'attachment; filename="ban-tin-xu-huong.docx"',
    });
  },
);

trendsRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/trends/brief-subscriptions/{cadence}',
    tags,
    summary: 'Set who receives the daily or weekly brief of an organization',
    request: {
      params: z.object({ cadence: z.enum(['daily', 'weekly']) }),
      body: {
        content: {
          'application/json': {
            schema: z.object({ organizationId: z.string().optional(), emails: z.array(z.string().email()).max(100) }),
          },
        },
      },
    },
    responses: { 204: { description: 'Saved' }, ...problemResponses },
  }),
  async (c) => {
    const actor = requireActor(c);
    const body = c.req.valid('json');
    await subscribeToBriefs({
      actor,
      organizationId: organizationFor(actor, body.organizationId),
      cadence: c.req.valid('param').cadence,
      emails: body.emails,
    });
    return c.body(null, 204);
  },
);
