import { and, asc, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Executor } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import { isNetworkWide, type Actor } from '../../platform/actor';
import { organizations } from '../agencies';
import type { StoredParse, TaskView } from './contracts';
import { dateInVietnam } from '../../platform/dates';
import { loadReadableDocument, toDocumentView } from './documents';
import { organizationNames } from './organizations';
import { canReadAllDocumentTasks, canReadTask, canReassignTask, canUpdateTask } from './policies';
import {
  documentTaskAttachments,
  documentTaskEvents,
  documentTaskReports,
  documentTasks,
  documents,
  type DocumentTask,
  type TaskStatus,
} from './schema';
import { readStoredBytes, storeBytes } from './storage';

const owner = alias(organizations, 'owner_organization');

function selectTasks(db: Executor) {
  return db
    .select({
      task: documentTasks,
      ownerName: owner.name,
      documentParse: documents.parse,
      documentOrganizationId: documents.organizationId,
    })
    .from(documentTasks)
    .innerJoin(documents, eq(documents.id, documentTasks.documentId))
    .innerJoin(owner, eq(owner.id, documentTasks.ownerOrganizationId));
}
type TaskJoinRow = Awaited<ReturnType<ReturnType<typeof selectTasks>['where']>>[number];

function toTaskView(row: TaskJoinRow): TaskView {
  const parse = row.documentParse as StoredParse | null;
  const task = row.task;
  return {
    id: task.id,
    documentId: task.documentId,
    document: {
      number: parse?.number ?? null,
      type: parse?.type.name ?? '',
      subject: parse?.subject ?? null,
      organizationId: row.documentOrganizationId,
    },
    assignmentIndex: task.assignmentIndex,
    clause: task.clause,
    assignedOrganization: { id: task.assignedOrganizationId, name: task.assignedOrganizationName },
    successors: task.successors,
    ownerOrganization: { id: task.ownerOrganizationId, name: row.ownerName },
    task: task.task,
    dueOn: task.dueOn,
    recurrence: task.recurrence,
    evidence: task.evidence,
    status: task.status,
    completedAt: task.completedAt?.toISOString() ?? null,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
  };
}

function parties(row: TaskJoinRow) {
  return {
    ownerOrganizationId: row.task.ownerOrganizationId,
    assignedOrganizationId: row.task.assignedOrganizationId,
    documentOrganizationId: row.documentOrganizationId,
  };
}

async function loadTask(actor: Actor, taskId: string, executor?: Executor): Promise<TaskJoinRow> {
  const db = executor ?? (await getDb());
  const [row] = await selectTasks(db).where(eq(documentTasks.id, taskId));
  if (!row || !canReadTask(actor, parties(row))) throw notFound('Task', taskId);
  return row;
}

export interface ListTasksOptions {
  actor: Actor;
  /** mine: owned by the actor's organization; overdue: overdue among those the actor may see; all: network-wide roles. */
  scope: 'mine' | 'overdue' | 'all';
  status?: TaskStatus;
  documentId?: string;
  limit?: number;
}

/** Tasks of the actor's organization, overdue tasks, or (coordinators) all tasks; soonest due first. */
export async function listTasks({ actor, scope, status, documentId, limit = 500 }: ListTasksOptions): Promise<TaskView[]> {
  const db = await getDb();
  const filters: SQL[] = [];
  const organizationId = actor.organizationId ?? '';
  if (scope === 'mine' || !isNetworkWide(actor)) {
    const visible = or(
      eq(documentTasks.ownerOrganizationId, organizationId),
      ...(scope === 'mine'
        ? []
        : [eq(documentTasks.assignedOrganizationId, organizationId), eq(documents.organizationId, organizationId)]),
    );
    filters.push(visible!);
  }
  if (scope === 'overdue') filters.push(eq(documentTasks.status, 'overdue'));
  if (status) filters.push(eq(documentTasks.status, status));
  if (documentId) filters.push(eq(documentTasks.documentId, documentId));
  const rows = await selectTasks(db)
    .where(and(...filters))
    .orderBy(sql`${documentTasks.dueOn} ASC NULLS LAST`, asc(documentTasks.clause), asc(owner.name))
    .limit(Math.min(limit, 5000));
  return rows.map(toTaskView);
}

