import { and, asc, eq } from 'drizzle-orm';
import { getDb, type Executor } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/actor';
import { organizations } from '../agencies';
import { networkContacts, networkProfiles, type ContactRole, type NetworkContact, type NetworkProfile } from './schema';
import { assertCanEditNetworkProfile, canReadContacts } from './policies';

export function toContactView(contact: NetworkContact) {
  return {
    id: contact.id,
    organizationId: contact.organizationId,
    role: contact.role,
    fullName: contact.fullName,
    position: contact.position,
    phone: contact.phone,
    email: contact.email,
    updatedAt: contact.updatedAt.toISOString(),
  };
}
export type ContactView = ReturnType<typeof toContactView>;

function toUnitView(profile: NetworkProfile | undefined, isMember: boolean) {
  return {
    name: profile?.unitName ?? null,
    isDedicated: profile?.unitIsDedicated ?? false,
    staffDedicated: profile?.staffDedicated ?? 0,
    staffPartTime: profile?.staffPartTime ?? 0,
    ...(isMember ? { notes: profile?.notes ?? null } : {}),
  };
}

/** Loads an organization or fails with 404; signed-out visitors do not see non-public organizations. */
export async function loadOrganization(db: Executor, organizationId: string, actor: Actor | null) {
  const [organization] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  if (!organization || (!actor && !organization.isPublic)) throw notFound('Organization', organizationId);
  return organization;
}

export interface GetNetworkProfileOptions {
  /** Null for signed-out requests: they get the public fields only. */
  actor: Actor | null;
  organizationId: string;
}

/** An organization's network profile: its communication unit and, for signed-in members, its contacts. */
export async function getNetworkProfile({ actor, organizationId }: GetNetworkProfileOptions) {
  const db = await getDb();
  const organization = await loadOrganization(db, organizationId, actor);
  const [profile] = await db.select().from(networkProfiles).where(eq(networkProfiles.organizationId, organizationId));
  const isMember = canReadContacts(actor);
  const view = {
    organizationId,
    organizationName: organization.name,
    kind: organization.kind,
    unit: toUnitView(profile, isMember),
    isMemberView: isMember,
    updatedAt: profile?.updatedAt.toISOString() ?? null,
  };
  if (!isMember) return view;
  const contacts = (
    await db
      .select()
      .from(networkContacts)
      .where(eq(networkContacts.organizationId, organizationId))
      .orderBy(asc(networkContacts.createdAt))
  ).map(toContactView);
  return {
    ...view,
    focalPoints: contacts.filter((contact) => contact.role === 'focal-point'),
    spokespersons: contacts.filter((contact) => contact.role === 'spokesperson'),
  };
}

export interface NetworkProfileChanges {
  unitName?: string | null;
  isDedicated?: boolean;
  staffDedicated?: number;
  staffPartTime?: number;
  notes?: string | null;
}

function profileSnapshot(profile: NetworkProfile | undefined) {
  if (!profile) return null;
  return {
    unitName: profile.unitName,
    isDedicated: profile.unitIsDedicated,
    staffDedicated: profile.staffDedicated,
    staffPartTime: profile.staffPartTime,
    notes: profile.notes,
  };
}

/**
 * Writes the changed unit fields (creating the profile on first edit) and audits before/after, in the
 * caller's transaction when one is given. Returns whether it created, changed or left the profile alone.
 */
export async function saveNetworkProfile({
  actor,
  organizationId,
  changes,
  tx,
  requestId,
}: {
  actor: Actor;
  organizationId: string;
  changes: NetworkProfileChanges;
  tx: Executor;
  requestId?: string;
}): Promise<'created' | 'updated' | 'unchanged'> {
  assertCanEditNetworkProfile(actor, organizationId);
  const [current] = await tx
    .select()
    .from(networkProfiles)
    .where(eq(networkProfiles.organizationId, organizationId))
    .for('update');
  const before = profileSnapshot(current);
  const next = {
    unitName: changes.unitName !== undefined ? normalizeOptional(changes.unitName) : (current?.unitName ?? null),
    unitIsDedicated: changes.isDedicated ?? current?.unitIsDedicated ?? false,
    staffDedicated: changes.staffDedicated ?? current?.staffDedicated ?? 0,
    staffPartTime: changes.staffPartTime ?? current?.staffPartTime ?? 0,
    notes: changes.notes !== undefined ? normalizeOptional(changes.notes) : (current?.notes ?? null),
  };
  const after = {
    unitName: next.unitName,
    isDedicated: next.unitIsDedicated,
    staffDedicated: next.staffDedicated,
    staffPartTime: next.staffPartTime,
    notes: next.notes,
  };
  if (before && JSON.stringify(before) === JSON.stringify(after)) return 'unchanged';
  await tx
    .insert(networkProfiles)
    .values({ organizationId, ...next, updatedAt: new Date() })
    .onConflictDoUpdate({ target: networkProfiles.organizationId, set: { ...next, updatedAt: new Date() } });
  await recordAudit(tx, {
    actor,
    action: before ? 'network-profile.update' : 'network-profile.create',
    entityType: 'network-profile',
    entityId: organizationId,
    organizationId,
    before,
    after,
    requestId,
  });
  return before ? 'updated' : 'created';
}

function normalizeOptional(value: string | null): string | null {
  const trimmed = value?.normalize('NFC').trim();
  return trimmed ? trimmed : null;
}

/** Edits an organization's communication unit; audited with before/after. */
export async function updateNetworkProfile({
  actor,
  organizationId,
  changes,
  requestId,
}: {
  actor: Actor;
  organizationId: string;
  changes: NetworkProfileChanges;
  requestId?: string;
}) {
  assertCanEditNetworkProfile(actor, organizationId);
  const db = await getDb();
  await loadOrganization(db, organizationId, actor);
  await db.transaction((tx) => saveNetworkProfile({ actor, organizationId, changes, tx, requestId }));
  return getNetworkProfile({ actor, organizationId });
}

