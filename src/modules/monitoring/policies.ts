import { hasRoleAtLeast, isNetworkWide, type Actor } from '../../platform/actor';
import { AppError } from '../../platform/errors';

/** Officers and above may write saved queries, imports and corrections for their own organization. */
export function assertCanWriteForOrganization(actor: Actor, organizationId: string): void {
  if (!hasRoleAtLeast(actor, 'officer')) throw new AppError('FORBIDDEN', 'Only officers and above may change monitoring data');
  if (!isNetworkWide(actor) && actor.organizationId !== organizationId) {
    throw new AppError('FORBIDDEN', 'You may only change monitoring data of your own organization');
  }
}

/** Sources shared by the whole network (the default outlet list) are managed by coordinators and administrators. */
export function assertCanManageNetworkSources(actor: Actor): void {
  if (!isNetworkWide(actor)) throw new AppError('FORBIDDEN', 'Only coordinators and administrators manage network-wide sources');
}

/** Admin-allowed private hosts widen what the fetcher may reach: administrators only. */
export function assertIsAdministrator(actor: Actor): void {
  if (actor.role !== 'administrator' && actor.role !== 'system')
    throw new AppError('FORBIDDEN', 'Only administrators may do this');
}

/** The organization an actor acts for: their own, or the one a network-wide actor names. */
export function organizationFor(actor: Actor, requested?: string | null): string {
  const organizationId = requested && isNetworkWide(actor) ? requested : actor.organizationId;
  if (!organizationId) throw new AppError('BAD_REQUEST', 'Name the organization (organizationId)');
  return organizationId;
}
