/**
 * The one HTTP client of the web app: JSON in and out, the CSRF header on state-changing requests,
 * and RFC 9457 problems turned into `ApiError` (the UI shows translated codes, never server strings).
 */

export interface InvalidField {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown>;
  readonly invalidFields: InvalidField[];

  constructor(options: { code: string; status: number; details?: Record<string, unknown>; invalidFields?: InvalidField[] }) {
    super(options.code);
    this.name = 'ApiError';
    this.code = options.code;
    this.status = options.status;
    this.details = options.details ?? {};
    this.invalidFields = options.invalidFields ?? [];
  }
}

let csrfToken = '';
let onSessionLost: ((code: string) => void) | undefined;

/** Remembers the CSRF token returned by sign-in or /api/auth/me. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when a request finds the session expired or missing (the shell sends the user to sign in). */
export function setSessionLostHandler(handler: ((code: string) => void) | undefined): void {
  onSessionLost = handler;
}

const safeMethods = new Set(['GET', 'HEAD']);

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const problem = (body ?? {}) as { code?: unknown; details?: unknown; invalidFields?: unknown };
  return new ApiError({
    code: typeof problem.code === 'string' ? problem.code : response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST',
    status: response.status,
    details: typeof problem.details === 'object' && problem.details !== null ? (problem.details as Record<string, unknown>) : {},
    invalidFields: Array.isArray(problem.invalidFields) ? (problem.invalidFields as InvalidField[]) : [],
  });
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Query parameters; undefined and empty values are dropped. */
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Do not report a lost session to the shell (used by the session probe itself). */
  isSessionProbe?: boolean;
}

/** Builds `/api/...?query` from a path and optional parameters. */
export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return `/api${path}${text ? `?${text}` : ''}`;
}

/** Sends a request to the API and returns the parsed JSON (undefined for 204). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (!safeMethods.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0 });
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (!options.isSessionProbe && (error.code === 'SESSION_EXPIRED' || error.code === 'UNAUTHENTICATED'))
      onSessionLost?.(error.code);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return (await response.text()) as T;
  return (await response.json()) as T;
}

/** Uploads a raw body (e.g. a CSV file) with the CSRF header. */
export async function apiUpload<T>(path: string, body: Blob, contentType: string): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': contentType };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(apiUrl(path), { method: 'POST', headers, credentials: 'same-origin', body });
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}
