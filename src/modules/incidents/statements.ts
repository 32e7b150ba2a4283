import { and, eq } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/actor';
import { buildAdminDocument, type AdminBlock } from '../../platform/admin-document';
import { organizations } from '../agencies';
import {
  statementInputSchema,
  statementReviewSchema,
  statementUpdateSchema,
  type StatementInput,
  type StatementReviewInput,
  type StatementView,
} from './contracts';
import { assertCanApproveStatement, assertCanHandleIncident } from './policies';
import { incidentStatements, incidents, type Statement } from './schema';
import { appendTimeline, loadIncident, loadUserRefs, memberRoleOf, toStatementView } from './views';

async function statementView(row: Statement): Promise<StatementView> {
  return toStatementView(row, await loadUserRefs([row.authorUserId, row.approvedByUserId]));
}

async function loadStatement(actor: Actor, incidentId: string, statementId: string) {
  const loaded = await loadIncident(actor, incidentId);
  const db = await getDb();
  const [statement] = await db
    .select()
    .from(incidentStatements)
    .where(and(eq(incidentStatements.id, statementId), eq(incidentStatements.incidentId, incidentId)));
  if (!statement) throw notFound('Statement', statementId);
  return { ...loaded, statement };
}

/** Drafts a holding statement (thông cáo báo chí) or a press response (trả lời báo chí). */
export async function draftStatement({
  actor,
  incidentId,
  input,
  requestId,
}: {
  actor: Actor;
  incidentId: string;
  input: StatementInput;
  requestId?: string;
}): Promise<StatementView> {
  const data = statementInputSchema.parse(input);
  const { incident } = await loadIncident(actor, incidentId);
  assertCanHandleIncident(actor, incident.organizationId);
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(incidentStatements)
      .values({
        incidentId,
        kind: data.kind,
        title: data.title,
        body: data.body,
        addressee: data.addressee ?? null,
        authorUserId: actor.userId,
      })
      .returning();
    await appendTimeline(tx, {
      incidentId,
      kind: 'statement_drafted',
      actor,
      data: { statementId: created!.id, kind: data.kind, title: data.title },
    });
    await tx.update(incidents).set({ updatedAt: new Date() }).where(eq(incidents.id, incidentId));
    await recordAudit(tx, {
      actor,
      action: 'incidents.statement.draft',
      entityType: 'incident_statement',
      entityId: created!.id,
      organizationId: incident.organizationId,
      after: created,
      requestId,
    });
    return created!;
  });
  return statementView(row);
}

/** Edits a draft; a submitted or approved text is frozen (return it to draft first). */
export async function updateStatement({
  actor,
  incidentId,
  statementId,
  input,
  requestId,
}: {
  actor: Actor;
  incidentId: string;
  statementId: string;
  input: Partial<Omit<StatementInput, 'kind'>>;
  requestId?: string;
}): Promise<StatementView> {
  const changes = statementUpdateSchema.parse(input);
  const { incident, statement } = await loadStatement(actor, incidentId, statementId);
  assertCanHandleIncident(actor, incident.organizationId);
  if (statement.status !== 'draft')
    throw new AppError('INVALID_STATE', `A ${statement.status} statement cannot be edited`, {
      details: { status: statement.status },
    });
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(incidentStatements)
      .set({ ...changes, updatedAt: new Date() })
      .where(and(eq(incidentStatements.id, statementId), eq(incidentStatements.status, 'draft')))
      .returning();
    if (!updated) throw new AppError('CONFLICT', 'The statement changed meanwhile; reload it');
    await recordAudit(tx, {
      actor,
      action: 'incidents.statement.update',
      entityType: 'incident_statement',
      entityId: statementId,
      organizationId: incident.organizationId,
      before: statement,
      after: updated,
      requestId,
    });
    return updated;
  });
  return statementView(row);
}

/** Sends a draft to a leader or the spokesperson for approval. */
export async function submitStatement({
  actor,
  incidentId,
  statementId,
  requestId,
}: {
  actor: Actor;
  incidentId: string;
  statementId: string;
  requestId?: string;
}): Promise<StatementView> {
  const { incident, statement } = await loadStatement(actor, incidentId, statementId);
  assertCanHandleIncident(actor, incident.organizationId);
  if (statement.status !== 'draft')
    throw new AppError('INVALID_STATE', `A ${statement.status} statement cannot be submitted`, {
      details: { status: statement.status },
    });
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(incidentStatements)
      .set({ status: 'submitted', submittedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(incidentStatements.id, statementId), eq(incidentStatements.status, 'draft')))
      .returning();
    if (!updated) throw new AppError('CONFLICT', 'The statement changed meanwhile; reload it');
    await appendTimeline(tx, { incidentId, kind: 'statement_submitted', actor, data: { statementId, title: statement.title } });
    await recordAudit(tx, {
      actor,
      action: 'incidents.statement.submit',
      entityType: 'incident_statement',
      entityId: statementId,
      organizationId: incident.organizationId,
      before: { status: statement.status },
      after: { status: 'submitted' },
      requestId,
    });
    return updated;
  });
  return statementView(row);
}

/**
 * Approves a submitted statement (the text is then frozen and can be exported) or returns it to draft with a
 * comment. Only a leader of the owning organization or the task force's spokesperson decides, never the author.
 */
