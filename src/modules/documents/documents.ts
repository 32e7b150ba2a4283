import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { env } from '../../platform/env';
import { recordAudit } from '../../platform/audit';
import { enqueueJob } from '../../platform/jobs';
import { isNetworkWide, type Actor } from '../../platform/actor';
import { detectFileType, ExtractionError } from './extract';
import type { DocumentView, StoredParse } from './contracts';
import { canManageDocument, canReadDocument } from './policies';
import { processDocumentJob } from './processing';
import { documentTasks, documents, type DocumentRow } from './schema';
import { storeBytes } from './storage';

/** The API view of a document row (never the texts: those come with the parse). */
export function toDocumentView(row: DocumentRow): DocumentView {
  const parse = row.parse as StoredParse | null;
  return {
    id: row.id,
    organizationId: row.organizationId,
    uploadedByUserId: row.uploadedByUserId,
    source: row.source,
    fileName: row.fileName,
    mimeType: row.mimeType,
    byteSize: row.byteSize,
    contentHash: row.contentHash,
    status: row.status,
    phase: row.phase,
    progress: { pagesDone: row.pagesDone, pagesTotal: row.pagesTotal },
    error: row.errorCode ? { code: row.errorCode, message: row.errorMessage ?? '', messageVi: row.errorMessageVi } : null,
    attempts: row.attempts,
    extractionMethod: row.extractionMethod,
    warnings: row.warnings,
    summary: parse
      ? {
          type: parse.type.name,
          number: parse.number,
          issuedOn: parse.issuedOn,
          subject: parse.subject,
          assignments: parse.assignments.length,
        }
      : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
  };
}

