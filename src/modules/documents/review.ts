import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/actor';
import { users } from '../accounts';
import type { StoredAssignment, StoredParse, UpdateParseRequest } from './contracts';
import { dateInVietnam } from '../../platform/dates';
import { loadManageableDocument, loadReadableDocument, toDocumentView } from './documents';
import { currentSuccessors, organizationNames } from './organizations';
import { documentNotifications, documentTaskEvents, documentTasks, documents, type DocumentRow } from './schema';

function requireParsed(row: DocumentRow): { parse: StoredParse; rawText: string; repairedText: string } {
  if (!row.parse || row.rawText === null || row.repairedText === null) {
    throw new AppError('INVALID_STATE', `The document is ${row.status}; it has no parse yet`, {
      details: { status: row.status },
    });
  }
  return { parse: row.parse as StoredParse, rawText: row.rawText, repairedText: row.repairedText };
}

/** The parse with its spans, the raw (OCR) text and the repaired text, for review side by side. */
export async function getDocumentParse({ actor, documentId }: { actor: Actor; documentId: string }) {
  const row = await loadReadableDocument(actor, documentId);
  const { parse, rawText, repairedText } = requireParsed(row);
  return {
    documentId: row.id,
    status: row.status,
    rawText,
    repairedText,
    parse,
    original: (row.parseOriginal as StoredParse | null) ?? null,
    warnings: row.warnings,
    editedAt: row.editedAt?.toISOString() ?? null,
  };
}

/** Checks the named organizations exist and fills in their current successors from the directory. */
async function normalizeAssignments(assignments: StoredAssignment[]): Promise<StoredAssignment[]> {
  const ids = assignments.flatMap((assignment) =>
    assignment.agencies.map((agency) => agency.id).filter((id): id is string => Boolean(id)),
  );
  const names = await organizationNames(ids);
  const unknown = [...new Set(ids.filter((id) => !names.has(id)))];
  if (unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', `Unknown organizations: ${unknown.join(', ')}`, {
      invalidFields: unknown.map((id) => ({ path: 'json.assignments.agencies.id', message: `no organization ${id}` })),
    });
  }
  const successors = await currentSuccessors(ids, dateInVietnam());
  return assignments.map((assignment) => ({
    ...assignment,
    agencies: assignment.agencies.map((agency) =>
      agency.id
        ? { id: agency.id, name: agency.name || names.get(agency.id)!, successors: successors.get(agency.id) ?? [] }
        : { ...agency, successors: [] },
    ),
  }));
}

/**
 * Saves the officer's corrections: metadata fields, assignments (bodies, task text, due date, recurrence)
 * and the repaired text. The raw extracted text and the machine's original parse are never overwritten.
 */
export async function updateDocumentParse({
  actor,
  documentId,
  changes,
  requestId,
}: {
  actor: Actor;
  documentId: string;
  changes: UpdateParseRequest;
  requestId?: string;
}) {
  const row = await loadManageableDocument(actor, documentId);
  if (row.status !== 'ready')
    throw new AppError('INVALID_STATE', `The document is ${row.status}; only a parsed, unconfirmed document can be corrected`);
  const { parse } = requireParsed(row);
  const { repairedText, assignments, ...fields } = changes;
  const next: StoredParse = {
    ...parse,
    ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
  };
  if (assignments) next.assignments = await normalizeAssignments(assignments);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .update(documents)
      .set({
        parse: next,
        ...(repairedText !== undefined ? { repairedText } : {}),
        editedAt: new Date(),
        editedByUserId: actor.userId,
        updatedAt: new Date(),
      })
      .where(and(eq(documents.id, documentId), eq(documents.status, 'ready')));
    const changedKeys = Object.keys(changes);
    await recordAudit(tx, {
      actor,
      action: 'document.parse.update',
      entityType: 'document',
      entityId: documentId,
      organizationId: row.organizationId,
      before: Object.fromEntries(
        changedKeys.map((key) => [
          key,
          key === 'repairedText' ? `${row.repairedText?.length ?? 0} characters` : parse[key as keyof StoredParse],
        ]),
      ),
      after: Object.fromEntries(
        changedKeys.map((key) => [
          key,
          key === 'repairedText' ? `${repairedText?.length ?? 0} characters` : next[key as keyof StoredParse],
        ]),
      ),
      requestId,
    });
  });
  return getDocumentParse({ actor, documentId });
}

/**
 * Confirms the reviewed parse: one task per (assignment × organization). A body no longer in force keeps
 * the task as named, with its current successors listed, until a coordinator hands it on. Bodies without a
 * directory id cannot own a task and are reported as skipped.
 */
