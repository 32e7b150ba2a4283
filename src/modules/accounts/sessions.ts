import crypto from 'node:crypto';
import { and, eq, gte, isNull, lt, or, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { getDb } from '../../platform/db';
import { env } from '../../platform/env';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/actor';
import { apiTokens, loginAttempts, sessions, users, type User } from './schema';
import { verifyPassword } from './passwords';
import { normalizeEmail, toPublicUser, type PublicUser } from './users';

/** Failed sign-ins allowed per account within the window before the account is locked for the window. */
export const maxFailuresPerAccount = 5;
/** Failed sign-ins allowed per client address within the window (slows password spraying). */
export const maxFailuresPerAddress = 30;
export const lockoutMinutes = 15;

export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

function randomToken(prefix = ''): string {
  return prefix + crypto.randomBytes(32).toString('base64url');
}

export function actorFromUser(user: User, via: Actor['via']): Actor {
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    organizationId: user.organizationId,
    role: user.role,
    via,
  };
}

export interface SignInOptions {
  email: string;
  password: string;
  totpCode?: string;
  ip?: string;
}

export interface SignInResult {
  user: PublicUser;
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

async function recordAttempt(email: string, ip: string | undefined, succeeded: boolean): Promise<void> {
  const db = await getDb();
  await db.insert(loginAttempts).values({ email, ip: ip ?? null, succeeded });
}

/** Checks credentials (and TOTP when enabled), applies rate limits and lockout, and opens a session. */
export async function signIn({ email, password, totpCode, ip }: SignInOptions): Promise<SignInResult> {
  const db = await getDb();
  const normalizedEmail = normalizeEmail(email);
  const windowStart = new Date(Date.now() - lockoutMinutes * 60_000);
  if (ip) {
    const [byAddress] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gte(loginAttempts.at, windowStart)));
    if ((byAddress?.n ?? 0) >= maxFailuresPerAddress) {
      throw new AppError('RATE_LIMITED', `Too many failed sign-ins from this address; try again in ${lockoutMinutes} minutes`, {
        details: { retryAfterMinutes: lockoutMinutes },
      });
    }
  }
  const [user] = await db.select().from(users).where(eq(users.email, normalizedEmail));
  if (user?.lockedUntil && user.lockedUntil > new Date()) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 60_000);
    throw new AppError('LOCKED_OUT', `Account locked after repeated failed sign-ins; try again in ${minutes} minutes`, {
      details: { retryAfterMinutes: minutes, lockedUntil: user.lockedUntil.toISOString() },
    });
  }
  const isValid = user !== undefined && user.isActive && (await verifyPassword(user.passwordHash, password));
  if (!isValid) {
    await recordAttempt(normalizedEmail, ip, false);
    if (user) {
      const failures = user.failedLogins + 1;
      const lockedUntil = failures >= maxFailuresPerAccount ? new Date(Date.now() + lockoutMinutes * 60_000) : null;
      await db
        .update(users)
        .set({ failedLogins: lockedUntil ? 0 : failures, lockedUntil })
        .where(eq(users.id, user.id));
      if (lockedUntil) {
        throw new AppError(
          'LOCKED_OUT',
          `Account locked after ${maxFailuresPerAccount} failed sign-ins; try again in ${lockoutMinutes} minutes`,
          {
            details: { retryAfterMinutes: lockoutMinutes, lockedUntil: lockedUntil.toISOString() },
          },
        );
      }
      const remaining = maxFailuresPerAccount - failures;
      throw new AppError(
        'INVALID_CREDENTIALS',
        `Wrong email or password (${remaining} attempts left before a ${lockoutMinutes}-minute lock)`,
        {
          details: { attemptsLeft: remaining },
        },
      );
    }
    throw new AppError('INVALID_CREDENTIALS', 'Wrong email or password');
  }
  if (user.totpEnabled) {
    if (!totpCode) throw new AppError('TOTP_REQUIRED', 'Enter the 6-digit code from your authenticator app');
    if (!verifyTotp(user.totpSecret ?? '', totpCode)) {
      await recordAttempt(normalizedEmail, ip, false);
      throw new AppError('INVALID_CREDENTIALS', 'Wrong authenticator code');
    }
  }
  await recordAttempt(normalizedEmail, ip, true);
  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(Date.now() + env.session.ttlHours * 3_600_000);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await tx.insert(sessions).values({ id: sha256(sessionToken), userId: user.id, csrfToken, expiresAt });
    await recordAudit(tx, {
      actor: actorFromUser(user, 'session'),
      action: 'session.create',
      entityType: 'user',
      entityId: user.id,
      organizationId: user.organizationId,
    });
  });
  return { user: toPublicUser(user), sessionToken, csrfToken, expiresAt };
}

export type SessionLookup = { status: 'valid'; user: User; csrfToken: string } | { status: 'expired' } | { status: 'missing' };

