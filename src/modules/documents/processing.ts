import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { logger } from '../../platform/logger';
import { defineJob } from '../../platform/jobs';
import { extractDocumentText, ExtractionError, type ExtractionProgress } from './extract';
import { createReferenceDirectory, parseOfficialDocument, repairDocumentText, type ParsedOfficialDocument } from './parse';
import { processDocumentPayloadSchema, type StoredParse } from './contracts';
import { documents, type DocumentPhase } from './schema';
import { readStoredBytes } from './storage';

/** Failure codes of processing beyond the extraction codes (EMPTY_FILE, CORRUPT_FILE, …). */
export const processingFailures = {
  NOT_VIETNAMESE: {
    en: 'The document does not read as Vietnamese, so no duties could be extracted.',
    vi: 'Văn bản không phải tiếng Việt nên không trích xuất được nhiệm vụ.',
  },
  PROCESSING_FAILED: {
    en: 'Processing failed unexpectedly. Try again; if it fails again, report the file.',
    vi: 'Xử lý gặp lỗi không mong muốn. Hãy thử lại; nếu vẫn lỗi, hãy báo cáo tệp này.',
  },
} as const;

/** The parser's output reduced to what is stored and reviewed (clauses and assignments keep their spans). */
export function toStoredParse(parsed: ParsedOfficialDocument): StoredParse {
  return {
    type: { name: parsed.type.name, key: parsed.type.key },
    number: parsed.number,
    issuer: parsed.issuer,
    issuedOn: parsed.issuedOn,
    place: parsed.place,
    subject: parsed.subject,
    signer: parsed.signer,
    recipients: parsed.recipients.map((recipient) => ({ text: recipient.text, organizations: recipient.organizations })),
    clauses: parsed.clauses.map((clause) => ({
      ref: clause.ref,
      level: clause.level,
      text: clause.text,
      span: clause.span,
      parentRef: clause.parentRef,
    })),
    assignments: parsed.assignments.map((assignment) => ({
      clause: assignment.clause,
      agencies: assignment.agencies.map((agency) => ({ id: agency.id, name: agency.name, successors: agency.successors })),
      task: assignment.task,
      dueOn: assignment.dueOn,
      recurrence: assignment.recurrence,
      evidence: { text: assignment.evidence.text, span: assignment.evidence.span },
      source: assignment.source,
    })),
  };
}

/** The `nhip documents parse --json` shape (see docs/documents.md). */
export function toCliParse(parsed: ParsedOfficialDocument) {
  return {
    type: parsed.type.name,
    number: parsed.number,
    issuer: parsed.issuer?.name ?? null,
    issuedOn: parsed.issuedOn,
    place: parsed.place,
    subject: parsed.subject,
    signer: parsed.signer,
    recipients: parsed.recipients.map((recipient) => recipient.text),
    clauses: parsed.clauses.map((clause) => ({ ref: clause.ref, text: clause.text })),
    assignments: parsed.assignments.map((assignment) => ({
      clause: assignment.clause,
      agencies: assignment.agencies.map((agency) => ({
        id: agency.id,
        name: agency.name,
        successors: agency.successors.map((successor) => ({ id: successor.id, name: successor.name })),
      })),
      task: assignment.task,
      dueOn: assignment.dueOn,
      recurrence: assignment.recurrence,
      evidence: assignment.evidence.text,
    })),
    repairedText: parsed.repairedText,
  };
}

export interface AnalyzeDocumentOptions {
  bytes: Uint8Array;
  fileName?: string;
  mimeType?: string;
  onProgress?: (progress: ExtractionProgress) => void;
  onPhase?: (phase: DocumentPhase) => void;
}

/**
 * Extract → repair diacritics → parse, with no database: what the job and `nhip documents parse` share.
 * Throws `ExtractionError` for files that yield no text.
 */
export async function analyzeDocument({ bytes, fileName, mimeType, onProgress, onPhase }: AnalyzeDocumentOptions) {
  onPhase?.('extracting');
  const extracted = await extractDocumentText({ bytes, fileName, mimeType, onProgress });
  onPhase?.('repairing');
  const repairedText = repairDocumentText(extracted.text);
  onPhase?.('parsing');
  const parsed = parseOfficialDocument({
    text: extracted.text,
    directory: createReferenceDirectory(),
    repairText: () => repairedText,
  });
  return { extracted, parsed };
}

