import { expect } from 'vitest';
import { runTrendsPipeline } from '../trends';
import { ingestMentions, setUpQuery } from '../trends/test-helpers';
import { createTestUser, signInAs } from '../../../test/factories';
import type { IncidentDetail } from './contracts';

/**
 * A fresh province with an officer, a leader and a real alert: a threshold rule on a saved query, five mentions
 * in one hour through the real monitoring ingest, and the trends pipeline run until it raised the alert.
 */
export async function setUpAlert() {
  const base = await setUpQuery();
  const rule = await base.session.request('/api/trends/rules', {
    method: 'POST',
    body: { name: 'Vượt 5 tin/giờ', kind: 'threshold', queryId: base.query.id, params: { mentions: 5 } },
  });
  expect(rule.status).toBe(201);
  const at = Date.UTC(2026, 10, 20, 2);
  await ingestMentions(
    base.token,
    Array.from({ length: 6 }, (_, i) => ({ at: new Date(at + i * 300_000), negative: true })),
  );
  await runTrendsPipeline();
  await runTrendsPipeline();
  const alerts = (await (await base.session.request(`/api/trends/alerts?queryId=${base.query.id}`)).json()) as {
    id: string;
    mentions: number;
    kind: string;
  }[];
  expect(alerts).toHaveLength(1);
  const leaderUser = await createTestUser({ role: 'leader', organizationId: base.organizationId });
  return { ...base, alert: alerts[0]!, leaderUser, leader: await signInAs(leaderUser) };
}

/** Reads a JSON body after checking the status (shows the problem body when it differs). */
export async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

export type { IncidentDetail };
