import { and, asc, eq, ilike, or, type SQL } from 'drizzle-orm';
import { getDb, type Executor } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import { hasRoleAtLeast, isNetworkWide, type Actor } from '../../platform/actor';
import { organizations } from '../agencies/schema';
import { users, type User, type UserRole } from './schema';
import { assertPasswordPolicy, hashPassword } from './passwords';

/** The public shape of a user (never the hash or TOTP secret). */
export function toPublicUser(user: User) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    organizationId: user.organizationId,
    role: user.role,
    isActive: user.isActive,
    totpEnabled: user.totpEnabled,
    locale: user.locale,
    createdAt: user.createdAt.toISOString(),
  };
}
export type PublicUser = ReturnType<typeof toPublicUser>;

export function normalizeEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

function assertCanManageUsers(actor: Actor, organizationId: string, role: UserRole): void {
  if (actor.role === 'system' || actor.role === 'administrator') return;
  // Coordinators run the network: they may add officers, leaders and viewers anywhere, never administrators.
  if (actor.role === 'coordinator' && role !== 'administrator') return;
  throw new AppError('FORBIDDEN', 'Only administrators and coordinators manage accounts', {
    details: { organizationId, role },
  });
}

export interface CreateUserOptions {
  actor: Actor;
  email: string;
  displayName?: string;
  organizationId: string;
  role: UserRole;
  password: string;
  tx?: Executor;
}

/** Creates an account in an organization; audited. */
export async function createUser({
  actor,
  email,
  displayName,
  organizationId,
  role,
  password,
  tx,
}: CreateUserOptions): Promise<PublicUser> {
  assertCanManageUsers(actor, organizationId, role);
  assertPasswordPolicy(password);
  const db = tx ?? (await getDb());
  const normalizedEmail = normalizeEmail(email);
  const [organization] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!organization) throw notFound('Organization', organizationId);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (inner) => {
    const [existing] = await inner.select({ id: users.id }).from(users).where(eq(users.email, normalizedEmail));
    if (existing) {
      throw new AppError('ALREADY_EXISTS', `A user with email ${normalizedEmail} already exists`, {
        invalidFields: [{ path: 'email', message: 'already registered' }],
      });
    }
    const [created] = await inner
      .insert(users)
      .values({
        email: normalizedEmail,
        displayName: (displayName ?? normalizedEmail.split('@')[0] ?? normalizedEmail).normalize('NFC').trim(),
        organizationId,
        role,
        passwordHash,
      })
      .returning();
    const publicUser = toPublicUser(created!);
    await recordAudit(inner, {
      actor,
      action: 'user.create',
      entityType: 'user',
      entityId: created!.id,
      organizationId,
      after: publicUser,
    });
    return publicUser;
  });
}

export interface ListUsersOptions {
  actor: Actor;
  organizationId?: string;
  search?: string;
}

/** Lists accounts: network-wide roles see everyone, others only their organization. */
export async function listUsers({ actor, organizationId, search }: ListUsersOptions): Promise<PublicUser[]> {
  if (!hasRoleAtLeast(actor, 'viewer')) throw new AppError('FORBIDDEN', 'Not allowed');
  const db = await getDb();
  const filters: SQL[] = [];
  if (!isNetworkWide(actor)) filters.push(eq(users.organizationId, actor.organizationId ?? ''));
  if (organizationId) filters.push(eq(users.organizationId, organizationId));
  if (search) {
    const pattern = `%${search.trim()}%`;
    filters.push(or(ilike(users.email, pattern), ilike(users.displayName, pattern))!);
  }
  const rows = await db
    .select()
    .from(users)
    .where(and(...filters))
    .orderBy(asc(users.email))
    .limit(500);
  return rows.map(toPublicUser);
}

/**
 * Active users of one organization, by name: for pickers of other modules (alert assignee, incident task force),
 * which check the caller's right to the record they assign before asking.
 */
export async function listActiveMembers(
  organizationId: string,
): Promise<{ id: string; displayName: string; email: string; role: string }[]> {
  const db = await getDb();
  return db
    .select({ id: users.id, displayName: users.displayName, email: users.email, role: users.role })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.isActive, true)))
    .orderBy(asc(users.displayName));
}

export interface UpdateUserOptions {
  actor: Actor;
  userId: string;
  changes: { role?: UserRole; isActive?: boolean; displayName?: string; password?: string; locale?: 'vi' | 'en' };
}

/** Changes role, status, name or password of an account; audited with before/after. */
export async function updateUser({ actor, userId, changes }: UpdateUserOptions): Promise<PublicUser> {
  const db = await getDb();
  const [current] = await db.select().from(users).where(eq(users.id, userId));
  if (!current) throw notFound('User', userId);
  const isSelf = actor.userId === userId;
  const isSelfService = isSelf && changes.role === undefined && changes.isActive === undefined;
  if (!isSelfService) assertCanManageUsers(actor, current.organizationId, changes.role ?? current.role);
  const values: Partial<typeof users.$inferInsert> = { updatedAt: new Date() };
  if (changes.role) values.role = changes.role;
  if (changes.isActive !== undefined) values.isActive = changes.isActive;
  if (changes.displayName) values.displayName = changes.displayName.normalize('NFC').trim();
  if (changes.locale) values.locale = changes.locale;
  if (changes.password) {
    assertPasswordPolicy(changes.password);
    values.passwordHash = await hashPassword(changes.password);
  }
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(users).set(values).where(eq(users.id, userId)).returning();
    const after = toPublicUser(updated!);
    await recordAudit(tx, {
      actor,
      action: changes.password ? 'user.update-password' : 'user.update',
      entityType: 'user',
      entityId: userId,
      organizationId: current.organizationId,
      before: toPublicUser(current),
      after,
    });
    return after;
  });
}

/** Loads one account the actor may see. */
export async function getUser({ actor, userId }: { actor: Actor; userId: string }): Promise<PublicUser> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || (!isNetworkWide(actor) && user.organizationId !== actor.organizationId && actor.userId !== userId)) {
    throw notFound('User', userId);
  }
  return toPublicUser(user);
}

/** Number of accounts; the first start prints how to create an administrator when it is zero. */
export async function countUsers(): Promise<number> {
  const db = await getDb();
  const rows = await db.select({ id: users.id }).from(users).limit(1);
  return rows.length;
}