function failureOf(error: unknown): { code: string; en: string; vi: string } {
  if (error instanceof ExtractionError) return { code: error.code, en: error.messageEn, vi: error.messageVi };
  return { code: 'PROCESSING_FAILED', ...processingFailures.PROCESSING_FAILED };
}

/**
 * The `documents.process-document` job: runs the analysis of a queued document, storing progress (pages done
 * of total, phase) on its row. Either the whole result is stored (status ready) or none of it (status
 * failed with a code and messages); a document in any other state is left alone, so a redelivered job is a no-op.
 */
export async function processDocument({
  documentId,
  onProgress,
}: {
  documentId: string;
  /** Also told of each page and phase (the CLI prints them). */
  onProgress?: (progress: { phase: DocumentPhase; pagesDone?: number; pagesTotal?: number }) => void;
}): Promise<void> {
  const db = await getDb();
  const [claimed] = await db
    .update(documents)
    .set({
      status: 'processing',
      phase: 'extracting',
      pagesDone: 0,
      pagesTotal: 0,
      errorCode: null,
      errorMessage: null,
      errorMessageVi: null,
      updatedAt: new Date(),
    })
    .where(and(eq(documents.id, documentId), inArray(documents.status, ['queued', 'processing'])))
    .returning();
  if (!claimed) return;
  await db
    .update(documents)
    .set({ attempts: claimed.attempts + 1 })
    .where(eq(documents.id, documentId));

  // Progress events arrive synchronously from the extractor; writes are chained so they land in order.
  let progressWrites: Promise<unknown> = Promise.resolve();
  const writeProgress = (values: Partial<typeof documents.$inferInsert>) => {
    progressWrites = progressWrites
      .then(() =>
        db
          .update(documents)
          .set({ ...values, updatedAt: new Date() })
          .where(and(eq(documents.id, documentId), eq(documents.status, 'processing'))),
      )
      .catch((error: unknown) => logger.warn({ err: error, documentId }, 'progress update failed'));
  };
  try {
    const bytes = await readStoredBytes(claimed.storagePath);
    const { extracted, parsed } = await analyzeDocument({
      bytes,
      fileName: claimed.fileName,
      mimeType: claimed.mimeType ?? undefined,
      onProgress: (progress) => {
        writeProgress({ pagesDone: progress.completedPages, pagesTotal: progress.pageCount });
        onProgress?.({ phase: 'extracting', pagesDone: progress.completedPages, pagesTotal: progress.pageCount });
      },
      onPhase: (phase) => {
        writeProgress({ phase });
        onProgress?.({ phase });
      },
    });
    await progressWrites;
    if (parsed.warnings.some((warning) => warning.startsWith('NOT_VIETNAMESE'))) {
      await storeFailure(documentId, { code: 'NOT_VIETNAMESE', ...processingFailures.NOT_VIETNAMESE });
      return;
    }
    const stored = toStoredParse(parsed);
    await db
      .update(documents)
      .set({
        status: 'ready',
        phase: null,
        pagesDone: extracted.pages.length,
        pagesTotal: extracted.pages.length,
        extractionMethod: extracted.method,
        rawText: parsed.rawText,
        repairedText: parsed.repairedText,
        parseOriginal: stored,
        parse: stored,
        warnings: [...extracted.warnings, ...parsed.warnings],
        updatedAt: new Date(),
      })
      .where(and(eq(documents.id, documentId), eq(documents.status, 'processing')));
  } catch (error) {
    await progressWrites;
    if (!(error instanceof ExtractionError)) logger.error({ err: error, documentId }, 'document processing failed');
    await storeFailure(documentId, failureOf(error));
  }
}

async function storeFailure(documentId: string, failure: { code: string; en: string; vi: string }): Promise<void> {
  const db = await getDb();
  await db
    .update(documents)
    .set({
      status: 'failed',
      phase: null,
      errorCode: failure.code,
      errorMessage: failure.en,
      errorMessageVi: failure.vi,
      rawText: null,
      repairedText: null,
      parse: null,
      parseOriginal: null,
      warnings: [],
      updatedAt: new Date(),
    })
    .where(eq(documents.id, documentId));
}

/** Background processing of an uploaded document (extract → repair → parse); idempotent per document state. */
export const processDocumentJob = defineJob({
  name: 'documents.process-document',
  schema: processDocumentPayloadSchema,
  retryLimit: 2,
  // OCR of a long scan takes minutes; an expired job is retried and resumes from the document's state.
  expireInSeconds: 60 * 60,
  handler: async ({ documentId }) => processDocument({ documentId }),
});
