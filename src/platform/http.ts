import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, errorCodes, type InvalidField } from './errors';
import type { Actor } from './actor';
import { logger } from './logger';

/** Variables every request carries through Hono's context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    actor: Actor | null;
    /** A session cookie was sent but has expired: the UI asks the user to sign in again. */
    sessionExpired: boolean;
  };
}

/** Schema of an RFC 9457 problem document, shared by every route's error responses. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    invalidFields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

/** Standard error responses to spread into `createRoute({ responses })`. */
export const problemResponses = {
  400: { description: 'Invalid request', content: { 'application/problem+json': { schema: problemSchema } } },
  401: { description: 'Not signed in', content: { 'application/problem+json': { schema: problemSchema } } },
  403: { description: 'Forbidden', content: { 'application/problem+json': { schema: problemSchema } } },
  404: { description: 'Not found', content: { 'application/problem+json': { schema: problemSchema } } },
} as const;

/** A JSON response with its schema, for `createRoute({ responses })`. */
export const jsonResponse = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body with its schema, for `createRoute({ request: { body } })`. */
export const jsonBody = <T extends z.ZodTypeAny>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

/** A calendar date in a query or body, as YYYY-MM-DD. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD');

/** The items of a comma-separated query parameter ("ministry, province" → ['ministry', 'province']), blanks dropped. */
export function commaSeparated(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function zodIssuesToFields(issues: readonly { path: readonly PropertyKey[]; message: string }[], where: string): InvalidField[] {
  return issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

/** A router whose validation failures become problem+json naming every invalid field. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const where = (result as { target?: string }).target ?? 'body';
        throw new AppError('VALIDATION_FAILED', 'The request has invalid fields', {
          invalidFields: zodIssuesToFields(result.error.issues, where),
        });
      }
      return undefined;
    },
  });
}

/** Builds the problem+json response for any thrown value. */
export function problemResponse(c: Context<AppEnv>, error: unknown): Response {
  const requestId = c.get('requestId');
  let appError: AppError;
  if (error instanceof AppError) appError = error;
  else if (error instanceof HTTPException) {
    const status = error.status;
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 401 ? 'UNAUTHENTICATED' : 'BAD_REQUEST';
    appError = new AppError(code, error.message || 'Bad request');
  } else if (error instanceof SyntaxError) {
    appError = new AppError('MALFORMED_JSON', `Malformed JSON: ${error.message}`);
  } else {
    logger.error({ err: error, requestId }, 'unhandled error');
    appError = new AppError('INTERNAL', 'Internal error');
  }
  if (errorCodes[appError.code].alert && appError.code !== 'INTERNAL') {
    logger.warn({ code: appError.code, requestId }, appError.message);
  }
  const body = {
    type: `https://nhip.gov.vn/problems/${appError.code.toLowerCase().replaceAll('_', '-')}`,
    title: appError.code,
    status: appError.status,
    detail: appError.message,
    code: appError.code,
    instance: c.req.path,
    requestId,
    ...(appError.invalidFields ? { invalidFields: appError.invalidFields } : {}),
    ...(appError.details ? { details: appError.details } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: appError.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
  });
}

/** The signed-in actor, or a 401 problem. */
export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor && c.get('sessionExpired')) throw new AppError('SESSION_EXPIRED', 'Your session has expired; sign in again');
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return actor;
}
