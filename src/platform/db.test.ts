import { describe, expect, it } from 'vitest';
import { isTransientDatabaseError, rootCauseMessage } from './db';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isTransientDatabaseError', () => {
  it('retries what says nothing of the work: a lost connection, a restarting server, a lost race', () => {
    expect(isTransientDatabaseError(withCode('terminating connection due to administrator command', '57P01'))).toBe(true);
    expect(isTransientDatabaseError(withCode('the database system is starting up', '57P03'))).toBe(true);
    expect(isTransientDatabaseError(withCode('sorry, too many clients already', '53300'))).toBe(true);
    expect(isTransientDatabaseError(withCode('could not serialize access', '40001'))).toBe(true);
    expect(isTransientDatabaseError(withCode('deadlock detected', '40P01'))).toBe(true);
    expect(isTransientDatabaseError(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
    expect(isTransientDatabaseError(new Error('Connection terminated unexpectedly'))).toBe(true);
    // Drizzle wraps the driver's error as its cause
    const wrapped = new Error('Failed query: UPDATE monitoring_imports …', {
      cause: withCode('terminating connection due to administrator command', '57P01'),
    });
    expect(isTransientDatabaseError(wrapped)).toBe(true);
    // what is kept for people is the cause, not the statement and its parameters
    expect(rootCauseMessage(wrapped)).toBe('terminating connection due to administrator command');
  });

  it('does not retry what the same input would meet again', () => {
    expect(isTransientDatabaseError(withCode('duplicate key value violates unique constraint', '23505'))).toBe(false);
    expect(isTransientDatabaseError(withCode('invalid input syntax for type uuid', '22P02'))).toBe(false);
    expect(isTransientDatabaseError(withCode('syntax error at or near', '42601'))).toBe(false);
    expect(isTransientDatabaseError(new Error('line longer than 10000000 characters'))).toBe(false);
    expect(isTransientDatabaseError('57P01')).toBe(false);
    expect(isTransientDatabaseError(undefined)).toBe(false);
  });
});
