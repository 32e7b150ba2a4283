import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeSourceStatus } from './source-status';

const locale = (language: string) =>
  JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../../../../locales/${language}/monitoring.json`), 'utf8')) as {
    sources: { statuses: Record<string, string> };
  };

describe("a source's fetch status, read for people", () => {
  it('tells success, success with failed entries, a pause the host asked for and each failure apart', () => {
    expect(describeSourceStatus('ok')).toEqual({ key: 'ok', raw: 'ok', tone: 'green', itemErrors: 0 });
    expect(describeSourceStatus('ok (3 item errors)')).toMatchObject({ key: 'ok', tone: 'yellow', itemErrors: 3 });
    expect(describeSourceStatus('not-modified')).toMatchObject({ key: 'notModified', tone: 'green' });
    expect(describeSourceStatus('failed: DEFERRED')).toMatchObject({ key: 'DEFERRED', tone: 'orange' });
    expect(describeSourceStatus('failed: HTTP_STATUS')).toMatchObject({ key: 'HTTP_STATUS', tone: 'red' });
    expect(describeSourceStatus('failed: PARSE')).toMatchObject({ key: 'PARSE', tone: 'red' });
    expect(describeSourceStatus('failed')).toMatchObject({ key: 'failed', tone: 'red' });
    expect(describeSourceStatus('something new')).toEqual({ key: null, raw: 'something new', tone: 'gray', itemErrors: 0 });
  });

  it('has words for every status in Vietnamese and in English', () => {
    const statuses = ['ok', 'notModified', 'failed', 'DEFERRED', 'TOO_LARGE', 'TOO_MANY_REDIRECTS', 'TIMEOUT', 'HTTP_STATUS'];
    statuses.push('BLOCKED', 'NETWORK', 'BAD_URL', 'PARSE');
    for (const language of ['vi', 'en']) {
      const words = locale(language).sources.statuses;
      for (const status of statuses) expect(words[status], `${language} ${status}`).toBeTruthy();
      expect(Object.keys(words).sort()).toEqual([...statuses, 'itemErrors'].sort());
    }
  });
});
