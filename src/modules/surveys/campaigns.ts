import crypto from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { getDb, type Executor } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/actor';
import { listOrganizations, organizations } from '../agencies';
import * as network from '../network';
import { campaignTargetSchema, type CampaignTarget, type FormDefinition } from './form-model';
import {
  surveyCampaignTargets,
  surveyCampaigns,
  surveyResponses,
  type SurveyCampaign,
  type SurveyCampaignTarget,
} from './schema';
import { assertCanManageSurveys, canManageSurveys } from './policies';
import { loadForm, seedSurveyTemplates } from './forms';
import { formatVietnameseDate } from './dates';
import { dateInVietnam } from '../../platform/dates';
import { notifyOrganizations } from './notifications';

export interface CampaignView {
  id: string;
  title: string;
  formId: string;
  formKey: string;
  formVersion: number;
  formTitle: string;
  ownerOrganizationId: string;
  target: CampaignTarget;
  deadline: string;
  reminderDays: number[];
  status: 'open' | 'closed';
  isPublic: boolean;
  publicToken: string | null;
  launchedAt: string;
  targetCount: number;
  submittedCount: number;
}

export async function loadCampaign(db: Executor, campaignId: string): Promise<SurveyCampaign> {
  if (!/^[0-9a-f-]{36}$/i.test(campaignId)) throw notFound('Campaign', campaignId);
  const [campaign] = await db.select().from(surveyCampaigns).where(eq(surveyCampaigns.id, campaignId));
  if (!campaign) throw notFound('Campaign', campaignId);
  return campaign;
}

export async function loadTarget(db: Executor, campaignId: string, organizationId: string): Promise<SurveyCampaignTarget> {
  const [target] = await db
    .select()
    .from(surveyCampaignTargets)
    .where(and(eq(surveyCampaignTargets.campaignId, campaignId), eq(surveyCampaignTargets.organizationId, organizationId)));
  if (!target)
    throw new AppError('NOT_FOUND', `Organization ${organizationId} is not addressed by campaign ${campaignId}`, {
      details: { campaignId, organizationId },
    });
  return target;
}

/** The deadline that applies to one organization: its own extension, else the campaign's. */
export function effectiveDeadline(campaign: SurveyCampaign, target: SurveyCampaignTarget): Date {
  return target.deadlineOverride ?? campaign.deadline;
}

async function toCampaignViews(db: Executor, campaigns: SurveyCampaign[], actor: Actor): Promise<CampaignView[]> {
  if (campaigns.length === 0) return [];
  const ids = campaigns.map((c) => c.id);
  const counts = await db
    .select({
      campaignId: surveyCampaignTargets.campaignId,
      targets: sql<number>`count(*)::int`,
      submitted: sql<number>`count(${surveyResponses.id}) FILTER (WHERE ${surveyResponses.status} = 'submitted')::int`,
    })
    .from(surveyCampaignTargets)
    .leftJoin(
      surveyResponses,
      and(
        eq(surveyResponses.campaignId, surveyCampaignTargets.campaignId),
        eq(surveyResponses.organizationId, surveyCampaignTargets.organizationId),
      ),
    )
    .where(inArray(surveyCampaignTargets.campaignId, ids))
    .groupBy(surveyCampaignTargets.campaignId);
  const countById = new Map(counts.map((row) => [row.campaignId, row]));
  const formIds = [...new Set(campaigns.map((c) => c.formId))];
  const forms = new Map<string, { key: string; version: number; title: string }>();
  for (const formId of formIds) {
    const form = await loadForm(db, formId);
    forms.set(formId, { key: form.key, version: form.version, title: form.title });
  }
  return campaigns.map((campaign) => {
    const form = forms.get(campaign.formId)!;
    const count = countById.get(campaign.id);
    return {
      id: campaign.id,
      title: campaign.title,
      formId: campaign.formId,
      formKey: form.key,
      formVersion: form.version,
      formTitle: form.title,
      ownerOrganizationId: campaign.ownerOrganizationId,
      target: campaign.target,
      deadline: campaign.deadline.toISOString(),
      reminderDays: campaign.reminderDays,
      status: campaign.status,
      isPublic: campaign.publicToken !== null,
      // The public token is shown to the people who manage the campaign (they print the QR code).
      publicToken: canManageSurveys(actor) ? campaign.publicToken : null,
      launchedAt: campaign.launchedAt.toISOString(),
      targetCount: count?.targets ?? 0,
      submittedCount: count?.submitted ?? 0,
    };
  });
}

