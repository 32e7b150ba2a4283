import { parseFeed } from '@rowanmanning/feed-parser';

/** One entry found in a feed or sitemap. */
export interface FeedEntry {
  url: string | null;
  title: string;
  /** Full content or summary as given by the feed (HTML allowed; cleaned later). */
  content: string;
  publishedAt: string | null;
  author: string | null;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'json' | 'sitemap' | 'sitemap-index';
  entries: FeedEntry[];
  /** Child sitemaps of a sitemap index. */
  sitemaps: string[];
}

/** Error for a body that is no feed we can read. */
export class FeedParseError extends Error {}

function parseJsonFeed(body: string): ParsedFeed {
  let data: { version?: string; items?: unknown[] };
  try {
    data = JSON.parse(body) as typeof data;
  } catch (error) {
    throw new FeedParseError(`Malformed JSON Feed: ${(error as Error).message}`);
  }
  if (!String(data.version ?? '').includes('jsonfeed.org') || !Array.isArray(data.items))
    throw new FeedParseError('Not a JSON Feed (missing version or items)');
  const entries = data.items.map((raw) => {
    const item = raw as Record<string, unknown>;
    const authors = (item.authors as { name?: string }[] | undefined) ?? (item.author ? [item.author as { name?: string }] : []);
    return {
      url: typeof item.url === 'string' ? item.url : typeof item.external_url === 'string' ? item.external_url : null,
      title: typeof item.title === 'string' ? item.title : '',
      content:
        [item.content_text, item.content_html, item.summary].find((value): value is string => typeof value === 'string') ?? '',
      publishedAt: typeof item.date_published === 'string' ? item.date_published : null,
      author: authors[0]?.name ?? null,
    };
  });
  return { format: 'json', entries, sitemaps: [] };
}

function decodeXmlText(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

function tagText(block: string, tag: string): string | null {
  const match = new RegExp(`<(?:[\\w-]+:)?${tag}\\b[^>]*>([\\s\\S]*?)</(?:[\\w-]+:)?${tag}>`, 'i').exec(block);
  return match ? decodeXmlText(match[1]!) : null;
}

/** Sitemaps and Google News sitemaps: <url><loc> with lastmod or news:publication_date and news:title. */
function parseSitemap(body: string): ParsedFeed {
  if (/<sitemapindex\b/i.test(body)) {
    const sitemaps = [...body.matchAll(/<sitemap\b[\s\S]*?<\/sitemap>/gi)]
      .map((m) => tagText(m[0], 'loc'))
      .filter((loc): loc is string => Boolean(loc));
    return { format: 'sitemap-index', entries: [], sitemaps };
  }
  const entries: FeedEntry[] = [];
  for (const match of body.matchAll(/<url\b[\s\S]*?<\/url>/gi)) {
    const block = match[0];
    const loc = tagText(block, 'loc');
    if (!loc) continue;
    entries.push({
      url: loc,
      title: tagText(block, 'title') ?? '',
      content: '',
      publishedAt: tagText(block, 'publication_date') ?? tagText(block, 'lastmod'),
      author: null,
    });
  }
  return { format: 'sitemap', entries, sitemaps: [] };
}

/**
 * Reads RSS 0.9x/1.0/2.0, Atom, JSON Feed and (news) sitemaps. Lenient with real-world feeds; throws
 * `FeedParseError` when nothing usable is found.
 */
export function parseFeedDocument(body: string, contentType = ''): ParsedFeed {
  const trimmed = body.replace(/^\uFEFF/, '').trimStart();
  if (contentType.includes('json') || trimmed.startsWith('{')) return parseJsonFeed(trimmed);
  if (/<(urlset|sitemapindex)\b/i.test(trimmed.slice(0, 4000))) return parseSitemap(trimmed);
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(trimmed);
  } catch (error) {
    throw new FeedParseError(`Malformed feed: ${(error as Error).message}`);
  }
  const format = feed.meta.type === 'atom' ? 'atom' : 'rss';
  return {
    format,
    sitemaps: [],
    entries: feed.items.map((item) => ({
      url: item.url,
      title: item.title ?? '',
      content: item.content ?? item.description ?? '',
      publishedAt: (item.published ?? item.updated)?.toISOString() ?? null,
      author: item.authors[0]?.name ?? null,
    })),
  };
}
