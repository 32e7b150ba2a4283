/**
 * Result-identity check for the processing speed work: runs the processing pipeline of another tree
 * (`BASE`, e.g. a `git archive` of the commit before a change, with `node_modules` linked) and of this tree on
 * the same documents and compares every stored field, the matched saved queries, and the language core's tokens
 * and full topic and sentiment results (labels, probabilities, scores, reasons with weights and rules). Search
 * vectors are compared as their entries (lexeme, positions and weights), whatever order the lexemes come in.
 * Documents: VNTC articles as in the bench, unaccented copies, HTML-wrapped copies, and the sentiment test set
 * as social posts.
 * Run: npx tsx bench/monitoring-processing-check.ts BASE [ARTICLES=3000]
 */
import fs from 'node:fs';
import path from 'node:path';

process.env.LOG_LEVEL ??= 'warn';
const baseRoot = path.resolve(process.argv[2] ?? '');
if (!process.argv[2] || !fs.existsSync(path.join(baseRoot, 'src/modules/monitoring/process.ts'))) {
  console.error('usage: tsx bench/monitoring-processing-check.ts BASE_TREE [ARTICLES]');
  process.exit(2);
}
const articleCount = Number(process.argv[3] ?? 3000);
const here = path.resolve(import.meta.dirname, '..');

/** The pipeline of one tree, as the bench and ingest call it (typed as this tree's API). */
interface Tree {
  process: typeof import('../src/modules/monitoring/process');
  prepare: typeof import('../src/modules/monitoring/prepare');
  queryIndex: typeof import('../src/modules/monitoring/query/query-index');
  analysis: typeof import('../src/modules/monitoring/analysis');
  topic: typeof import('../src/text/topic');
  sentiment: typeof import('../src/text/sentiment');
  models: typeof import('../src/text/models');
  normalize: typeof import('../src/text/normalize');
  entities: typeof import('../src/modules/monitoring/entities');
  tokenize: typeof import('../src/text/tokenize');
  textFeatures: typeof import('../src/modules/monitoring/text-features');
}
async function loadTree(root: string): Promise<Tree> {
  const load = (file: string) => import(path.join(root, file)) as Promise<never>;
  const [process_, prepare, queryIndex, analysis, topic, sentiment, models, normalize, entities, tokenize, textFeatures] =
    await Promise.all([
      load('src/modules/monitoring/process.ts'),
      // toMatchable moved from ingest.ts to prepare.ts on 26/11/2026
      load(
        fs.existsSync(path.join(root, 'src/modules/monitoring/prepare.ts'))
          ? 'src/modules/monitoring/prepare.ts'
          : 'src/modules/monitoring/ingest.ts',
      ),
      load('src/modules/monitoring/query/query-index.ts'),
      load('src/modules/monitoring/analysis.ts'),
      load('src/text/topic.ts'),
      load('src/text/sentiment.ts'),
      load('src/text/models.ts'),
      load('src/text/normalize.ts'),
      load('src/modules/monitoring/entities.ts'),
      load('src/text/tokenize.ts'),
      load('src/modules/monitoring/text-features.ts'),
    ]);
  return {
    process: process_,
    prepare,
    queryIndex,
    analysis,
    topic,
    sentiment,
    models,
    normalize,
    entities,
    tokenize,
    textFeatures,
  };
}

const bench = await import('./monitoring-processing');
const articles = await bench.loadArticles(articleCount);
const base = await loadTree(baseRoot);
const current = await loadTree(here);
const fold = base.normalize.foldDiacritics;

type Doc = {
  url: string;
  title: string;
  text: string;
  publishedAt: string;
  source: string;
  kind: 'news' | 'social';
  author?: string;
};
const docs: Doc[] = articles.map((article, i) => ({
  url: `https://bench.vn/p/${i}?utm_source=x`,
  title: article.title,
  text: article.text,
  publishedAt: '2026-11-01T00:00:00Z',
  source: `Báo Điện tử ${i % 40}`,
  kind: 'news',
}));
for (let i = 0; i < Math.min(1000, articles.length); i++)
  docs.push({ ...docs[i]!, url: `https://bench.vn/u/${i}`, title: fold(docs[i]!.title), text: fold(docs[i]!.text) });
