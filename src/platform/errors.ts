/** Machine codes of every failure a use case can report; the UI translates them. */
export const errorCodes = {
  VALIDATION_FAILED: { status: 400, alert: false },
  MALFORMED_JSON: { status: 400, alert: false },
  BAD_REQUEST: { status: 400, alert: false },
  UNAUTHENTICATED: { status: 401, alert: false },
  INVALID_CREDENTIALS: { status: 401, alert: false },
  TOTP_REQUIRED: { status: 401, alert: false },
  SESSION_EXPIRED: { status: 401, alert: false },
  CSRF_FAILED: { status: 403, alert: false },
  FORBIDDEN: { status: 403, alert: false },
  NOT_FOUND: { status: 404, alert: false },
  CONFLICT: { status: 409, alert: false },
  ALREADY_EXISTS: { status: 409, alert: false },
  INVALID_STATE: { status: 409, alert: false },
  DEADLINE_PASSED: { status: 409, alert: false },
  PAYLOAD_TOO_LARGE: { status: 413, alert: false },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, alert: false },
  UNPROCESSABLE: { status: 422, alert: false },
  LOCKED_OUT: { status: 429, alert: true },
  RATE_LIMITED: { status: 429, alert: false },
  UPSTREAM_FAILED: { status: 502, alert: true },
  INTERNAL: { status: 500, alert: true },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface InvalidField {
  /** Path of the field, e.g. "body.email" or "line 12: email". */
  path: string;
  message: string;
}

/** The one error type thrown by use cases; routes turn it into RFC 9457 problem+json. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly invalidFields: InvalidField[] | undefined;

  constructor(code: ErrorCode, message: string, options?: { details?: Record<string, unknown>; invalidFields?: InvalidField[] }) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
    this.invalidFields = options?.invalidFields;
  }

  get status(): number {
    return errorCodes[this.code].status;
  }
}

/** Shorthand for the most common failure of a loader. */
export function notFound(what: string, id: string): AppError {
  return new AppError('NOT_FOUND', `${what} ${id} not found`, { details: { what, id } });
}
