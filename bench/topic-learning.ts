/**
 * What learning topics from officers' corrections does to the topic model (issue 5: corrections "fed to the
 * language core's learning"), on VNTC documents the shipped model never saw (index % 10 === 0, its held-out set).
 * The held-out documents are split in two: officers "correct" N of the first half's misclassified documents to
 * their VNTC topic; the adapted model is then scored on those corrections and on the second half, which no
 * correction touched (accuracy must not fall: a few corrections must not unlearn the rest).
 * A monitored story is republished with its lead rewritten: each corrected article cut by its first third stands
 * for such a copy, which the adapted model should label as the officer did.
 * Run: npm run bench:topic-learning   (BENCH_TOPIC_CORRECTIONS, default 10,50,140: the numbers of corrections)
 */
import { loadVntc } from '../scripts/build-models';

const { loadModel } = await import('../src/text/models');
const { classifyTopic, createTopicClassifier } = await import('../src/text/topic');
const { adaptTopicModel, applyTopicAdaptation } = await import('../src/text/topic-adaptation');

// the held-out documents, cut to the characters processing reads (the first 6,000)
const corpus = loadVntc()
  .filter((document) => document.heldOut)
  .map((document) => ({ text: document.text.slice(0, 6000), label: document.label }));
const pool = corpus.filter((_, k) => k % 2 === 0);
const untouched = corpus.filter((_, k) => k % 2 === 1);
const shipped = loadModel('topic');
const shippedClassifier = createTopicClassifier(shipped);
const accuracy = (docs: typeof corpus, classifier: typeof shippedClassifier) =>
  docs.filter((doc) => classifyTopic(doc.text, classifier).label === doc.label).length / docs.length;
const errors = pool.filter((doc) => classifyTopic(doc.text, shippedClassifier).label !== doc.label);
console.log(
  `shipped topic model ${shipped.version}: ${pool.length} + ${untouched.length} held-out VNTC documents; ${errors.length} of the first half misclassified; accuracy on the second half ${(accuracy(untouched, shippedClassifier) * 100).toFixed(2)}%`,
);
const counts = (process.env.BENCH_TOPIC_CORRECTIONS ?? '10,50,140').split(',').map(Number);
const lines: string[] = [];
for (const count of counts) {
  const corrections = errors.slice(0, count);
  const started = performance.now();
  const adaptation = adaptTopicModel(shipped, corrections, { version: 'bench' });
  const trainMs = performance.now() - started;
  const adapted = createTopicClassifier(applyTopicAdaptation(shipped, adaptation));
  // articles of the untouched half the adapted model labels right where the shipped one did not, and the reverse
  let gained = 0;
  let lost = 0;
  for (const doc of untouched) {
    const before = classifyTopic(doc.text, shippedClassifier).label === doc.label;
    const after = classifyTopic(doc.text, adapted).label === doc.label;
    if (after && !before) gained++;
    if (before && !after) lost++;
  }
  // the same stories as republished elsewhere: the first third of each corrected text cut
  const copies = corrections.map((doc) => ({ ...doc, text: doc.text.slice(Math.floor(doc.text.length / 3)) }));
  const copiesShipped = copies.filter((doc) => classifyTopic(doc.text, shippedClassifier).label === doc.label).length;
  const copiesAdapted = copies.filter((doc) => classifyTopic(doc.text, adapted).label === doc.label).length;
  const agreed = corrections.filter((doc) => classifyTopic(doc.text, adapted).label === doc.label).length;
  const line = `${corrections.length} corrections: the adapted model agrees with ${agreed} (the shipped one with 0); their copies without the first third labelled right ${copiesShipped} → ${copiesAdapted}; accuracy on the untouched half ${(accuracy(untouched, shippedClassifier) * 100).toFixed(2)}% → ${(accuracy(untouched, adapted) * 100).toFixed(2)}% (${gained} right that were wrong, ${lost} wrong that were right); ${String(adaptation.meta.changedBuckets)} buckets changed, ${Math.round((adaptation.buckets.length + adaptation.rows.length) / 1024)} KB stored, ${String(adaptation.meta.passes)} passes, trained in ${Math.round(trainMs)} ms`;
  console.log(line);
  lines.push(line);
}
console.log(`summary:\n  ${lines.join('\n  ')}`);
