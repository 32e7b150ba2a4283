import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/** The main text of an article page and what its metadata says. */
export interface ExtractedArticle {
  title: string;
  text: string;
  publishedAt: string | null;
  byline: string | null;
}

/** Largest HTML handed to the DOM parser (huge pages). */
const MAX_HTML_CHARS = 3_000_000;
/**
 * Deepest element nesting given to Readability. Its time grows with about the cube of the depth: a page of nested
 * `<div>`s takes 155 ms at 256 levels, 4.8 s at 1,000 and 26 s at 2,000 (a 23 KB page), while article pages nest a
 * few dozen levels.
 */
const MAX_NESTING_DEPTH = 256;
/** Most elements given to Readability: 50,000 short paragraphs take 0.65 s; news pages have a few thousand. */
const MAX_ELEMENTS = 60_000;
/**
 * Deepest nesting of the raw HTML given to the DOM parser, whose time also grows faster than the depth (100,000
 * nested `<div>`s: 5 s). Estimated from the tags before parsing, so it is far above `MAX_NESTING_DEPTH`.
 */
const MAX_RAW_NESTING = 4096;
/** Elements without an end tag, or whose end tag may be left out (the parser closes them itself). */
const UNNESTED_TAGS = new Set(
  'area base br col embed hr img input link meta param source track wbr p li dt dd td th tr tbody thead tfoot option optgroup colgroup caption rt rp html head body'.split(
    ' ',
  ),
);

/**
 * Extracts the readable article from an HTML page with Mozilla Readability (the Firefox Reader View
 * algorithm), plus the publication time from OpenGraph / schema.org metadata. Returns null when the page
 * has no article.
 */
export function extractArticle(html: string, url: string): ExtractedArticle | null {
  const page = html.slice(0, MAX_HTML_CHARS);
  refuseDeepRawHtml(page);
  const { document } = parseHTML(page);
  refuseHtmlBombs(document.documentElement as Element | null);
  const meta = (selector: string) => document.querySelector(selector)?.getAttribute('content') ?? null;
  const publishedAt =
    meta('meta[property="article:published_time"]') ??
    meta('meta[name="pubdate"]') ??
    meta('meta[itemprop="datePublished"]') ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    null;
  try {
    Object.defineProperty(document, 'documentURI', { value: url });
  } catch {
    // linkedom documents may not allow it; Readability then keeps relative links as they are.
  }
  const article = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
  if (!article?.textContent?.trim()) return null;
  return {
    title: article.title ?? meta('meta[property="og:title"]') ?? '',
    text: article.textContent
      .replace(/[ \t]+/g, ' ')
      .replace(/\n\s*\n+/g, '\n\n')
      .trim(),
    publishedAt,
    byline: article.byline ?? null,
  };
}

const tooDeep = () => new Error(`The page nests elements more than ${MAX_NESTING_DEPTH} levels deep`);

/** Throws when the tags of a page, opened minus closed, nest deeper than the parser is given. */
function refuseDeepRawHtml(html: string): void {
  let depth = 0;
  for (const [, closing, name, selfClosing] of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g)) {
    if (selfClosing || UNNESTED_TAGS.has(name!.toLowerCase())) continue;
    depth += closing ? -1 : 1;
    if (depth > MAX_RAW_NESTING) throw tooDeep();
  }
}

/**
 * Throws when a page is nested deeper or holds more elements than Readability is given (HTML bombs), so that the
 * caller reports the page and goes on. One pass over the elements, without recursion.
 */
function refuseHtmlBombs(root: Element | null): void {
  let element = root;
  let depth = 1;
  let count = 0;
  while (element) {
    if (++count > MAX_ELEMENTS) throw new Error(`The page has more than ${MAX_ELEMENTS} elements`);
    if (depth > MAX_NESTING_DEPTH) throw tooDeep();
    if (element.firstElementChild) {
      element = element.firstElementChild;
      depth++;
      continue;
    }
    while (element && element !== root && !element.nextElementSibling) {
      element = element.parentElement;
      depth--;
    }
    element = element && element !== root ? element.nextElementSibling : null;
  }
}