/** One task with its history and progress reports. */
export async function getTask({ actor, taskId }: { actor: Actor; taskId: string }) {
  const row = await loadTask(actor, taskId);
  const db = await getDb();
  const history = await db
    .select()
    .from(documentTaskEvents)
    .where(eq(documentTaskEvents.taskId, taskId))
    .orderBy(asc(documentTaskEvents.at), asc(documentTaskEvents.id));
  const reports = await db
    .select()
    .from(documentTaskReports)
    .where(eq(documentTaskReports.taskId, taskId))
    .orderBy(desc(documentTaskReports.createdAt));
  const attachments = await db.select().from(documentTaskAttachments).where(eq(documentTaskAttachments.taskId, taskId));
  return {
    ...toTaskView(row),
    history: history.map((event) => ({
      id: event.id,
      at: event.at.toISOString(),
      actorEmail: event.actorEmail,
      kind: event.kind,
      before: event.before,
      after: event.after,
      note: event.note,
    })),
    reports: reports.map((report) => ({
      id: report.id,
      authorEmail: report.authorEmail,
      organizationId: report.organizationId,
      body: report.body,
      percentComplete: report.percentComplete,
      createdAt: report.createdAt.toISOString(),
      attachments: attachments
        .filter((attachment) => attachment.reportId === report.id)
        .map((attachment) => ({
          id: attachment.id,
          fileName: attachment.fileName,
          mimeType: attachment.mimeType,
          byteSize: attachment.byteSize,
        })),
    })),
    canUpdate: canUpdateTask(actor, parties(row)),
    canReassign: canReassignTask(actor, parties(row)),
  };
}

/** The status a task should have: done stays done; an open task past its due date (Vietnam time) is overdue. */
export function effectiveStatus(requested: TaskStatus, dueOn: string | null, today = dateInVietnam()): TaskStatus {
  if (requested === 'done') return 'done';
  if (dueOn && dueOn < today) return 'overdue';
  return requested === 'overdue' ? 'in_progress' : requested;
}

async function recordTaskEvent(
  tx: Executor,
  actor: Actor,
  task: DocumentTask,
  kind: string,
  before: unknown,
  after: unknown,
  note?: string,
) {
  await tx
    .insert(documentTaskEvents)
    .values({ taskId: task.id, actorUserId: actor.userId, actorEmail: actor.email, kind, before, after, note: note ?? null });
}

/** Changes a task's status or due date; every change is kept in its history. */
export async function updateTask({
  actor,
  taskId,
  changes,
  requestId,
}: {
  actor: Actor;
  taskId: string;
  changes: { status?: 'not_started' | 'in_progress' | 'done'; dueOn?: string | null; note?: string };
  requestId?: string;
}) {
  const row = await loadTask(actor, taskId);
  if (!canUpdateTask(actor, parties(row)))
    throw new AppError('FORBIDDEN', 'Only the organization that owns the task may update it');
  const task = row.task;
  const dueOn = changes.dueOn !== undefined ? changes.dueOn : task.dueOn;
  const requested: TaskStatus = changes.status ?? (task.status === 'overdue' ? 'in_progress' : task.status);
  const status = effectiveStatus(requested, dueOn);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .update(documentTasks)
      .set({ status, dueOn, completedAt: status === 'done' ? (task.completedAt ?? new Date()) : null, updatedAt: new Date() })
      .where(eq(documentTasks.id, taskId));
    if (status !== task.status)
      await recordTaskEvent(tx, actor, task, 'status', { status: task.status }, { status }, changes.note);
    if (dueOn !== task.dueOn) await recordTaskEvent(tx, actor, task, 'due-date', { dueOn: task.dueOn }, { dueOn }, changes.note);
    await recordAudit(tx, {
      actor,
      action: 'task.update',
      entityType: 'document_task',
      entityId: taskId,
      organizationId: task.ownerOrganizationId,
      before: { status: task.status, dueOn: task.dueOn },
      after: { status, dueOn },
      requestId,
    });
  });
  return getTask({ actor, taskId });
}

