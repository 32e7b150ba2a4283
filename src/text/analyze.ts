/**
 * One-call analysis of a text: normalisation, tokens, words, diacritics restoration (when the text is
 * unaccented or OCR-garbled), topic, sentiment with reasons, toxicity and dates. Bounded: inputs longer than
 * `MAX_ANALYZE_CHARS` are truncated (at a whitespace boundary) and reported as such; empty, binary, emoji-only,
 * mixed-script and all-caps inputs get a well-formed answer. Pure, no I/O: models are passed in.
 */
import { createDiacriticsRestorer, restoreDiacritics, type DiacriticsModel, type DiacriticsRestorer } from './diacritics';
import { findVietnameseDates, foldDiacritics, normalizeText, type VietnameseDate } from './normalize';
import { createSegmenter, segmentSyllables, joinWords, type Segmenter, type SegmenterModel } from './segment';
import { analyzeSentiment, type SentimentModel, type SentimentResult } from './sentiment';
import { tokenize, type Token } from './tokenize';
import { classifyTopic, createTopicClassifier, type TopicClassifier, type TopicModel, type TopicResult } from './topic';
import { detectToxicity, type ToxicityResult } from './toxicity';

/** Longest input analysed, in UTF-16 code units (≈ 30 pages of text); the rest is ignored. */
export const MAX_ANALYZE_CHARS = 100_000;

/** Parsed model artifacts (as stored in `models/`). */
export interface TextModelFiles {
  segmenter: SegmenterModel;
  diacritics: DiacriticsModel;
  topic: TopicModel;
  sentiment: SentimentModel;
}

/** Models prepared for use. */
export interface TextModels {
  segmenter: Segmenter;
  restorer: DiacriticsRestorer;
  topic: TopicClassifier;
  sentiment: SentimentModel;
}

/**
 * Prepares all models once (decoding takes about a second; reuse the result).
 * @example const models = createTextModels({ segmenter, diacritics, topic, sentiment });
 */
export function createTextModels(files: TextModelFiles): TextModels {
  return {
    segmenter: createSegmenter(files.segmenter),
    restorer: createDiacriticsRestorer(files.diacritics),
    topic: createTopicClassifier(files.topic),
    sentiment: files.sentiment,
  };
}

export interface TextAnalysis {
  /** The normalised (and possibly truncated) text that was analysed. */
  text: string;
  truncated: boolean;
  /** How the text was written: accented, unaccented (diacritics restored), or OCR-garbled (restored). */
  script: 'accented' | 'unaccented' | 'ocr' | 'empty' | 'non-vietnamese';
  tokens: Token[];
  /** Segmented words of the restored text (syllables of a word separated by one space). */
  words: string[];
  restored: string;
  topic: TopicResult | null;
  sentiment: SentimentResult;
  toxicity: ToxicityResult;
  dates: VietnameseDate[];
}

const MARKED = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

/**
 * Classifies how a text is written from its letter tokens.
 * @example detectScript('hoc phi tang cao', restorer) // 'unaccented'
 */
export function detectScript(text: string, restorer: DiacriticsRestorer): TextAnalysis['script'] {
  const words = tokenize(text.length > 5000 ? text.slice(0, 5000) : text)
    .filter((t) => t.kind === 'word')
    .map((t) => t.text);
  if (words.length === 0) return text.trim() ? 'non-vietnamese' : 'empty';
  // Single letters ("a", "y", "ở") are valid syllables but also what binary garbage decodes to: judge on the rest.
  const long = words.filter((w) => w.length >= 2);
  if (long.length < Math.max(1, words.length * 0.3)) return 'non-vietnamese';
  let marked = 0;
  let known = 0;
  let wellFormed = 0;
  for (const w of long) {
    const lower = w.toLowerCase();
    if (MARKED.test(lower)) marked++;
    const candidates = restorer.byFold.get(foldDiacritics(lower));
    if (candidates) {
      known++;
      if (candidates.some((id) => restorer.model.vocab[id] === lower)) wellFormed++;
    }
  }
  if (known / long.length < 0.3) return 'non-vietnamese';
  if (marked / long.length < 0.08) return 'unaccented';
  // accented text whose syllables are often not real Vietnamese spellings: OCR output
  return wellFormed / long.length < 0.75 ? 'ocr' : 'accented';
}

function truncate(text: string): { text: string; truncated: boolean } {
  if (text.length <= MAX_ANALYZE_CHARS) return { text, truncated: false };
  const cut = text.lastIndexOf(' ', MAX_ANALYZE_CHARS);
  return { text: text.slice(0, cut > MAX_ANALYZE_CHARS - 1000 ? cut : MAX_ANALYZE_CHARS), truncated: true };
}

/**
 * Topic of a text; unaccented or OCR text is restored first (the topic model uses accented features).
 * @example classifyTopicOf('doi tuyen viet nam thang 2-0', models).label // 'The thao'
 */
export function classifyTopicOf(text: string, models: TextModels): TopicResult | null {
  const script = detectScript(text, models.restorer);
  if (script === 'empty' || script === 'non-vietnamese') return null;
  const input =
    script === 'unaccented' || script === 'ocr'
      ? restoreDiacritics(text, models.restorer, { mode: script === 'ocr' ? 'ocr' : 'text' })
      : text;
  return classifyTopic(input, models.topic);
}

/**
 * Full analysis of a text (see the module comment for bounds).
 * @example analyzeText('Thu tuong Chinh phu yeu cau tang cuong truyen thong chinh sach', models).restored
 * // 'Thủ tướng Chính phủ yêu cầu tăng cường truyền thông chính sách'
 */
export function analyzeText(input: string, models: TextModels): TextAnalysis {
  const raw = typeof input === 'string' ? input : String(input ?? '');
  // Truncate before normalising too, so a 10 MB input costs no more than the cap.
  const pre = raw.length > MAX_ANALYZE_CHARS * 2 ? raw.slice(0, MAX_ANALYZE_CHARS * 2) : raw;
  const { text, truncated } = truncate(normalizeText(pre));
  const isTruncated = truncated || pre.length < raw.length;
  const script = detectScript(text, models.restorer);
  const restored =
    script === 'unaccented' || script === 'ocr'
      ? restoreDiacritics(text, models.restorer, { mode: script === 'ocr' ? 'ocr' : 'text' })
      : text;
  const tokens = tokenize(restored);
  const syllableTexts = tokens.map((t) => t.text);
  // ALL-CAPS text (headlines, document headers) is segmented in lower case: the model's shape features
  // would otherwise read every syllable as an acronym.
  const upper = restored.replace(/[^\p{Lu}]/gu, '').length;
  const letters = restored.replace(/[^\p{L}]/gu, '').length;
  const segmentInput = letters > 0 && upper / letters > 0.7 ? syllableTexts.map((s) => s.toLowerCase()) : syllableTexts;
  const words = joinWords(syllableTexts, segmentSyllables(segmentInput, models.segmenter));
  return {
    text,
    truncated: isTruncated,
    script,
    tokens,
    words,
    restored,
    topic: script === 'empty' || script === 'non-vietnamese' ? null : classifyTopic(restored, models.topic),
    sentiment: analyzeSentiment(restored, models.sentiment),
    toxicity: detectToxicity(text),
    dates: findVietnameseDates(restored),
  };
}
