import { hasRoleAtLeast, isNetworkWide, type Actor } from '../../platform/actor';
import { AppError } from '../../platform/errors';

/** Officers and above manage alert rules and act on alerts of their own organization (network-wide roles: any). */
export function assertCanManageAlerts(actor: Actor, organizationId: string): void {
  if (!hasRoleAtLeast(actor, 'officer')) throw new AppError('FORBIDDEN', 'Only officers and above manage alerts');
  if (!isNetworkWide(actor) && actor.organizationId !== organizationId) throw new AppError('FORBIDDEN', 'Not your organization');
}

/** The organization an actor acts for: their own, or the one a network-wide actor names. */
export function organizationFor(actor: Actor, requested?: string | null): string {
  const organizationId = requested && isNetworkWide(actor) ? requested : actor.organizationId;
  if (!organizationId) throw new AppError('BAD_REQUEST', 'Name the organization (organizationId)');
  return organizationId;
}
