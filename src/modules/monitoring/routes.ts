import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, jsonResponse, problemResponses, requireActor } from '../../platform/http';
import { AppError } from '../../platform/errors';
import {
  correctionInputSchema,
  documentSummarySchema,
  incomingDocumentSchema,
  ingestResultSchema,
  modelKinds,
  modelVersionSchema,
  relabelRunSchema,
  previewRequestSchema,
  querySyntaxErrorSchema,
  savedQueryInputSchema,
  savedQuerySchema,
  searchQuerySchema,
  sourceInputSchema,
  sourceViewSchema,
  fileImportSchema,
} from './contracts';
import { getImport, listImports, receiveImport } from './file-imports';
import { ingestBatch } from './ingest';
import { loadProcessingContext } from './services';
import { authenticateWebhook, allowPrivateHost, createSource, listSources, loadSource, setSourceEnabled } from './sources';
import { enqueueFetch } from './jobs';
import { searchDocuments } from './search';
import { parseDateBound } from './search-input';
import {
  createSavedQuery,
  deleteSavedQuery,
  getSavedQuery,
  listMentions,
  listSavedQueries,
  previewQuery,
  updateSavedQuery,
} from './queries';
import { correctDocument, getDocument, getStory } from './documents';
import { activateModel, listModels, retrainModel } from './learning';
import { exportDocuments, MAX_EXPORT_ROWS } from './export';

export const monitoringRoutes = createRouter();
const tags = ['monitoring'];
const MAX_WEBHOOK_ITEMS = 5000;

monitoringRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/monitoring/webhook/{sourceId}',
    tags,
    summary: 'Vendor push: a JSON array (or {items: [...]}) of documents, authenticated by the source token in x-webhook-token',
    request: { params: z.object({ sourceId: z.string() }), headers: z.object({ 'x-webhook-token': z.string().optional() }) },
    responses: {
      200: jsonResponse(ingestResultSchema, 'Stored; bad items are listed with their 1-based position'),
      ...problemResponses,
    },
  }),
  async (c) => {
    const source = await authenticateWebhook({ sourceId: c.req.valid('param').sourceId, token: c.req.header('x-webhook-token') });
    const body: unknown = await c.req.json();
    const items = Array.isArray(body)
      ? body
      : body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items)
        ? (body as { items: unknown[] }).items
        : null;
    if (!items) throw new AppError('VALIDATION_FAILED', 'Send a JSON array of documents or {"items": [...]}');
    if (items.length > MAX_WEBHOOK_ITEMS)
      throw new AppError('PAYLOAD_TOO_LARGE', `At most ${MAX_WEBHOOK_ITEMS} items per request`);
    const rejected: { line: number; reason: string }[] = [];
    const valid: z.input<typeof incomingDocumentSchema>[] = [];
    const positions: number[] = [];
    items.forEach((item, index) => {
      const parsed = incomingDocumentSchema.safeParse({
        kind: source.documentKind,
        ...(item as object),
        source: (item as { source?: string })?.source ?? source.name,
      });
      if (parsed.success) {
        valid.push(parsed.data);
        positions.push(index + 1);
      } else
        rejected.push({
          line: index + 1,
          reason: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
        });
    });
    const context = await loadProcessingContext({ sourceId: source.id, organizationId: source.organizationId });
    const result = await ingestBatch({ items: valid, context });
    for (const item of result.rejected) rejected.push({ line: positions[item.index]!, reason: item.reason });
    rejected.sort((a, b) => a.line - b.line);
    return c.json({ ingested: result.ingested, duplicates: result.duplicates, rejected }, 200);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/monitoring/search',
    tags,
    summary: 'Full-text search with the query language (accent-insensitive unless accentExact=true); newest first',
    request: { query: searchQuerySchema },
    responses: { 200: jsonResponse(z.array(documentSummarySchema), 'Matching documents'), ...problemResponses },
  }),
  async (c) => {
    const { q, from, to, limit, accentExact } = c.req.valid('query');
    return c.json(
      await searchDocuments({ actor: requireActor(c), query: q, from, to, limit, isAccentExact: accentExact === 'true' }),
      200,
    );
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/monitoring/queries',
    tags,
    summary: "The organization's saved topic queries",
    request: { query: z.object({ organizationId: z.string().optional() }) },
    responses: { 200: jsonResponse(z.array(savedQuerySchema), 'Saved queries'), ...problemResponses },
  }),
  async (c) =>
    c.json(await listSavedQueries({ actor: requireActor(c), organizationId: c.req.valid('query').organizationId }), 200),
);

monitoringRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/monitoring/queries',
    tags,
    summary: 'Save a topic query (syntax errors come back with their position in details)',
    request: { body: { content: { 'application/json': { schema: savedQueryInputSchema } }, required: true } },
    responses: { 201: jsonResponse(savedQuerySchema, 'Saved'), ...problemResponses },
  }),
  async (c) => c.json(await createSavedQuery({ actor: requireActor(c), input: c.req.valid('json') }), 201),
);

monitoringRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/monitoring/queries/preview',
    tags,
    summary: 'Validate a query and preview its matches over recent documents',
    request: { body: { content: { 'application/json': { schema: previewRequestSchema } }, required: true } },
    responses: {
      200: jsonResponse(
        z.object({
          isValid: z.boolean(),
          error: querySyntaxErrorSchema.optional(),
          matches: z.array(documentSummarySchema).optional(),
        }),
        'Validation and preview',
      ),
      ...problemResponses,
    },
  }),
  async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await previewQuery({
        actor: requireActor(c),
        query: body.query,
        isAccentExact: body.isAccentExact,
        days: body.days,
        limit: body.limit,
      }),
      200,
    );
  },
);

const queryIdParams = z.object({ id: z.string().uuid() });

monitoringRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/monitoring/queries/{id}',
    tags,
    summary: 'One saved query',
    request: { params: queryIdParams },
    responses: { 200: jsonResponse(savedQuerySchema, 'Query'), ...problemResponses },
  }),
  async (c) => c.json(await getSavedQuery({ actor: requireActor(c), queryId: c.req.valid('param').id }), 200),
);

monitoringRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/monitoring/queries/{id}',
    tags,
    summary: 'Change a saved query',
    request: {
      params: queryIdParams,
      body: { content: { 'application/json': { schema: savedQueryInputSchema.partial() } }, required: true },
    },
    responses: { 200: jsonResponse(savedQuerySchema, 'Updated'), ...problemResponses },
  }),
  async (c) =>
    c.json(
      await updateSavedQuery({ actor: requireActor(c), queryId: c.req.valid('param').id, changes: c.req.valid('json') }),
      200,
    ),
);

monitoringRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/monitoring/queries/{id}',
    tags,
    summary: 'Delete a saved query and its mentions',
    request: { params: queryIdParams },
    responses: { 204: { description: 'Deleted' }, ...problemResponses },
  }),
  async (c) => {
    await deleteSavedQuery({ actor: requireActor(c), queryId: c.req.valid('param').id });
    return c.body(null, 204);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/monitoring/queries/{id}/mentions',
    tags,
    summary: 'Mention stream of a saved query, newest first',
    request: {
      params: queryIdParams,
      query: z.object({
        from: z.string().optional(),
        to: z.string().optional(),
        sentiment: z.enum(['positive', 'negative', 'neutral']).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50),
      }),
    },
    responses: { 200: jsonResponse(z.array(documentSummarySchema), 'Mentions'), ...problemResponses },
  }),
  async (c) => {
    const query = c.req.valid('query');
    return c.json(
      await listMentions({
        actor: requireActor(c),
        queryId: c.req.valid('param').id,
        from: parseDateBound(query.from, 'from'),
        to: parseDateBound(query.to, 'to'),
        sentiment: query.sentiment,
        limit: query.limit,
      }),
      200,
    );
  },
);

const documentIdParams = z.object({ id: z.string().regex(/^\d+$/) });

monitoringRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/monitoring/documents/{id}',
    tags,
    summary: 'One document with its text',
    request: { params: documentIdParams },
    responses: {
      200: jsonResponse(documentSummarySchema.extend({ text: z.string().nullable() }), 'Document'),
      ...problemResponses,
    },
  }),
  async (c) => c.json(await getDocument({ actor: requireActor(c), documentId: c.req.valid('param').id }), 200),
);

monitoringRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/monitoring/documents/{id}/corrections',
    tags,
    summary: "Correct a document's topic and/or sentiment (kept for the language core's retraining)",
    request: {
      params: documentIdParams,
      body: { content: { 'application/json': { schema: correctionInputSchema } }, required: true },
    },
    responses: { 201: jsonResponse(documentSummarySchema, 'Corrected document'), ...problemResponses },
  }),
  async (c) =>
    c.json(await correctDocument({ actor: requireActor(c), documentId: c.req.valid('param').id, ...c.req.valid('json') }), 201),
);

monitoringRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/monitoring/stories/{id}',
    tags,
    summary: 'A story: first source, copies and reach',
    request: { params: documentIdParams },
    responses: {
      200: jsonResponse(
        z.object({
          id: z.string(),
          title: z.string(),
          firstPublishedAt: z.string(),
          lastPublishedAt: z.string(),
          firstSource: z.string().nullable(),
          documentCount: z.number(),
          sourceCount: z.number(),
          documents: z.array(documentSummarySchema),
        }),
        'Story',
      ),
      ...problemResponses,
    },
  }),
  async (c) => c.json(await getStory({ actor: requireActor(c), storyId: c.req.valid('param').id }), 200),
);

monitoringRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/monitoring/sources',
    tags,
    summary: 'Sources with their health',
    responses: { 200: jsonResponse(z.array(sourceViewSchema), 'Sources'), ...problemResponses },
  }),
  async (c) => c.json(await listSources({ actor: requireActor(c) }), 200),
);

monitoringRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/monitoring/sources',
    tags,
    summary: 'Add a source (a webhook source returns its token once)',
    request: { body: { content: { 'application/json': { schema: sourceInputSchema } }, required: true } },
    responses: {
      201: jsonResponse(sourceViewSchema.extend({ webhookToken: z.string().optional() }), 'Created'),
      ...problemResponses,
    },
  }),
  async (c) => c.json(await createSource({ actor: requireActor(c), input: c.req.valid('json') }), 201),
);

monitoringRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/monitoring/imports',
    tags,
    summary: 'Upload a JSONL or CSV export (the file is the request body); it is imported in the background',
    description:
      'Each JSONL line, or CSV row with a header, is {url, title, text, publishedAt, source, kind: "news"|"social", author}, as for `nhip monitor import`. The body streams into the database up to NHIP_MAX_IMPORT_BYTES; poll GET /monitoring/imports/{id} for the counts and the rejected lines.',
    request: {
      query: z.object({
        name: z
          .string()
          .min(1)
          .max(255)
          .openapi({ description: 'the file name; its extension gives the format unless format is set' }),
        format: z.enum(['jsonl', 'csv']).optional(),
        organizationId: z.string().optional().openapi({ description: 'coordinators and administrators: whose data it is' }),
      }),
      body: { content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } }, required: true },
    },
    responses: { 202: jsonResponse(fileImportSchema, 'Received and queued'), ...problemResponses },
  }),
  async (c) => {
    const { name, format, organizationId } = c.req.valid('query');
    const created = await receiveImport({
      actor: requireActor(c),
      fileName: name,
      format,
      organizationId,
      body: c.req.raw.body as AsyncIterable<Uint8Array> | null,
      announcedBytes: c.req.header('content-length') ? Number(c.req.header('content-length')) : undefined,
      requestId: c.get('requestId'),
    });
    return c.json(created, 202);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/monitoring/imports',
    tags,
    summary: 'The latest uploaded imports with their progress (own organization; every organization for network-wide roles)',
    responses: { 200: jsonResponse(z.array(fileImportSchema), 'Imports'), ...problemResponses },
  }),
  async (c) => c.json(await listImports({ actor: requireActor(c) }), 200),
);

monitoringRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/monitoring/imports/{id}',
    tags,
    summary: 'One uploaded import: status, counts and the first 100 rejected lines',
    request: { params: z.object({ id: z.string().uuid() }) },
    responses: { 200: jsonResponse(fileImportSchema, 'Import'), ...problemResponses },
  }),
  async (c) => c.json(await getImport({ actor: requireActor(c), importId: c.req.valid('param').id }), 200),
);

for (const action of ['enable', 'disable'] as const) {
  monitoringRoutes.openapi(
    createRoute({
      method: 'post',
      path: `/monitoring/sources/{id}/${action}`,
      tags,
      summary: action === 'enable' ? 'Enable a source (fetches soon)' : 'Disable a source',
      request: { params: z.object({ id: z.string().uuid() }) },
      responses: { 200: jsonResponse(sourceViewSchema, 'Source'), ...problemResponses },
    }),
    async (c) =>
      c.json(
        await setSourceEnabled({ actor: requireActor(c), sourceId: c.req.valid('param').id, isEnabled: action === 'enable' }),
        200,
      ),
  );
}

monitoringRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/monitoring/allowed-hosts',
    tags,
    summary: 'Allow the fetcher to reach a host that resolves to a private address (administrators)',
    request: {
      body: {
        content: {
          'application/json': {
            schema: z.object({ host: z.string().min(1).max(253), note: z.string().max(500).optional() }).strict(),
          },
        },
        required: true,
      },
    },
    responses: { 204: { description: 'Allowed' }, ...problemResponses },
  }),
  async (c) => {
    await allowPrivateHost({ actor: requireActor(c), ...c.req.valid('json') });
    return c.body(null, 204);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/monitoring/sources/{id}/fetch',
    tags,
    summary: 'Fetch a source now (queued; one fetch per source at a time)',
    request: { params: z.object({ id: z.string().uuid() }) },
    responses: { 202: jsonResponse(z.object({ jobId: z.string().nullable() }), 'Queued'), ...problemResponses },
  }),
  async (c) => {
    const actor = requireActor(c);
    const source = await loadSource(actor, c.req.valid('param').id);
    if (!source.url) throw new AppError('INVALID_STATE', 'Only fetched sources (feed, sitemap, article) can be fetched');
    return c.json({ jobId: await enqueueFetch(source.id) }, 202);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/monitoring/export',
    tags,
    summary: 'Export search results (q) or the mentions of a saved query (queryId) as CSV or XLSX',
    request: {
      query: z.object({
        q: z.string().max(4000).optional(),
        queryId: z.string().uuid().optional(),
        from: z.string().max(40).optional(),
        to: z.string().max(40).optional(),
        format: z.enum(['csv', 'xlsx']).default('csv'),
        limit: z.coerce.number().int().min(1).max(MAX_EXPORT_ROWS).default(MAX_EXPORT_ROWS),
      }),
    },
    responses: { 200: { description: 'The file' }, ...problemResponses },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const file = await exportDocuments({
      actor: requireActor(c),
      query: query.q,
      queryId: query.queryId,
      from: parseDateBound(query.from, 'from'),
      to: parseDateBound(query.to, 'to'),
      format: query.format,
      limit: query.limit,
    });
    return new Response(file.body, {
      status: 200,
      headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"` },
    });
  },
);

const modelKindParams = z.object({ kind: z.enum(modelKinds) });

monitoringRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/monitoring/models/{kind}',
    tags,
    summary: "Sentiment or topic versions learned from officers' corrections, and the one processing uses (coordinators)",
    request: { params: modelKindParams },
    responses: {
      200: jsonResponse(
        z.object({
          kind: z.enum(modelKinds),
          shippedVersion: z.number().int(),
          activeVersion: z.number().int(),
          /** corrections a version trained now would learn from (the latest of each document, to a label of the model) */
          corrections: z.number().int(),
          versions: z.array(modelVersionSchema),
          /** the latest re-labelling of the documents stored before an activation (null before the first) */
          relabel: relabelRunSchema.nullable(),
        }),
        'Versions',
      ),
      ...problemResponses,
    },
  }),
  async (c) => c.json(await listModels({ actor: requireActor(c), kind: c.req.valid('param').kind }), 200),
);

monitoringRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/monitoring/models/{kind}/retrain',
    tags,
    summary: 'Train a version on every correction of that field kept so far (coordinators)',
    request: {
      params: modelKindParams,
      body: {
        content: { 'application/json': { schema: z.object({ activate: z.boolean().optional() }).strict() } },
        required: false,
      },
    },
    responses: { 201: jsonResponse(modelVersionSchema, 'The new version'), ...problemResponses },
  }),
  async (c) => {
    const body = c.req.header('content-type')?.includes('application/json') ? c.req.valid('json') : {};
    const { kind } = c.req.valid('param');
    return c.json(await retrainModel({ actor: requireActor(c), kind, activate: body.activate ?? false }), 201);
  },
);

monitoringRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/monitoring/models/{kind}/activate',
    tags,
    summary: "Put a stored version in use; the shipped model's version goes back to it (coordinators)",
    request: {
      params: modelKindParams,
      body: {
        content: { 'application/json': { schema: z.object({ version: z.number().int().min(0) }).strict() } },
        required: true,
      },
    },
    responses: { 204: { description: 'Activated' }, ...problemResponses },
  }),
  async (c) => {
    const { kind } = c.req.valid('param');
    await activateModel({ actor: requireActor(c), kind, version: c.req.valid('json').version });
    return c.body(null, 204);
  },
);
