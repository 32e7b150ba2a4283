import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { env } from '../../platform/env';
import { AppError, notFound } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/actor';
import { listQuestions, type FileAnswer } from './form-model';
import { surveyUploads } from './schema';
import { canDraftResponse, canReadResponse } from './policies';
import { loadCampaign, loadTarget } from './campaigns';
import { loadForm } from './forms';

/** Content types accepted per extension; a file whose declared type disagrees with its name is refused. */
const contentTypes: Record<string, string[]> = {
  pdf: ['application/pdf'],
  doc: ['application/msword'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  xls: ['application/vnd.ms-excel'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  jpg: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  png: ['image/png'],
  txt: ['text/plain'],
  csv: ['text/csv', 'text/plain'],
};

/** Magic numbers of binary formats, so that a renamed executable is not stored as a PDF. */
function hasExpectedSignature(extension: string, bytes: Buffer): boolean {
  const startsWith = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  switch (extension) {
    case 'pdf':
      return startsWith(0x25, 0x50, 0x44, 0x46);
    case 'docx':
    case 'xlsx':
      return startsWith(0x50, 0x4b, 0x03, 0x04);
    case 'doc':
    case 'xls':
      return startsWith(0xd0, 0xcf, 0x11, 0xe0);
    case 'png':
      return startsWith(0x89, 0x50, 0x4e, 0x47);
    case 'jpg':
    case 'jpeg':
      return startsWith(0xff, 0xd8, 0xff);
    default:
      return true;
  }
}

export function uploadsDir(): string {
  return path.join(env.dataDir, 'uploads', 'surveys');
}

/**
 * Stores a file answering a file question, after checking the question, the extension the question accepts,
 * the declared content type, the file's signature and its size. Returns the value to put in the answers.
 */
export async function uploadAnswerFile({
  actor,
  campaignId,
  organizationId,
  questionId,
  fileName,
  contentType,
  bytes,
  requestId,
}: {
  actor: Actor;
  campaignId: string;
  organizationId: string;
  questionId: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
  requestId?: string;
}): Promise<FileAnswer> {
  if (!canDraftResponse(actor, organizationId))
    throw new AppError('FORBIDDEN', 'Only officers and leaders of the organization may answer for it');
  const db = await getDb();
  const campaign = await loadCampaign(db, campaignId);
  await loadTarget(db, campaignId, organizationId);
  if (campaign.status !== 'open') throw new AppError('INVALID_STATE', 'The campaign is closed');
  const form = await loadForm(db, campaign.formId);
  const question = listQuestions(form.definition).find((q) => q.id === questionId);
  const field = [{ path: 'questionId', message: 'not a file question of this form' }];
  if (!question || question.type !== 'file')
    throw new AppError('VALIDATION_FAILED', `Question ${questionId} does not take files`, { invalidFields: field });
  const safeName =
    path
      .basename(fileName)
      .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
      .slice(0, 200) || 'file';
  const extension = safeName.includes('.') ? safeName.split('.').pop()!.toLowerCase() : '';
  if (!question.accept.includes(extension)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${question.label}: accepted file types are ${question.accept.join(', ')}`, {
      invalidFields: [{ path: 'file', message: `accepted: ${question.accept.join(', ')}` }],
    });
  }
  const declared = contentType.split(';')[0]!.trim().toLowerCase();
  const allowedTypes = contentTypes[extension];
  if (
    (allowedTypes && declared && declared !== 'application/octet-stream' && !allowedTypes.includes(declared)) ||
    !hasExpectedSignature(extension, bytes)
  ) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${question.label}: the file content is not a .${extension} file`, {
      invalidFields: [{ path: 'file', message: 'content does not match its type' }],
    });
  }
  const limit = Math.min(question.maxBytes, env.http.maxUploadBytes);
  if (bytes.length > limit) {
    throw new AppError('PAYLOAD_TOO_LARGE', `${question.label}: the file exceeds ${limit} bytes`, {
      invalidFields: [{ path: 'file', message: `at most ${limit} bytes` }],
    });
  }
  if (bytes.length === 0)
    throw new AppError('VALIDATION_FAILED', 'The file is empty', { invalidFields: [{ path: 'file', message: 'empty' }] });
  const id = crypto.randomUUID();
  const relative = path.join(campaignId, id);
  const absolute = path.join(uploadsDir(), relative);
  await fs.mkdir(path.dirname(absolute), { recursive: true });
  await fs.writeFile(absolute, bytes, { mode: 0o640 });
  const storedType = allowedTypes?.[0] ?? 'application/octet-stream';
  await db.transaction(async (tx) => {
    await tx.insert(surveyUploads).values({
      id,
      campaignId,
      organizationId,
      questionId,
      fileName: safeName,
      contentType: storedType,
      sizeBytes: bytes.length,
      storagePath: relative,
      uploadedByUserId: actor.userId,
    });
    await recordAudit(tx, {
      actor,
      action: 'survey-upload.create',
      entityType: 'survey-upload',
      entityId: id,
      organizationId,
      after: { fileName: safeName, sizeBytes: bytes.length },
      requestId,
    });
  });
  return { uploadId: id, fileName: safeName, sizeBytes: bytes.length, contentType: storedType };
}

/** Reads an uploaded file for the organization that answered or a coordinator. */
export async function readAnswerFile({ actor, campaignId, uploadId }: { actor: Actor; campaignId: string; uploadId: string }) {
  const db = await getDb();
  if (!/^[0-9a-f-]{36}$/i.test(uploadId)) throw notFound('File', uploadId);
  const [row] = await db
    .select()
    .from(surveyUploads)
    .where(and(eq(surveyUploads.id, uploadId), eq(surveyUploads.campaignId, campaignId)));
  if (!row || !canReadResponse(actor, row.organizationId)) throw notFound('File', uploadId);
  const bytes = await fs.readFile(path.join(uploadsDir(), row.storagePath));
  return { fileName: row.fileName, contentType: row.contentType, bytes };
}
