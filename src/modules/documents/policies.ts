import { canReadOrganizationRecord, hasRoleAtLeast, isNetworkWide, type Actor } from '../../platform/actor';

/** Upload, edit the parse and confirm: officers and above of the owning organization, or network-wide roles. */
export function canManageDocument(actor: Actor, documentOrganizationId: string): boolean {
  if (isNetworkWide(actor)) return true;
  return actor.organizationId === documentOrganizationId && hasRoleAtLeast(actor, 'officer');
}

/** Read a document: its organization, network-wide roles, or an organization that was given a task by it. */
export function canReadDocument(actor: Actor, documentOrganizationId: string, isAssigned: boolean): boolean {
  return canReadOrganizationRecord(actor, documentOrganizationId) || isAssigned;
}

/** The whole set of a document's tasks (matrix, export, report): its organization or network-wide roles. */
export function canReadAllDocumentTasks(actor: Actor, documentOrganizationId: string): boolean {
  return canReadOrganizationRecord(actor, documentOrganizationId);
}

interface TaskParties {
  ownerOrganizationId: string;
  assignedOrganizationId: string;
  documentOrganizationId: string;
}

/** Read a task: the organization that owns it, the one the document named, the issuing one, or network-wide. */
export function canReadTask(actor: Actor, task: TaskParties): boolean {
  if (isNetworkWide(actor)) return true;
  const organizationId = actor.organizationId;
  return (
    organizationId === task.ownerOrganizationId ||
    organizationId === task.assignedOrganizationId ||
    organizationId === task.documentOrganizationId
  );
}

/** Report progress and change status: officers of the owning organization, the issuing organization, or network-wide. */
export function canUpdateTask(actor: Actor, task: TaskParties): boolean {
  if (isNetworkWide(actor)) return true;
  if (!hasRoleAtLeast(actor, 'officer')) return false;
  return actor.organizationId === task.ownerOrganizationId || actor.organizationId === task.documentOrganizationId;
}

/** Hand a task on (e.g. from a dissolved body to its successor): coordinators, or leaders of the issuing organization. */
export function canReassignTask(actor: Actor, task: TaskParties): boolean {
  if (isNetworkWide(actor)) return true;
  return actor.organizationId === task.documentOrganizationId && hasRoleAtLeast(actor, 'leader');
}
