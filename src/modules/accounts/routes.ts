import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createRouter, jsonResponse, problemResponses, requireActor } from '../../platform/http';
import { env } from '../../platform/env';
import {
  apiTokenSchema,
  createUserRequestSchema,
  loginRequestSchema,
  publicUserSchema,
  sessionResponseSchema,
  updateUserRequestSchema,
} from './contracts';
import { csrfCookieName, sessionCookieName } from './middleware';
import {
  beginTotpEnrolment,
  createApiToken,
  disableTotp,
  enableTotp,
  findSession,
  listApiTokens,
  revokeApiToken,
  signIn,
  signOut,
} from './sessions';
import { createUser, getUser, listUsers, toPublicUser, updateUser } from './users';

export const accountRoutes = createRouter();

accountRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/auth/login',
    tags: ['accounts'],
    summary: 'Sign in; sets the HttpOnly session cookie',
    request: { body: { content: { 'application/json': { schema: loginRequestSchema } }, required: true } },
    responses: { 200: jsonResponse(sessionResponseSchema, 'Signed in'), ...problemResponses },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const ip =
      c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ??
      (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
    const result = await signIn({ email: body.email, password: body.password, totpCode: body.totpCode, ip });
    const cookieOptions = { path: '/', sameSite: 'Lax' as const, secure: env.session.cookieSecure, expires: result.expiresAt };
    setCookie(c, sessionCookieName, result.sessionToken, { ...cookieOptions, httpOnly: true });
    setCookie(c, csrfCookieName, result.csrfToken, { ...cookieOptions, httpOnly: false });
    return c.json({ user: result.user, csrfToken: result.csrfToken }, 200);
  },
);

accountRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/auth/logout',
    tags: ['accounts'],
    summary: 'Sign out',
    responses: { 204: { description: 'Signed out' }, ...problemResponses },
  }),
  async (c) => {
    const token = getCookie(c, sessionCookieName);
    if (token) await signOut(token);
    deleteCookie(c, sessionCookieName, { path: '/' });
    deleteCookie(c, csrfCookieName, { path: '/' });
    return c.body(null, 204);
  },
);

accountRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/auth/me',
    tags: ['accounts'],
    summary: 'The signed-in user and the CSRF token for state-changing requests',
    responses: { 200: jsonResponse(sessionResponseSchema, 'Current session'), ...problemResponses },
  }),
  async (c) => {
    const actor = requireActor(c);
    const user = await getUser({ actor, userId: actor.userId ?? '' });
    const token = getCookie(c, sessionCookieName);
    const session = token ? await findSession(token) : undefined;
    const csrfToken = session?.status === 'valid' ? session.csrfToken : '';
    return c.json({ user, csrfToken }, 200);
  },
);

accountRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/users',
    tags: ['accounts'],
    summary: 'List accounts visible to the caller',
    request: { query: z.object({ organizationId: z.string().optional(), search: z.string().max(200).optional() }) },
    responses: { 200: jsonResponse(z.array(publicUserSchema), 'Accounts'), ...problemResponses },
  }),
  async (c) => {
    const query = c.req.valid('query');
    return c.json(await listUsers({ actor: requireActor(c), ...query }), 200);
  },
);

accountRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/users',
    tags: ['accounts'],
    summary: 'Create an account (administrators; coordinators for non-admin roles)',
    request: { body: { content: { 'application/json': { schema: createUserRequestSchema } }, required: true } },
    responses: { 201: jsonResponse(publicUserSchema, 'Created'), ...problemResponses },
  }),
  async (c) => c.json(await createUser({ actor: requireActor(c), ...c.req.valid('json') }), 201),
);

accountRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/users/{id}',
    tags: ['accounts'],
    summary: 'Change role, status, name, language or password',
    request: {
      params: z.object({ id: z.string().uuid() }),
      body: { content: { 'application/json': { schema: updateUserRequestSchema } }, required: true },
    },
    responses: { 200: jsonResponse(publicUserSchema, 'Updated'), ...problemResponses },
  }),
  async (c) =>
    c.json(await updateUser({ actor: requireActor(c), userId: c.req.valid('param').id, changes: c.req.valid('json') }), 200),
);

accountRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api-tokens',
    tags: ['accounts'],
    summary: "The caller's API tokens",
    responses: { 200: jsonResponse(z.array(apiTokenSchema), 'Tokens'), ...problemResponses },
  }),
  async (c) => c.json(await listApiTokens({ actor: requireActor(c) }), 200),
);

accountRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api-tokens',
    tags: ['accounts'],
    summary: 'Create an API token for a machine client (the secret is returned once)',
    request: {
      body: {
        content: { 'application/json': { schema: z.object({ name: z.string().trim().min(1).max(100) }).strict() } },
        required: true,
      },
    },
    responses: { 201: jsonResponse(apiTokenSchema.extend({ token: z.string() }), 'Created'), ...problemResponses },
  }),
  async (c) => {
    const created = await createApiToken({ actor: requireActor(c), name: c.req.valid('json').name });
    return c.json({ ...created, lastUsedAt: null }, 201);
  },
);

accountRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/api-tokens/{id}',
    tags: ['accounts'],
    summary: 'Revoke an API token',
    request: { params: z.object({ id: z.string().uuid() }) },
    responses: { 204: { description: 'Revoked' }, ...problemResponses },
  }),
  async (c) => {
    await revokeApiToken({ actor: requireActor(c), tokenId: c.req.valid('param').id });
    return c.body(null, 204);
  },
);

accountRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/auth/totp/setup',
    tags: ['accounts'],
    summary: 'Begin enrolling an authenticator app (TOTP)',
    responses: {
      200: jsonResponse(z.object({ secret: z.string(), otpauthUrl: z.string() }), 'Secret to enter in the app'),
      ...problemResponses,
    },
  }),
  async (c) => c.json(await beginTotpEnrolment({ actor: requireActor(c) }), 200),
);

accountRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/auth/totp/enable',
    tags: ['accounts'],
    summary: 'Confirm the authenticator with a current code',
    request: {
      body: {
        content: { 'application/json': { schema: z.object({ code: z.string().regex(/^\d{6}$/) }).strict() } },
        required: true,
      },
    },
    responses: { 204: { description: 'Enabled' }, ...problemResponses },
  }),
  async (c) => {
    await enableTotp({ actor: requireActor(c), code: c.req.valid('json').code });
    return c.body(null, 204);
  },
);

accountRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/users/{id}/totp/disable',
    tags: ['accounts'],
    summary: 'Turn off the second factor (self or administrator)',
    request: { params: z.object({ id: z.string().uuid() }) },
    responses: { 204: { description: 'Disabled' }, ...problemResponses },
  }),
  async (c) => {
    await disableTotp({ actor: requireActor(c), userId: c.req.valid('param').id });
    return c.body(null, 204);
  },
);

export { toPublicUser };