/** Resolves a session cookie to its user. */
export async function findSession(sessionToken: string): Promise<SessionLookup> {
  const db = await getDb();
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sha256(sessionToken)));
  if (!row) return { status: 'missing' };
  if (row.session.expiresAt <= new Date() || !row.user.isActive) return { status: 'expired' };
  return { status: 'valid', user: row.user, csrfToken: row.session.csrfToken };
}

export async function signOut(sessionToken: string): Promise<void> {
  const db = await getDb();
  await db.delete(sessions).where(eq(sessions.id, sha256(sessionToken)));
}

/** Removes expired sessions and old login attempts (housekeeping job). */
export async function purgeExpiredSessions(): Promise<void> {
  const db = await getDb();
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  await db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(Date.now() - 30 * 86_400_000)));
}

/** Creates an API token for machine clients; the secret is shown once. */
export async function createApiToken({ actor, name }: { actor: Actor; name: string }) {
  if (!actor.userId) throw new AppError('FORBIDDEN', 'Only users own API tokens');
  const db = await getDb();
  const token = randomToken('nhip_');
  const [created] = await db.transaction(async (tx) => {
    const rows = await tx
      .insert(apiTokens)
      .values({ userId: actor.userId!, name, tokenHash: sha256(token) })
      .returning();
    await recordAudit(tx, {
      actor,
      action: 'api-token.create',
      entityType: 'api-token',
      entityId: rows[0]!.id,
      organizationId: actor.organizationId,
      after: { name },
    });
    return rows;
  });
  return { id: created!.id, name, token, createdAt: created!.createdAt.toISOString() };
}

export async function listApiTokens({ actor }: { actor: Actor }) {
  const db = await getDb();
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.userId ?? ''), isNull(apiTokens.revokedAt)));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  }));
}

export async function revokeApiToken({ actor, tokenId }: { actor: Actor; tokenId: string }): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.userId ?? '')))
      .returning();
    if (updated.length === 0) throw new AppError('NOT_FOUND', `API token ${tokenId} not found`);
    await recordAudit(tx, {
      actor,
      action: 'api-token.revoke',
      entityType: 'api-token',
      entityId: tokenId,
      organizationId: actor.organizationId,
    });
  });
}

/** Resolves a bearer token to its user. */
export async function findUserByApiToken(token: string): Promise<User | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({ user: users, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt), eq(users.isActive, true)));
  if (!row) return undefined;
  await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(apiTokens.id, row.tokenId),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(Date.now() - 60_000))),
      ),
    );
  return row.user;
}

function totpFor(secret: string, label = 'Nhịp'): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: 'Nhịp',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

export function verifyTotp(secret: string, code: string): boolean {
  if (!secret || !/^\d{6}$/.test(code.trim())) return false;
  return totpFor(secret).validate({ token: code.trim(), window: 1 }) !== null;
}

/** Starts TOTP enrolment: stores a new secret (not yet enabled) and returns the otpauth URI. */
export async function beginTotpEnrolment({ actor }: { actor: Actor }) {
  if (!actor.userId) throw new AppError('FORBIDDEN', 'Only users enrol a second factor');
  const db = await getDb();
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await db.update(users).set({ totpSecret: secret, totpEnabled: false }).where(eq(users.id, actor.userId));
  return { secret, otpauthUrl: totpFor(secret, actor.email ?? 'user').toString() };
}

/** Confirms enrolment with a current code, then requires it at every sign-in. */
export async function enableTotp({ actor, code }: { actor: Actor; code: string }): Promise<void> {
  const db = await getDb();
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.id, actor.userId ?? ''));
  if (!user?.totpSecret) throw new AppError('INVALID_STATE', 'Start enrolment first');
  if (!verifyTotp(user.totpSecret, code)) {
    throw new AppError('VALIDATION_FAILED', 'Wrong code', { invalidFields: [{ path: 'code', message: 'does not match' }] });
  }
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabled: true }).where(eq(users.id, user.id));
    await recordAudit(tx, {
      actor,
      action: 'user.enable-totp',
      entityType: 'user',
      entityId: user.id,
      organizationId: user.organizationId,
    });
  });
}

export async function disableTotp({ actor, userId }: { actor: Actor; userId: string }): Promise<void> {
  if (actor.userId !== userId && actor.role !== 'administrator') throw new AppError('FORBIDDEN', 'Not allowed');
  const db = await getDb();
  await db.transaction(async (tx) => {
    const rows = await tx.update(users).set({ totpEnabled: false, totpSecret: null }).where(eq(users.id, userId)).returning();
    if (rows.length === 0) throw new AppError('NOT_FOUND', `User ${userId} not found`);
    await recordAudit(tx, {
      actor,
      action: 'user.disable-totp',
      entityType: 'user',
      entityId: userId,
      organizationId: rows[0]!.organizationId,
    });
  });
}
