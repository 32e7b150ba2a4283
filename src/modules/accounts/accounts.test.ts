import { describe, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { createTestOrganization, createTestUser, signInAs, testApp, testPassword } from '../../../test/factories';

async function login(body: unknown) {
  return testApp().request('/api/auth/login', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('sign-in and sessions', () => {
  it('signs in, returns the user and sets an HttpOnly SameSite session cookie', async () => {
    const user = await createTestUser({ role: 'officer' });
    const response = await login({ email: user.email.toUpperCase(), password: testPassword });
    expect(response.status).toBe(200);
    const cookies = response.headers.getSetCookie();
    const session = cookies.find((cookie) => cookie.startsWith('nhip_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    const body = (await response.json()) as { user: { email: string }; csrfToken: string };
    expect(body.user.email).toBe(user.email);
    expect(body.csrfToken.length).toBeGreaterThan(20);

    const client = await signInAs(user);
    const me = await client.request('/api/auth/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(user.id);
  });

  it('stores passwords as argon2id hashes', async () => {
    const user = await createTestUser();
    const db = await getDb();
    const result = await db.execute(sql`SELECT password_hash FROM users WHERE id = ${user.id}`);
    expect(String((result.rows[0] as { password_hash: string }).password_hash)).toMatch(/^\$argon2id\$/);
  });

  it('rejects a wrong password with attempts left, then locks the account with a clear message', async () => {
    const user = await createTestUser();
    for (let attempt = 1; attempt <= 4; attempt++) {
      const response = await login({ email: user.email, password: 'wrong-password-123' });
      expect(response.status).toBe(401);
      const problem = (await response.json()) as { code: string; detail: string };
      expect(problem.code).toBe('INVALID_CREDENTIALS');
      expect(problem.detail).toContain(`${5 - attempt} attempts left`);
    }
    const locked = await login({ email: user.email, password: 'wrong-password-123' });
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { code: string }).code).toBe('LOCKED_OUT');
    // Even the right password is refused while locked.
    const stillLocked = await login({ email: user.email, password: testPassword });
    expect(stillLocked.status).toBe(429);
    expect(((await stillLocked.json()) as { detail: string }).detail).toMatch(/try again in \d+ minutes/);
  });

  it('answers malformed JSON, wrong types and unknown fields with problem+json naming the field', async () => {
    const malformed = await login('{"email": ');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');

    const wrongType = await login({ email: 42, password: 'x' });
    expect(wrongType.status).toBe(400);
    const problem = (await wrongType.json()) as { invalidFields: { path: string }[] };
    expect(problem.invalidFields.map((f) => f.path)).toContain('json.email');

    const unknownField = await login({ email: 'a@b.vn', password: 'x', isAdmin: true });
    expect(unknownField.status).toBe(400);
  });

  it('refuses a state-changing request without the CSRF token, and a forged one', async () => {
    const admin = await createTestUser({ role: 'administrator' });
    const client = await signInAs(admin);
    const noToken = await testApp().request('/api/api-tokens', {
      method: 'POST',
      headers: { cookie: client.headers.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'script' }),
    });
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { code: string }).code).toBe('CSRF_FAILED');
    const forged = await testApp().request('/api/api-tokens', {
      method: 'POST',
      headers: { cookie: client.headers.cookie, 'content-type': 'application/json', 'x-csrf-token': 'forged' },
      body: JSON.stringify({ name: 'script' }),
    });
    expect(forged.status).toBe(403);
    const ok = await client.request('/api/api-tokens', { method: 'POST', body: { name: 'script' } });
    expect(ok.status).toBe(201);
  });

  it('reports an expired session as SESSION_EXPIRED', async () => {
    const user = await createTestUser();
    const client = await signInAs(user);
    const db = await getDb();
    await db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = ${user.id}`);
    const me = await client.request('/api/auth/me');
    expect(me.status).toBe(401);
    expect(((await me.json()) as { code: string }).code).toBe('SESSION_EXPIRED');
  });

  it('authenticates machine clients with an API token, and not after revocation', async () => {
    const user = await createTestUser({ role: 'coordinator' });
    const client = await signInAs(user);
    const created = (await (await client.request('/api/api-tokens', { method: 'POST', body: { name: 'ci' } })).json()) as {
      id: string;
      token: string;
    };
    const withToken = await testApp().request('/api/auth/me', { headers: { authorization: `Bearer ${created.token}` } });
    expect(withToken.status).toBe(200);
    // Tokens need no CSRF header: they are not ambient credentials.
    const write = await testApp().request('/api/api-tokens', {
      method: 'POST',
      headers: { authorization: `Bearer ${created.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'second' }),
    });
    expect(write.status).toBe(201);
    expect((await client.request(`/api/api-tokens/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    const revoked = await testApp().request('/api/auth/me', { headers: { authorization: `Bearer ${created.token}` } });
    expect(revoked.status).toBe(401);
  });

  it('requires the TOTP code once the second factor is enabled', async () => {
    const user = await createTestUser();
    const client = await signInAs(user);
    const setup = (await (await client.request('/api/auth/totp/setup', { method: 'POST' })).json()) as { secret: string };
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.secret), digits: 6, period: 30 });
    expect((await client.request('/api/auth/totp/enable', { method: 'POST', body: { code: totp.generate() } })).status).toBe(204);
    const withoutCode = await login({ email: user.email, password: testPassword });
    expect(((await withoutCode.json()) as { code: string }).code).toBe('TOTP_REQUIRED');
    const withCode = await login({ email: user.email, password: testPassword, totpCode: totp.generate() });
    expect(withCode.status).toBe(200);
  });
});

describe('account administration', () => {
  it('lets an administrator add an officer to a province, audited with before/after', async () => {
    const admin = await createTestUser({ role: 'administrator' });
    const province = await createTestOrganization();
    const client = await signInAs(admin);
    const response = await client.request('/api/users', {
      method: 'POST',
      body: {
        email: `officer-${province.id}@example.gov.vn`,
        organizationId: province.id,
        role: 'officer',
        password: 'một-mật-khẩu-dài',
      },
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string };
    const db = await getDb();
    const audit = await db.execute(sql`SELECT action, actor_user_id, after FROM audit_log WHERE entity_id = ${created.id}`);
    expect(audit.rows).toHaveLength(1);
    expect((audit.rows[0] as { actor_user_id: string }).actor_user_id).toBe(admin.id);
    expect(JSON.stringify((audit.rows[0] as { after: unknown }).after)).not.toContain('argon2');
  });

  it('refuses account creation by officers and viewers', async () => {
    for (const role of ['officer', 'viewer', 'leader'] as const) {
      const user = await createTestUser({ role });
      const client = await signInAs(user);
      const response = await client.request('/api/users', {
        method: 'POST',
        body: {
          email: `x-${role}-${user.id}@example.gov.vn`,
          organizationId: user.organizationId,
          role: 'officer',
          password: 'một-mật-khẩu-dài',
        },
      });
      expect(response.status).toBe(403);
    }
  });

  it('keeps the audit log append-only even for the database user of the app', async () => {
    const db = await getDb();
    const failureOf = (query: Promise<unknown>) =>
      query.then(
        () => 'succeeded',
        (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
      );
    expect(await failureOf(db.execute(sql`UPDATE audit_log SET action = 'forged'`))).toMatch(/append-only/);
    expect(await failureOf(db.execute(sql`DELETE FROM audit_log`))).toMatch(/append-only/);
  });
});
