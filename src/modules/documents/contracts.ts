import { z } from '@hono/zod-openapi';
import { isoDateSchema } from '../../platform/http';
import { documentStatuses, taskStatuses } from './schema';

export const recurrenceSchema = z.enum(['yearly', 'half-yearly', 'quarterly', 'monthly']);
const spanSchema = z.tuple([z.number().int().min(0), z.number().int().min(0)]);

export const organizationRefSchema = z.object({ id: z.string().nullable(), name: z.string() });
export const assignedAgencySchema = organizationRefSchema.extend({
  successors: z.array(z.object({ id: z.string().nullable(), name: z.string() })).default([]),
});

export const assignmentSchema = z
  .object({
    clause: z.string().trim().min(1).max(40),
    agencies: z.array(assignedAgencySchema).max(500),
    task: z.string().trim().min(1).max(20_000),
    dueOn: isoDateSchema.nullable(),
    recurrence: recurrenceSchema.nullable(),
    evidence: z.object({ text: z.string().max(20_000), span: spanSchema.nullable() }),
    source: z.enum(['clause', 'heading', 'address', 'manual']).default('manual'),
  })
  .openapi('DocumentAssignment');

export const clauseSchema = z.object({
  ref: z.string(),
  level: z.string(),
  text: z.string(),
  span: spanSchema,
  parentRef: z.string().nullable(),
});

/** The parse as stored on the document row (machine output, possibly corrected by the officer). */
export const storedParseSchema = z
  .object({
    type: z.object({ name: z.string(), key: z.string() }),
    number: z.string().nullable(),
    issuer: z.object({ name: z.string(), id: z.string().optional() }).nullable(),
    issuedOn: isoDateSchema.nullable(),
    place: z.string().nullable(),
    subject: z.string().nullable(),
    signer: z.object({ name: z.string().nullable(), capacity: z.string().nullable() }).nullable(),
    recipients: z.array(z.object({ text: z.string(), organizations: z.array(organizationRefSchema) })),
    clauses: z.array(clauseSchema),
    assignments: z.array(assignmentSchema),
  })
  .openapi('DocumentParse');
export type StoredParse = z.infer<typeof storedParseSchema>;
export type StoredAssignment = z.infer<typeof assignmentSchema>;

export const documentSchema = z
  .object({
    id: z.string().uuid(),
    organizationId: z.string(),
    uploadedByUserId: z.string().nullable(),
    source: z.enum(['file', 'text']),
    fileName: z.string(),
    mimeType: z.string().nullable(),
    byteSize: z.number(),
    contentHash: z.string(),
    status: z.enum(documentStatuses),
    phase: z.enum(['extracting', 'repairing', 'parsing']).nullable(),
    progress: z.object({ pagesDone: z.number(), pagesTotal: z.number() }),
    error: z.object({ code: z.string(), message: z.string(), messageVi: z.string().nullable() }).nullable(),
    attempts: z.number(),
    extractionMethod: z.string().nullable(),
    warnings: z.array(z.string()),
    summary: z
      .object({
        type: z.string(),
        number: z.string().nullable(),
        issuedOn: z.string().nullable(),
        subject: z.string().nullable(),
        assignments: z.number(),
      })
      .nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    confirmedAt: z.string().nullable(),
  })
  .openapi('Document');
export type DocumentView = z.infer<typeof documentSchema>;

