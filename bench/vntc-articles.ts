/** News articles for the benches, read from ../shared/data/vntc at run time (never copied into the repo). */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';

export const vntcPath = path.resolve(import.meta.dirname, '../../shared/data/vntc/train.jsonl.gz');

/** `heldOut`: one of the documents the shipped topic model was not trained on (every tenth line, as `loadVntc`). */
export type Article = { title: string; text: string; label: string; heldOut: boolean };

/** ~2 KB articles from VNTC: first line as the title, the body cut at a word boundary near 2,000 chars. */
export async function loadArticles(limit: number): Promise<Article[]> {
  const articles: Article[] = [];
  const reader = readline.createInterface({
    input: fs.createReadStream(vntcPath).pipe(zlib.createGunzip()),
    crlfDelay: Infinity,
  });
  let lineIndex = -1;
  for await (const line of reader) {
    lineIndex++;
    const { text, label } = JSON.parse(line) as { text: string; label: string };
    const clean = text.replace(/\s+/g, ' ').trim();
    const titleEnd = clean.search(/[.!?]\s/);
    const title = clean.slice(0, titleEnd > 20 && titleEnd < 160 ? titleEnd : 100).trim();
    let body = clean.slice(title.length).trim();
    if (body.length < 600) continue;
    if (body.length > 2000) body = body.slice(0, body.lastIndexOf(' ', 2000));
    articles.push({ title, text: body, label, heldOut: lineIndex % 10 === 0 });
    if (articles.length >= limit) break;
  }
  reader.close();
  return articles;
}
