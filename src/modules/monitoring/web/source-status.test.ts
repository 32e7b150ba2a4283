import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeFetchStatus,
  encodeFetchStatus,
  fetchFailureReasons,
  fetchStatusFields,
  type FetchStatus,
} from '../fetch/fetch-status';
import { describeSourceStatus } from './source-status';

const locale = (language: string) =>
  JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../../../../locales/${language}/monitoring.json`), 'utf8')) as {
    sources: { statuses: Record<string, string> };
  };

/** A source's health as the API gives it for a stored status text (`toSourceView`). */
const health = (lastStatus: string) => ({ lastStatus, ...fetchStatusFields(lastStatus) });

describe("a source's fetch status", () => {
  it('is stored as one text and read back into its parts', () => {
    const statuses: FetchStatus[] = [
      { outcome: 'ok', failureReason: null, itemErrors: 0 },
      { outcome: 'ok', failureReason: null, itemErrors: 3 },
      { outcome: 'notModified', failureReason: null, itemErrors: 0 },
      { outcome: 'failed', failureReason: null, itemErrors: 0 },
      ...fetchFailureReasons.map((failureReason) => ({ outcome: 'failed' as const, failureReason, itemErrors: 0 })),
    ];
    for (const status of statuses) expect(decodeFetchStatus(encodeFetchStatus(status))).toEqual(status);
    expect(encodeFetchStatus(statuses[1]!)).toBe('ok (3 item errors)');
    expect(encodeFetchStatus({ outcome: 'failed', failureReason: 'TIMEOUT', itemErrors: 0 })).toBe('failed: TIMEOUT');
    expect(decodeFetchStatus('not-modified')).toEqual(statuses[2]);
    expect(decodeFetchStatus(null)).toBeNull();
    expect(decodeFetchStatus('failed: SOMETHING_NEW')).toBeNull();
    expect(decodeFetchStatus('something new')).toBeNull();
  });

  it('reads for people: success, success with failed entries, a pause the host asked for and each failure apart', () => {
    expect(describeSourceStatus(health('ok'))).toEqual({ key: 'ok', raw: 'ok', tone: 'green', itemErrors: 0 });
    expect(describeSourceStatus(health('ok (3 item errors)'))).toMatchObject({ key: 'ok', tone: 'yellow', itemErrors: 3 });
    expect(describeSourceStatus(health('not-modified'))).toMatchObject({ key: 'notModified', tone: 'green' });
    expect(describeSourceStatus(health('failed: DEFERRED'))).toMatchObject({ key: 'DEFERRED', tone: 'orange' });
    expect(describeSourceStatus(health('failed: HTTP_STATUS'))).toMatchObject({ key: 'HTTP_STATUS', tone: 'red' });
    expect(describeSourceStatus(health('failed: PARSE'))).toMatchObject({ key: 'PARSE', tone: 'red' });
    expect(describeSourceStatus(health('failed'))).toMatchObject({ key: 'failed', tone: 'red' });
    expect(describeSourceStatus(health('something new'))).toEqual({
      key: null,
      raw: 'something new',
      tone: 'gray',
      itemErrors: 0,
    });
  });

  it('has words for every status in Vietnamese and in English', () => {
    const statuses = ['ok', 'notModified', 'failed', ...fetchFailureReasons];
    for (const language of ['vi', 'en']) {
      const words = locale(language).sources.statuses;
      for (const status of statuses) expect(words[status], `${language} ${status}`).toBeTruthy();
      expect(Object.keys(words).sort()).toEqual([...statuses, 'itemErrors'].sort());
    }
  });
});