/** Hands a task on to another organization (typically a successor of a body no longer in force). */
export async function reassignTask({
  actor,
  taskId,
  organizationId,
  note,
  requestId,
}: {
  actor: Actor;
  taskId: string;
  organizationId: string;
  note?: string;
  requestId?: string;
}) {
  const row = await loadTask(actor, taskId);
  if (!canReassignTask(actor, parties(row))) throw new AppError('FORBIDDEN', 'Only a coordinator may hand a task on');
  const names = await organizationNames([organizationId]);
  if (!names.has(organizationId)) {
    throw new AppError('VALIDATION_FAILED', `No organization ${organizationId}`, {
      invalidFields: [{ path: 'json.organizationId', message: 'unknown organization' }],
    });
  }
  if (organizationId === row.task.ownerOrganizationId)
    throw new AppError('INVALID_STATE', 'The task already belongs to that organization');
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .update(documentTasks)
      .set({ ownerOrganizationId: organizationId, updatedAt: new Date() })
      .where(eq(documentTasks.id, taskId));
    await recordTaskEvent(
      tx,
      actor,
      row.task,
      'reassigned',
      { ownerOrganizationId: row.task.ownerOrganizationId },
      { ownerOrganizationId: organizationId },
      note,
    );
    await recordAudit(tx, {
      actor,
      action: 'task.reassign',
      entityType: 'document_task',
      entityId: taskId,
      organizationId,
      before: { ownerOrganizationId: row.task.ownerOrganizationId },
      after: { ownerOrganizationId: organizationId },
      requestId,
    });
  });
  return getTask({ actor, taskId });
}

export interface AttachmentInput {
  fileName: string;
  mimeType: string | null;
  bytes: Uint8Array;
}

/** Adds a progress report (text, optional percentage and status, attachments) to a task. */
export async function addProgressReport({
  actor,
  taskId,
  body,
  percentComplete,
  status,
  attachments = [],
  requestId,
}: {
  actor: Actor;
  taskId: string;
  body: string;
  percentComplete?: number | null;
  status?: 'not_started' | 'in_progress' | 'done';
  attachments?: AttachmentInput[];
  requestId?: string;
}) {
  const row = await loadTask(actor, taskId);
  if (!canUpdateTask(actor, parties(row)))
    throw new AppError('FORBIDDEN', 'Only the organization that owns the task may report on it');
  if (!body.trim())
    throw new AppError('VALIDATION_FAILED', 'Write what was done', {
      invalidFields: [{ path: 'form.body', message: 'required' }],
    });
  const stored: (AttachmentInput & { contentHash: string; storagePath: string })[] = [];
  for (const attachment of attachments) {
    if (attachment.bytes.length === 0) continue;
    stored.push({ ...attachment, ...(await storeBytes(attachment.bytes)) });
  }
  const task = row.task;
  const nextStatus = effectiveStatus(
    status ?? (task.status === 'not_started' || task.status === 'overdue' ? 'in_progress' : task.status),
    task.dueOn,
  );
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [report] = await tx
      .insert(documentTaskReports)
      .values({
        taskId,
        authorUserId: actor.userId,
        authorEmail: actor.email,
        organizationId: actor.organizationId ?? task.ownerOrganizationId,
        body: body.trim(),
        percentComplete: percentComplete ?? null,
      })
      .returning();
    for (const attachment of stored) {
      await tx.insert(documentTaskAttachments).values({
        reportId: report!.id,
        taskId,
        fileName: attachment.fileName.normalize('NFC').slice(0, 200),
        mimeType: attachment.mimeType,
        byteSize: attachment.bytes.length,
        contentHash: attachment.contentHash,
        storagePath: attachment.storagePath,
      });
    }
    await recordTaskEvent(tx, actor, task, 'progress-report', null, {
      reportId: report!.id,
      percentComplete: percentComplete ?? null,
      attachments: stored.length,
    });
    if (nextStatus !== task.status) {
      await tx
        .update(documentTasks)
        .set({ status: nextStatus, completedAt: nextStatus === 'done' ? new Date() : null, updatedAt: new Date() })
        .where(eq(documentTasks.id, taskId));
      await recordTaskEvent(tx, actor, task, 'status', { status: task.status }, { status: nextStatus });
    }
    await recordAudit(tx, {
      actor,
      action: 'task.report',
      entityType: 'document_task',
      entityId: taskId,
      organizationId: task.ownerOrganizationId,
      after: { reportId: report!.id, attachments: stored.length },
      requestId,
    });
  });
  return getTask({ actor, taskId });
}