for (let i = 0; i < Math.min(300, articles.length); i++) {
  const doc = docs[i * 3]!;
  docs.push({
    ...doc,
    url: `https://bench.vn/h/${i}`,
    title: `<b>${doc.title}</b> &amp; “tin” – ${i}`,
    text: `<p>${doc.text.replace(/\. /g, '.</p>\n<p>')}</p><script>x()</script>&nbsp;&#7871;`,
  });
}
const sentimentTexts = fs
  .readFileSync(path.join(here, 'test-data/nlp/sentiment.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { text: string }).text);
// every other post with emoji or emoticons, as comments carry them
const emoji = [' 👍', ' :(', ' ❤️ <3', ' -_- 😡', ' :)) :D', ' 😭😭', ' 🙏 www.x.vn a@b.vn'];
sentimentTexts.forEach((text, i) =>
  docs.push({
    url: `https://social.vn/s/${i}`,
    title: '',
    text: i % 2 ? `${text}${emoji[i % emoji.length]!}` : text,
    publishedAt: '2026-11-02T08:00:00+07:00',
    source: 'facebook',
    kind: 'social',
    author: `@user${i}`,
  }),
);

const queries = bench.buildQueries(articles, 1000);
const makeIndex = (tree: Tree) => new tree.queryIndex.QueryIndex(queries);
const baseIndex = makeIndex(base);
const currentIndex = makeIndex(current);
const { referenceOrganizations } = await import('../src/modules/agencies/reference-data');
const directory = referenceOrganizations.map((organization) => ({
  id: organization.id,
  kind: organization.kind,
  names: [organization.name, organization.shortName, ...organization.aliases].filter((name): name is string => Boolean(name)),
  // (a tree from before dated names reads every entry of a shared name)
  validFrom: organization.validFrom ?? null,
  validTo: organization.validTo ?? null,
}));
// Each tree's own entity matcher and analyzer; the same pseudonym key.
const context = (tree: Tree) => ({
  ...bench.benchContext(),
  entities: tree.entities.buildEntityMatcher(directory),
  analyze: tree.analysis.getAnalyzer(),
  now: new Date('2026-11-25T00:00:00Z'),
});
const baseContext = context(base);
const currentContext = context(current);

/**
 * A tsvector's text as its entries (lexeme and positions with weights, as written) in one fixed order: trees
 * may write the lexemes in different orders (PostgreSQL sorts them on input), not different entries.
 */
function searchVectorEntries(vector: string): string[] {
  const entries = [...vector.matchAll(/'((?:[^']|'')*)'(?::([0-9A-D,]+))?/g)].map((match) => `${match[1]!}:${match[2] ?? ''}`);
  if (entries.join(' ').length + entries.length * 2 !== vector.length) entries.push(`unparsed: ${vector}`);
  return entries.sort();
}

const { tsvectorBinaryToText } = await import('../src/modules/monitoring/tsvector-binary');

/** Everything a processed document stores or hands on, in a comparable form. */
function stored(result: unknown): string {
  return JSON.stringify(result, (key, value: unknown) => {
    if (key === 'titleTokens' || key === 'bodyTokens') return undefined;
    // trees before 2026-11-26 write the text form, later ones the binary form: compared as text
    if (key === 'searchVector' && typeof value === 'string') return searchVectorEntries(value);
    if (key === 'searchVector' && value instanceof Uint8Array) return searchVectorEntries(tsvectorBinaryToText(value));
    if (typeof value === 'bigint') return value.toString();
    if (value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer')
      return Buffer.from((value as { data: number[] }).data).toString('hex');
    return value;
  });
}

let mismatches = 0;
const report = (what: string, i: number, a: string, b: string) => {
  if (a === b) return;
  mismatches++;
  if (mismatches <= 10) console.log(`MISMATCH ${what} #${i}\n  base:    ${a.slice(0, 600)}\n  current: ${b.slice(0, 600)}`);
};
const topicModel = base.models.loadModel('topic');
const sentimentModel = base.models.loadModel('sentiment');
const baseClassifier = base.topic.createTopicClassifier(topicModel);
const currentClassifier = current.topic.createTopicClassifier(topicModel);
const baseSentimentModel = base.sentiment.createBaseSentimentModel();
let matchesCompared = 0;
let orderDiffers = 0;
docs.forEach((doc, i) => {
  const a = base.process.processDocument(doc, baseContext);
  const b = current.process.processDocument(doc, currentContext);
  report('document', i, stored(a), stored(b));
  if (a.ok && b.ok) {
    const ma = baseIndex.match(base.prepare.toMatchable(a.document));
    const mb = currentIndex.match(current.prepare.toMatchable(b.document));
    matchesCompared += ma.length;
    report('matches', i, JSON.stringify([...ma].sort()), JSON.stringify([...mb].sort()));
    if (JSON.stringify(ma) !== JSON.stringify(mb)) orderDiffers++;
  }
  const text = `${doc.title}\n${doc.text}`;
  const streams = (tree: Tree) =>
    JSON.stringify(
      [doc.title, doc.text]
        .map((part) => tree.textFeatures.tokenizeForMatching(part))
        .map(({ exact, folded }) => ({ exact, folded })),
    );
  report('matching tokens', i, streams(base), streams(current));
  report('tokens', i, JSON.stringify(base.tokenize.tokenize(text)), JSON.stringify(current.tokenize.tokenize(text)));
  report(
    'topic',
    i,
    JSON.stringify(base.topic.classifyTopic(text, baseClassifier)),
    JSON.stringify(current.topic.classifyTopic(text, currentClassifier)),
  );
  for (const model of [sentimentModel, baseSentimentModel]) {
    report(
      'sentiment',
      i,
      JSON.stringify(base.sentiment.analyzeSentiment(text, model)),
      JSON.stringify(current.sentiment.analyzeSentiment(text, model)),
    );
  }
});
console.log(
  `${docs.length} documents (${articles.length} VNTC articles, unaccented and HTML copies, ${sentimentTexts.length} social posts, half with emoji), ${matchesCompared} query matches, matching tokens, language-core tokens, topic and sentiment (trained and base model) compared: ${mismatches} mismatches${orderDiffers ? ` (matched ids in a different order on ${orderDiffers} documents)` : ''}`,
);
process.exit(mismatches === 0 ? 0 : 1);
