import { and, asc, eq, inArray } from 'drizzle-orm';
import { getDb, type Executor } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/actor';
import {
  listQuestions,
  pruneAnswers,
  validateAnswers,
  type AnswerError,
  type Answers,
  type FileAnswer,
  type FormDefinition,
} from './form-model';
import { surveyResponseVersions, surveyResponses, surveyUploads, type SurveyCampaign, type SurveyResponse } from './schema';
import { canDraftResponse, canReadResponse, canSeeContacts, canSubmitResponse, assertCanManageSurveys } from './policies';
import { effectiveDeadline, loadCampaign, loadTarget } from './campaigns';
import { loadForm } from './forms';
import { notifyOrganizations } from './notifications';

export type ResponseStatus = 'not-started' | 'draft' | 'submitted';

export interface ResponseView {
  campaignId: string;
  organizationId: string;
  status: ResponseStatus;
  version: number;
  answers: Answers;
  updatedAt: string | null;
  updatedByUserId: string | null;
  submittedAt: string | null;
  reopenedAt: string | null;
  deadline: string;
  isPastDeadline: boolean;
  canEdit: boolean;
  canSubmit: boolean;
  /** Contact blocks were hidden because the reader is neither the coordinating nor the responding organization. */
  contactsRedacted: boolean;
}

/** Replaces contact blocks (personal data) with null for readers outside the two organizations concerned. */
export function redactContacts(definition: FormDefinition, answers: Answers): Answers {
  const redacted: Answers = { ...answers };
  for (const question of listQuestions(definition)) {
    if (question.type === 'contact' && question.id in redacted) redacted[question.id] = null;
  }
  return redacted;
}

function toResponseView(options: {
  actor: Actor;
  campaign: SurveyCampaign;
  definition: FormDefinition;
  organizationId: string;
  response: SurveyResponse | undefined;
  deadline: Date;
  now: Date;
}): ResponseView {
  const { actor, campaign, definition, organizationId, response, deadline, now } = options;
  const mayContacts = canSeeContacts(actor, campaign.ownerOrganizationId, organizationId);
  const answers = response?.answers ?? {};
  const isOpen = campaign.status === 'open';
  return {
    campaignId: campaign.id,
    organizationId,
    status: response?.status ?? 'not-started',
    version: response?.version ?? 0,
    answers: mayContacts ? answers : redactContacts(definition, answers),
    updatedAt: response?.updatedAt.toISOString() ?? null,
    updatedByUserId: response?.updatedByUserId ?? null,
    submittedAt: response?.submittedAt?.toISOString() ?? null,
    reopenedAt: response?.reopenedAt?.toISOString() ?? null,
    deadline: deadline.toISOString(),
    isPastDeadline: now > deadline,
    canEdit: isOpen && response?.status !== 'submitted' && canDraftResponse(actor, organizationId),
    canSubmit: isOpen && response?.status !== 'submitted' && canSubmitResponse(actor, organizationId) && now <= deadline,
    contactsRedacted: !mayContacts,
  };
}

async function loadResponse(
  db: Executor,
  campaignId: string,
  organizationId: string,
  forUpdate = false,
): Promise<SurveyResponse | undefined> {
  const query = db
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.campaignId, campaignId), eq(surveyResponses.organizationId, organizationId)));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

async function loadContext(db: Executor, campaignId: string, organizationId: string) {
  const campaign = await loadCampaign(db, campaignId);
  const target = await loadTarget(db, campaignId, organizationId);
  const form = await loadForm(db, campaign.formId);
  return { campaign, target, definition: form.definition, deadline: effectiveDeadline(campaign, target) };
}

/** One organization's response (its working copy), or an empty "not started" one. */
export async function getResponse({
  actor,
  campaignId,
  organizationId,
  now = new Date(),
}: {
  actor: Actor;
  campaignId: string;
  organizationId: string;
  now?: Date;
}): Promise<ResponseView> {
  if (!canReadResponse(actor, organizationId))
    throw new AppError('FORBIDDEN', 'You may read only your own organization’s response');
  const db = await getDb();
  const { campaign, definition, deadline } = await loadContext(db, campaignId, organizationId);
  const response = await loadResponse(db, campaignId, organizationId);
  return toResponseView({ actor, campaign, definition, organizationId, response, deadline, now });
}