function requireMember(actor: Actor | null): Actor {
  if (!canReadContacts(actor)) throw new AppError('UNAUTHENTICATED', 'Contacts are personal data: sign in to see them');
  return actor;
}

/** Contacts (focal points, spokespersons) of one organization; signed-in members only. */
export async function listContacts({
  actor,
  organizationId,
}: {
  actor: Actor | null;
  organizationId: string;
}): Promise<ContactView[]> {
  requireMember(actor);
  const db = await getDb();
  await loadOrganization(db, organizationId, actor);
  const rows = await db
    .select()
    .from(networkContacts)
    .where(eq(networkContacts.organizationId, organizationId))
    .orderBy(asc(networkContacts.role), asc(networkContacts.createdAt));
  return rows.map(toContactView);
}

export interface ContactInput {
  role: ContactRole;
  fullName: string;
  position?: string | null;
  phone?: string | null;
  email?: string | null;
}

function contactValues(input: Partial<ContactInput>) {
  const values: Partial<typeof networkContacts.$inferInsert> = {};
  if (input.role !== undefined) values.role = input.role;
  if (input.fullName !== undefined) values.fullName = input.fullName.normalize('NFC').trim();
  if (input.position !== undefined) values.position = normalizeOptional(input.position);
  if (input.phone !== undefined) values.phone = normalizeOptional(input.phone);
  if (input.email !== undefined) values.email = normalizeOptional(input.email)?.toLowerCase() ?? null;
  return values;
}

/** Adds a contact inside the caller's transaction; audited. */
export async function insertContact({
  actor,
  organizationId,
  input,
  tx,
  requestId,
}: {
  actor: Actor;
  organizationId: string;
  input: ContactInput;
  tx: Executor;
  requestId?: string;
}): Promise<ContactView> {
  assertCanEditNetworkProfile(actor, organizationId);
  const [created] = await tx
    .insert(networkContacts)
    .values({ organizationId, ...contactValues(input), role: input.role, fullName: input.fullName.normalize('NFC').trim() })
    .returning();
  const view = toContactView(created!);
  await recordAudit(tx, {
    actor,
    action: 'network-contact.create',
    entityType: 'network-contact',
    entityId: view.id,
    organizationId,
    after: view,
    requestId,
  });
  return view;
}

/** Changes a contact inside the caller's transaction; audited with before/after. Null when nothing changed. */
export async function changeContact({
  actor,
  contact,
  changes,
  tx,
  requestId,
}: {
  actor: Actor;
  contact: NetworkContact;
  changes: Partial<ContactInput>;
  tx: Executor;
  requestId?: string;
}): Promise<ContactView | null> {
  assertCanEditNetworkProfile(actor, contact.organizationId);
  const values = contactValues(changes);
  const before = toContactView(contact);
  const isChanged = (Object.keys(values) as (keyof typeof values)[]).some((key) => values[key] !== contact[key]);
  if (!isChanged) return null;
  const [updated] = await tx
    .update(networkContacts)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(networkContacts.id, contact.id))
    .returning();
  const after = toContactView(updated!);
  await recordAudit(tx, {
    actor,
    action: 'network-contact.update',
    entityType: 'network-contact',
    entityId: contact.id,
    organizationId: contact.organizationId,
    before,
    after,
    requestId,
  });
  return after;
}

/** Adds a focal point or spokesperson to an organization; audited. */
export async function createContact({
  actor,
  organizationId,
  input,
  requestId,
}: {
  actor: Actor;
  organizationId: string;
  input: ContactInput;
  requestId?: string;
}): Promise<ContactView> {
  assertCanEditNetworkProfile(actor, organizationId);
  const db = await getDb();
  await loadOrganization(db, organizationId, actor);
  return db.transaction((tx) => insertContact({ actor, organizationId, input, tx, requestId }));
}

async function loadContact(db: Executor, organizationId: string, contactId: string): Promise<NetworkContact> {
  const [contact] = await db
    .select()
    .from(networkContacts)
    .where(and(eq(networkContacts.id, contactId), eq(networkContacts.organizationId, organizationId)));
  if (!contact) throw notFound('Contact', contactId);
  return contact;
}

/** Edits a contact; audited with before/after. */
export async function updateContact({
  actor,
  organizationId,
  contactId,
  changes,
  requestId,
}: {
  actor: Actor;
  organizationId: string;
  contactId: string;
  changes: Partial<ContactInput>;
  requestId?: string;
}): Promise<ContactView> {
  assertCanEditNetworkProfile(actor, organizationId);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const contact = await loadContact(tx, organizationId, contactId);
    return (await changeContact({ actor, contact, changes, tx, requestId })) ?? toContactView(contact);
  });
}

/** Removes a contact (e.g. a spokesperson replaced); audited with the removed data as "before". */
export async function deleteContact({
  actor,
  organizationId,
  contactId,
  requestId,
}: {
  actor: Actor;
  organizationId: string;
  contactId: string;
  requestId?: string;
}): Promise<void> {
  assertCanEditNetworkProfile(actor, organizationId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const contact = await loadContact(tx, organizationId, contactId);
    await tx.delete(networkContacts).where(eq(networkContacts.id, contactId));
    await recordAudit(tx, {
      actor,
      action: 'network-contact.delete',
      entityType: 'network-contact',
      entityId: contactId,
      organizationId,
      before: toContactView(contact),
      requestId,
    });
  });
}
