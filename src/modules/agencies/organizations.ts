import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { getDb, type Executor } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import { systemActor, type Actor } from '../../platform/actor';
import { buildSearchText, inForceBetween, searchTextConditions, lineageOf } from '../../platform/reference-search';
import { foldDiacritics } from '../../text/normalize';
import { organizationLinks, organizations, type Organization } from './schema';
import { referenceOrganizations } from './reference-data';

export const organizationKinds = [
  'government',
  'ministry',
  'ministerial-agency',
  'government-agency',
  'province',
  'press-agency',
  'department',
  'other',
] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export { buildSearchText };

export interface OrganizationView {
  id: string;
  name: string;
  shortName: string | null;
  englishName: string | null;
  aliases: string[];
  kind: string;
  parentId: string | null;
  validFrom: string | null;
  validTo: string | null;
  isReference: boolean;
  isPublic: boolean;
  isPress: boolean;
  notes: string | null;
  predecessors: string[];
  successors: string[];
}

async function toViews(db: Executor, rows: Organization[]): Promise<OrganizationView[]> {
  const links = await lineageOf(
    db,
    organizationLinks,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    englishName: row.englishName,
    aliases: row.aliases,
    kind: row.kind,
    parentId: row.parentId,
    validFrom: row.validFrom,
    validTo: row.validTo,
    isReference: row.isReference,
    isPublic: row.isPublic,
    isPress: row.isPress,
    notes: row.notes,
    predecessors: (links.predecessors.get(row.id) ?? []).sort(),
    successors: (links.successors.get(row.id) ?? []).sort(),
  }));
}

/** SQL condition: the organization is in force on `isoDate` (validity bounds are inclusive). */
export function inForceOn(isoDate: string): SQL {
  return inForceBetween(organizations.validFrom, organizations.validTo, isoDate);
}

export interface ListOrganizationsOptions {
  kind?: string | string[];
  /** Only bodies in force on this date (YYYY-MM-DD). */
  on?: string;
  /** Accent-insensitive search in names and aliases. */
  search?: string;
  limit?: number;
}

/** Lists directory organizations; the directory itself is public information. */
export async function listOrganizations({ kind, on, search, limit = 1000 }: ListOrganizationsOptions = {}): Promise<
  OrganizationView[]
> {
  const db = await getDb();
  const filters: SQL[] = [];
  if (kind) filters.push(inArray(organizations.kind, Array.isArray(kind) ? kind : [kind]));
  if (on) filters.push(inForceOn(on));
  // in names and aliases, whole-phrase matches first
  const { filters: searchFilters, phraseFirst } = searchTextConditions(organizations.searchText, search);
  filters.push(...searchFilters);
  const rows = await db
    .select()
    .from(organizations)
    .where(and(...filters))
    .orderBy(...(phraseFirst ? [phraseFirst] : []), asc(organizations.kind), asc(organizations.name))
    .limit(Math.min(limit, 5000));
  return toViews(db, rows);
}

export async function getOrganization({ organizationId }: { organizationId: string }): Promise<OrganizationView> {
  const db = await getDb();
  const [row] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  if (!row) throw notFound('Organization', organizationId);
  const [view] = await toViews(db, [row]);
  return view!;
}

export interface OrganizationInput {
  id?: string;
  name: string;
  shortName?: string | null;
  englishName?: string | null;
  aliases?: string[];
  kind: OrganizationKind;
  parentId?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  isPublic?: boolean;
  /** Default: true for kind press-agency. */
  isPress?: boolean;
  notes?: string | null;
  predecessors?: string[];
}

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'administrator' && actor.role !== 'system') {
    throw new AppError('FORBIDDEN', 'Only administrators edit reference data');
  }
}

function slugify(name: string): string {
  return foldDiacritics(name.normalize('NFC').toLowerCase())
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/** Creates an organization (a new body, a merger's successor, a press agency …); audited. */
export async function createOrganization({
  actor,
  input,
  tx,
}: {
  actor: Actor;
  input: OrganizationInput;
  tx?: Executor;
}): Promise<OrganizationView> {
  assertAdmin(actor);
  const db = tx ?? (await getDb());
  const id = input.id ?? slugify(input.name);
  return db.transaction(async (inner) => {
    const [existing] = await inner.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id));
    if (existing)
      throw new AppError('ALREADY_EXISTS', `Organization ${id} already exists`, {
        invalidFields: [{ path: 'id', message: 'already exists' }],
      });
    const name = input.name.normalize('NFC').trim();
    await inner.insert(organizations).values({
      id,
      name,
      shortName: input.shortName ?? null,
      englishName: input.englishName ?? null,
      aliases: (input.aliases ?? []).map((alias) => alias.normalize('NFC').trim()),
      kind: input.kind,
      parentId: input.parentId ?? null,
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
      isPublic: input.isPublic ?? true,
      isPress: input.isPress ?? input.kind === 'press-agency',
      notes: input.notes ?? null,
      searchText: buildSearchText([name, input.shortName, ...(input.aliases ?? [])]),
    });
    for (const predecessorId of input.predecessors ?? []) {
      await inner
        .insert(organizationLinks)
        .values({ predecessorId, successorId: id, effectiveOn: input.validFrom ?? null })
        .onConflictDoNothing();
    }
    const [view] = await toViews(inner, await inner.select().from(organizations).where(eq(organizations.id, id)));
    await recordAudit(inner, {
      actor,
      action: 'organization.create',
      entityType: 'organization',
      entityId: id,
      organizationId: id,
      after: view,
    });
    return view!;
  });
}