export async function reviewStatement({
  actor,
  incidentId,
  statementId,
  input,
  requestId,
}: {
  actor: Actor;
  incidentId: string;
  statementId: string;
  input: StatementReviewInput;
  requestId?: string;
}): Promise<StatementView> {
  const review = statementReviewSchema.parse(input);
  const { incident, statement } = await loadStatement(actor, incidentId, statementId);
  assertCanApproveStatement(actor, {
    organizationId: incident.organizationId,
    memberRole: await memberRoleOf(actor, incidentId),
    authorUserId: statement.authorUserId,
  });
  if (statement.status !== 'submitted')
    throw new AppError('INVALID_STATE', `Only a submitted statement is reviewed (this one is ${statement.status})`, {
      details: { status: statement.status },
    });
  if (review.decision === 'return' && !review.comment)
    throw new AppError('VALIDATION_FAILED', 'Say what to change', {
      invalidFields: [{ path: 'comment', message: 'required when returning a statement' }],
    });
  const approver = actor.userId ? (await loadUserRefs([actor.userId])).get(actor.userId) : undefined;
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    const set: Partial<typeof incidentStatements.$inferInsert> =
      review.decision === 'approve'
        ? {
            status: 'approved',
            approvedByUserId: actor.userId,
            approvedAt: new Date(),
            signerName: review.signerName ?? approver?.displayName ?? '',
            signerCapacity: review.signerCapacity ?? 'NGƯỜI PHÁT NGÔN',
            reviewComment: review.comment ?? null,
          }
        : { status: 'draft', submittedAt: null, reviewComment: review.comment! };
    const [updated] = await tx
      .update(incidentStatements)
      .set({ ...set, updatedAt: new Date() })
      .where(and(eq(incidentStatements.id, statementId), eq(incidentStatements.status, 'submitted')))
      .returning();
    if (!updated) throw new AppError('CONFLICT', 'The statement changed meanwhile; reload it');
    await appendTimeline(tx, {
      incidentId,
      kind: review.decision === 'approve' ? 'statement_approved' : 'statement_returned',
      actor,
      body: review.comment ?? null,
      data: { statementId, title: statement.title },
    });
    await recordAudit(tx, {
      actor,
      action: `incidents.statement.${review.decision}`,
      entityType: 'incident_statement',
      entityId: statementId,
      organizationId: incident.organizationId,
      before: { status: statement.status },
      after: { status: updated.status, comment: review.comment },
      requestId,
    });
    return updated;
  });
  return statementView(row);
}

/** "Tỉnh Tuyên Quang" → "Tuyên Quang": the place of issue of a province's documents; ministries issue in Hà Nội. */
export function placeOfIssue(organization: { name: string; kind: string }): string {
  const match = /^(Tỉnh|Thành phố)\s+(.+)$/u.exec(organization.name);
  return organization.kind === 'province' && match ? match[2]! : 'Hà Nội';
}

function paragraphs(text: string): AdminBlock[] {
  return text
    .split(/\n\s*\n|\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) =>
      /^[-•]\s+/.test(line)
        ? { kind: 'paragraph' as const, text: line.replace(/^[-•]\s+/, '- ') }
        : { kind: 'paragraph' as const, text: line },
    );
}

/**
 * The approved text as DOCX in the Decree 30/2020/NĐ-CP format: a holding statement as "THÔNG CÁO BÁO CHÍ", a
 * press response as an official letter ("V/v …", "Kính gửi: <outlet>"). The number is left blank for the clerk.
 */
export async function exportStatementDocx({
  actor,
  incidentId,
  statementId,
  place,
  now = new Date(),
}: {
  actor: Actor;
  incidentId: string;
  statementId: string;
  place?: string;
  now?: Date;
}): Promise<{ fileName: string; bytes: Uint8Array<ArrayBuffer> }> {
  const { incident, statement } = await loadStatement(actor, incidentId, statementId);
  if (statement.status !== 'approved')
    throw new AppError('INVALID_STATE', 'Only an approved statement is exported', { details: { status: statement.status } });
  const db = await getDb();
  const [organization] = await db
    .select({ name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(eq(organizations.id, incident.organizationId));
  const issuer = organization ?? { name: incident.organizationId, kind: 'other' };
  const isStatement = statement.kind === 'holding_statement';
  const body: AdminBlock[] = [
    ...(!isStatement && statement.addressee
      ? [{ kind: 'paragraph' as const, text: `Kính gửi: ${statement.addressee}`, isBold: true }]
      : []),
    ...paragraphs(statement.body),
  ];
  const bytes = await buildAdminDocument({
    issuingBody: { name: issuer.name },
    numberSymbol: isStatement ? '     /TCBC' : '     /',
    place: place ?? placeOfIssue(issuer),
    date: statement.approvedAt ?? now,
    ...(isStatement ? { documentType: 'THÔNG CÁO BÁO CHÍ' } : {}),
    title: statement.title,
    body,
    recipients: isStatement ? ['Các cơ quan báo chí;', 'Lưu: VT.'] : ['Như trên;', 'Lưu: VT.'],
    signature: { capacity: statement.signerCapacity ?? 'NGƯỜI PHÁT NGÔN', signerName: statement.signerName ?? '' },
  });
  const prefix = isStatement ? 'thong-cao' : 'tra-loi-bao-chi';
  return {
    fileName: `${prefix}-${statement.id.slice(0, 8)}.docx`,
    bytes: new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer),
  };
}
