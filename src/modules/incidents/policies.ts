import { hasRoleAtLeast, isNetworkWide, type Actor } from '../../platform/actor';
import { AppError } from '../../platform/errors';
import type { MemberRole } from './model';

/**
 * Who may read an incident: its organization (every role), network-wide roles (administrators, coordinators),
 * and the organizations it was shared with (read only). Everyone else is told it does not exist.
 */
export function canReadIncident(actor: Actor, organizationId: string, sharedWith: readonly string[]): boolean {
  if (isNetworkWide(actor) || actor.organizationId === organizationId) return true;
  return actor.organizationId !== null && sharedWith.includes(actor.organizationId);
}

/** Officers and above of the owning organization (and network-wide roles) open and handle incidents. */
export function assertCanHandleIncident(actor: Actor, organizationId: string): void {
  if (!hasRoleAtLeast(actor, 'officer')) throw new AppError('FORBIDDEN', 'Only officers and above handle incidents');
  if (!isNetworkWide(actor) && actor.organizationId !== organizationId)
    throw new AppError('FORBIDDEN', 'Only the owning organization handles this incident');
}

/**
 * Approving a statement speaks for the organization: a leader of the owning organization (or an administrator),
 * or the task force's spokesperson. Nobody approves a text they drafted themselves (four eyes).
 */
export function assertCanApproveStatement(
  actor: Actor,
  options: { organizationId: string; memberRole: MemberRole | null; authorUserId: string | null },
): void {
  const isOwn = actor.organizationId === options.organizationId;
  const isLeader = (isOwn && hasRoleAtLeast(actor, 'leader')) || actor.role === 'administrator' || actor.role === 'system';
  const isSpokesperson = isOwn && options.memberRole === 'spokesperson' && hasRoleAtLeast(actor, 'officer');
  if (!isLeader && !isSpokesperson)
    throw new AppError('FORBIDDEN', 'Only a leader or the task force spokesperson approves statements');
  if (actor.userId !== null && actor.userId === options.authorUserId)
    throw new AppError('FORBIDDEN', 'A statement is approved by someone other than its author');
}

/** The organization an actor opens an incident for: their own, or the one a network-wide actor names. */
export function organizationFor(actor: Actor, requested?: string | null): string {
  const organizationId = requested && isNetworkWide(actor) ? requested : actor.organizationId;
  if (!organizationId) throw new AppError('BAD_REQUEST', 'Name the organization (organizationId)');
  return organizationId;
}
