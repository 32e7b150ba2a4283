/**
 * Per-article CPU of the processing pipeline (process + match against 1,000 saved queries) of several trees in one
 * process, rounds interleaved: separate bench runs vary by 10–20% on a shared machine, interleaved rounds see the
 * same conditions. Each tree (e.g. a `git archive` of another commit, with `node_modules` linked) uses its own code
 * and model files.
 * Run: npx tsx bench/monitoring-processing-ab.ts TREE_A TREE_B [...]   (BENCH_AB_ARTICLES, default 4,000;
 * BENCH_AB_ROUNDS, default 10)
 */
import path from 'node:path';
import { benchItems } from './monitoring-processing';
import { loadArticles } from './vntc-articles';

process.env.LOG_LEVEL ??= 'warn';
const trees = process.argv.slice(2).map((tree) => path.resolve(tree));
if (trees.length < 2) {
  console.error('usage: tsx bench/monitoring-processing-ab.ts TREE_A TREE_B [...]');
  process.exit(2);
}
const articles = await loadArticles(Number(process.env.BENCH_AB_ARTICLES ?? 4000));
const rounds = Number(process.env.BENCH_AB_ROUNDS ?? 10);

type Bench = typeof import('./monitoring-processing');
type Process = typeof import('../src/modules/monitoring/process');
type Prepare = typeof import('../src/modules/monitoring/prepare');
type QueryIndexModule = typeof import('../src/modules/monitoring/query/query-index');

// the same incoming items for every tree (each tree's own bench gives its context and saved queries)
const items = benchItems(articles);
/** One tree's pipeline over one article. */
const pipelines: { tree: string; run: (item: (typeof items)[number]) => void }[] = [];
for (const tree of trees) {
  const load = <T>(file: string) => import(path.join(tree, file)) as Promise<T>;
  const bench = await load<Bench>('bench/monitoring-processing.ts');
  const { processDocument } = await load<Process>('src/modules/monitoring/process.ts');
  const { toMatchable } = await load<Prepare>('src/modules/monitoring/prepare.ts');
  const { QueryIndex } = await load<QueryIndexModule>('src/modules/monitoring/query/query-index.ts');
  const context = bench.benchContext();
  const index = new QueryIndex(bench.buildQueries(articles, 1000));
  pipelines.push({
    tree,
    run: (item) => {
      const result = processDocument(item, context);
      if (result.ok) index.match(toMatchable(result.document));
    },
  });
}
// warm-up (JIT, model decoding)
for (const pipeline of pipelines) for (const item of items.slice(0, 500)) pipeline.run(item);
const perArticle = pipelines.map(() => [] as number[]);
for (let round = 0; round < rounds; round++) {
  // each round starts with another tree
  for (let k = 0; k < pipelines.length; k++) {
    const at = (k + round) % pipelines.length;
    const cpu0 = process.cpuUsage();
    for (const item of items) pipelines[at]!.run(item);
    const cpu = process.cpuUsage(cpu0);
    perArticle[at]!.push((cpu.user + cpu.system) / items.length);
  }
}
pipelines.forEach(({ tree }, k) => {
  const sorted = [...perArticle[k]!].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1]!;
  console.log(
    `${tree}: median ${median.toFixed(1)} µs CPU per article (${Math.round(1e6 / median)} docs/CPU-s), best ${sorted[0]!.toFixed(1)}; rounds ${sorted.map((value) => value.toFixed(0)).join(' ')}`,
  );
});