function answerErrorsToFields(errors: AnswerError[]) {
  return errors.map((error) => ({
    path: ['answers', error.questionId, ...(error.field ? [error.field] : [])].join('.'),
    message: `${error.label}: ${error.message}`,
  }));
}

function failValidation(errors: AnswerError[], message: string): never {
  throw new AppError('VALIDATION_FAILED', message, { invalidFields: answerErrorsToFields(errors), details: { errors } });
}

/** Stale write: answer 409 with the server's copy so the UI can show both and let the user choose. */
function conflict(
  actor: Actor,
  campaign: SurveyCampaign,
  definition: FormDefinition,
  current: SurveyResponse | undefined,
  sentVersion: number,
): never {
  const mayContacts = canSeeContacts(actor, campaign.ownerOrganizationId, current?.organizationId ?? '');
  throw new AppError(
    'CONFLICT',
    `The response was changed by someone else (version ${current?.version ?? 0}, you sent ${sentVersion})`,
    {
      details: {
        sentVersion,
        current: current
          ? {
              version: current.version,
              status: current.status,
              answers: mayContacts ? current.answers : redactContacts(definition, current.answers),
              updatedAt: current.updatedAt.toISOString(),
              updatedByUserId: current.updatedByUserId,
            }
          : { version: 0, status: 'not-started', answers: {}, updatedAt: null, updatedByUserId: null },
      },
    },
  );
}

/** File answers must point at uploads of this campaign and organization, for that question. */
async function assertUploadsBelong(
  db: Executor,
  campaignId: string,
  organizationId: string,
  definition: FormDefinition,
  answers: Answers,
): Promise<void> {
  const files = listQuestions(definition)
    .filter((question) => question.type === 'file' && answers[question.id])
    .map((question) => ({ question, answer: answers[question.id] as FileAnswer }));
  if (files.length === 0) return;
  const rows = await db
    .select()
    .from(surveyUploads)
    .where(
      and(
        eq(surveyUploads.campaignId, campaignId),
        eq(surveyUploads.organizationId, organizationId),
        inArray(
          surveyUploads.id,
          files.map((f) => f.answer.uploadId),
        ),
      ),
    );
  const errors: AnswerError[] = [];
  for (const { question, answer } of files) {
    const row = rows.find((r) => r.id === answer.uploadId);
    if (!row || row.questionId !== question.id) {
      errors.push({
        questionId: question.id,
        label: question.label,
        code: 'WRONG_TYPE',
        message: 'the file was not uploaded for this question',
      });
    }
  }
  if (errors.length > 0) failValidation(errors, 'Some files do not belong to this response');
}

/**
 * Saves a draft (autosave). `version` is the version the client started from (0 for a new response); a stale
 * version fails with CONFLICT carrying the current server copy, so two officers never overwrite each other.
 */