/** Edits an organization's dated facts (names, validity, links); audited with before/after. */
export async function updateOrganization({
  actor,
  organizationId,
  changes,
}: {
  actor: Actor;
  organizationId: string;
  changes: Partial<OrganizationInput> & { successors?: string[] };
}): Promise<OrganizationView> {
  assertAdmin(actor);
  const db = await getDb();
  const before = await getOrganization({ organizationId });
  return db.transaction(async (tx) => {
    const values: Partial<typeof organizations.$inferInsert> = { updatedAt: new Date() };
    if (changes.name !== undefined) values.name = changes.name.normalize('NFC').trim();
    if (changes.shortName !== undefined) values.shortName = changes.shortName;
    if (changes.englishName !== undefined) values.englishName = changes.englishName;
    if (changes.aliases !== undefined) values.aliases = changes.aliases.map((alias) => alias.normalize('NFC').trim());
    if (changes.kind !== undefined) values.kind = changes.kind;
    if (changes.parentId !== undefined) values.parentId = changes.parentId;
    if (changes.validFrom !== undefined) values.validFrom = changes.validFrom;
    if (changes.validTo !== undefined) values.validTo = changes.validTo;
    if (changes.isPublic !== undefined) values.isPublic = changes.isPublic;
    if (changes.isPress !== undefined) values.isPress = changes.isPress;
    if (changes.notes !== undefined) values.notes = changes.notes;
    values.searchText = buildSearchText([
      values.name ?? before.name,
      values.shortName ?? before.shortName,
      ...(values.aliases ?? before.aliases),
    ]);
    await tx.update(organizations).set(values).where(eq(organizations.id, organizationId));
    if (changes.predecessors) {
      await tx.delete(organizationLinks).where(eq(organizationLinks.successorId, organizationId));
      for (const predecessorId of changes.predecessors) {
        await tx.insert(organizationLinks).values({ predecessorId, successorId: organizationId }).onConflictDoNothing();
      }
    }
    if (changes.successors) {
      await tx.delete(organizationLinks).where(eq(organizationLinks.predecessorId, organizationId));
      for (const successorId of changes.successors) {
        await tx.insert(organizationLinks).values({ predecessorId: organizationId, successorId }).onConflictDoNothing();
      }
    }
    const [after] = await toViews(tx, await tx.select().from(organizations).where(eq(organizations.id, organizationId)));
    await recordAudit(tx, {
      actor,
      action: 'organization.update',
      entityType: 'organization',
      entityId: organizationId,
      organizationId,
      before,
      after,
    });
    return after!;
  });
}

/**
 * Inserts the reference organizations that are not yet in the database (first start, or a release that
 * adds bodies). Existing rows are left alone: admins may have edited them, and their edits win.
 */
export async function seedReferenceOrganizations(): Promise<{ inserted: number }> {
  const db = await getDb();
  let inserted = 0;
  await db.transaction(async (tx) => {
    const existing = new Set((await tx.select({ id: organizations.id }).from(organizations)).map((row) => row.id));
    const fresh = referenceOrganizations.filter((org) => !existing.has(org.id));
    // Parents first so that parent_id references resolve.
    fresh.sort((a, b) => Number(Boolean(a.parentId)) - Number(Boolean(b.parentId)));
    for (const org of fresh) {
      await tx.insert(organizations).values({
        id: org.id,
        name: org.name,
        shortName: org.shortName ?? null,
        englishName: org.englishName ?? null,
        aliases: org.aliases ?? [],
        kind: org.kind,
        parentId: org.parentId ?? null,
        validFrom: org.validFrom ?? null,
        validTo: org.validTo ?? null,
        isReference: true,
        isPress: org.isPress ?? org.kind === 'press-agency',
        searchText: buildSearchText([org.name, org.shortName, org.englishName, ...(org.aliases ?? [])]),
      });
      inserted++;
    }
    if (fresh.length > 0) {
      for (const org of referenceOrganizations) {
        for (const successorId of org.successors ?? []) {
          await tx
            .insert(organizationLinks)
            .values({ predecessorId: org.id, successorId, effectiveOn: org.validTo ?? null })
            .onConflictDoNothing();
        }
      }
      await recordAudit(tx, {
        actor: systemActor,
        action: 'organization.seed',
        entityType: 'organization',
        after: { inserted: fresh.length },
      });
    }
  });
  return { inserted };
}
