import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutboundUrl, isPrivateAddress, postToOutboundUrl } from './outbound-url';

describe('outbound URL guard', () => {
  let server: http.Server;
  let port = 0;
  const received: string[] = [];
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push(body);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('classifies addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
      'not-an-ip',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])
      expect(isPrivateAddress(address), address).toBe(false);
  });

  it('refuses loopback, metadata, private names, other schemes and credentials at save time', async () => {
    const none = new Set<string>();
    expect(await checkOutboundUrl('http://127.0.0.1:8080/hook', none)).toBe('BLOCKED');
    expect(await checkOutboundUrl('http://169.254.169.254/latest/meta-data/', none)).toBe('BLOCKED');
    expect(await checkOutboundUrl('http://[::1]/hook', none)).toBe('BLOCKED');
    expect(await checkOutboundUrl('http://localhost/hook', none)).toBe('BLOCKED');
    expect(await checkOutboundUrl('ftp://example.org/x', none)).toBe('SCHEME');
    expect(await checkOutboundUrl('http://user:pw@example.org/x', none)).toBe('CREDENTIALS');
    expect(await checkOutboundUrl('not a url', none)).toBe('BAD_URL');
    expect(await checkOutboundUrl('http://8.8.8.8/hook', none)).toBeNull();
    expect(await checkOutboundUrl('http://127.0.0.1:8080/hook', new Set(['127.0.0.1']))).toBeNull();
  });

  it('connects only to allowed private hosts, also for names resolving to them', async () => {
    await expect(
      postToOutboundUrl(`http://127.0.0.1:${port}/hook`, { allowedHosts: new Set(), headers: {}, body: 'a' }),
    ).rejects.toThrow(/Refused/);
    await expect(
      postToOutboundUrl(`http://localhost:${port}/hook`, { allowedHosts: new Set(), headers: {}, body: 'b' }),
    ).rejects.toThrow(/Refused/);
    expect(received).toEqual([]);
    const answer = await postToOutboundUrl(`http://localhost:${port}/hook`, {
      allowedHosts: new Set(['localhost']),
      headers: { 'content-type': 'text/plain' },
      body: 'c',
    });
    expect(answer.status).toBe(204);
    expect(received).toEqual(['c']);
  });
});
