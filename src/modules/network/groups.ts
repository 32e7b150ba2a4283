import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { getDb, type Executor } from '../../platform/db';
import { AppError, notFound, type InvalidField } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/actor';
import { foldDiacritics } from '../../text/normalize';
import { inForceOn, organizationLinks, organizations } from '../agencies';
import { networkGroupMembers, networkGroups, type NetworkGroup } from './schema';
import { assertCanCoordinate } from './policies';
import { dateInVietnam } from '../../platform/dates';

interface BuiltInGroup {
  key: string;
  name: string;
  description: string;
  kinds: string[];
  /** The group also covers every press body of another kind (organizations.is_press). */
  includesPress?: boolean;
}

/** The groups official documents address, by organization kind; their members depend on the date. */
export const builtInGroups: readonly BuiltInGroup[] = [
  {
    key: 'ministries-and-ministerial-agencies',
    name: 'Các bộ, cơ quan ngang bộ',
    description: 'Ministries and ministerial-level agencies',
    kinds: ['ministry', 'ministerial-agency'],
  },
  {
    key: 'government-agencies',
    name: 'Các cơ quan thuộc Chính phủ',
    description: 'Agencies under the Government (VTV, VOV, VNA …)',
    kinds: ['government-agency'],
  },
  {
    key: 'ministries-ministerial-and-government-agencies',
    name: 'Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ',
    description: 'Ministries, ministerial-level agencies and agencies under the Government',
    kinds: ['ministry', 'ministerial-agency', 'government-agency'],
  },
  {
    key: 'provinces',
    name: 'Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương',
    description: 'All provinces and centrally-run cities',
    kinds: ['province'],
  },
  {
    key: 'press-agencies',
    name: 'Các cơ quan báo chí',
    description: 'Press agencies, with VTV, VOV and the Vietnam News Agency (government agencies that are press)',
    kinds: ['press-agency'],
    includesPress: true,
  },
];

const builtInByKey = new Map(builtInGroups.map((group) => [group.key, group]));

export interface GroupView {
  key: string;
  name: string;
  description: string | null;
  isBuiltIn: boolean;
  kinds?: string[];
  organizationIds?: string[];
  memberCount: number;
}

export interface GroupMember {
  id: string;
  name: string;
  shortName: string | null;
  kind: string;
  validFrom: string | null;
  validTo: string | null;
}

const memberColumns = {
  id: organizations.id,
  name: organizations.name,
  shortName: organizations.shortName,
  kind: organizations.kind,
  validFrom: organizations.validFrom,
  validTo: organizations.validTo,
};

/**
 * The organizations in force on `on` that stand for `organizationIds`: a body no longer in force is
 * replaced by its successors in force then (a custom group of 2024 provinces reaches the merged ones).
 */
