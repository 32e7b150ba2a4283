import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb } from '../../../platform/db';
import { systemActor } from '../../../platform/actor';
import { allowPrivateHost, createSource } from '../sources';
import { claimDueSources, fetchSource } from './fetch-source';
import { fetchUrl, FetchError, retryAfterMs, type FetchResult } from './http';
import { isPrivateAddress } from '../../../platform/outbound-url';
import { parseFeedDocument } from './feeds';
import { extractArticle } from './article';
import { deferHostStarts, HostLimiter, politeRequest } from './host-limiter';
import { isAllowedByRobots } from './robots';

const siteDir = path.resolve(import.meta.dirname, '../../../../test-data/monitoring/site');
let server: http.Server;
let base = '';
let etagHits = 0;

const types: Record<string, string> = {
  '.xml': 'application/rss+xml',
  '.json': 'application/feed+json',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain',
};

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', base);
    if (url.pathname === '/huge-announced') {
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(200 * 1024 * 1024) });
      response.write('<rss>');
      return; // never finishes: the client must give up on the header alone
    }
    if (url.pathname === '/huge-stream') {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 101 && response.write(chunk)) sent++;
        if (sent < 101 && !response.destroyed) response.once('drain', pump);
        else response.end();
      };
      response.on('close', () => (sent = 101));
      pump();
      return;
    }
    if (url.pathname === '/gzip-bomb.xml') {
      // 64 MB of spaces in ~64 KB: the size limit must apply to the decompressed body
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
      return response.end(zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024, ' ')));
    }
    if (url.pathname === '/stall.xml') {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.write('<rss>');
      return; // the body never comes
    }
    if (url.pathname === '/bomb-feed.xml') {
      const item = (title: string, link: string) =>
        `<item><title>${title}</title><link>${base}${link}</link><description>Tóm tắt ngắn.</description><pubDate>Tue, 24 Nov 2026 02:00:00 GMT</pubDate></item>`;
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      return response.end(
        `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bom</title>${item('Trang bom HTML', '/bomb/page.html')}${item('Hà Nội điều chỉnh học phí', '/articles/hoc-phi.html?from=bomb-feed')}</channel></rss>`,
      );
    }
    if (url.pathname === '/bomb/page.html') {
      // 23 KB of nested <div>s: Readability alone would take about half a minute
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return response.end(
        `<html><body>${'<div>'.repeat(2000)}<p>${'Nội dung. '.repeat(50)}</p>${'</div>'.repeat(2000)}</body></html>`,
      );
    }
    if (url.pathname === '/loop-a' || url.pathname === '/loop-b') {
      response.writeHead(302, { location: url.pathname === '/loop-a' ? '/loop-b' : '/loop-a' });
      return response.end();
    }
    if (url.pathname === '/mislabelled.xml') {
      // windows-1258 bytes served as UTF-8, the declaration inside says windows-1258
      const raw = fs
        .readFileSync(path.join(siteDir, 'legacy-1258.xml'))
        .toString('latin1')
        .replaceAll('{{BASE}}', `${base}/mislabelled`);
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      return response.end(Buffer.from(raw, 'latin1'));
    }
    if (url.pathname === '/etag-feed.xml') {
      etagHits++;
      if (request.headers['if-none-match'] === '"v1"') {
        response.writeHead(304, { etag: '"v1"' });
        return response.end();
      }
      const body = fs.readFileSync(path.join(siteDir, 'atom.xml'), 'utf8').replaceAll('{{BASE}}', `${base}/etag`);
      response.writeHead(200, { 'content-type': 'application/atom+xml', etag: '"v1"' });
      return response.end(body);
    }
    const file = url.pathname === '/robots.txt' ? 'robots.txt' : url.pathname.replace(/^\//, '').replaceAll('/', '-');
    const full = path.join(siteDir, file);
    if (!file || !fs.existsSync(full)) {
      response.writeHead(404);
      return response.end('not found');
    }
    const raw = fs.readFileSync(full);
    const body = file.endsWith('1258.xml')
      ? Buffer.from(raw.toString('latin1').replaceAll('{{BASE}}', base), 'latin1')
      : Buffer.from(raw.toString('utf8').replaceAll('{{BASE}}', base));
    response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Tests reach the fixture server through the admin allow-list, like an intranet feed would.
  await allowPrivateHost({ actor: systemActor, host: '127.0.0.1', note: 'test fixture server' });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function addSource(name: string, urlPath: string, kind: 'feed' | 'sitemap' | 'article' = 'feed') {
  return createSource({
    actor: systemActor,
    input: { name: `${name} ${Math.random().toString(36).slice(2, 8)}`, kind, url: `${base}${urlPath}`, organizationId: null },
  });
}

async function health(sourceId: string) {
  const db = await getDb();
  return (
    await db.execute(
      sql`SELECT last_status, last_error, consecutive_failures, next_run_at > now() AS is_later FROM monitoring_sources WHERE id = ${sourceId}`,
    )
  ).rows[0] as {
    last_status: string;
    last_error: string | null;
    consecutive_failures: number;
    is_later: boolean;
  };
}

async function documentAt(canonicalUrl: string) {
  const db = await getDb();
  return (
    await db.execute(
      sql`SELECT title, text, byline, published_at FROM monitoring_documents WHERE canonical_url = ${canonicalUrl}`,
    )
  ).rows[0] as { title: string; text: string; byline: string | null; published_at: Date } | undefined;
}

describe('fetching sources from a fixture server', () => {
  it('reads an RSS feed, fetches summary-only articles with Readability and respects robots.txt', async () => {
    const source = await addSource('RSS', '/rss-summary.xml');
    const outcome = await fetchSource({ sourceId: source.id });
    expect(outcome.status).toBe('ok');
    expect(outcome.items).toBe(3);
    expect(outcome.errors.join('\n')).toMatch(/robots\.txt disallows .*private/);
    const article = await documentAt(`${base}/articles/hoc-phi.html`);
    expect(article?.text).toContain('Sở Giáo dục và Đào tạo cho biết');
    expect(article?.text).not.toContain('Liên hệ quảng cáo');
    expect(article?.title).toBe('Hà Nội điều chỉnh học phí năm học mới');
    const state = await health(source.id);
    expect(state.last_status).toMatch(/^ok/);
    expect(state.is_later).toBe(true);
  });

  it('reads Atom (with byline), JSON Feed and news sitemaps', async () => {
    expect((await fetchSource({ sourceId: (await addSource('Atom', '/atom.xml')).id })).ingested).toBeGreaterThanOrEqual(0);
    expect((await documentAt(`${base}/atom/cau-song-han`))?.byline).toBe('Nguyễn Phóng Viên');
    await fetchSource({ sourceId: (await addSource('JSON', '/feed.json')).id });
    expect((await documentAt(`${base}/json/1`))?.title).toBe('Cần Thơ mở rộng tuyến xe buýt điện');
    await fetchSource({ sourceId: (await addSource('Sitemap', '/news-sitemap.xml', 'sitemap')).id });
    const fromSitemap = await documentAt(`${base}/articles/sitemap-article.html`);
    expect(fromSitemap?.title).toBe('Quảng Ninh đón khách quốc tế');
    expect(fromSitemap?.text).toContain('vịnh Hạ Long');
    expect(new Date(fromSitemap!.published_at).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  it('decodes a legacy windows-1258 feed declared only in the XML declaration', async () => {
    await fetchSource({ sourceId: (await addSource('Legacy', '/legacy-1258.xml')).id });
    const document = await documentAt(`${base}/legacy/1`);
    expect(document?.title).toBe('Tuyên Quang triển khai chuyển đổi số');
    expect(document?.text).toContain('thủ tục hành chính');
  });

  it('recovers a legacy feed served with a wrong UTF-8 header', async () => {
    await fetchSource({ sourceId: (await addSource('Mislabelled', '/mislabelled.xml')).id });
    expect((await documentAt(`${base}/mislabelled/legacy/1`))?.title).toBe('Tuyên Quang triển khai chuyển đổi số');
  });

  it('records malformed feeds, huge responses and redirect loops in source health and backs off', async () => {
    const cases: [string, RegExp][] = [
      ['/malformed.xml', /PARSE/],
      ['/huge-announced', /TOO_LARGE/],
      ['/huge-stream', /TOO_LARGE/],
      ['/gzip-bomb.xml', /TOO_LARGE/],
      ['/loop-a', /TOO_MANY_REDIRECTS/],
      ['/missing.xml', /HTTP_STATUS/],
    ];
    for (const [urlPath, status] of cases) {
      const source = await addSource('Bad', urlPath);
      const outcome = await fetchSource({ sourceId: source.id });
      expect(outcome.status, urlPath).toBe('failed');
      const state = await health(source.id);
      expect(state.last_status, urlPath).toMatch(status);
      expect(state.consecutive_failures).toBe(1);
      expect(state.is_later).toBe(true);
    }
  });

  it('gives up on a response whose body stops coming', async () => {
    const failure = await fetchUrl(`${base}/stall.xml`, { allowedHosts: new Set(['127.0.0.1']), timeoutMs: 300 }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(FetchError);
    expect((failure as FetchError).reason).toBe('TIMEOUT');
  });

  it('reports an article page that is an HTML bomb and keeps its entry with the feed summary; the other entries go through', async () => {
    const source = await addSource('Bomb', '/bomb-feed.xml');
    const outcome = await fetchSource({ sourceId: source.id });
    expect(outcome.status).toBe('ok');
    expect(outcome.errors.join('\n')).toMatch(/bomb\/page\.html: The page nests elements more than 256 levels deep/);
    expect((await documentAt(`${base}/bomb/page.html`))?.text).toBe('Tóm tắt ngắn.');
    expect((await documentAt(`${base}/articles/hoc-phi.html?from=bomb-feed`))?.text).toContain('Sở Giáo dục và Đào tạo cho biết');
  });

  it('uses conditional GET (ETag) on the next run', async () => {
    const source = await addSource('ETag', '/etag-feed.xml');
    expect((await fetchSource({ sourceId: source.id })).status).toBe('ok');
    expect((await fetchSource({ sourceId: source.id })).status).toBe('not-modified');
    expect(etagHits).toBe(2);
  });

  it('claims each due source once for the queue', async () => {
    const source = await addSource('Due', `/atom.xml?due=${Date.now()}`);
    const first = await claimDueSources();
    expect(first).toContain(source.id);
    expect(await claimDueSources()).not.toContain(source.id);
  });
});

describe('politeness per host across worker processes', () => {
  it('spaces the starts of requests to one host by its interval whichever limiter makes them', async () => {
    // two limiters stand for two worker processes: they share nothing but the database
    const interval = 200;
    const workers = [new HostLimiter(2, interval), new HostLimiter(2, interval)];
    const host = `polite-${Date.now()}.test`;
    const starts: number[] = [];
    const began = Date.now();
    const requests = workers.flatMap((worker) =>
      [0, 1, 2].map(() =>
        worker.run(host, async () => {
          starts.push(Date.now());
          await new Promise((resolve) => setTimeout(resolve, 30));
        }),
      ),
    );
    // another host meanwhile is not held up by this one's queue
    let otherStart = 0;
    const other = workers[1]!.run(`other-${host}`, async () => {
      otherStart = Date.now();
    });
    await Promise.all([...requests, other]);
    starts.sort((a, b) => a - b);
    expect(starts).toHaveLength(6);
    // the starts are reserved an interval apart on the database's clock; each then waits for the answer of its
    // reservation, whose time varies on a busy machine
    for (let k = 1; k < starts.length; k++) expect(starts[k]! - starts[k - 1]!).toBeGreaterThanOrEqual(interval * 0.75);
    expect(starts[5]! - starts[0]!).toBeGreaterThanOrEqual(5 * interval - 25);
    expect(otherStart - began).toBeLessThan(interval);
    const db = await getDb();
    const { rows } = await db.execute(sql`SELECT next_start_at FROM monitoring_host_starts WHERE host = ${host}`);
    expect(rows).toHaveLength(1);
  });
});

describe('open requests per host across worker processes', () => {
  it('keeps at most the limit of requests open to a host whichever limiter makes them', async () => {
    const workers = [new HostLimiter(1, 0, { pollMs: 20 }), new HostLimiter(1, 0, { pollMs: 20 })];
    const host = `busy-${Date.now()}.test`;
    let open = 0;
    let mostOpen = 0;
    let done = 0;
    await Promise.all(
      workers.flatMap((worker) =>
        [0, 1].map(() =>
          worker.run(host, async () => {
            mostOpen = Math.max(mostOpen, ++open);
            await new Promise((resolve) => setTimeout(resolve, 80));
            open--;
            done++;
          }),
        ),
      ),
    );
    expect(done).toBe(4);
    expect(mostOpen).toBe(1);
    // every slot is given back
    const db = await getDb();
    const { rows } = await db.execute(sql`SELECT slot FROM monitoring_host_leases WHERE host = ${host}`);
    expect(rows).toHaveLength(0);
  });

  it('keeps renewing the slot of a request that outlasts its lease', async () => {
    const workers = [new HostLimiter(1, 0, { leaseMs: 300, pollMs: 20 }), new HostLimiter(1, 0, { leaseMs: 300, pollMs: 20 })];
    const host = `long-${Date.now()}.test`;
    let firstEnded = 0;
    let secondStarted = 0;
    const first = workers[0]!.run(host, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      firstEnded = Date.now();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await workers[1]!.run(host, async () => {
      secondStarted = Date.now();
    });
    await first;
    expect(secondStarted).toBeGreaterThanOrEqual(firstEnded);
  });

  it('holds every process off a deferred host: a short deferral is waited out, a long one fails at once', async () => {
    const limiter = new HostLimiter(2, 0, { pollMs: 20, maxDeferralWaitMs: 5000 });
    const host = `deferred-${Date.now()}.test`;
    await deferHostStarts(host, 400);
    const began = Date.now();
    let startedAfter = -1;
    await limiter.run(host, async () => {
      startedAfter = Date.now() - began;
    });
    expect(startedAfter).toBeGreaterThanOrEqual(300);
    await deferHostStarts(host, 600_000);
    // an earlier deferral does not shorten a later one
    await deferHostStarts(host, 1000);
    let ran = false;
    const failure = await limiter
      .run(host, async () => {
        ran = true;
      })
      .catch((error: unknown) => error);
    expect(ran).toBe(false);
    expect((failure as FetchError).reason).toBe('DEFERRED');
    expect((failure as FetchError).retryAfterMs).toBeGreaterThan(590_000);
  });

  it('frees the slot of a killed process once its lease expires, and not before', async () => {
    const db = await getDb();
    const host = `killed-${Date.now()}.test`;
    // a process killed while its request was open left its slot leased for 500 ms more
    await db.execute(sql`
      INSERT INTO monitoring_host_leases (host, slot, holder, expires_at)
      VALUES (${host}, 0, gen_random_uuid(), clock_timestamp() + interval '500 milliseconds')`);
    const began = Date.now();
    let startedAfter = -1;
    await new HostLimiter(1, 0, { pollMs: 20 }).run(host, async () => {
      startedAfter = Date.now() - began;
    });
    expect(startedAfter).toBeGreaterThanOrEqual(300);
    expect(startedAfter).toBeLessThan(5000);
  });
});

describe('a host that asks to slow down (429 / 503 with Retry-After)', () => {
  // its own server: the host it defers for an hour is not the one the other tests fetch from
  let slowServer: http.Server;
  let slowBase = '';
  const requests: { path: string; at: number }[] = [];
  const feed = (slug: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Chậm</title><item><title>Bản tin ${slug}</title>` +
    `<link>${slowBase}/${slug}/1</link><description>${'Thành phố công bố kế hoạch chuyển đổi số cho các phường, xã. '.repeat(10)}</description>` +
    `<pubDate>Tue, 24 Nov 2026 02:00:00 GMT</pubDate></item></channel></rss>`;

  beforeAll(async () => {
    slowServer = http.createServer((request, response) => {
      const urlPath = new URL(request.url ?? '/', 'http://x').pathname;
      requests.push({ path: urlPath, at: Date.now() });
      const asked = requests.filter((r) => r.path === urlPath).length;
      if ((urlPath === '/slow-down.xml' && asked === 1) || urlPath === '/closed.xml') {
        response.writeHead(urlPath === '/closed.xml' ? 503 : 429, { 'retry-after': urlPath === '/closed.xml' ? '3600' : '2' });
        return response.end();
      }
      if (urlPath === '/slow-down.xml' || urlPath === '/other.xml') {
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        return response.end(feed(urlPath.slice(1, -4)));
      }
      response.writeHead(404);
      response.end();
    });
    await new Promise<void>((resolve) => slowServer.listen(0, '127.0.0.1', resolve));
    slowBase = `http://127.0.0.1:${(slowServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    slowServer.closeAllConnections();
    await new Promise((resolve) => slowServer.close(resolve));
  });

  const sourceAt = (urlPath: string) =>
    createSource({
      actor: systemActor,
      input: { name: `Chậm ${urlPath} ${Date.now()}`, kind: 'feed', url: `${slowBase}${urlPath}`, organizationId: null },
    });
  const minutesToNextRun = async (sourceId: string) => {
    const db = await getDb();
    const { rows } = await db.execute(
      sql`SELECT extract(epoch FROM next_run_at - now()) / 60 AS minutes FROM monitoring_sources WHERE id = ${sourceId}`,
    );
    return Number((rows[0] as { minutes: number }).minutes);
  };

  it('reads Retry-After as seconds or an HTTP date, within a day', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Fri, 27 Nov 2026 10:05:00 GMT', now)).toBe(300_000);
    expect(retryAfterMs('Fri, 27 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('99999999', now)).toBe(24 * 3600_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });

  it('waits as long as the host asked before trying again, and the run succeeds', async () => {
    const source = await sourceAt('/slow-down.xml');
    const outcome = await fetchSource({ sourceId: source.id });
    expect(outcome.status).toBe('ok');
    expect(outcome.ingested).toBe(1);
    const asked = requests.filter((r) => r.path === '/slow-down.xml');
    expect(asked).toHaveLength(2);
    // the backoff alone would have waited 1 s
    expect(asked[1]!.at - asked[0]!.at).toBeGreaterThanOrEqual(1900);
  });

  it('reads robots.txt answered with 429 as "not now": nothing allowed, the host deferred, no second request', async () => {
    const hits: string[] = [];
    const strict = http.createServer((request, response) => {
      hits.push(request.url ?? '');
      response.writeHead(request.url === '/robots.txt' ? 429 : 200, { 'retry-after': '3600' });
      response.end();
    });
    await new Promise<void>((resolve) => strict.listen(0, '127.0.0.1', resolve));
    const strictBase = `http://127.0.0.1:${(strict.address() as AddressInfo).port}`;
    try {
      const limiter = new HostLimiter(2, 0);
      const options = {
        allowedHosts: new Set(['127.0.0.1']),
        via: (url: string, request: () => Promise<FetchResult>) => politeRequest(limiter, url, request),
      };
      // a 4xx robots.txt would allow everything; 429 is the host asking to slow down
      expect(await isAllowedByRobots(`${strictBase}/bai-1.html`, options)).toBe(false);
      await expect(isAllowedByRobots(`${strictBase}/bai-2.html`, options)).rejects.toMatchObject({ reason: 'DEFERRED' });
      expect(hits).toEqual(['/robots.txt']);
    } finally {
      strict.closeAllConnections();
      await new Promise((resolve) => strict.close(resolve));
    }
  });

  it('asks a host that wants an hour nothing more: no retry, the next run after the hour, other feeds of the host held too', async () => {
    const closed = await sourceAt('/closed.xml');
    const outcome = await fetchSource({ sourceId: closed.id });
    expect(outcome.status).toBe('failed');
    expect(requests.filter((r) => r.path === '/closed.xml')).toHaveLength(1);
    expect((await health(closed.id)).last_status).toBe('failed: HTTP_STATUS');
    expect(await minutesToNextRun(closed.id)).toBeGreaterThan(59);
    // another feed of the same host, fetched by any worker process, waits for the hour without a request
    const other = await sourceAt('/other.xml');
    const otherOutcome = await fetchSource({ sourceId: other.id });
    expect(otherOutcome.status).toBe('failed');
    expect(otherOutcome.errors[0]).toMatch(/asked not to be fetched for 3[56]\d\d s more/);
    expect((await health(other.id)).last_status).toBe('failed: DEFERRED');
    expect(await minutesToNextRun(other.id)).toBeGreaterThan(59);
    expect(requests.filter((r) => r.path === '/other.xml')).toHaveLength(0);
  });
});

describe('SSRF guard', () => {
  it('classifies addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '113.160.1.1', '2001:4860:4860::8888'])
      expect(isPrivateAddress(address), address).toBe(false);
  });

  it('refuses loopback, metadata and private hosts unless allowed, also by name and after redirects', async () => {
    const none = new Set<string>();
    const reason = (promise: Promise<unknown>) =>
      promise.then(
        () => 'fetched',
        (error: FetchError) => error.reason,
      );
    expect(await reason(fetchUrl('http://169.254.169.254/latest/meta-data/', { allowedHosts: none }))).toBe('BLOCKED');
    expect(await reason(fetchUrl(`${base}/atom.xml`, { allowedHosts: none }))).toBe('BLOCKED');
    expect(await reason(fetchUrl(`${base.replace('127.0.0.1', 'localhost')}/atom.xml`, { allowedHosts: none }))).toBe('BLOCKED');
    expect(await reason(fetchUrl('http://[::1]:9/', { allowedHosts: none }))).toBe('BLOCKED');
    expect(await reason(fetchUrl(`${base}/atom.xml`, { allowedHosts: new Set(['127.0.0.1']) }))).toBe('fetched');
  });
});

describe('feed parsing', () => {
  it('rejects malformed input with a parse error and reads JSON Feed', () => {
    expect(() => parseFeedDocument('{"version": 1')).toThrow(/Malformed JSON Feed/);
    expect(() => parseFeedDocument('<html><body>nope')).toThrow();
    expect(parseFeedDocument(fs.readFileSync(path.join(siteDir, 'feed.json'), 'utf8')).entries).toHaveLength(1);
  });
});

describe('article extraction', () => {
  it('refuses HTML bombs with the reason, before the parser or Readability spend seconds on them', () => {
    const nested = (depth: number) =>
      `<html><body>${'<div>'.repeat(depth)}<p>${'Nội dung bài viết. '.repeat(40)}</p>${'</div>'.repeat(depth)}</body></html>`;
    expect(extractArticle(nested(100), 'https://a.vn/1')?.text).toContain('Nội dung bài viết.');
    expect(() => extractArticle(nested(300), 'https://a.vn/2')).toThrow(/more than 256 levels deep/);
    // deep enough that parsing alone would take seconds: refused from the tags, before parsing
    expect(() => extractArticle(nested(200_000), 'https://a.vn/3')).toThrow(/more than 256 levels deep/);
    expect(() => extractArticle(`<html><body>${'<span>x</span>'.repeat(61_000)}</body></html>`, 'https://a.vn/4')).toThrow(
      /more than 60000 elements/,
    );
  });
});