async function isAssignedTo(documentId: string, organizationId: string | null): Promise<boolean> {
  if (!organizationId) return false;
  const db = await getDb();
  const [row] = await db
    .select({ id: documentTasks.id })
    .from(documentTasks)
    .where(
      and(
        eq(documentTasks.documentId, documentId),
        or(eq(documentTasks.ownerOrganizationId, organizationId), eq(documentTasks.assignedOrganizationId, organizationId)),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** Loads a document the actor may read, or fails with NOT_FOUND (no hint that it exists) / FORBIDDEN. */
export async function loadReadableDocument(actor: Actor, documentId: string): Promise<DocumentRow> {
  const db = await getDb();
  const [row] = await db.select().from(documents).where(eq(documents.id, documentId));
  if (!row) throw notFound('Document', documentId);
  if (!canReadDocument(actor, row.organizationId, await isAssignedTo(row.id, actor.organizationId)))
    throw notFound('Document', documentId);
  return row;
}

/** Loads a document the actor may edit and confirm. */
export async function loadManageableDocument(actor: Actor, documentId: string): Promise<DocumentRow> {
  const row = await loadReadableDocument(actor, documentId);
  if (!canManageDocument(actor, row.organizationId))
    throw new AppError('FORBIDDEN', 'Only officers of the owning organization may change this document');
  return row;
}

export interface UploadDocumentOptions {
  actor: Actor;
  bytes: Uint8Array;
  fileName: string;
  mimeType?: string | null;
  source: 'file' | 'text';
  /** The owning organization; defaults to the actor's (network-wide actors and the CLI may choose). */
  organizationId?: string;
  requestId?: string;
}

/**
 * Stores an uploaded file (content-addressed under the data dir) and queues its processing, in one
 * transaction with the row. The same bytes uploaded again by the same organization return the same
 * document; a failed one is queued again.
 */
export async function uploadDocument({
  actor,
  bytes,
  fileName,
  mimeType,
  source,
  organizationId,
  requestId,
}: UploadDocumentOptions) {
  const ownerId = organizationId && isNetworkWide(actor) ? organizationId : actor.organizationId;
  if (!ownerId) throw new AppError('BAD_REQUEST', 'Choose the organization that owns the document');
  if (!canManageDocument(actor, ownerId)) throw new AppError('FORBIDDEN', 'Only officers may upload documents');
  if (bytes.length === 0 || (source === 'text' && new TextDecoder().decode(bytes).trim() === '')) {
    throw new ExtractionError('EMPTY_FILE').toAppError();
  }
  if (bytes.length > env.http.maxUploadBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', `The file exceeds ${env.http.maxUploadBytes} bytes`);
  const detected = detectFileType(bytes);
  if (detected.kind === 'unsupported')
    throw new ExtractionError('UNSUPPORTED_TYPE', { detected: detected.description }).toAppError();

  const { contentHash, storagePath } = await storeBytes(bytes);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(documents)
      .values({
        organizationId: ownerId,
        uploadedByUserId: actor.userId,
        contentHash,
        source,
        fileName: fileName.normalize('NFC').slice(0, 200),
        mimeType: mimeType ?? null,
        byteSize: bytes.length,
        storagePath,
      })
      .onConflictDoNothing()
      .returning();
    if (inserted) {
      await enqueueJob(processDocumentJob, { documentId: inserted.id }, { tx, singletonKey: inserted.id });
      await recordAudit(tx, {
        actor,
        action: 'document.upload',
        entityType: 'document',
        entityId: inserted.id,
        organizationId: ownerId,
        after: { fileName, contentHash, source },
        requestId,
      });
      return { document: toDocumentView(inserted), isNew: true };
    }
    const [existing] = await tx
      .select()
      .from(documents)
      .where(and(eq(documents.organizationId, ownerId), eq(documents.contentHash, contentHash)));
    if (!existing) throw new AppError('CONFLICT', 'The document was removed while uploading; try again');
    if (existing.status === 'failed') return { document: await requeue(tx, actor, existing, requestId), isNew: false };
    return { document: toDocumentView(existing), isNew: false };
  });
}

type Transaction = Parameters<Parameters<Awaited<ReturnType<typeof getDb>>['transaction']>[0]>[0];

async function requeue(tx: Transaction, actor: Actor, row: DocumentRow, requestId?: string): Promise<DocumentView> {
  const [queued] = await tx
    .update(documents)
    .set({
      status: 'queued',
      phase: null,
      pagesDone: 0,
      pagesTotal: 0,
      errorCode: null,
      errorMessage: null,
      errorMessageVi: null,
      updatedAt: new Date(),
    })
    .where(and(eq(documents.id, row.id), eq(documents.status, 'failed')))
    .returning();
  if (!queued) throw new AppError('INVALID_STATE', 'Only a failed document can be retried');
  await enqueueJob(processDocumentJob, { documentId: row.id }, { tx, singletonKey: row.id });
  await recordAudit(tx, {
    actor,
    action: 'document.retry',
    entityType: 'document',
    entityId: row.id,
    organizationId: row.organizationId,
    requestId,
  });
  return toDocumentView(queued);
}

/** Queues a failed document for processing again. */
export async function retryDocument({
  actor,
  documentId,
  requestId,
}: {
  actor: Actor;
  documentId: string;
  requestId?: string;
}): Promise<DocumentView> {
  const row = await loadManageableDocument(actor, documentId);
  if (row.status !== 'failed')
    throw new AppError('INVALID_STATE', `The document is ${row.status}; only a failed document can be retried`);
  const db = await getDb();
  return db.transaction((tx) => requeue(tx, actor, row, requestId));
}

/** One document with its processing state and progress (the UI polls this). */
export async function getDocument({ actor, documentId }: { actor: Actor; documentId: string }): Promise<DocumentView> {
  return toDocumentView(await loadReadableDocument(actor, documentId));
}

/** Documents of the actor's organization (network-wide roles see all, or one organization's). */
export async function listDocuments({
  actor,
  organizationId,
  limit = 200,
}: {
  actor: Actor;
  organizationId?: string;
  limit?: number;
}): Promise<DocumentView[]> {
  const db = await getDb();
  const filter = isNetworkWide(actor)
    ? organizationId
      ? eq(documents.organizationId, organizationId)
      : undefined
    : inArray(
        documents.id,
        sql`(SELECT id FROM documents WHERE organization_id = ${actor.organizationId ?? ''}
             UNION SELECT document_id FROM document_tasks WHERE owner_organization_id = ${actor.organizationId ?? ''} OR assigned_organization_id = ${actor.organizationId ?? ''})`,
      );
  const rows = await db.select().from(documents).where(filter).orderBy(desc(documents.createdAt)).limit(Math.min(limit, 1000));
  return rows.map(toDocumentView);
}
