import { AppError } from '../../platform/errors';
import { parseQuery, QuerySyntaxError, type QueryNode } from './query/parse';

/** Parsing what a user types into a search or a saved query: date bounds and the query itself. */

const VIETNAM_OFFSET = '+07:00';

/**
 * Parses a date bound: `YYYY-MM-DD` is a calendar day in Vietnam (Asia/Ho_Chi_Minh, UTC+7, no DST), its
 * start for `from` and its end for `to`; a full ISO timestamp is taken as given.
 */
export function parseDateBound(value: string | undefined, edge: 'from' | 'to'): Date | undefined {
  if (!value) return undefined;
  const day = /^(\d{4}-\d{2}-\d{2})$/.exec(value.trim());
  const date = day
    ? new Date(`${day[1]}T${edge === 'from' ? '00:00:00.000' : '23:59:59.999'}${VIETNAM_OFFSET}`)
    : new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new AppError('VALIDATION_FAILED', `"${value}" is not a date (use YYYY-MM-DD or an ISO timestamp)`, {
      invalidFields: [{ path: edge, message: 'not a date' }],
    });
  return date;
}

/** Parses a query or throws VALIDATION_FAILED carrying the syntax error's position. */
export function parseQueryOrThrow(query: string, field = 'q'): QueryNode {
  try {
    return parseQuery(query);
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      throw new AppError('VALIDATION_FAILED', `Query syntax error at position ${error.position}: ${error.message}`, {
        details: { position: error.position, length: error.length, message: error.message },
        invalidFields: [{ path: field, message: `${error.message} (position ${error.position})` }],
      });
    }
    throw error;
  }
}
