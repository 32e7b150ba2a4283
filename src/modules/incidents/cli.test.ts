import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createTestOrganization } from '../../../test/factories';
import { setUpAlert } from './test-helpers';

const run = promisify(execFile);
const nhip = async (args: string[]) =>
  JSON.parse((await run('node', ['bin/nhip.js', 'incidents', ...args, '--json'])).stdout) as unknown;

// Each test starts several CLI processes (each a cold TypeScript start): 27–34 s on a slow shared machine, past
// 60 s when other work runs beside it.
describe('nhip incidents', { timeout: 180_000 }, () => {
  it('opens an incident, lists it, and opens one alert only once', async () => {
    const organization = await createTestOrganization();
    const opened = (await nhip(['open', '--org', organization.id, '--title', 'Tin giả về học phí', '--severity', '3'])) as {
      id: string;
      isNew: boolean;
    };
    expect(opened).toMatchObject({
      organizationId: organization.id,
      title: 'Tin giả về học phí',
      severity: 3,
      status: 'open',
      isNew: true,
    });
    const listed = (await nhip(['list', '--org', organization.id])) as { id: string; title: string }[];
    expect(listed).toEqual([
      expect.objectContaining({ id: opened.id, title: 'Tin giả về học phí', severity: 3, isOverdue: false }),
    ]);

    const { alert, organizationId } = await setUpAlert();
    const first = (await nhip(['open', '--org', organizationId, '--from-alert', alert.id])) as {
      id: string;
      isNew: boolean;
      sourceAlertId: string;
    };
    const second = (await nhip(['open', '--org', organizationId, '--from-alert', alert.id])) as { id: string; isNew: boolean };
    expect(first).toMatchObject({ isNew: true, sourceAlertId: alert.id });
    expect(second).toEqual(expect.objectContaining({ id: first.id, isNew: false }));
    const shown = (await nhip(['show', first.id])) as { timeline: { kind: string }[] };
    expect(shown.timeline[0]!.kind).toBe('opened_from_alert');

    const refused = await run('node', ['bin/nhip.js', 'incidents', 'list', '--status', 'done', '--json']).catch(
      (error: { stderr: string; code: number }) => error,
    );
    expect((refused as { code: number }).code).toBe(1);
    expect(JSON.parse((refused as { stderr: string }).stderr)).toMatchObject({ error: 'VALIDATION_FAILED' });
    const wrongOrg = await run('node', [
      'bin/nhip.js',
      'incidents',
      'open',
      '--org',
      organization.id,
      '--from-alert',
      alert.id,
      '--json',
    ]).catch((error: { stderr: string; code: number }) => error);
    expect(JSON.parse((wrongOrg as { stderr: string }).stderr)).toMatchObject({
      error: 'VALIDATION_FAILED',
      invalidFields: [{ path: 'organizationId' }],
    });
  });
});