export async function saveDraft({
  actor,
  campaignId,
  organizationId,
  version,
  answers,
  requestId,
  now = new Date(),
}: {
  actor: Actor;
  campaignId: string;
  organizationId: string;
  version: number;
  answers: Answers;
  requestId?: string;
  now?: Date;
}): Promise<ResponseView> {
  if (!canDraftResponse(actor, organizationId))
    throw new AppError('FORBIDDEN', 'Only officers and leaders of the organization may answer for it');
  const db = await getDb();
  const { campaign, definition, deadline } = await loadContext(db, campaignId, organizationId);
  if (campaign.status !== 'open') throw new AppError('INVALID_STATE', 'The campaign is closed');
  const errors = validateAnswers(definition, answers, { mode: 'draft' });
  if (errors.length > 0) failValidation(errors, 'Some answers have the wrong type');
  await assertUploadsBelong(db, campaignId, organizationId, definition, answers);
  const saved = await db.transaction(async (tx) => {
    const current = await loadResponse(tx, campaignId, organizationId, true);
    if ((current?.version ?? 0) !== version) conflict(actor, campaign, definition, current, version);
    if (current?.status === 'submitted') {
      throw new AppError('INVALID_STATE', 'The response has been submitted; ask the coordinator to reopen it', {
        details: { status: 'submitted' },
      });
    }
    let row: SurveyResponse;
    if (!current) {
      // A concurrent first save by another officer hits the unique key: report it as the conflict it is.
      const inserted = await tx
        .insert(surveyResponses)
        .values({
          campaignId,
          organizationId,
          status: 'draft',
          version: 1,
          answers,
          updatedByUserId: actor.userId,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!inserted[0]) conflict(actor, campaign, definition, await loadResponse(tx, campaignId, organizationId), version);
      row = inserted[0];
    } else {
      [row] = (await tx
        .update(surveyResponses)
        .set({ answers, version: current.version + 1, updatedByUserId: actor.userId, updatedAt: now })
        .where(eq(surveyResponses.id, current.id))
        .returning()) as [SurveyResponse];
    }
    await tx
      .insert(surveyResponseVersions)
      .values({ responseId: row.id, version: row.version, event: 'draft', answers, savedByUserId: actor.userId, savedAt: now });
    if (!current) {
      await recordAudit(tx, {
        actor,
        action: 'survey-response.start',
        entityType: 'survey-response',
        entityId: row.id,
        organizationId,
        requestId,
      });
    }
    return row;
  });
  return toResponseView({ actor, campaign, definition, organizationId, response: saved, deadline, now });
}

/**
 * Submits the organization's answers (a leader). Fails with DEADLINE_PASSED after the deadline that applies
 * (unless the coordinator extended it), with VALIDATION_FAILED naming every question at fault, and with
 * CONFLICT when the response moved on since `version`. Answers to hidden questions are dropped.
 */
export async function submitResponse({
  actor,
  campaignId,
  organizationId,
  version,
  answers: sentAnswers,
  requestId,
  now = new Date(),
}: {
  actor: Actor;
  campaignId: string;
  organizationId: string;
  version: number;
  answers?: Answers;
  requestId?: string;
  now?: Date;
}): Promise<ResponseView> {
  if (!canSubmitResponse(actor, organizationId))
    throw new AppError('FORBIDDEN', 'Only a leader of the organization may submit its response');
  const db = await getDb();
  const { campaign, definition, deadline } = await loadContext(db, campaignId, organizationId);
  if (campaign.status !== 'open') throw new AppError('INVALID_STATE', 'The campaign is closed');
  if (now > deadline) {
    throw new AppError(
      'DEADLINE_PASSED',
      `The deadline (${deadline.toISOString()}) has passed; ask the coordinator for an extension`,
      {
        details: { deadline: deadline.toISOString() },
      },
    );
  }
  const submitted = await db.transaction(async (tx) => {
    const current = await loadResponse(tx, campaignId, organizationId, true);
    if ((current?.version ?? 0) !== version) conflict(actor, campaign, definition, current, version);
    if (current?.status === 'submitted')
      throw new AppError('INVALID_STATE', 'The response is already submitted', { details: { status: 'submitted' } });
    const answers = sentAnswers ?? current?.answers ?? {};
    const errors = validateAnswers(definition, answers, { mode: 'submit' });
    if (errors.length > 0) failValidation(errors, `${errors.length} answer(s) need attention before submission`);
    const kept = pruneAnswers(definition, answers);
    await assertUploadsBelong(tx, campaignId, organizationId, definition, kept);
    const values = {
      status: 'submitted' as const,
      answers: kept,
      updatedByUserId: actor.userId,
      updatedAt: now,
      submittedAt: now,
      submittedByUserId: actor.userId,
    };
    const [row] = current
      ? await tx
          .update(surveyResponses)
          .set({ ...values, version: current.version + 1 })
          .where(eq(surveyResponses.id, current.id))
          .returning()
      : await tx
          .insert(surveyResponses)
          .values({ ...values, campaignId, organizationId, version: 1 })
          .returning();
    await tx.insert(surveyResponseVersions).values({
      responseId: row!.id,
      version: row!.version,
      event: 'submit',
      answers: kept,
      savedByUserId: actor.userId,
      savedAt: now,
    });
    await recordAudit(tx, {
      actor,
      action: 'survey-response.submit',
      entityType: 'survey-response',
      entityId: row!.id,
      organizationId,
      after: { version: row!.version },
      requestId,
    });
    return row!;
  });
  return toResponseView({ actor, campaign, definition, organizationId, response: submitted, deadline, now });
}

/** The coordinator reopens a submitted response so that the organization can change it; the submission stays in the history. */
export async function reopenResponse({
  actor,
  campaignId,
  organizationId,
  reason,
  requestId,
  now = new Date(),
}: {
  actor: Actor;
  campaignId: string;
  organizationId: string;
  reason?: string;
  requestId?: string;
  now?: Date;
}): Promise<ResponseView> {
  assertCanManageSurveys(actor, 'reopen responses');
  const db = await getDb();
  const { campaign, definition, deadline } = await loadContext(db, campaignId, organizationId);
  const reopened = await db.transaction(async (tx) => {
    const current = await loadResponse(tx, campaignId, organizationId, true);
    if (!current || current.status !== 'submitted')
      throw new AppError('INVALID_STATE', 'Only a submitted response can be reopened');
    const [row] = await tx
      .update(surveyResponses)
      .set({ status: 'draft', version: current.version + 1, reopenedAt: now, updatedAt: now, updatedByUserId: actor.userId })
      .where(eq(surveyResponses.id, current.id))
      .returning();
    await tx.insert(surveyResponseVersions).values({
      responseId: row!.id,
      version: row!.version,
      event: 'reopen',
      answers: current.answers,
      savedByUserId: actor.userId,
      savedAt: now,
    });
    await notifyOrganizations(tx, {
      campaignId,
      organizationIds: [organizationId],
      kind: 'reopened',
      subject: `[Nhịp] Mở lại: ${campaign.title}`,
      message: `Cơ quan điều phối đã mở lại phiếu trả lời "${campaign.title}" để cơ quan chỉnh sửa${reason ? `: ${reason}` : ''}.`,
    });
    await recordAudit(tx, {
      actor,
      action: 'survey-response.reopen',
      entityType: 'survey-response',
      entityId: row!.id,
      organizationId,
      after: { version: row!.version, reason },
      requestId,
    });
    return row!;
  });
  return toResponseView({ actor, campaign, definition, organizationId, response: reopened, deadline, now });
}

/** Every saved version of a response (drafts, submissions, reopenings), oldest first. */
export async function listResponseVersions({
  actor,
  campaignId,
  organizationId,
}: {
  actor: Actor;
  campaignId: string;
  organizationId: string;
}) {
  if (!canReadResponse(actor, organizationId))
    throw new AppError('FORBIDDEN', 'You may read only your own organization’s response');
  const db = await getDb();
  const { campaign, definition } = await loadContext(db, campaignId, organizationId);
  const response = await loadResponse(db, campaignId, organizationId);
  if (!response) return [];
  const mayContacts = canSeeContacts(actor, campaign.ownerOrganizationId, organizationId);
  const rows = await db
    .select()
    .from(surveyResponseVersions)
    .where(eq(surveyResponseVersions.responseId, response.id))
    .orderBy(asc(surveyResponseVersions.version));
  return rows.map((row) => ({
    version: row.version,
    event: row.event,
    answers: mayContacts ? row.answers : redactContacts(definition, row.answers),
    savedByUserId: row.savedByUserId,
    savedAt: row.savedAt.toISOString(),
  }));
}

/** The last submitted answers of every organization of a campaign (reopened responses keep their last submission). */
export async function loadSubmittedAnswers(
  db: Executor,
  campaignId: string,
): Promise<Map<string, { answers: Answers; submittedAt: Date; version: number }>> {
  const rows = await db
    .select({
      organizationId: surveyResponses.organizationId,
      version: surveyResponseVersions.version,
      answers: surveyResponseVersions.answers,
      savedAt: surveyResponseVersions.savedAt,
    })
    .from(surveyResponseVersions)
    .innerJoin(surveyResponses, eq(surveyResponses.id, surveyResponseVersions.responseId))
    .where(and(eq(surveyResponses.campaignId, campaignId), eq(surveyResponseVersions.event, 'submit')))
    .orderBy(asc(surveyResponseVersions.version));
  const latest = new Map<string, { answers: Answers; submittedAt: Date; version: number }>();
  for (const row of rows)
    latest.set(row.organizationId, { answers: row.answers, submittedAt: row.savedAt, version: row.version });
  return latest;
}
