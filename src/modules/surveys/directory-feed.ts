import { getDb } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/actor';
import * as network from '../network';
import { listQuestions, type ContactAnswer, type DirectoryField } from './form-model';
import { assertCanManageSurveys } from './policies';
import { loadCampaign, loadTarget } from './campaigns';
import { loadForm } from './forms';
import { loadSubmittedAnswers } from './responses';

type ContactValue = { fullName: string; position: string | null; phone: string | null; email: string | null } | null;

export interface DirectoryChange {
  field: DirectoryField;
  questionId: string;
  current: string | number | boolean | ContactValue;
  proposed: string | number | boolean | ContactValue;
  isChanged: boolean;
}

function contactFrom(answer: ContactAnswer): ContactValue {
  return {
    fullName: answer.fullName.trim(),
    position: answer.position.trim() || null,
    phone: answer.phone.trim() || null,
    email: answer.email.trim().toLowerCase() || null,
  };
}

async function loadProposal(actor: Actor, campaignId: string, organizationId: string) {
  assertCanManageSurveys(actor, 'update the directory from answers');
  const db = await getDb();
  const campaign = await loadCampaign(db, campaignId);
  await loadTarget(db, campaignId, organizationId);
  const form = await loadForm(db, campaign.formId);
  const submitted = (await loadSubmittedAnswers(db, campaignId)).get(organizationId);
  if (!submitted) throw new AppError('INVALID_STATE', 'The organization has not submitted an answer yet');
  const profile = await network.getNetworkProfile({ actor, organizationId });
  const contacts = await network.listContacts({ actor, organizationId });
  const firstContact = (role: 'focal-point' | 'spokesperson') => contacts.find((contact) => contact.role === role);
  const currentOf = (field: DirectoryField): DirectoryChange['current'] => {
    switch (field) {
      case 'unitIsDedicated':
        return profile.unit.isDedicated;
      case 'unitName':
        return profile.unit.name;
      case 'staffDedicated':
        return profile.unit.staffDedicated;
      case 'staffPartTime':
        return profile.unit.staffPartTime;
      case 'focalPoint':
      case 'spokesperson': {
        const contact = firstContact(field === 'focalPoint' ? 'focal-point' : 'spokesperson');
        return contact
          ? { fullName: contact.fullName, position: contact.position, phone: contact.phone, email: contact.email }
          : null;
      }
    }
  };
  const changes: DirectoryChange[] = [];
  for (const question of listQuestions(form.definition)) {
    if (!question.directoryField) continue;
    const answer = submitted.answers[question.id];
    if (answer === undefined || answer === null) continue;
    const proposed = question.type === 'contact' ? contactFrom(answer as ContactAnswer) : (answer as string | number | boolean);
    const current = currentOf(question.directoryField);
    changes.push({
      field: question.directoryField,
      questionId: question.id,
      current,
      proposed,
      isChanged: JSON.stringify(current) !== JSON.stringify(proposed),
    });
  }
  return { changes, firstContact };
}

/** What the submitted answer would change in the organization's network profile (unit, staff, contacts). */
export async function previewDirectoryUpdate({
  actor,
  campaignId,
  organizationId,
}: {
  actor: Actor;
  campaignId: string;
  organizationId: string;
}) {
  const { changes } = await loadProposal(actor, campaignId, organizationId);
  return { organizationId, changes };
}

/**
 * Applies the confirmed fields of a submitted answer to the network directory through the network module
 * (each change audited there); contacts replace the organization's first focal point / spokesperson.
 */
export async function applyDirectoryUpdate({
  actor,
  campaignId,
  organizationId,
  fields,
  requestId,
}: {
  actor: Actor;
  campaignId: string;
  organizationId: string;
  fields: DirectoryField[];
  requestId?: string;
}) {
  const { changes, firstContact } = await loadProposal(actor, campaignId, organizationId);
  const confirmed = changes.filter((change) => fields.includes(change.field) && change.isChanged);
  const profileChanges: NonNullable<Parameters<typeof network.updateNetworkProfile>[0]['changes']> = {};
  for (const change of confirmed) {
    if (change.field === 'unitIsDedicated') profileChanges.isDedicated = change.proposed as boolean;
    if (change.field === 'unitName') profileChanges.unitName = change.proposed as string;
    if (change.field === 'staffDedicated') profileChanges.staffDedicated = change.proposed as number;
    if (change.field === 'staffPartTime') profileChanges.staffPartTime = change.proposed as number;
  }
  if (Object.keys(profileChanges).length > 0)
    await network.updateNetworkProfile({ actor, organizationId, changes: profileChanges, requestId });
  for (const change of confirmed) {
    if (change.field !== 'focalPoint' && change.field !== 'spokesperson') continue;
    const role = change.field === 'focalPoint' ? 'focal-point' : 'spokesperson';
    const proposed = change.proposed as NonNullable<ContactValue>;
    if (!proposed.fullName) continue;
    const existing = firstContact(role);
    if (existing) await network.updateContact({ actor, organizationId, contactId: existing.id, changes: proposed, requestId });
    else await network.createContact({ actor, organizationId, input: { role, ...proposed }, requestId });
  }
  const db = await getDb();
  await recordAudit(db, {
    actor,
    action: 'survey-response.apply-to-directory',
    entityType: 'survey-campaign',
    entityId: campaignId,
    organizationId,
    after: { fields: confirmed.map((change) => change.field) },
    requestId,
  });
  return {
    organizationId,
    applied: confirmed.map((change) => change.field),
    profile: await network.getNetworkProfile({ actor, organizationId }),
  };
}
