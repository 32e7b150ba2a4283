import dns from 'node:dns';
import net from 'node:net';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

/**
 * Outbound-URL guard against SSRF: the server may only connect to public addresses. Loopback, private
 * (RFC 1918, ULA), link-local (incl. the cloud metadata address 169.254.169.254), CGNAT, multicast, unspecified
 * and reserved ranges are refused unless the host is explicitly allowed (deployment setting or an administrator's
 * allow-list). Used by monitoring's fetcher and by alert webhooks.
 */
const BLOCKED_V4: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const blockList = new net.BlockList();
for (const [address, prefix] of BLOCKED_V4) blockList.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['64:ff9b::', 96],
  ['100::', 64],
] as [string, number][]) {
  blockList.addSubnet(address, prefix, 'ipv6');
}

/** True when an IP address is not a public unicast address (anything that is not an IP counts as private). */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blockList.check(mapped[1]!, 'ipv4');
    return blockList.check(address, 'ipv6');
  }
  return blockList.check(address, 'ipv4');
}

/** Error raised when a URL resolves to an address the guard refuses. */
export class BlockedAddressError extends Error {
  readonly code = 'SSRF_BLOCKED';
  constructor(host: string, address: string) {
    super(`Refused to connect to ${host} (${address}): private, loopback, link-local or metadata address`);
  }
}

/** Normalised host for allow-list comparison (lower-case, no brackets, no trailing dot). */
export function normalizeHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

/**
 * A `lookup` for http(s).request that resolves the host and refuses non-public addresses unless the host
 * (or its literal IP) is in `allowedHosts`. The check runs inside the socket's DNS lookup, so the address checked
 * is the address connected to (no DNS-rebinding gap). Literal IP hosts never reach a lookup: check them with
 * `checkOutboundUrl` first.
 */
export function createGuardedLookup(allowedHosts: ReadonlySet<string>): LookupFunction {
  return (hostname, options, callback) => {
    const host = normalizeHost(hostname);
    const isAllowed = allowedHosts.has(host);
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = addresses as dns.LookupAddress[];
      const usable = isAllowed ? list : list.filter((entry) => !isPrivateAddress(entry.address));
      if (usable.length === 0) {
        return callback(new BlockedAddressError(hostname, list[0]?.address ?? '?') as NodeJS.ErrnoException, '', 4);
      }
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, usable);
      callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
}

/** Why an outbound URL was refused (`null` when it may be used). */
export type OutboundUrlProblem = 'BAD_URL' | 'SCHEME' | 'CREDENTIALS' | 'BLOCKED' | 'UNRESOLVABLE';

/**
 * Checks a URL before it is saved or used: http(s) only, no credentials in it, and every address its host
 * resolves to now is public (or the host is allowed). A name that does not resolve is refused at save time
 * (`UNRESOLVABLE`); DNS can change afterwards, so connections must also use `createGuardedLookup`.
 */
export async function checkOutboundUrl(input: string, allowedHosts: ReadonlySet<string>): Promise<OutboundUrlProblem | null> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return 'BAD_URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'SCHEME';
  if (url.username || url.password) return 'CREDENTIALS';
  const host = normalizeHost(url.hostname);
  if (allowedHosts.has(host)) return null;
  if (net.isIP(host)) return isPrivateAddress(host) ? 'BLOCKED' : null;
  try {
    const addresses = await dns.promises.lookup(host, { all: true });
    if (addresses.length === 0) return 'UNRESOLVABLE';
    return addresses.some((entry) => isPrivateAddress(entry.address)) ? 'BLOCKED' : null;
  } catch {
    return 'UNRESOLVABLE';
  }
}

export interface GuardedPostResult {
  status: number;
  body: string;
}

/**
 * POSTs a body to a URL through the guard (literal IPs checked, DNS names checked at connection time), without
 * following redirects, with a time limit; the answer body is read up to 64 KB.
 */
export async function postToOutboundUrl(
  input: string,
  {
    allowedHosts,
    headers,
    body,
    timeoutMs = 10_000,
  }: { allowedHosts: ReadonlySet<string>; headers: Record<string, string>; body: string; timeoutMs?: number },
): Promise<GuardedPostResult> {
  const url = new URL(input);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Only http(s) URLs are allowed: ${url.protocol}`);
  const literal = normalizeHost(url.hostname);
  if (net.isIP(literal) && isPrivateAddress(literal) && !allowedHosts.has(literal))
    throw new BlockedAddressError(literal, literal);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: createGuardedLookup(allowedHosts),
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= 65_536) chunks.push(chunk);
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`No answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
