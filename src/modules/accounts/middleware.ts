import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import crypto from 'node:crypto';
import { AppError } from '../../platform/errors';
import type { AppEnv } from '../../platform/http';
import { actorFromUser, findSession, findUserByApiToken } from './sessions';

export const sessionCookieName = 'nhip_session';
export const csrfCookieName = 'nhip_csrf';
export const csrfHeaderName = 'x-csrf-token';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes that open a session cannot carry a session's CSRF token yet. */
const csrfExemptPaths = new Set(['/api/auth/login']);

function timingSafeEqualText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/**
 * Resolves the actor from a bearer API token or the session cookie, and enforces CSRF on
 * state-changing requests authenticated by cookie (synchronizer token in the `x-csrf-token` header).
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('actor', null);
    c.set('sessionExpired', false);
    const authorization = c.req.header('authorization');
    if (authorization?.toLowerCase().startsWith('bearer ')) {
      const user = await findUserByApiToken(authorization.slice(7).trim());
      if (!user) throw new AppError('UNAUTHENTICATED', 'Invalid or revoked API token');
      c.set('actor', actorFromUser(user, 'token'));
      return next();
    }
    const sessionToken = getCookie(c, sessionCookieName);
    if (sessionToken) {
      const session = await findSession(sessionToken);
      if (session.status === 'valid') {
        c.set('actor', actorFromUser(session.user, 'session'));
        if (!safeMethods.has(c.req.method) && !csrfExemptPaths.has(c.req.path)) {
          const sent = c.req.header(csrfHeaderName) ?? '';
          if (!timingSafeEqualText(sent, session.csrfToken)) {
            throw new AppError('CSRF_FAILED', `Missing or wrong ${csrfHeaderName} header for this session`);
          }
        }
      } else if (session.status === 'expired') {
        c.set('sessionExpired', true);
      }
    }
    return next();
  };
}