/** Resolves whom a campaign addresses, on the target's date (so merged provinces are not asked twice). */
export async function resolveTargetOrganizations(
  actor: Actor,
  target: CampaignTarget,
): Promise<{ id: string; name: string; kind: string }[]> {
  const on = target.on ?? dateInVietnam();
  const found = new Map<string, { id: string; name: string; kind: string }>();
  if (target.kinds.length > 0) {
    for (const org of await listOrganizations({ kind: target.kinds, on, limit: 5000 }))
      found.set(org.id, { id: org.id, name: org.name, kind: org.kind });
  }
  for (const key of target.groupKeys) {
    // Groups ("all provinces", custom lists) are the network's; members are those in force on the date.
    const group = await network.resolveGroupMembers({ actor, key, on });
    for (const member of group.members) found.set(member.id, { id: member.id, name: member.name, kind: member.kind });
  }
  if (target.organizationIds.length > 0) {
    const db = await getDb();
    const rows = await db.select().from(organizations).where(inArray(organizations.id, target.organizationIds));
    const known = new Set(rows.map((row) => row.id));
    const missing = target.organizationIds.filter((id) => !known.has(id));
    if (missing.length > 0) {
      throw new AppError('VALIDATION_FAILED', `Unknown organizations: ${missing.join(', ')}`, {
        invalidFields: missing.map((id) => ({
          path: `target.organizationIds.${target.organizationIds.indexOf(id)}`,
          message: `unknown organization ${id}`,
        })),
      });
    }
    for (const row of rows) found.set(row.id, { id: row.id, name: row.name, kind: row.kind });
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

export interface LaunchCampaignInput {
  formId: string;
  title?: string;
  target: CampaignTarget;
  deadline: string;
  reminderDays?: number[];
  isPublic?: boolean;
}

/** Launches a campaign: freezes its target list, notifies every addressed organization. Coordinators only. */
export async function launchCampaign({
  actor,
  input,
  requestId,
  now = new Date(),
}: {
  actor: Actor;
  input: LaunchCampaignInput;
  requestId?: string;
  now?: Date;
}): Promise<CampaignView> {
  assertCanManageSurveys(actor, 'launch campaigns');
  if (!actor.organizationId && actor.kind !== 'system')
    throw new AppError('FORBIDDEN', 'A campaign is launched on behalf of an organization');
  await seedSurveyTemplates();
  const target = campaignTargetSchema.parse(input.target);
  const deadline = new Date(input.deadline);
  if (Number.isNaN(deadline.getTime()))
    throw new AppError('VALIDATION_FAILED', 'Invalid deadline', { invalidFields: [{ path: 'deadline', message: 'not a date' }] });
  if (deadline <= now)
    throw new AppError('VALIDATION_FAILED', 'The deadline must be in the future', {
      invalidFields: [{ path: 'deadline', message: 'in the past' }],
    });
  const db = await getDb();
  const form = await loadForm(db, input.formId);
  if (input.isPublic && !form.allowsPublic) {
    throw new AppError('VALIDATION_FAILED', 'This form does not allow unauthenticated answers', {
      invalidFields: [{ path: 'isPublic', message: 'form does not allow public answers' }],
    });
  }
  const resolvedTarget = { ...target, on: target.on ?? dateInVietnam(now) };
  const targets = await resolveTargetOrganizations(actor, resolvedTarget);
  if (targets.length === 0)
    throw new AppError('VALIDATION_FAILED', 'The target addresses no organization', {
      invalidFields: [{ path: 'target', message: 'no organization' }],
    });
  const title = input.title ?? form.title;
  const campaign = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(surveyCampaigns)
      .values({
        formId: form.id,
        title,
        ownerOrganizationId: actor.organizationId ?? 'system',
        createdByUserId: actor.userId,
        target: resolvedTarget,
        deadline,
        reminderDays: [...new Set(input.reminderDays ?? [7, 3, 1])].sort((a, b) => b - a),
        publicToken: input.isPublic ? crypto.randomBytes(18).toString('base64url') : null,
        launchedAt: now,
      })
      .returning();
    await tx.insert(surveyCampaignTargets).values(
      targets.map((org) => ({
        campaignId: row!.id,
        organizationId: org.id,
        organizationName: org.name,
        organizationKind: org.kind,
      })),
    );
    await notifyOrganizations(tx, {
      campaignId: row!.id,
      organizationIds: targets.map((org) => org.id),
      kind: 'launched',
      subject: `[Nhịp] ${title}`,
      message: `Đề nghị cơ quan trả lời "${title}" trước ngày ${formatVietnameseDate(deadline)}.`,
    });
    await recordAudit(tx, {
      actor,
      action: 'survey-campaign.launch',
      entityType: 'survey-campaign',
      entityId: row!.id,
      organizationId: actor.organizationId,
      after: { title, formId: form.id, target: resolvedTarget, deadline: deadline.toISOString(), targets: targets.length },
      requestId,
    });
    return row!;
  });
  return (await toCampaignViews(db, [campaign], actor))[0]!;
}