async function inForceOrSuccessors(db: Executor, organizationIds: readonly string[], on: string): Promise<GroupMember[]> {
  const found = new Map<string, GroupMember>();
  let frontier = [...new Set(organizationIds)];
  const seen = new Set(frontier);
  // Merger chains are short; the bound stops a cyclic link from looping.
  for (let depth = 0; depth < 6 && frontier.length > 0; depth++) {
    const rows = await db
      .select({ ...memberColumns, isInForce: sql<boolean>`(${inForceOn(on)})` })
      .from(organizations)
      .where(inArray(organizations.id, frontier));
    const retired = rows.filter((row) => !row.isInForce && row.validTo !== null && row.validTo < on).map((row) => row.id);
    for (const row of rows) {
      if (row.isInForce) {
        const { isInForce: _ignored, ...member } = row;
        found.set(row.id, member);
      }
    }
    if (retired.length === 0) break;
    const links = await db
      .select({ successorId: organizationLinks.successorId })
      .from(organizationLinks)
      .where(inArray(organizationLinks.predecessorId, retired));
    frontier = links.map((link) => link.successorId).filter((id) => !seen.has(id));
    for (const id of frontier) seen.add(id);
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

async function builtInMembers(db: Executor, group: BuiltInGroup, on: string): Promise<GroupMember[]> {
  return db
    .select(memberColumns)
    .from(organizations)
    .where(
      and(
        or(inArray(organizations.kind, group.kinds), ...(group.includesPress ? [eq(organizations.isPress, true)] : []))!,
        inForceOn(on),
      ),
    )
    .orderBy(asc(organizations.kind), asc(organizations.name));
}

async function customGroupOrganizationIds(db: Executor, key: string): Promise<string[]> {
  const rows = await db
    .select({ id: networkGroupMembers.organizationId })
    .from(networkGroupMembers)
    .where(eq(networkGroupMembers.groupKey, key))
    .orderBy(asc(networkGroupMembers.organizationId));
  return rows.map((row) => row.id);
}

/**
 * Named groups with their member counts on a date: the built-in groups for everyone, plus the custom
 * groups of coordinators for signed-in members.
 */
export async function listGroups({ actor, on = dateInVietnam() }: { actor: Actor | null; on?: string }): Promise<GroupView[]> {
  const db = await getDb();
  const views: GroupView[] = [];
  for (const group of builtInGroups) {
    views.push({
      key: group.key,
      name: group.name,
      description: group.description,
      isBuiltIn: true,
      kinds: group.kinds,
      memberCount: (await builtInMembers(db, group, on)).length,
    });
  }
  if (!actor) return views;
  const custom = await db.select().from(networkGroups).orderBy(asc(networkGroups.name));
  for (const group of custom) {
    const organizationIds = await customGroupOrganizationIds(db, group.key);
    const members = await inForceOrSuccessors(db, organizationIds, on);
    views.push(toCustomView(group, organizationIds, members.length));
  }
  return views;
}

function toCustomView(group: NetworkGroup, organizationIds: string[], memberCount: number): GroupView {
  return { key: group.key, name: group.name, description: group.description, isBuiltIn: false, organizationIds, memberCount };
}

/** The members of a group in force on `on` (default today in Vietnam). */
export async function resolveGroupMembers({
  actor,
  key,
  on = dateInVietnam(),
  tx,
}: {
  actor: Actor | null;
  key: string;
  on?: string;
  tx?: Executor;
}) {
  const db = tx ?? (await getDb());
  const builtIn = builtInByKey.get(key);
  if (builtIn) return { key, name: builtIn.name, on, members: await builtInMembers(db, builtIn, on) };
  const [group] = actor ? await db.select().from(networkGroups).where(eq(networkGroups.key, key)) : [];
  if (!group) throw notFound('Group', key);
  const members = await inForceOrSuccessors(db, await customGroupOrganizationIds(db, key), on);
  return { key, name: group.name, on, members };
}

/** Fails with every unknown organization id named by its position in the request. */
export async function assertOrganizationsExist(db: Executor, organizationIds: readonly string[], field: string): Promise<void> {
  if (organizationIds.length === 0) return;
  const rows = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(inArray(organizations.id, [...new Set(organizationIds)]));
  const known = new Set(rows.map((row) => row.id));
  const invalidFields: InvalidField[] = [];
  organizationIds.forEach((id, index) => {
    if (!known.has(id)) invalidFields.push({ path: `${field}.${index}`, message: `unknown organization "${id}"` });
  });
  if (invalidFields.length > 0) throw new AppError('VALIDATION_FAILED', 'Unknown organization ids', { invalidFields });
}

function slugifyKey(name: string): string {
  const slug = foldDiacritics(name.normalize('NFC').toLowerCase())
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 50);
  return slug.length >= 2 ? slug : `group-${slug}`;
}

export interface GroupInput {
  key?: string;
  name: string;
  description?: string | null;
  organizationIds: string[];
}

async function writeMembers(tx: Executor, key: string, organizationIds: readonly string[]): Promise<void> {
  await tx.delete(networkGroupMembers).where(eq(networkGroupMembers.groupKey, key));
  const unique = [...new Set(organizationIds)];
  if (unique.length > 0)
    await tx.insert(networkGroupMembers).values(unique.map((organizationId) => ({ groupKey: key, organizationId })));
}

/** Creates a custom group of organizations (coordinators and administrators); audited. */
export async function createGroup({
  actor,
  input,
  requestId,
}: {
  actor: Actor;
  input: GroupInput;
  requestId?: string;
}): Promise<GroupView> {
  assertCanCoordinate(actor, 'create groups');
  const key = input.key ?? slugifyKey(input.name);
  if (builtInByKey.has(key))
    throw new AppError('ALREADY_EXISTS', `"${key}" is a built-in group`, {
      invalidFields: [{ path: 'key', message: 'reserved for a built-in group' }],
    });
  const db = await getDb();
  return db.transaction(async (tx) => {
    await assertOrganizationsExist(tx, input.organizationIds, 'organizationIds');
    const [existing] = await tx.select({ key: networkGroups.key }).from(networkGroups).where(eq(networkGroups.key, key));
    if (existing)
      throw new AppError('ALREADY_EXISTS', `Group ${key} already exists`, {
        invalidFields: [{ path: 'key', message: 'already exists' }],
      });
    const [group] = await tx
      .insert(networkGroups)
      .values({
        key,
        name: input.name.normalize('NFC').trim(),
        description: input.description?.trim() || null,
        createdByUserId: actor.userId,
      })
      .returning();
    await writeMembers(tx, key, input.organizationIds);
    const organizationIds = await customGroupOrganizationIds(tx, key);
    const view = toCustomView(group!, organizationIds, (await inForceOrSuccessors(tx, organizationIds, dateInVietnam())).length);
    await recordAudit(tx, {
      actor,
      action: 'network-group.create',
      entityType: 'network-group',
      entityId: key,
      organizationId: actor.organizationId,
      after: view,
      requestId,
    });
    return view;
  });
}

/** Renames a custom group or replaces its members; audited with before/after. */
export async function updateGroup({
  actor,
  key,
  changes,
  requestId,
}: {
  actor: Actor;
  key: string;
  changes: Partial<Omit<GroupInput, 'key'>>;
  requestId?: string;
}): Promise<GroupView> {
  assertCanCoordinate(actor, 'edit groups');
  if (builtInByKey.has(key)) throw new AppError('FORBIDDEN', `Built-in group ${key} cannot be edited`);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [group] = await tx.select().from(networkGroups).where(eq(networkGroups.key, key)).for('update');
    if (!group) throw notFound('Group', key);
    const beforeIds = await customGroupOrganizationIds(tx, key);
    const today = dateInVietnam();
    const before = toCustomView(group, beforeIds, (await inForceOrSuccessors(tx, beforeIds, today)).length);
    if (changes.organizationIds) {
      await assertOrganizationsExist(tx, changes.organizationIds, 'organizationIds');
      await writeMembers(tx, key, changes.organizationIds);
    }
    const [updated] = await tx
      .update(networkGroups)
      .set({
        ...(changes.name !== undefined ? { name: changes.name.normalize('NFC').trim() } : {}),
        ...(changes.description !== undefined ? { description: changes.description?.trim() || null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(networkGroups.key, key))
      .returning();
    const afterIds = await customGroupOrganizationIds(tx, key);
    const after = toCustomView(updated!, afterIds, (await inForceOrSuccessors(tx, afterIds, today)).length);
    await recordAudit(tx, {
      actor,
      action: 'network-group.update',
      entityType: 'network-group',
      entityId: key,
      organizationId: actor.organizationId,
      before,
      after,
      requestId,
    });
    return after;
  });
}

/** Deletes a custom group (announcements already sent keep their resolved recipients); audited. */
export async function deleteGroup({ actor, key, requestId }: { actor: Actor; key: string; requestId?: string }): Promise<void> {
  assertCanCoordinate(actor, 'delete groups');
  if (builtInByKey.has(key)) throw new AppError('FORBIDDEN', `Built-in group ${key} cannot be deleted`);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [group] = await tx.select().from(networkGroups).where(eq(networkGroups.key, key)).for('update');
    if (!group) throw notFound('Group', key);
    const organizationIds = await customGroupOrganizationIds(tx, key);
    await tx.delete(networkGroups).where(eq(networkGroups.key, key));
    await recordAudit(tx, {
      actor,
      action: 'network-group.delete',
      entityType: 'network-group',
      entityId: key,
      organizationId: actor.organizationId,
      before: toCustomView(group, organizationIds, organizationIds.length),
      requestId,
    });
  });
}
