import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, signInAs, signedOutClient, testApp, uniqueSuffix } from '../../../test/factories';
import type { LegalDocumentView } from './legal-documents';

const PRESS_LAW_2016 = 'policy:luat:103/2016/qh13';
const PRESS_LAW_2025 = 'policy:luat:126/2025/qh15';
const PRESS_LAW_DRAFT = 'policy:luat:du-thao/bao-chi-sua-doi';

interface Problem {
  code: string;
  invalidFields?: { path: string; message: string }[];
}

describe('legal register over a real HTTP server', () => {
  let server: ServerType;
  let baseUrl: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => {
      server = serve({ fetch: testApp().fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('addresses a document by its id put through encodeURIComponent', async () => {
    const response = await fetch(`${baseUrl}/api/legal-documents/${encodeURIComponent(PRESS_LAW_2016)}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: PRESS_LAW_2016,
      numberSymbol: '103/2016/QH13',
      title: 'Luật Báo chí',
      successors: [PRESS_LAW_2025],
    });
    // The raw id's slashes split it into path segments: no route, a problem document rather than another entry.
    const raw = await fetch(`${baseUrl}/api/legal-documents/${PRESS_LAW_2016}`);
    expect(raw.status).toBe(404);
    expect(((await raw.json()) as Problem).code).toBe('NOT_FOUND');
  });

  it('creates a document as a coordinator and fetches it by its encoded id', async () => {
    const coordinator = await signInAs(await createTestUser({ role: 'coordinator' }));
    const numberSymbol = `15/2026/QĐ-H${uniqueSuffix()}`;
    const created = await fetch(`${baseUrl}/api/legal-documents`, {
      method: 'POST',
      headers: { ...coordinator.headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'quyet-dinh',
        numberSymbol,
        title: 'Quyết định thử qua HTTP',
        aliases: ['Quyết định HTTP'],
        effectiveFrom: '2026-02-01',
      }),
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as LegalDocumentView;
    expect(body.id).toMatch(/^policy:quyet-dinh:15\/2026\/qd-h[0-9a-f]{8}$/);

    const fetched = await fetch(`${baseUrl}/api/legal-documents/${encodeURIComponent(body.id)}`);
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toEqual({
      id: body.id,
      kind: 'quyet-dinh',
      status: 'issued',
      numberSymbol,
      title: 'Quyết định thử qua HTTP',
      aliases: ['Quyết định HTTP'],
      issuer: null,
      issuedOn: null,
      effectiveFrom: '2026-02-01',
      effectiveTo: null,
      isReference: false,
      notes: null,
      predecessors: [],
      successors: [],
    });

    const predecessor = (await (
      await coordinator.request('/api/legal-documents', {
        method: 'POST',
        body: { kind: 'quyet-dinh', numberSymbol: `14/2025/QĐ-H${uniqueSuffix()}`, title: 'Quyết định thử được thay thế' },
      })
    ).json()) as LegalDocumentView;
    const patched = await fetch(`${baseUrl}/api/legal-documents/${encodeURIComponent(body.id)}`, {
      method: 'PATCH',
      headers: { ...coordinator.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ effectiveTo: '2026-12-31', predecessors: [predecessor.id] }),
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ effectiveTo: '2026-12-31', predecessors: [predecessor.id] });
    const replaced = (await (
      await fetch(`${baseUrl}/api/legal-documents/${encodeURIComponent(predecessor.id)}`)
    ).json()) as LegalDocumentView;
    expect(replaced.successors).toEqual([body.id]);
  });

  it('creates a draft without a number and addresses it by its encoded id', async () => {
    const coordinator = await signInAs(await createTestUser({ role: 'coordinator' }));
    const title = `Nghị định về thử dự thảo ${uniqueSuffix()}`;
    const created = await coordinator.request('/api/legal-documents', {
      method: 'POST',
      body: { kind: 'nghi-dinh', status: 'draft', title, effectiveFrom: '2026-11-01' },
    });
    expect(created.status).toBe(201);
    const draft = (await created.json()) as LegalDocumentView;
    expect(draft).toMatchObject({ status: 'draft', numberSymbol: null, title });
    expect(draft.id).toMatch(/^policy:nghi-dinh:du-thao\/ve-thu-du-thao-[0-9a-f]{8}$/);
    const fetched = await fetch(`${baseUrl}/api/legal-documents/${encodeURIComponent(draft.id)}`);
    expect(((await fetched.json()) as LegalDocumentView).title).toBe(title);
    const numbered = await coordinator.request('/api/legal-documents', {
      method: 'POST',
      body: { kind: 'nghi-dinh', status: 'draft', numberSymbol: '1/2026/NĐ-CP', title: `${title} khác` },
    });
    expect(numbered.status).toBe(400);
    expect(((await numbered.json()) as Problem).invalidFields).toEqual([expect.objectContaining({ path: 'numberSymbol' })]);
    const drafts = (await (
      await signedOutClient.request(`/api/legal-documents?status=draft&search=${encodeURIComponent(title)}`)
    ).json()) as LegalDocumentView[];
    expect(drafts.map((document) => document.id)).toEqual([draft.id]);
  });
});

describe('legal register API', () => {
  it('lists with search, kind and date from the query string', async () => {
    const on2025 = (await (
      await signedOutClient.request(`/api/legal-documents?search=${encodeURIComponent('luat bao chi')}&on=2025-05-01&kind=luat`)
    ).json()) as LegalDocumentView[];
    // the law in force, and the draft then discussed
    expect(on2025.map((document) => document.id)).toEqual([PRESS_LAW_2016, PRESS_LAW_DRAFT]);
    const issuedOn2025 = (await (
      await signedOutClient.request(
        `/api/legal-documents?search=${encodeURIComponent('luat bao chi')}&on=2025-05-01&kind=luat&status=issued`,
      )
    ).json()) as LegalDocumentView[];
    expect(issuedOn2025.map((document) => document.id)).toEqual([PRESS_LAW_2016]);
    const on2026 = (await (
      await signedOutClient.request(`/api/legal-documents?search=${encodeURIComponent('Luật Báo chí')}&on=2026-08-01`)
    ).json()) as LegalDocumentView[];
    expect(on2026[0]!.id).toBe(PRESS_LAW_2025);
    expect(on2026.map((document) => document.id)).not.toContain(PRESS_LAW_2016);
    const byNumber = (await (
      await signedOutClient.request('/api/legal-documents?search=103%2F2016&limit=1')
    ).json()) as LegalDocumentView[];
    expect(byNumber.map((document) => document.id)).toEqual([PRESS_LAW_2016]);

    const badKind = await signedOutClient.request('/api/legal-documents?kind=luat,sac-lenh');
    expect(badKind.status).toBe(400);
    const badDate = await signedOutClient.request('/api/legal-documents?on=01/07/2026');
    expect(badDate.status).toBe(400);
    const missing = await signedOutClient.request(`/api/legal-documents/${encodeURIComponent('policy:luat:1/1900/qh0')}`);
    expect(missing.status).toBe(404);
  });

  it('answers 400 naming numberSymbol when it cannot be parsed', async () => {
    const coordinator = await signInAs(await createTestUser({ role: 'coordinator' }));
    const response = await coordinator.request('/api/legal-documents', {
      method: 'POST',
      body: { kind: 'luat', numberSymbol: 'Luật sửa đổi', title: 'Luật thử' },
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as Problem;
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.invalidFields).toEqual([expect.objectContaining({ path: 'numberSymbol' })]);
  });

  it('forbids officers and signed-out visitors to write, and answers 409 for a document already there', async () => {
    const input = { kind: 'quyet-dinh', numberSymbol: `16/2026/QĐ-H${uniqueSuffix()}`, title: 'Quyết định thử quyền' };
    const officer = await signInAs(await createTestUser({ role: 'officer' }));
    const refused = await officer.request('/api/legal-documents', { method: 'POST', body: input });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as Problem).code).toBe('FORBIDDEN');
    const refusedEdit = await officer.request(`/api/legal-documents/${encodeURIComponent(PRESS_LAW_2016)}`, {
      method: 'PATCH',
      body: { notes: 'sửa trái phép' },
    });
    expect(refusedEdit.status).toBe(403);
    expect((await signedOutClient.request('/api/legal-documents', { method: 'POST', body: input })).status).toBe(401);

    const administrator = await signInAs(await createTestUser({ role: 'administrator' }));
    expect((await administrator.request('/api/legal-documents', { method: 'POST', body: input })).status).toBe(201);
    const again = await administrator.request('/api/legal-documents', { method: 'POST', body: input });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Problem).code).toBe('ALREADY_EXISTS');
    const pressLaw = (await (
      await signedOutClient.request(`/api/legal-documents/${encodeURIComponent(PRESS_LAW_2016)}`)
    ).json()) as LegalDocumentView;
    expect(pressLaw.notes).toBeNull();
  });

  it('documents its routes in the OpenAPI document', async () => {
    const spec = (await (await testApp().request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(spec.paths['/api/legal-documents'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(spec.paths['/api/legal-documents/{id}'] ?? {}).sort()).toEqual(['get', 'patch']);
  });
});

describe('nhip legal list', () => {
  it('prints the register filtered like the API, as JSON', async () => {
    const run = promisify(execFile);
    const { stdout } = await run('node', [
      'bin/nhip.js',
      'legal',
      'list',
      '--search',
      'luat bao chi',
      '--on',
      '2026-08-01',
      '--json',
    ]);
    const list = JSON.parse(stdout) as LegalDocumentView[];
    expect(list[0]!.id).toBe(PRESS_LAW_2025);
    expect(list.map((document) => document.id)).not.toContain(PRESS_LAW_2016);
    expect(list[0]).toMatchObject({ numberSymbol: '126/2025/QH15', predecessors: [PRESS_LAW_2016, PRESS_LAW_DRAFT] });
    const text = await run('node', ['bin/nhip.js', 'legal', 'list', '--kind', 'chi-thi,cong-van']);
    expect(text.stdout).toContain('policy:chi-thi:07/ct-ttg\tChỉ thị 07/CT-TTg\t');
    const drafts = await run('node', ['bin/nhip.js', 'legal', 'list', '--drafts', '--search', 'bao chi']);
    expect(drafts.stdout).toContain(`${PRESS_LAW_DRAFT}\tDự thảo\tLuật Báo chí (sửa đổi)\t…2026-06-30\t→ ${PRESS_LAW_2025}`);
    expect(drafts.stdout).not.toContain(PRESS_LAW_2016);
    const refused = await run('node', ['bin/nhip.js', 'legal', 'list', '--on', '1/7/2026', '--json']).catch(
      (error: { stderr: string; code: number }) => error,
    );
    expect((refused as { code: number }).code).toBe(1);
    expect(JSON.parse((refused as { stderr: string }).stderr)).toMatchObject({ error: 'VALIDATION_FAILED' });
  });
});
