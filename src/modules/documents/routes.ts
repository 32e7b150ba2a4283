import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createRouter, jsonResponse, problemResponses, requireActor, type AppEnv } from '../../platform/http';
import { AppError } from '../../platform/errors';
import {
  documentParseResponseSchema,
  documentSchema,
  matrixSchema,
  notificationSchema,
  pastedTextRequestSchema,
  reassignTaskRequestSchema,
  reminderSettingsSchema,
  taskDetailSchema,
  taskListQuerySchema,
  taskSchema,
  updateParseRequestSchema,
  updateTaskRequestSchema,
} from './contracts';
import { getDocument, listDocuments, loadReadableDocument, retryDocument, uploadDocument } from './documents';
import { confirmDocument, getDocumentParse, updateDocumentParse } from './review';
import {
  addProgressReport,
  getAttachment,
  getTask,
  getTaskMatrix,
  listTasks,
  reassignTask,
  updateTask,
  type AttachmentInput,
} from './tasks';
import { buildProgressReportDocx, exportDocumentTasksXlsx } from './exports';
import { getReminderSettings, listNotifications, markNotificationRead, updateReminderSettings } from './reminders';
import { readStoredBytes } from './storage';

export const documentRoutes = createRouter();
const idParams = z.object({ id: z.string().uuid() });
const requestIdOf = (c: Context<AppEnv>) => c.get('requestId');
const binary = (description: string, type: string) => ({
  description,
  content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } },
});

function attachment(fileName: string, type: string, bytes: Uint8Array): Response {
  return new Response(Buffer.from(bytes), {
    status: 200,
    headers: {
      'content-type': type,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'cache-control': 'private, no-store',
    },
  });
}

documentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/documents',
    tags: ['documents'],
    summary: "Documents of the caller's organization (and those that gave it tasks); coordinators see all",
    request: { query: z.object({ organizationId: z.string().optional() }) },
    responses: { 200: jsonResponse(z.array(documentSchema), 'Documents'), ...problemResponses },
  }),
  async (c) => c.json(await listDocuments({ actor: requireActor(c), organizationId: c.req.valid('query').organizationId }), 200),
);

const uploadFormSchema = z.object({
  file: z.any().openapi({ type: 'string', format: 'binary', description: 'PDF, DOCX, scanned image or plain text' }),
});

documentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/documents',
    tags: ['documents'],
    summary: 'Upload a document (multipart field "file") or paste its text (JSON {text}); processing runs as a job',
    description:
      'Stored content-addressed; the same file uploaded again by the same organization returns the same document (200) and a failed one is queued again. Poll GET /documents/{id} for progress. Empty or unsupported files are refused at once (422/415) and nothing is stored.',
    request: {
      body: {
        content: { 'multipart/form-data': { schema: uploadFormSchema }, 'application/json': { schema: pastedTextRequestSchema } },
        required: false,
      },
    },
    responses: {
      201: jsonResponse(documentSchema, 'Stored and queued'),
      200: jsonResponse(documentSchema, 'Already uploaded'),
      413: problemResponses[400],
      ...problemResponses,
    },
  }),
  async (c) => {
    const actor = requireActor(c);
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    let input: { bytes: Uint8Array; fileName: string; mimeType: string | null; source: 'file' | 'text' };
    if (type.startsWith('multipart/form-data')) {
      const file = (c.req.valid('form') as { file?: unknown }).file;
      if (!(file instanceof File)) {
        throw new AppError('VALIDATION_FAILED', 'Upload the document in the "file" field', {
          invalidFields: [{ path: 'form.file', message: 'a file is required' }],
        });
      }
      input = {
        bytes: new Uint8Array(await file.arrayBuffer()),
        fileName: file.name || 'document',
        mimeType: file.type || null,
        source: 'file',
      };
    } else if (type.startsWith('application/json')) {
      const body = c.req.valid('json') as z.infer<typeof pastedTextRequestSchema>;
      input = {
        bytes: new TextEncoder().encode(body.text.normalize('NFC')),
        fileName: body.fileName ?? 'van-ban.txt',
        mimeType: 'text/plain',
        source: 'text',
      };
    } else {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send multipart/form-data with a "file" field, or JSON {"text": …}');
    }
    const { document, isNew } = await uploadDocument({ actor, ...input, requestId: requestIdOf(c) });
    return c.json(document, isNew ? 201 : 200);
  },
);

documentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/documents/{id}',
    tags: ['documents'],
    summary: 'A document with its processing status and progress (pages done / total)',
    request: { params: idParams },
    responses: { 200: jsonResponse(documentSchema, 'Document'), ...problemResponses },
  }),
  async (c) => c.json(await getDocument({ actor: requireActor(c), documentId: c.req.valid('param').id }), 200),
);

documentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/documents/{id}/retry',
    tags: ['documents'],
    summary: 'Queue a failed document for processing again',
    request: { params: idParams },
    responses: { 200: jsonResponse(documentSchema, 'Queued'), ...problemResponses },
  }),
  async (c) =>
    c.json(await retryDocument({ actor: requireActor(c), documentId: c.req.valid('param').id, requestId: requestIdOf(c) }), 200),
);

documentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/documents/{id}/file',
    tags: ['documents'],
    summary: 'The uploaded file as stored',
    request: { params: idParams },
    responses: { 200: binary('The file', 'application/octet-stream'), ...problemResponses },
  }),
  async (c) => {
    const row = await loadReadableDocument(requireActor(c), c.req.valid('param').id);
    return attachment(row.fileName, row.mimeType ?? 'application/octet-stream', await readStoredBytes(row.storagePath));
  },
);

documentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/documents/{id}/parse',
    tags: ['documents'],
    summary: 'The parse with spans, the raw extracted text and the repaired text, for review',
    request: { params: idParams },
    responses: { 200: jsonResponse(documentParseResponseSchema, 'Parse'), 409: problemResponses[400], ...problemResponses },
  }),
  async (c) => c.json(await getDocumentParse({ actor: requireActor(c), documentId: c.req.valid('param').id }), 200),
);

documentRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/documents/{id}/parse',
    tags: ['documents'],
    summary: 'Correct the parse: fields, assignments (bodies, task, due date, recurrence) and the repaired text',
    request: {
      params: idParams,
      body: { content: { 'application/json': { schema: updateParseRequestSchema } }, required: true },
    },
    responses: { 200: jsonResponse(documentParseResponseSchema, 'Saved'), 409: problemResponses[400], ...problemResponses },
  }),
  async (c) =>
    c.json(
      await updateDocumentParse({
        actor: requireActor(c),
        documentId: c.req.valid('param').id,
        changes: c.req.valid('json'),
        requestId: requestIdOf(c),
      }),
      200,
    ),
);

documentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/documents/{id}/confirm',
    tags: ['documents'],
    summary: 'Confirm the reviewed parse: one task per (assignment × organization)',
    request: { params: idParams },
    responses: {
      200: jsonResponse(
        z.object({
          document: documentSchema,
          tasksCreated: z.number(),
          skipped: z.array(z.object({ clause: z.string(), name: z.string() })),
        }),
        'Confirmed',
      ),
      409: problemResponses[400],
      ...problemResponses,
    },
  }),
  async (c) =>
    c.json(
      await confirmDocument({ actor: requireActor(c), documentId: c.req.valid('param').id, requestId: requestIdOf(c) }),
      200,
    ),
);

documentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/documents/{id}/matrix',
    tags: ['documents'],
    summary: "Organizations × tasks of a document with status (the coordinator's view)",
    request: { params: idParams },
    responses: { 200: jsonResponse(matrixSchema, 'Matrix'), ...problemResponses },
  }),
  async (c) => c.json(await getTaskMatrix({ actor: requireActor(c), documentId: c.req.valid('param').id }), 200),
);

documentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/documents/{id}/tasks.xlsx',
    tags: ['documents'],
    summary: "The document's tasks as an Excel workbook",
    request: { params: idParams },
    responses: { 200: binary('XLSX', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), ...problemResponses },
  }),
  async (c) => {
    const file = await exportDocumentTasksXlsx({ actor: requireActor(c), documentId: c.req.valid('param').id });
    return attachment(file.fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', file.bytes);
  },
);

documentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/documents/{id}/progress-report.docx',
    tags: ['documents'],
    summary: 'A progress report on the document (DOCX, Decree 30/2020/NĐ-CP format)',
    request: {
      params: idParams,
      query: z.object({
        place: z.string().max(100).optional(),
        signerName: z.string().max(200).optional(),
        signerCapacity: z.string().max(200).optional(),
      }),
    },
    responses: {
      200: binary('DOCX', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
      ...problemResponses,
    },
  }),
  async (c) => {
    const file = await buildProgressReportDocx({
      actor: requireActor(c),
      documentId: c.req.valid('param').id,
      ...c.req.valid('query'),
    });
    return attachment(file.fileName, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', file.bytes);
  },
);

// ——— tasks

documentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/tasks',
    tags: ['tasks'],
    summary: "Tasks: my organization's (scope=mine), overdue (scope=overdue) or all (coordinators, scope=all)",
    request: { query: taskListQuerySchema },
    responses: { 200: jsonResponse(z.array(taskSchema), 'Tasks'), ...problemResponses },
  }),
  async (c) => c.json(await listTasks({ actor: requireActor(c), ...c.req.valid('query') }), 200),
);

documentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/tasks/{id}',
    tags: ['tasks'],
    summary: 'A task with its history and progress reports',
    request: { params: idParams },
    responses: { 200: jsonResponse(taskDetailSchema, 'Task'), ...problemResponses },
  }),
  async (c) => c.json(await getTask({ actor: requireActor(c), taskId: c.req.valid('param').id }), 200),
);

documentRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/tasks/{id}',
    tags: ['tasks'],
    summary: 'Change status or due date (kept in the history)',
    request: { params: idParams, body: { content: { 'application/json': { schema: updateTaskRequestSchema } }, required: true } },
    responses: { 200: jsonResponse(taskDetailSchema, 'Updated'), ...problemResponses },
  }),
  async (c) =>
    c.json(
      await updateTask({
        actor: requireActor(c),
        taskId: c.req.valid('param').id,
        changes: c.req.valid('json'),
        requestId: requestIdOf(c),
      }),
      200,
    ),
);

documentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/tasks/{id}/reassign',
    tags: ['tasks'],
    summary: 'Hand a task on to another organization (e.g. the successor of a dissolved body)',
    request: {
      params: idParams,
      body: { content: { 'application/json': { schema: reassignTaskRequestSchema } }, required: true },
    },
    responses: { 200: jsonResponse(taskDetailSchema, 'Reassigned'), ...problemResponses },
  }),
  async (c) =>
    c.json(
      await reassignTask({
        actor: requireActor(c),
        taskId: c.req.valid('param').id,
        ...c.req.valid('json'),
        requestId: requestIdOf(c),
      }),
      200,
    ),
);

const reportFormSchema = z.object({
  body: z.string().openapi({ description: 'What was done' }),
  percentComplete: z.string().optional(),
  status: z.string().optional(),
  attachments: z
    .any()
    .optional()
    .openapi({ type: 'array', items: { type: 'string', format: 'binary' } }),
});
const reportJsonSchema = z
  .object({
    body: z.string().min(1).max(20_000),
    percentComplete: z.number().int().min(0).max(100).nullable().optional(),
    status: z.enum(['not_started', 'in_progress', 'done']).optional(),
  })
  .strict();

documentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/tasks/{id}/reports',
    tags: ['tasks'],
    summary: 'Add a progress report (multipart with "attachments" files, or JSON)',
    request: {
      params: idParams,
      body: {
        content: { 'multipart/form-data': { schema: reportFormSchema }, 'application/json': { schema: reportJsonSchema } },
        required: false,
      },
    },
    responses: { 201: jsonResponse(taskDetailSchema, 'Reported'), ...problemResponses },
  }),
  async (c) => {
    const actor = requireActor(c);
    const taskId = c.req.valid('param').id;
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    if (type.startsWith('multipart/form-data')) {
      const form = await c.req.parseBody({ all: true });
      const files = ([] as unknown[]).concat(form.attachments ?? []).filter((value): value is File => value instanceof File);
      const attachments: AttachmentInput[] = await Promise.all(
        files.map(async (file) => ({
          fileName: file.name || 'tep-dinh-kem',
          mimeType: file.type || null,
          bytes: new Uint8Array(await file.arrayBuffer()),
        })),
      );
      const percentText = typeof form.percentComplete === 'string' ? form.percentComplete : '';
      const percent = percentText === '' ? null : Number(percentText);
      if (percent !== null && (!Number.isInteger(percent) || percent < 0 || percent > 100)) {
        throw new AppError('VALIDATION_FAILED', 'percentComplete must be 0–100', {
          invalidFields: [{ path: 'form.percentComplete', message: 'expected an integer 0–100' }],
        });
      }
      const status =
        typeof form.status === 'string' && ['not_started', 'in_progress', 'done'].includes(form.status)
          ? (form.status as 'not_started' | 'in_progress' | 'done')
          : undefined;
      const detail = await addProgressReport({
        actor,
        taskId,
        body: typeof form.body === 'string' ? form.body : '',
        percentComplete: percent,
        status,
        attachments,
        requestId: requestIdOf(c),
      });
      return c.json(detail, 201);
    }
    const parsed = reportJsonSchema.safeParse(await c.req.json());
    if (!parsed.success) {
      throw new AppError('VALIDATION_FAILED', 'The request has invalid fields', {
        invalidFields: parsed.error.issues.map((issue) => ({ path: ['json', ...issue.path].join('.'), message: issue.message })),
      });
    }
    return c.json(await addProgressReport({ actor, taskId, ...parsed.data, requestId: requestIdOf(c) }), 201);
  },
);

documentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/tasks/{id}/attachments/{attachmentId}',
    tags: ['tasks'],
    summary: 'Download an attachment of a progress report',
    request: { params: z.object({ id: z.string().uuid(), attachmentId: z.string().uuid() }) },
    responses: { 200: binary('The file', 'application/octet-stream'), ...problemResponses },
  }),
  async (c) => {
    const params = c.req.valid('param');
    const file = await getAttachment({ actor: requireActor(c), taskId: params.id, attachmentId: params.attachmentId });
    return attachment(file.fileName, file.mimeType, file.bytes);
  },
);

documentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/task-notifications',
    tags: ['tasks'],
    summary: "The signed-in user's task notifications (new tasks, reminders, overdue)",
    responses: { 200: jsonResponse(z.array(notificationSchema), 'Notifications'), ...problemResponses },
  }),
  async (c) => c.json(await listNotifications({ actor: requireActor(c) }), 200),
);

documentRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/task-notifications/{id}/read',
    tags: ['tasks'],
    summary: 'Mark a notification read',
    request: { params: idParams },
    responses: { 204: { description: 'Read' }, ...problemResponses },
  }),
  async (c) => {
    await markNotificationRead({ actor: requireActor(c), notificationId: c.req.valid('param').id });
    return c.body(null, 204);
  },
);

documentRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/task-reminder-settings',
    tags: ['tasks'],
    summary: 'Days before the due date on which reminders are sent',
    responses: { 200: jsonResponse(reminderSettingsSchema, 'Settings'), ...problemResponses },
  }),
  async (c) => {
    requireActor(c);
    return c.json(await getReminderSettings(), 200);
  },
);

documentRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/task-reminder-settings',
    tags: ['tasks'],
    summary: 'Change the reminder days (coordinators)',
    request: { body: { content: { 'application/json': { schema: reminderSettingsSchema } }, required: true } },
    responses: { 200: jsonResponse(reminderSettingsSchema, 'Saved'), ...problemResponses },
  }),
  async (c) => c.json(await updateReminderSettings({ actor: requireActor(c), daysBefore: c.req.valid('json').daysBefore }), 200),
);
