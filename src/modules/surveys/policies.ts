import { hasRoleAtLeast, type Actor } from '../../platform/actor';
import { AppError } from '../../platform/errors';

/** Coordinators (and administrators, the system) build forms, launch campaigns, reopen, extend and read results. */
export function canManageSurveys(actor: Actor): boolean {
  return hasRoleAtLeast(actor, 'coordinator');
}

export function assertCanManageSurveys(actor: Actor, what: string): void {
  if (!canManageSurveys(actor)) throw new AppError('FORBIDDEN', `Only coordinators may ${what}`);
}

/** Officers (and leaders) of the responding organization draft its answers. */
export function canDraftResponse(actor: Actor, organizationId: string): boolean {
  return actor.organizationId === organizationId && hasRoleAtLeast(actor, 'officer');
}

/** Only a leader of the responding organization commits it by submitting. */
export function canSubmitResponse(actor: Actor, organizationId: string): boolean {
  return actor.organizationId === organizationId && hasRoleAtLeast(actor, 'leader');
}

export function canReadResponse(actor: Actor, organizationId: string): boolean {
  return actor.organizationId === organizationId || canManageSurveys(actor);
}

/**
 * Contact blocks are personal data: only the coordinating organization (the campaign's owner) and the
 * responding organization see them; other network-wide readers get them redacted.
 */
export function canSeeContacts(actor: Actor, ownerOrganizationId: string, organizationId: string): boolean {
  return actor.kind === 'system' || actor.organizationId === ownerOrganizationId || actor.organizationId === organizationId;
}
