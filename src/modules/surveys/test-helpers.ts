import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTestOrganization, createTestUser, signInAs } from '../../../test/factories';
import type { Answers } from './form-model';

/** Shared set-up of the surveys integration tests: a coordinating ministry and one fresh province. */

export const answers837: Answers = JSON.parse(
  fs.readFileSync(fileURLToPath(new URL('../../../test-data/surveys/answers-837.json', import.meta.url)), 'utf8'),
) as Answers;

export type Client = Awaited<ReturnType<typeof signInAs>>;

export async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function createNetwork() {
  const ministry = await createTestOrganization({
    kind: 'ministry',
    name: `Bộ Thử nghiệm ${Math.random().toString(36).slice(2, 8)}`,
  });
  const province = await createTestOrganization({ kind: 'province' });
  const coordinator = await signInAs(await createTestUser({ role: 'coordinator', organizationId: ministry.id }));
  const officer = await signInAs(await createTestUser({ role: 'officer', organizationId: province.id }));
  const secondOfficer = await signInAs(await createTestUser({ role: 'officer', organizationId: province.id }));
  const leader = await signInAs(await createTestUser({ role: 'leader', organizationId: province.id }));
  return { ministry, province, coordinator, officer, secondOfficer, leader };
}

export async function template837Id(client: Client): Promise<string> {
  const forms = await json<{ id: string; key: string }[]>(await client.request('/api/survey-forms'), 200);
  return forms.find((form) => form.key === 'capacity-837')!.id;
}

export function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

export async function launch(client: Client, body: Record<string, unknown>) {
  return json<{ id: string; targetCount: number; publicToken: string | null; formVersion: number }>(
    await client.request('/api/survey-campaigns', { method: 'POST', body: { deadline: inDays(14), ...body } }),
    201,
  );
}
