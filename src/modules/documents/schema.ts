import { bigserial, date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const documentStatuses = ['queued', 'processing', 'ready', 'failed', 'confirmed'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];
export type DocumentPhase = 'extracting' | 'repairing' | 'parsing';

export const taskStatuses = ['not_started', 'in_progress', 'done', 'overdue'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** An uploaded official document (file or pasted text) with its processing state and parse. */
export const documents = pgTable('documents', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: text('organization_id').notNull(),
  uploadedByUserId: uuid('uploaded_by_user_id'),
  contentHash: text('content_hash').notNull(),
  source: text('source').$type<'file' | 'text'>().notNull(),
  fileName: text('file_name').notNull(),
  mimeType: text('mime_type'),
  byteSize: integer('byte_size').notNull(),
  storagePath: text('storage_path').notNull(),
  status: text('status').$type<DocumentStatus>().notNull().default('queued'),
  phase: text('phase').$type<DocumentPhase>(),
  pagesDone: integer('pages_done').notNull().default(0),
  pagesTotal: integer('pages_total').notNull().default(0),
  errorCode: text('error_code'),
  errorMessage: text('error_message'),
  errorMessageVi: text('error_message_vi'),
  attempts: integer('attempts').notNull().default(0),
  extractionMethod: text('extraction_method'),
  rawText: text('raw_text'),
  repairedText: text('repaired_text'),
  parseOriginal: jsonb('parse_original'),
  parse: jsonb('parse'),
  warnings: text('warnings').array().notNull().default([]),
  editedByUserId: uuid('edited_by_user_id'),
  editedAt: timestamp('edited_at', { withTimezone: true }),
  confirmedByUserId: uuid('confirmed_by_user_id'),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One task per (assignment × organization) of a confirmed document. */
export const documentTasks = pgTable('document_tasks', {
  id: uuid('id').primaryKey().defaultRandom(),
  documentId: uuid('document_id').notNull(),
  assignmentIndex: integer('assignment_index').notNull(),
  clause: text('clause').notNull(),
  assignedOrganizationId: text('assigned_organization_id').notNull(),
  assignedOrganizationName: text('assigned_organization_name').notNull(),
  successors: jsonb('successors').$type<{ id: string; name: string }[]>().notNull().default([]),
  ownerOrganizationId: text('owner_organization_id').notNull(),
  task: text('task').notNull(),
  dueOn: date('due_on'),
  recurrence: text('recurrence').$type<'yearly' | 'half-yearly' | 'quarterly' | 'monthly'>(),
  evidence: text('evidence').notNull().default(''),
  status: text('status').$type<TaskStatus>().notNull().default('not_started'),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** History of a task: every change, who made it, before and after. */
export const documentTaskEvents = pgTable('document_task_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  taskId: uuid('task_id').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorUserId: uuid('actor_user_id'),
  actorEmail: text('actor_email'),
  kind: text('kind').notNull(),
  before: jsonb('before'),
  after: jsonb('after'),
  note: text('note'),
});

export const documentTaskReports = pgTable('document_task_reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  taskId: uuid('task_id').notNull(),
  authorUserId: uuid('author_user_id'),
  authorEmail: text('author_email'),
  organizationId: text('organization_id').notNull(),
  body: text('body').notNull(),
  percentComplete: integer('percent_complete'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const documentTaskAttachments = pgTable('document_task_attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  reportId: uuid('report_id').notNull(),
  taskId: uuid('task_id').notNull(),
  fileName: text('file_name').notNull(),
  mimeType: text('mime_type'),
  byteSize: integer('byte_size').notNull(),
  contentHash: text('content_hash').notNull(),
  storagePath: text('storage_path').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Natural key of reminders: one per task, kind and day. */
export const documentTaskReminders = pgTable(
  'document_task_reminders',
  {
    taskId: uuid('task_id').notNull(),
    kind: text('kind').notNull(),
    onDate: date('on_date').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.kind, t.onDate] })],
);

export const documentNotifications = pgTable('document_notifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull(),
  organizationId: text('organization_id').notNull(),
  taskId: uuid('task_id'),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  dedupeKey: text('dedupe_key'),
  emailedAt: timestamp('emailed_at', { withTimezone: true }),
  readAt: timestamp('read_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type DocumentRow = typeof documents.$inferSelect;
export type DocumentTask = typeof documentTasks.$inferSelect;
