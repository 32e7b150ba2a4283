import type { UserRole } from '../modules/accounts/schema';

/** Who is acting: a signed-in user, an API token, or the system itself (jobs, seeds, CLI). */
export interface Actor {
  kind: 'user' | 'system';
  userId: string | null;
  email: string | null;
  organizationId: string | null;
  role: UserRole | 'system';
  via: 'session' | 'token' | 'cli' | 'job';
}

/** The actor for work the platform does on its own behalf. */
export const systemActor: Actor = {
  kind: 'system',
  userId: null,
  email: null,
  organizationId: null,
  role: 'system',
  via: 'job',
};

const roleRank: Record<Actor['role'], number> = {
  viewer: 1,
  officer: 2,
  leader: 3,
  coordinator: 4,
  administrator: 5,
  system: 6,
};

/** True when the actor's role is at least `role` (viewer < officer < leader < coordinator < administrator). */
export function hasRoleAtLeast(actor: Actor, role: Actor['role']): boolean {
  return roleRank[actor.role] >= roleRank[role];
}

/** True when the actor works network-wide (may read every organization's non-public records). */
export function isNetworkWide(actor: Actor): boolean {
  return actor.role === 'administrator' || actor.role === 'coordinator' || actor.role === 'system';
}

/** True when the actor may read a non-public record owned by `organizationId`. */
export function canReadOrganizationRecord(actor: Actor, organizationId: string): boolean {
  return isNetworkWide(actor) || actor.organizationId === organizationId;
}
