import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import net from 'node:net';
import { createGuardedLookup, isPrivateAddress, normalizeHost } from '../../../platform/outbound-url';
import type { FetchFailureReason } from './fetch-status';

export const USER_AGENT = 'NhipMonitor/1.0 (+https://nhip.gov.vn/bot; policy-communication monitoring)';

export interface FetchOptions {
  allowedHosts: ReadonlySet<string>;
  etag?: string | null;
  lastModified?: string | null;
  /** Bodies larger than this are refused (announced length) or cut off (streamed length). */
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  accept?: string;
}

export interface FetchResult {
  status: number;
  url: string;
  isNotModified: boolean;
  etag: string | null;
  lastModified: string | null;
  contentType: string;
  body: string;
}

/** A failure of one fetch, with a machine reason shown in source health. */
export class FetchError extends Error {
  constructor(
    readonly reason: Exclude<FetchFailureReason, 'PARSE'>,
    message: string,
    readonly status?: number,
    /** How long the server asked not to be fetched (Retry-After of a 429 or 503), or a deferral's rest. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  /** Worth retrying later (network trouble, server errors, rate limiting). */
  get isTransient(): boolean {
    return (
      this.reason === 'TIMEOUT' ||
      this.reason === 'NETWORK' ||
      (this.reason === 'HTTP_STATUS' && (this.status === 429 || (this.status ?? 0) >= 500))
    );
  }
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Decodes a body with the detected charset. A wrong header is common (servers default to UTF-8 for legacy
 * windows-1258 pages): when UTF-8 decoding meets invalid bytes, the charset the document declares itself, or
 * else windows-1258 (the legacy Vietnamese code page), is used instead.
 */
export function decodeBody(contentType: string, bytes: Buffer): string {
  const charset = detectCharset(contentType, bytes);
  const text = iconv.decode(bytes, charset);
  if (!/^utf-?8$/i.test(charset) || !text.includes('\uFFFD')) return text;
  const head = bytes.subarray(0, 2048).toString('latin1');
  const declared = (
    /<\?xml[^>]*encoding\s*=\s*["']([\w.-]+)/i.exec(head)?.[1] ?? /<meta[^>]*charset\s*=\s*["']?([\w.-]+)/i.exec(head)?.[1]
  )?.toLowerCase();
  const fallback = declared && !/^utf-?8$/.test(declared) && iconv.encodingExists(declared) ? declared : 'windows-1258';
  return iconv.decode(bytes, fallback).normalize('NFC');
}

/** Charset from a BOM, the Content-Type header, or a <meta charset> / XML declaration in the first bytes. */
export function detectCharset(contentType: string, bytes: Buffer): string {
  const header = /charset\s*=\s*["']?([\w.-]+)/i.exec(contentType)?.[1];
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const head = bytes.subarray(0, 2048).toString('latin1');
  const declared =
    /<\?xml[^>]*encoding\s*=\s*["']([\w.-]+)/i.exec(head)?.[1] ?? /<meta[^>]*charset\s*=\s*["']?([\w.-]+)/i.exec(head)?.[1];
  const candidate = (header ?? declared ?? 'utf-8').toLowerCase();
  return iconv.encodingExists(candidate) ? candidate : 'utf-8';
}

function requestOnce(
  url: URL,
  options: FetchOptions,
  lookup: ReturnType<typeof createGuardedLookup>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      'user-agent': USER_AGENT,
      accept:
        options.accept ??
        'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (options.etag) headers['if-none-match'] = options.etag;
    if (options.lastModified) headers['if-modified-since'] = options.lastModified;
    const request = client.request(url, { method: 'GET', headers, lookup, timeout: timeoutMs, agent: false }, (response) => {
      const status = response.statusCode ?? 0;
      const announced = Number(response.headers['content-length'] ?? 0);
      if (announced > maxBytes) {
        response.destroy();
        request.destroy();
        return reject(new FetchError('TOO_LARGE', `Response of ${announced} bytes exceeds the ${maxBytes}-byte limit`));
      }
      const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
      // Decompression bombs: the limit applies to the decompressed size.
      const stream =
        encoding === 'gzip' || encoding === 'x-gzip'
          ? response.pipe(zlib.createGunzip())
          : encoding === 'deflate'
            ? response.pipe(zlib.createInflate())
            : encoding === 'br'
              ? response.pipe(zlib.createBrotliDecompress())
              : response;
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          request.destroy();
          stream.destroy();
          reject(new FetchError('TOO_LARGE', `Response exceeds the ${maxBytes}-byte limit`));
          return;
        }
        chunks.push(chunk);
      });
      stream.on('end', () => resolve({ status, headers: response.headers, body: Buffer.concat(chunks) }));
      stream.on('error', (error: Error) => reject(new FetchError('NETWORK', `Reading the response failed: ${error.message}`)));
    });
    request.on('timeout', () => request.destroy(new FetchError('TIMEOUT', `No response within ${timeoutMs} ms`)));
    // A whole-response deadline as well: a server trickling bytes must not hold a worker.
    const deadline = setTimeout(
      () => request.destroy(new FetchError('TIMEOUT', `Response not complete within ${timeoutMs * 3} ms`)),
      timeoutMs * 3,
    );
    request.on('close', () => clearTimeout(deadline));
    request.on('error', (error: Error & { code?: string }) => {
      if (error instanceof FetchError) return reject(error);
      if (error.code === 'SSRF_BLOCKED') return reject(new FetchError('BLOCKED', error.message));
      reject(new FetchError('NETWORK', error.message));
    });
    request.end();
  });
}

