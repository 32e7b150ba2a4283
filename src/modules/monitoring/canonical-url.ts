/** Query parameters that only track campaigns or clicks; two URLs differing only in them are one article. */
const TRACKING_PARAMS =
  /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|zarsrc|zalo_source|mc_cid|mc_eid|_ga|ref|refsrc|cmpid|icid|igshid|spm)$/i;

/**
 * URLs that are their own canonical form (most feed links): lower-case http(s) scheme and host without `www.`, a
 * port, IDN labels or a numeric last label (which the URL parser would rewrite), a path of plain segments without
 * dot segments, empty segments or a trailing slash, no query or fragment. Parsing them changes nothing.
 */
const CANONICAL_ALREADY = /^https?:\/\/(?!www\.)(?![^/]*xn--)(?:[a-z0-9-]+\.)+[a-z]+(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9._~-]+)*$/;

/**
 * The canonical form of an article URL, the natural key of a document: scheme and host lower-cased,
 * `www.` and default ports dropped, fragment and tracking parameters (utm_*, fbclid, …) removed, remaining
 * parameters sorted, trailing slash removed. Returns null when the input is not an http(s) URL.
 * @example canonicalizeUrl('HTTPS://WWW.VnExpress.net/a-1.html/?utm_source=fb#top') // 'https://vnexpress.net/a-1.html'
 */
export function canonicalizeUrl(input: string): string | null {
  if (CANONICAL_ALREADY.test(input)) return input;
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  url.hostname = url.hostname
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  if ((url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443')) url.port = '';
  const kept = [...url.searchParams.entries()].filter(([key]) => !TRACKING_PARAMS.test(key));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = kept.length ? new URLSearchParams(kept).toString() : '';
  let pathname = url.pathname.replace(/\/{2,}/g, '/');
  if (pathname.length > 1 && pathname.endsWith('/')) pathname = pathname.replace(/\/+$/, '');
  url.pathname = pathname;
  let out = url.toString();
  if (url.pathname === '/' && !url.search) out = out.replace(/\/$/, '');
  return out;
}

/** Host of a URL without `www.`, lower-case; '' when unparsable. */
export function hostOf(input: string): string {
  try {
    return new URL(input).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return '';
  }
}
