import { describe, expect, it } from 'vitest';
import { readiness } from './app';
import { testApp } from '../../test/factories';

describe('HTTP application', () => {
  it('answers /healthz with 200 once ready and 503 before', async () => {
    readiness.isReady = false;
    expect((await testApp().request('/healthz')).status).toBe(503);
    readiness.isReady = true;
    expect((await testApp().request('/healthz')).status).toBe(200);
  });

  it('documents itself as OpenAPI 3.1 with the sign-in and directory routes', async () => {
    const response = await testApp().request('/api/openapi.json');
    expect(response.status).toBe(200);
    const spec = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/auth/me', '/api/organizations']));
    const docs = await testApp().request('/api/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/api/openapi.json');
  });

  it('answers unknown API routes and oversize JSON with problem+json', async () => {
    const missing = await testApp().request('/api/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(((await missing.json()) as { code: string }).code).toBe('NOT_FOUND');

    const huge = JSON.stringify({ email: 'a@b.vn', password: 'x'.repeat(2_000_000) });
    const tooLarge = await testApp().request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(huge.length) },
      body: huge,
    });
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('searches the directory with or without diacritics, on a date', async () => {
    for (const search of ['bo y te', 'Bộ Y tế', 'BO Y TE']) {
      const response = await testApp().request(`/api/organizations?search=${encodeURIComponent(search)}`);
      const list = (await response.json()) as { id: string; name: string }[];
      expect(list[0]?.name).toBe('Bộ Y tế');
      expect(list.map((o) => o.name)).not.toContain('Bộ Khoa học và Công nghệ');
    }
    const mic2023 = (await (
      await testApp().request('/api/organizations?search=thong%20tin%20va%20truyen%20thong&on=2023-03-21&kind=ministry')
    ).json()) as {
      id: string;
      successors: string[];
    }[];
    expect(mic2023.map((o) => o.id)).toContain('bo-thong-tin-va-truyen-thong');
    const mic = mic2023.find((o) => o.id === 'bo-thong-tin-va-truyen-thong')!;
    expect(mic.successors).toEqual(expect.arrayContaining(['bo-van-hoa-the-thao-va-du-lich', 'bo-khoa-hoc-va-cong-nghe']));
    const mic2026 = (await (
      await testApp().request('/api/organizations?search=thong%20tin%20va%20truyen%20thong&on=2026-11-25&kind=ministry')
    ).json()) as unknown[];
    expect(mic2026).toHaveLength(0);
  });
});