/** Coordinators see every campaign; members see the campaigns that address their organization. */
export async function listCampaigns({ actor }: { actor: Actor }): Promise<CampaignView[]> {
  const db = await getDb();
  const rows = canManageSurveys(actor)
    ? await db.select().from(surveyCampaigns).orderBy(desc(surveyCampaigns.launchedAt)).limit(500)
    : await db
        .select({ campaign: surveyCampaigns })
        .from(surveyCampaigns)
        .innerJoin(surveyCampaignTargets, eq(surveyCampaignTargets.campaignId, surveyCampaigns.id))
        .where(eq(surveyCampaignTargets.organizationId, actor.organizationId ?? ''))
        .orderBy(desc(surveyCampaigns.launchedAt))
        .then((joined) => joined.map((row) => row.campaign));
  return toCampaignViews(db, rows, actor);
}

export interface CampaignDetail extends CampaignView {
  definition: FormDefinition;
  /** For members of an addressed organization: the deadline that applies to them. */
  myDeadline: string | null;
}

export async function getCampaign({ actor, campaignId }: { actor: Actor; campaignId: string }): Promise<CampaignDetail> {
  const db = await getDb();
  const campaign = await loadCampaign(db, campaignId);
  let myDeadline: string | null = null;
  const [mine] = await db
    .select()
    .from(surveyCampaignTargets)
    .where(
      and(eq(surveyCampaignTargets.campaignId, campaignId), eq(surveyCampaignTargets.organizationId, actor.organizationId ?? '')),
    );
  if (mine) myDeadline = effectiveDeadline(campaign, mine).toISOString();
  else if (!canManageSurveys(actor)) throw notFound('Campaign', campaignId);
  const form = await loadForm(db, campaign.formId);
  const [view] = await toCampaignViews(db, [campaign], actor);
  return { ...view!, definition: form.definition, myDeadline };
}

/** Moves the deadline for everyone, or for one organization (an extension granted by the coordinator). */
export async function extendDeadline({
  actor,
  campaignId,
  deadline,
  organizationId,
  requestId,
  now = new Date(),
}: {
  actor: Actor;
  campaignId: string;
  deadline: string;
  organizationId?: string;
  requestId?: string;
  now?: Date;
}): Promise<CampaignView> {
  assertCanManageSurveys(actor, 'extend deadlines');
  const newDeadline = new Date(deadline);
  if (Number.isNaN(newDeadline.getTime()) || newDeadline <= now) {
    throw new AppError('VALIDATION_FAILED', 'The new deadline must be a future date', {
      invalidFields: [{ path: 'deadline', message: 'must be in the future' }],
    });
  }
  const db = await getDb();
  const campaign = await loadCampaign(db, campaignId);
  await db.transaction(async (tx) => {
    if (organizationId) {
      const target = await loadTarget(tx, campaignId, organizationId);
      await tx
        .update(surveyCampaignTargets)
        .set({ deadlineOverride: newDeadline })
        .where(and(eq(surveyCampaignTargets.campaignId, campaignId), eq(surveyCampaignTargets.organizationId, organizationId)));
      await recordAudit(tx, {
        actor,
        action: 'survey-campaign.extend',
        entityType: 'survey-campaign',
        entityId: campaignId,
        organizationId,
        before: { deadline: effectiveDeadline(campaign, target).toISOString() },
        after: { deadline: newDeadline.toISOString() },
        requestId,
      });
    } else {
      await tx.update(surveyCampaigns).set({ deadline: newDeadline }).where(eq(surveyCampaigns.id, campaignId));
      await recordAudit(tx, {
        actor,
        action: 'survey-campaign.extend',
        entityType: 'survey-campaign',
        entityId: campaignId,
        before: { deadline: campaign.deadline.toISOString() },
        after: { deadline: newDeadline.toISOString() },
        requestId,
      });
    }
    const addressed = organizationId
      ? [organizationId]
      : (
          await tx
            .select({ id: surveyCampaignTargets.organizationId })
            .from(surveyCampaignTargets)
            .where(eq(surveyCampaignTargets.campaignId, campaignId))
        ).map((r) => r.id);
    await notifyOrganizations(tx, {
      campaignId,
      organizationIds: addressed,
      kind: 'extended',
      subject: `[Nhịp] Gia hạn: ${campaign.title}`,
      message: `Thời hạn trả lời "${campaign.title}" được gia hạn đến ngày ${formatVietnameseDate(newDeadline)}.`,
    });
  });
  return (await toCampaignViews(db, [await loadCampaign(db, campaignId)], actor))[0]!;
}

