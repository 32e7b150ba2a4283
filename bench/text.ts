/**
 * Measured quality and speed of the Vietnamese text core (`src/text`), on held-out data only:
 *   npm run bench:text            (≈ 1-2 minutes, one core)
 * Quality: topic on held-out VNTC documents (index % 10 === 0), diacritics on one sentence from each of the
 * first 2,000 held-out documents, segmentation on UD-VTB dev, sentiment on the test part of
 * test-data/nlp/sentiment.jsonl (index % 3 === 0), toxicity on test-data/nlp/toxicity.jsonl.
 * Speed: single-threaded throughput of normalise + topic + sentiment on short texts (held-out sentences).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeText, classifyTopicOf } from '../src/text/analyze';
import { restoreDiacritics } from '../src/text/diacritics';
import {
  evaluateClassifier,
  evaluateDiacritics,
  evaluateSegmentation,
  parseConllu,
  parseLabelledJsonl,
} from '../src/text/evaluate';
import { loadTextModels } from '../src/text/models';
import { foldDiacritics, normalizeText } from '../src/text/normalize';
import { analyzeSentiment, createBaseSentimentModel } from '../src/text/sentiment';
import { classifyTopic } from '../src/text/topic';
import { detectToxicity } from '../src/text/toxicity';
import { DATA_DIR, heldOutSentences, loadSentimentSplit, loadVntc } from '../scripts/build-models';

const now = () => performance.now();
const results: Record<string, unknown> = {};
const line = (label: string, value: string | number) => console.log(`${label.padEnd(46)} ${value}`);

let t0 = now();
const models = loadTextModels();
line('model load + prepare (ms)', Math.round(now() - t0));

// ── speed: normalise + topic + sentiment on short texts ──
const short = heldOutSentences(3000);
const avgChars = Math.round(short.reduce((s, x) => s + x.length, 0) / short.length);
for (let i = 0; i < 300; i++)
  analyzeSentiment(classifyTopic(normalizeText(short[i]!), models.topic).label + short[i]!, models.sentiment); // warm-up
let n = 0;
t0 = now();
while (now() - t0 < 3000) {
  for (const s of short) {
    const text = normalizeText(s);
    classifyTopic(text, models.topic);
    analyzeSentiment(text, models.sentiment);
    n++;
  }
}
const shortPerSecond = Math.round(n / ((now() - t0) / 1000));
results.speed = {
  shortTextsPerSecond: shortPerSecond,
  averageChars: avgChars,
  pipeline: 'normalizeText + classifyTopic + analyzeSentiment, one core',
};
line(`normalise+topic+sentiment (texts/s, ${avgChars} chars avg)`, shortPerSecond);

t0 = now();
for (let i = 0; i < 500; i++) analyzeText(foldDiacritics(short[i]!), models);
const analyzePerSecond = Math.round(500 / ((now() - t0) / 1000));
results.analyzeUnaccentedTextsPerSecond = analyzePerSecond;
line('analyzeText on unaccented short texts (texts/s)', analyzePerSecond);

// ── quality on held-out splits ──
const heldOut = loadVntc().filter((d) => d.heldOut);
const topic = evaluateClassifier(heldOut, (t) => classifyTopic(t, models.topic).label, now);
results.topic = topic;
line(
  'topic: held-out VNTC accuracy / macro-F1',
  `${topic.accuracy} / ${topic.macroF1} (n=${topic.n}, ${topic.docsPerSecond} docs/s)`,
);
const unaccentedDocs = heldOut.slice(0, 300).map((d) => ({ text: foldDiacritics(d.text.slice(0, 3000)), label: d.label }));
const topicUnaccentedRaw = evaluateClassifier(unaccentedDocs, (t) => classifyTopic(t, models.topic).label, now);
const topicUnaccented = evaluateClassifier(unaccentedDocs, (t) => classifyTopicOf(t, models)?.label ?? '', now);
results.topicUnaccented = { withoutRestoration: topicUnaccentedRaw, restoredFirst: topicUnaccented };
line(
  'topic: 300 docs (3,000 chars) without accents',
  `raw ${topicUnaccentedRaw.accuracy}, restored first ${topicUnaccented.accuracy} (${topicUnaccented.docsPerSecond} docs/s)`,
);

const diacritics = evaluateDiacritics(
  heldOutSentences(2000),
  (t) => restoreDiacritics(t, models.restorer, { mode: 'text' }),
  normalizeText,
  foldDiacritics,
  now,
);
results.diacritics = diacritics;
line(
  'diacritics: held-out syllable / sentence acc.',
  `${diacritics.syllableAccuracy} / ${diacritics.sentenceAccuracy} (n=${diacritics.n}, ${diacritics.syllablesPerSecond} syll/s)`,
);

const dev = parseConllu(readFileSync(join(DATA_DIR, 'ud-vtb/vi_vtb-ud-dev.conllu'), 'utf8'));
const segmentation = evaluateSegmentation(dev, models.segmenter, now);
results.segmentation = segmentation;
line(
  'segmentation: UD-VTB dev word F1',
  `${segmentation.wordF1} (n=${segmentation.n}, ${segmentation.sentencesPerSecond} sent/s)`,
);

const { test } = loadSentimentSplit();
const sentiment = evaluateClassifier(test, (t) => analyzeSentiment(t, models.sentiment).label, now);
const lexiconOnly = evaluateClassifier(test, (t) => analyzeSentiment(t, createBaseSentimentModel()).label, now);
results.sentiment = { withOverlay: sentiment, lexiconOnly };
line('sentiment: own test split macro-F1 (overlay)', `${sentiment.macroF1} (accuracy ${sentiment.accuracy}, n=${sentiment.n})`);
line('sentiment: own test split macro-F1 (lexicon)', `${lexiconOnly.macroF1} (accuracy ${lexiconOnly.accuracy})`);
const unaccentedTest = test.map((d) => ({ text: foldDiacritics(d.text), label: d.label }));
const sentimentUnaccented = evaluateClassifier(unaccentedTest, (t) => analyzeSentiment(t, models.sentiment).label, now);
results.sentimentUnaccented = sentimentUnaccented;
line('sentiment: same test split, accents stripped', `${sentimentUnaccented.macroF1}`);

const toxicityRows = parseLabelledJsonl(readFileSync(join(import.meta.dirname, '../test-data/nlp/toxicity.jsonl'), 'utf8'));
const toxicity = evaluateClassifier(toxicityRows, (t) => detectToxicity(t).label, now);
results.toxicity = toxicity;
line('toxicity: own labelled set macro-F1', `${toxicity.macroF1} (accuracy ${toxicity.accuracy}, n=${toxicity.n})`);

if (process.argv.includes('--json')) console.log(JSON.stringify(results));