export const pastedTextRequestSchema = z
  .object({
    text: z.string().min(1).max(5_000_000),
    fileName: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export const documentParseResponseSchema = z
  .object({
    documentId: z.string().uuid(),
    status: z.enum(documentStatuses),
    rawText: z.string(),
    repairedText: z.string(),
    parse: storedParseSchema,
    original: storedParseSchema.nullable(),
    warnings: z.array(z.string()),
    editedAt: z.string().nullable(),
  })
  .openapi('DocumentParseView');

export const updateParseRequestSchema = z
  .object({
    repairedText: z.string().min(1).max(5_000_000).optional(),
    type: z.object({ name: z.string().trim().min(1).max(100), key: z.string().max(40) }).optional(),
    number: z.string().trim().max(100).nullable().optional(),
    issuer: z
      .object({ name: z.string().trim().min(1).max(300), id: z.string().optional() })
      .nullable()
      .optional(),
    issuedOn: isoDateSchema.nullable().optional(),
    place: z.string().trim().max(200).nullable().optional(),
    subject: z.string().trim().max(2000).nullable().optional(),
    signer: z
      .object({ name: z.string().max(200).nullable(), capacity: z.string().max(300).nullable() })
      .nullable()
      .optional(),
    assignments: z.array(assignmentSchema).max(500).optional(),
  })
  .strict()
  .openapi('UpdateDocumentParse');
export type UpdateParseRequest = z.infer<typeof updateParseRequestSchema>;

export const taskSchema = z
  .object({
    id: z.string().uuid(),
    documentId: z.string().uuid(),
    document: z.object({
      number: z.string().nullable(),
      type: z.string(),
      subject: z.string().nullable(),
      organizationId: z.string(),
    }),
    assignmentIndex: z.number(),
    clause: z.string(),
    assignedOrganization: z.object({ id: z.string(), name: z.string() }),
    successors: z.array(z.object({ id: z.string(), name: z.string() })),
    ownerOrganization: z.object({ id: z.string(), name: z.string() }),
    task: z.string(),
    dueOn: z.string().nullable(),
    recurrence: recurrenceSchema.nullable(),
    evidence: z.string(),
    status: z.enum(taskStatuses),
    completedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('DocumentTask');
export type TaskView = z.infer<typeof taskSchema>;

export const taskEventSchema = z.object({
  id: z.number(),
  at: z.string(),
  actorEmail: z.string().nullable(),
  kind: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  note: z.string().nullable(),
});

export const attachmentSchema = z.object({
  id: z.string().uuid(),
  fileName: z.string(),
  mimeType: z.string().nullable(),
  byteSize: z.number(),
});
export const progressReportSchema = z.object({
  id: z.string().uuid(),
  authorEmail: z.string().nullable(),
  organizationId: z.string(),
  body: z.string(),
  percentComplete: z.number().nullable(),
  createdAt: z.string(),
  attachments: z.array(attachmentSchema),
});

export const taskDetailSchema = taskSchema
  .extend({
    history: z.array(taskEventSchema),
    reports: z.array(progressReportSchema),
    canUpdate: z.boolean(),
    canReassign: z.boolean(),
  })
  .openapi('DocumentTaskDetail');

export const updateTaskRequestSchema = z
  .object({
    status: z.enum(['not_started', 'in_progress', 'done']).optional(),
    dueOn: isoDateSchema.nullable().optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();

export const reassignTaskRequestSchema = z
  .object({ organizationId: z.string().min(1).max(200), note: z.string().trim().max(2000).optional() })
  .strict();

export const taskListQuerySchema = z.object({
  scope: z.enum(['mine', 'overdue', 'all']).default('mine'),
  status: z.enum(taskStatuses).optional(),
  documentId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

export const matrixSchema = z
  .object({
    document: documentSchema,
    columns: z.array(
      z.object({ assignmentIndex: z.number(), clause: z.string(), task: z.string(), dueOn: z.string().nullable() }),
    ),
    rows: z.array(
      z.object({
        organization: z.object({ id: z.string(), name: z.string() }),
        cells: z.array(z.object({ assignmentIndex: z.number(), taskId: z.string().uuid(), status: z.enum(taskStatuses) })),
      }),
    ),
    totals: z.record(z.string(), z.number()),
  })
  .openapi('DocumentTaskMatrix');

export const notificationSchema = z.object({
  id: z.string().uuid(),
  taskId: z.string().uuid().nullable(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

export const reminderSettingsSchema = z
  .object({ daysBefore: z.array(z.number().int().min(1).max(90)).max(10) })
  .strict()
  .openapi('TaskReminderSettings');

export const processDocumentPayloadSchema = z.object({ documentId: z.string().uuid() });
export const reminderMailPayloadSchema = z.object({ notificationIds: z.array(z.string().uuid()).min(1) });
