/**
 * Loads the model artifacts in `models/` (gzip JSON). This is the one file of `src/text/` that does I/O;
 * everything else takes parsed models as arguments, so it stays browser-safe (a browser build fetches and
 * parses the same JSON and calls the same `create*` functions).
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { DiacriticsModel } from './diacritics';
import type { SegmenterModel } from './segment';
import type { TopicModel } from './topic';
import type { SentimentModel } from './sentiment';
import { createTextModels, type TextModels } from './analyze';

/** Absolute path of the repository's `models/` folder. */
export const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

interface ModelsByName {
  segmenter: SegmenterModel;
  diacritics: DiacriticsModel;
  topic: TopicModel;
  sentiment: SentimentModel;
}

const cache = new Map<string, unknown>();

/**
 * Reads and parses `models/<name>.json.gz` (or `.json`), cached per process.
 * @example const topicModel = loadModel('topic');
 */
export function loadModel<K extends keyof ModelsByName>(name: K, dir: string = MODELS_DIR): ModelsByName[K] {
  const key = `${dir}/${name}`;
  const hit = cache.get(key);
  if (hit) return hit as ModelsByName[K];
  const gz = `${dir}/${name}.json.gz`;
  const plain = `${dir}/${name}.json`;
  let json: string;
  if (existsSync(gz)) json = gunzipSync(readFileSync(gz)).toString('utf8');
  else if (existsSync(plain)) json = readFileSync(plain, 'utf8');
  else throw new Error(`model "${name}" not found in ${dir}; run \`npm run models:build\``);
  const parsed = JSON.parse(json) as ModelsByName[K];
  cache.set(key, parsed);
  return parsed;
}

/**
 * Loads and prepares every model of `analyzeText` (about a second; cached per process).
 * @example const models = loadTextModels(); analyzeText('…', models);
 */
export function loadTextModels(dir: string = MODELS_DIR): TextModels {
  const hit = cache.get(`${dir}/__prepared`);
  if (hit) return hit as TextModels;
  const models = createTextModels({
    segmenter: loadModel('segmenter', dir),
    diacritics: loadModel('diacritics', dir),
    topic: loadModel('topic', dir),
    sentiment: loadModel('sentiment', dir),
  });
  cache.set(`${dir}/__prepared`, models);
  return models;
}