/**
 * GETs a URL with the SSRF guard, conditional headers, redirect cap, time and size limits, transparent
 * decompression and charset decoding. 304 returns `isNotModified` with an empty body.
 */
export async function fetchUrl(input: string, options: FetchOptions): Promise<FetchResult> {
  const lookup = createGuardedLookup(options.allowedHosts);
  const maxRedirects = options.maxRedirects ?? 5;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new FetchError('BAD_URL', `Not a URL: ${input}`);
  }
  const visited = new Set<string>();
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new FetchError('BAD_URL', `Only http(s) URLs can be fetched: ${url.href}`);
    if (url.username || url.password) throw new FetchError('BAD_URL', 'URLs with credentials are not fetched');
    visited.add(url.href);
    // Literal IP hosts never reach the DNS lookup, so they are checked here.
    const literal = normalizeHost(url.hostname);
    if (net.isIP(literal) && isPrivateAddress(literal) && !options.allowedHosts.has(literal)) {
      throw new FetchError('BLOCKED', `Refused to connect to ${literal}: private, loopback, link-local or metadata address`);
    }
    const response = await requestOnce(url, options, lookup);
    if ([301, 302, 303, 307, 308].includes(response.status) && response.headers.location) {
      const next = new URL(response.headers.location, url);
      if (hop >= maxRedirects || visited.has(next.href))
        throw new FetchError('TOO_MANY_REDIRECTS', `Stopped after ${hop + 1} redirects (last: ${next.href})`);
      url = next;
      continue;
    }
    const etag = (response.headers.etag as string | undefined) ?? null;
    const lastModified = (response.headers['last-modified'] as string | undefined) ?? null;
    const contentType = String(response.headers['content-type'] ?? '');
    if (response.status === 304)
      return {
        status: 304,
        url: url.href,
        isNotModified: true,
        etag: etag ?? options.etag ?? null,
        lastModified: lastModified ?? options.lastModified ?? null,
        contentType,
        body: '',
      };
    if (response.status < 200 || response.status >= 300)
      throw new FetchError(
        'HTTP_STATUS',
        `HTTP ${response.status} from ${url.href}`,
        response.status,
        response.status === 429 || response.status === 503 ? retryAfterMs(response.headers['retry-after']) : undefined,
      );
    const body = decodeBody(contentType, response.body);
    return { status: response.status, url: url.href, isNotModified: false, etag, lastModified, contentType, body };
  }
}

/** A day: a Retry-After beyond it is read as a day (a misconfigured server must not silence a source for years). */
const MAX_RETRY_AFTER_MS = 24 * 3600_000;

/** Retry-After (RFC 9110 §10.2.3) in milliseconds from now: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/**
 * `fetchUrl` with retries of transient failures (timeouts, network errors, 429, 5xx) and exponential backoff, or the
 * server's Retry-After when longer. A Retry-After beyond `maxRetryWaitMs` ends the retries at once (the caller
 * schedules the next run after it). `eachAttempt` wraps every attempt (the host limiter: the wait between attempts
 * holds no slot of the host).
 */
export async function fetchUrlWithRetries(
  input: string,
  options: FetchOptions & {
    attempts?: number;
    baseDelayMs?: number;
    maxRetryWaitMs?: number;
    eachAttempt?: (attempt: () => Promise<FetchResult>) => Promise<FetchResult>;
  },
): Promise<FetchResult> {
  const attempts = options.attempts ?? 3;
  const eachAttempt = options.eachAttempt ?? ((attempt) => attempt());
  for (let attempt = 1; ; attempt++) {
    try {
      return await eachAttempt(() => fetchUrl(input, options));
    } catch (error) {
      if (!(error instanceof FetchError) || !error.isTransient || attempt >= attempts) throw error;
      const backoff = (options.baseDelayMs ?? 1000) * 2 ** (attempt - 1);
      const asked = error.retryAfterMs ?? 0;
      if (asked > (options.maxRetryWaitMs ?? 30_000)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.max(backoff, asked)));
    }
  }
}