/** An attachment's bytes, for those who may read the task. */
export async function getAttachment({ actor, taskId, attachmentId }: { actor: Actor; taskId: string; attachmentId: string }) {
  await loadTask(actor, taskId);
  const db = await getDb();
  const [attachment] = await db
    .select()
    .from(documentTaskAttachments)
    .where(and(eq(documentTaskAttachments.id, attachmentId), eq(documentTaskAttachments.taskId, taskId)));
  if (!attachment) throw notFound('Attachment', attachmentId);
  return {
    fileName: attachment.fileName,
    mimeType: attachment.mimeType ?? 'application/octet-stream',
    bytes: await readStoredBytes(attachment.storagePath),
  };
}

/** All tasks of a document, for those who may see them all (issuing organization, coordinators). */
export async function loadDocumentTasks(actor: Actor, documentId: string) {
  const document = await loadReadableDocument(actor, documentId);
  if (!canReadAllDocumentTasks(actor, document.organizationId))
    throw new AppError('FORBIDDEN', "Only the issuing organization and coordinators see all of a document's tasks");
  const db = await getDb();
  const rows = await selectTasks(db)
    .where(eq(documentTasks.documentId, documentId))
    .orderBy(asc(documentTasks.assignmentIndex), asc(owner.name));
  return { document, tasks: rows.map(toTaskView) };
}

/** Organizations × assignments of a document with each task's status: the coordinator's view. */
export async function getTaskMatrix({ actor, documentId }: { actor: Actor; documentId: string }) {
  const { document, tasks } = await loadDocumentTasks(actor, documentId);
  const parse = document.parse as StoredParse | null;
  const columns = (parse?.assignments ?? []).map((assignment, assignmentIndex) => ({
    assignmentIndex,
    clause: assignment.clause,
    task: assignment.task,
    dueOn: assignment.dueOn,
  }));
  const rowsByOrganization = new Map<
    string,
    { organization: { id: string; name: string }; cells: { assignmentIndex: number; taskId: string; status: TaskStatus }[] }
  >();
  for (const task of tasks) {
    const key = task.ownerOrganization.id;
    const entry =
      rowsByOrganization.get(key) ?? rowsByOrganization.set(key, { organization: task.ownerOrganization, cells: [] }).get(key)!;
    entry.cells.push({ assignmentIndex: task.assignmentIndex, taskId: task.id, status: task.status });
  }
  const totals: Record<string, number> = { not_started: 0, in_progress: 0, done: 0, overdue: 0 };
  for (const task of tasks) totals[task.status] = (totals[task.status] ?? 0) + 1;
  const rows = [...rowsByOrganization.values()].sort((a, b) => a.organization.name.localeCompare(b.organization.name, 'vi'));
  return { document: toDocumentView(document), columns, rows, totals };
}