/** Closes a campaign: no more drafts or submissions. */
export async function closeCampaign({
  actor,
  campaignId,
  requestId,
}: {
  actor: Actor;
  campaignId: string;
  requestId?: string;
}): Promise<CampaignView> {
  assertCanManageSurveys(actor, 'close campaigns');
  const db = await getDb();
  await loadCampaign(db, campaignId);
  await db.transaction(async (tx) => {
    await tx.update(surveyCampaigns).set({ status: 'closed' }).where(eq(surveyCampaigns.id, campaignId));
    await recordAudit(tx, {
      actor,
      action: 'survey-campaign.close',
      entityType: 'survey-campaign',
      entityId: campaignId,
      after: { status: 'closed' },
      requestId,
    });
  });
  return (await toCampaignViews(db, [await loadCampaign(db, campaignId)], actor))[0]!;
}

export type BoardStatus = 'not-started' | 'draft' | 'submitted';

export interface BoardRow {
  organizationId: string;
  organizationName: string;
  organizationKind: string;
  status: BoardStatus;
  version: number;
  updatedAt: string | null;
  submittedAt: string | null;
  deadline: string;
  isExtended: boolean;
}

/** The live board: every addressed organization with submitted / draft / not started. */
export async function getProgressBoard({ actor, campaignId }: { actor: Actor; campaignId: string }) {
  assertCanManageSurveys(actor, 'read the progress board');
  const db = await getDb();
  const campaign = await loadCampaign(db, campaignId);
  const rows = await db
    .select({ target: surveyCampaignTargets, response: surveyResponses })
    .from(surveyCampaignTargets)
    .leftJoin(
      surveyResponses,
      and(
        eq(surveyResponses.campaignId, surveyCampaignTargets.campaignId),
        eq(surveyResponses.organizationId, surveyCampaignTargets.organizationId),
      ),
    )
    .where(eq(surveyCampaignTargets.campaignId, campaignId));
  // Vietnamese alphabetical order (Đ after D), which the database's C collation does not give.
  rows.sort((a, b) => a.target.organizationName.localeCompare(b.target.organizationName, 'vi'));
  const board: BoardRow[] = rows.map(({ target, response }) => ({
    organizationId: target.organizationId,
    organizationName: target.organizationName,
    organizationKind: target.organizationKind,
    status: response ? response.status : 'not-started',
    version: response?.version ?? 0,
    updatedAt: response?.updatedAt.toISOString() ?? null,
    submittedAt: response?.submittedAt?.toISOString() ?? null,
    deadline: effectiveDeadline(campaign, target).toISOString(),
    isExtended: target.deadlineOverride !== null,
  }));
  const totals = { total: board.length, submitted: 0, draft: 0, notStarted: 0 };
  for (const row of board) {
    if (row.status === 'submitted') totals.submitted++;
    else if (row.status === 'draft') totals.draft++;
    else totals.notStarted++;
  }
  return { campaignId, title: campaign.title, deadline: campaign.deadline.toISOString(), totals, rows: board };
}

/**
 * Reminds every addressed organization that has not submitted. `dedupeKey` (e.g. the cron's day) makes a
 * repeated run a no-op; a manual reminder passes none and always notifies.
 */
export async function remindLaggards({
  actor,
  campaignId,
  dedupeKey,
  requestId,
}: {
  actor: Actor;
  campaignId: string;
  dedupeKey?: string;
  requestId?: string;
}): Promise<{ reminded: number }> {
  assertCanManageSurveys(actor, 'send reminders');
  const db = await getDb();
  const campaign = await loadCampaign(db, campaignId);
  if (campaign.status !== 'open') throw new AppError('INVALID_STATE', 'The campaign is closed');
  const laggards = await db
    .select({ organizationId: surveyCampaignTargets.organizationId, target: surveyCampaignTargets })
    .from(surveyCampaignTargets)
    .leftJoin(
      surveyResponses,
      and(
        eq(surveyResponses.campaignId, surveyCampaignTargets.campaignId),
        eq(surveyResponses.organizationId, surveyCampaignTargets.organizationId),
      ),
    )
    .where(
      and(
        eq(surveyCampaignTargets.campaignId, campaignId),
        sql`(${surveyResponses.status} IS NULL OR ${surveyResponses.status} <> 'submitted')`,
      ),
    );
  const reminded = await db.transaction(async (tx) => {
    const count = await notifyOrganizations(tx, {
      campaignId,
      organizationIds: laggards.map((row) => row.organizationId),
      kind: 'reminder',
      dedupeKey,
      subject: `[Nhịp] Nhắc: ${campaign.title}`,
      message: `Nhắc: cơ quan chưa gửi "${campaign.title}"; hạn ngày ${formatVietnameseDate(campaign.deadline)}.`,
    });
    if (count > 0) {
      await recordAudit(tx, {
        actor,
        action: 'survey-campaign.remind',
        entityType: 'survey-campaign',
        entityId: campaignId,
        after: { reminded: count },
        requestId,
      });
    }
    return count;
  });
  return { reminded };
}
