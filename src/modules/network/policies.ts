import { canReadOrganizationRecord, isNetworkWide, type Actor } from '../../platform/actor';
import { AppError } from '../../platform/errors';

/**
 * Who may do what in the network. Contacts are personal data: any signed-in member of the network may
 * read them (that is what a directory of focal points is for), signed-out visitors never.
 */
export function canReadContacts(actor: Actor | null): actor is Actor {
  return actor !== null;
}

/** Officers and leaders keep their own organization's profile current; coordinators and admins any. */
export function canEditNetworkProfile(actor: Actor, organizationId: string): boolean {
  if (isNetworkWide(actor)) return true;
  return actor.organizationId === organizationId && (actor.role === 'officer' || actor.role === 'leader');
}

export function assertCanEditNetworkProfile(actor: Actor, organizationId: string): void {
  if (!canEditNetworkProfile(actor, organizationId)) {
    throw new AppError('FORBIDDEN', `You may not edit the network profile of ${organizationId}`, { details: { organizationId } });
  }
}

/** Announcements and custom groups are the coordination tools of coordinators (and administrators). */
export function assertCanCoordinate(actor: Actor, what: string): void {
  if (!isNetworkWide(actor)) throw new AppError('FORBIDDEN', `Only coordinators and administrators ${what}`);
}

/**
 * An announcement is a non-public record owned by the sender's organization: its organization and
 * network-wide roles see it and its receipts; recipients see the announcement itself but not the receipts.
 */
export function canReadAnnouncementReceipts(actor: Actor, senderOrganizationId: string): boolean {
  return canReadOrganizationRecord(actor, senderOrganizationId);
}

export function canReadAnnouncement(
  actor: Actor,
  senderOrganizationId: string,
  recipientOrganizationIds: readonly string[],
): boolean {
  return canReadOrganizationRecord(actor, senderOrganizationId) || recipientOrganizationIds.includes(actor.organizationId ?? '');
}
