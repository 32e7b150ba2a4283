import type { TFunction } from 'i18next';
import { ApiError } from './api';

/**
 * The translated message for a failed request: a known error code becomes its sentence in
 * `common:errors`, with details such as attempts left; server wording is never shown.
 */
export function describeError(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('common:errors.UNKNOWN');
  const details = error.details;
  if (error.code === 'INVALID_CREDENTIALS' && typeof details.attemptsLeft === 'number') {
    return t('common:errors.INVALID_CREDENTIALS_ATTEMPTS', { count: details.attemptsLeft });
  }
  if ((error.code === 'LOCKED_OUT' || error.code === 'RATE_LIMITED') && typeof details.retryAfterMinutes === 'number') {
    return t(`common:errors.${error.code}_MINUTES`, { count: details.retryAfterMinutes });
  }
  const key = `common:errors.${error.code}`;
  return t(key, { defaultValue: t('common:errors.UNKNOWN') });
}

/** Names of the invalid fields of a validation problem (their paths, e.g. "body.email"), for showing beside inputs. */
export function invalidFieldPaths(error: unknown): string[] {
  return error instanceof ApiError ? error.invalidFields.map((field) => field.path) : [];
}
