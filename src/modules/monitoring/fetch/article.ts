import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/** The main text of an article page and what its metadata says. */
export interface ExtractedArticle {
  title: string;
  text: string;
  publishedAt: string | null;
  byline: string | null;
}

/** Largest HTML handed to the DOM parser (HTML bombs: deeply nested or huge pages). */
const MAX_HTML_CHARS = 3_000_000;

/**
 * Extracts the readable article from an HTML page with Mozilla Readability (the Firefox Reader View
 * algorithm), plus the publication time from OpenGraph / schema.org metadata. Returns null when the page
 * has no article.
 */
export function extractArticle(html: string, url: string): ExtractedArticle | null {
  const { document } = parseHTML(html.slice(0, MAX_HTML_CHARS));
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
