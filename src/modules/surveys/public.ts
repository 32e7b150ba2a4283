import { and, eq, gt, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { getDb } from '../../platform/db';
import { env } from '../../platform/env';
import { AppError, notFound } from '../../platform/errors';
import { keyedHash } from '../../platform/secret';
import type { Actor } from '../../platform/actor';
import { pruneAnswers, validateAnswers, type AnswerError, type Answers, type FormDefinition } from './form-model';
import { surveyCampaigns, surveyPublicResponses } from './schema';
import { loadCampaign } from './campaigns';
import { loadForm } from './forms';
import { assertCanManageSurveys } from './policies';

/** Abuse limits of the public link: answers per IP per hour, and the largest answer set accepted. */
export const publicLimits = { answersPerIpPerHour: 5, maxAnswerBytes: 32_000 };

/** Questions unauthenticated respondents cannot answer (files need an account to be stored). */
function publicDefinition(definition: FormDefinition): FormDefinition {
  return {
    sections: definition.sections.map((section) => ({
      ...section,
      questions: section.questions.filter((q) => q.type !== 'file'),
    })),
  };
}

async function loadPublicCampaign(token: string) {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) throw notFound('Survey', token);
  const db = await getDb();
  const [campaign] = await db.select().from(surveyCampaigns).where(eq(surveyCampaigns.publicToken, token));
  if (!campaign) throw notFound('Survey', token);
  const form = await loadForm(db, campaign.formId);
  return { campaign, form, definition: publicDefinition(form.definition) };
}

/** What the public link shows: title, deadline and the questions (without file questions). */
export async function getPublicSurvey({ token }: { token: string }) {
  const { campaign, form, definition } = await loadPublicCampaign(token);
  return {
    title: campaign.title,
    description: form.description,
    deadline: campaign.deadline.toISOString(),
    isOpen: campaign.status === 'open' && campaign.deadline > new Date(),
    definition,
  };
}

/**
 * Records an unauthenticated answer. Abuse limits: a honeypot field (bots fill it; the answer is silently
 * dropped), a size cap on the answers, and a per-IP hourly quota (RATE_LIMITED).
 */
export async function submitPublicAnswer({
  token,
  answers,
  respondentOrganization,
  honeypot,
  ip,
  now = new Date(),
}: {
  token: string;
  answers: Answers;
  respondentOrganization?: string;
  honeypot?: string;
  ip: string;
  now?: Date;
}): Promise<{ accepted: true }> {
  const { campaign, definition } = await loadPublicCampaign(token);
  if (honeypot) return { accepted: true };
  if (campaign.status !== 'open') throw new AppError('INVALID_STATE', 'The survey is closed');
  if (now > campaign.deadline)
    throw new AppError('DEADLINE_PASSED', 'The deadline has passed', { details: { deadline: campaign.deadline.toISOString() } });
  if (Buffer.byteLength(JSON.stringify(answers)) > publicLimits.maxAnswerBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `Answers exceed ${publicLimits.maxAnswerBytes} bytes`);
  }
  const errors: AnswerError[] = validateAnswers(definition, answers, { mode: 'submit' });
  if (errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', `${errors.length} answer(s) need attention`, {
      invalidFields: errors.map((e) => ({
        path: ['answers', e.questionId, ...(e.field ? [e.field] : [])].join('.'),
        message: `${e.label}: ${e.message}`,
      })),
      details: { errors },
    });
  }
  // Keyed hash with the deployment secret: enough for rate limits, useless to anyone reading the table.
  const ipHash = await keyedHash('public-survey-ip', ip);
  const db = await getDb();
  await db.transaction(async (tx) => {
    // One lock per address, so that parallel requests cannot all slip under the quota.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`survey-public:${ipHash}`}))`);
    const [recent] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(surveyPublicResponses)
      .where(
        and(eq(surveyPublicResponses.ipHash, ipHash), gt(surveyPublicResponses.submittedAt, new Date(now.getTime() - 3600_000))),
      );
    if ((recent?.count ?? 0) >= publicLimits.answersPerIpPerHour) {
      throw new AppError('RATE_LIMITED', 'Too many answers from this address; try again in an hour');
    }
    await tx.insert(surveyPublicResponses).values({
      campaignId: campaign.id,
      respondentOrganization: respondentOrganization?.slice(0, 300) ?? null,
      answers: pruneAnswers(definition, answers),
      ipHash,
      submittedAt: now,
    });
  });
  return { accepted: true };
}

/** The public link of a campaign and its QR code (PNG or SVG), for printing on the letter. */
export async function getPublicLinkQr({
  actor,
  campaignId,
  format,
}: {
  actor: Actor;
  campaignId: string;
  format: 'png' | 'svg';
}) {
  assertCanManageSurveys(actor, 'print public links');
  const campaign = await loadCampaign(await getDb(), campaignId);
  if (!campaign.publicToken) throw new AppError('INVALID_STATE', 'This campaign has no public link');
  const url = `${env.publicUrl.replace(/\/$/, '')}/s/${campaign.publicToken}`;
  if (format === 'svg')
    return {
      url,
      contentType: 'image/svg+xml',
      body: Buffer.from(await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })),
    };
  return {
    url,
    contentType: 'image/png',
    body: await QRCode.toBuffer(url, { type: 'png', width: 600, margin: 2, errorCorrectionLevel: 'M' }),
  };
}

/** Number of public answers of a campaign (their contents are in the export). */
export async function countPublicAnswers(campaignId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(surveyPublicResponses)
    .where(eq(surveyPublicResponses.campaignId, campaignId));
  return row?.count ?? 0;
}