export async function confirmDocument({
  actor,
  documentId,
  requestId,
}: {
  actor: Actor;
  documentId: string;
  requestId?: string;
}) {
  const row = await loadManageableDocument(actor, documentId);
  if (row.status === 'confirmed') throw new AppError('INVALID_STATE', 'The document is already confirmed');
  if (row.status !== 'ready')
    throw new AppError('INVALID_STATE', `The document is ${row.status}; it can be confirmed once it is parsed`);
  const { parse } = requireParsed(row);
  if (parse.assignments.length === 0) {
    throw new AppError('UNPROCESSABLE', 'The document has no assignments; add them in the review before confirming', {
      details: { reason: 'NO_ASSIGNMENTS' },
    });
  }
  const today = dateInVietnam();
  const ids = parse.assignments.flatMap((assignment) =>
    assignment.agencies.map((agency) => agency.id).filter((id): id is string => Boolean(id)),
  );
  const names = await organizationNames(ids);
  const successors = await currentSuccessors(ids, today);
  const skipped: { clause: string; name: string }[] = [];
  const values: (typeof documentTasks.$inferInsert)[] = [];
  parse.assignments.forEach((assignment, assignmentIndex) => {
    const seen = new Set<string>();
    for (const agency of assignment.agencies) {
      if (!agency.id || !names.has(agency.id)) {
        skipped.push({ clause: assignment.clause, name: agency.name });
        continue;
      }
      if (seen.has(agency.id)) continue;
      seen.add(agency.id);
      values.push({
        documentId,
        assignmentIndex,
        clause: assignment.clause,
        assignedOrganizationId: agency.id,
        assignedOrganizationName: agency.name || names.get(agency.id)!,
        successors: successors.get(agency.id) ?? [],
        ownerOrganizationId: agency.id,
        task: assignment.task,
        dueOn: assignment.dueOn,
        recurrence: assignment.recurrence,
        evidence: assignment.evidence.text,
        status: assignment.dueOn && assignment.dueOn < today ? 'overdue' : 'not_started',
      });
    }
  });
  if (values.length === 0)
    throw new AppError('UNPROCESSABLE', 'No assignment names an organization of the directory', {
      details: { reason: 'NO_ORGANIZATIONS', skipped },
    });
  const db = await getDb();
  const created = await db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(documents)
      .set({ status: 'confirmed', confirmedAt: new Date(), confirmedByUserId: actor.userId, updatedAt: new Date() })
      .where(and(eq(documents.id, documentId), eq(documents.status, 'ready')))
      .returning();
    if (!claimed) throw new AppError('INVALID_STATE', 'The document was confirmed or changed meanwhile');
    const tasks: (typeof documentTasks.$inferSelect)[] = [];
    // Chunks keep each INSERT well under PostgreSQL's 65 535 parameters.
    for (let start = 0; start < values.length; start += 500) {
      tasks.push(
        ...(await tx
          .insert(documentTasks)
          .values(values.slice(start, start + 500))
          .onConflictDoNothing()
          .returning()),
      );
    }
    for (let start = 0; start < tasks.length; start += 1000) {
      await tx.insert(documentTaskEvents).values(
        tasks.slice(start, start + 1000).map((task) => ({
          taskId: task.id,
          actorUserId: actor.userId,
          actorEmail: actor.email,
          kind: 'created',
          after: { ownerOrganizationId: task.ownerOrganizationId, dueOn: task.dueOn, status: task.status },
        })),
      );
    }
    // Tell the users of each organization that it was given tasks (in app; reminders follow by mail).
    const owners = [...new Set(tasks.map((task) => task.ownerOrganizationId))];
    if (owners.length > 0) {
      const recipients = await tx
        .select({ id: users.id, organizationId: users.organizationId })
        .from(users)
        .where(and(inArray(users.organizationId, owners), eq(users.isActive, true)));
      const title = `${parse.type.name} ${parse.number ?? ''}`.trim();
      const notifications = recipients.map((user) => {
        const count = tasks.filter((task) => task.ownerOrganizationId === user.organizationId).length;
        return {
          userId: user.id,
          organizationId: user.organizationId,
          kind: 'assigned',
          title,
          body: `${count} nhiệm vụ mới được giao cho đơn vị của bạn. / ${count} new task(s) assigned to your organization.`,
          dedupeKey: `assigned:${documentId}:${user.id}`,
        };
      });
      for (let start = 0; start < notifications.length; start += 1000) {
        await tx
          .insert(documentNotifications)
          .values(notifications.slice(start, start + 1000))
          .onConflictDoNothing();
      }
    }
    await recordAudit(tx, {
      actor,
      action: 'document.confirm',
      entityType: 'document',
      entityId: documentId,
      organizationId: row.organizationId,
      after: { tasks: tasks.length, skipped },
      requestId,
    });
    return { document: claimed, tasks: tasks.length };
  });
  return { document: toDocumentView(created.document), tasksCreated: created.tasks, skipped };
}
