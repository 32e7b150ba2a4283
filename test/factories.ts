import crypto from 'node:crypto';
import { getDb } from '../src/platform/db';
import { systemActor } from '../src/platform/actor';
import * as accounts from '../src/modules/accounts';
import { buildSearchText, organizations } from '../src/modules/agencies';
import { createApp } from '../src/server/app';

let app: ReturnType<typeof createApp> | undefined;
/** The real HTTP application, driven through `app.request()`. */
export function testApp(): ReturnType<typeof createApp> {
  app ??= createApp();
  return app;
}

export function uniqueSuffix(): string {
  return crypto.randomBytes(4).toString('hex');
}

/** A fresh organization, so that each test owns its data and nothing needs truncating. */
export async function createTestOrganization(options: { kind?: string; name?: string } = {}) {
  const db = await getDb();
  const suffix = uniqueSuffix();
  const name = options.name ?? `Tỉnh Thử nghiệm ${suffix}`;
  const [row] = await db
    .insert(organizations)
    .values({
      id: `test-${suffix}`,
      name,
      kind: options.kind ?? 'province',
      validFrom: '2025-07-01',
      searchText: buildSearchText([name]),
    })
    .returning();
  return row!;
}

export const testPassword = 'mật-khẩu-thử-nghiệm-dài';

/** A user with the given role in the given (or a fresh) organization. */
export async function createTestUser(options: { role?: accounts.UserRole; organizationId?: string } = {}) {
  const organizationId = options.organizationId ?? (await createTestOrganization()).id;
  const user = await accounts.createUser({
    actor: systemActor,
    email: `user-${uniqueSuffix()}@example.gov.vn`,
    organizationId,
    role: options.role ?? 'officer',
    password: testPassword,
  });
  return user;
}

/** A client of the API, signed in or not: JSON requests by path. */
export interface TestClient {
  request: (path: string, init?: { method?: string; body?: unknown }) => Response | Promise<Response>;
}

/** JSON requests without a session (what a signed-out visitor or script gets). */
export const signedOutClient: TestClient = {
  request: (path, init = {}) =>
    testApp().request(path, {
      method: init.method ?? 'GET',
      headers: init.body !== undefined ? { 'content-type': 'application/json' } : {},
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    }),
};

/** Signs in through the real login route and returns headers that authenticate later requests. */
export async function signInAs(user: { email: string }, password = testPassword) {
  const response = await testApp().request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { csrfToken: string };
  const cookies = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
  const headers = { cookie: cookies, 'x-csrf-token': body.csrfToken };
  return {
    headers,
    /** JSON request with session cookie and CSRF header. */
    request: (path: string, init: { method?: string; body?: unknown } = {}) =>
      testApp().request(path, {
        method: init.method ?? 'GET',
        headers: { ...headers, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      }),
  };
}
