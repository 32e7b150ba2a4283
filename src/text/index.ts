/**
 * Public surface of the Vietnamese text core. Everything here is pure and browser-safe except
 * `loadModel` / `loadTextModels` (re-exported from `./models`, Node only: import them from there).
 */
export { analyzeText, classifyTopicOf, createTextModels, detectScript, MAX_ANALYZE_CHARS } from './analyze';
export type { TextAnalysis, TextModelFiles, TextModels } from './analyze';
export { createDiacriticsRestorer, restoreDiacritics, restoreQuery } from './diacritics';
export type { DiacriticsModel, DiacriticsRestorer, RestoreMode } from './diacritics';
export {
  evaluateClassifier,
  evaluateDiacritics,
  evaluateSegmentation,
  parseConllu,
  parseLabelledJsonl,
  parseUnderscoreSegmented,
  scoreClassification,
  scoreDiacritics,
  scoreSegmentation,
} from './evaluate';
export type { ClassificationReport, ClassScore, LabelledRow } from './evaluate';
export {
  applyTone,
  findVietnameseDates,
  foldDiacritics,
  foldKey,
  normalizeText,
  normalizeToneMark,
  parseVietnameseDate,
  parseVietnameseNumber,
  splitTone,
} from './normalize';
export type { Tone, VietnameseDate } from './normalize';
export { createSegmenter, joinWords, segmentSyllables, segmentWords, trainSegmenter } from './segment';
export type { SegmentedSentence, Segmenter, SegmenterModel } from './segment';
export { analyzeSentiment, createBaseSentimentModel, scoreLexicon, SENTIMENT_LABELS, trainSentimentModel } from './sentiment';
export type { SentimentExample, SentimentLabel, SentimentModel, SentimentReason, SentimentResult } from './sentiment';
export { syllables, tokenize } from './tokenize';
export type { Token, TokenKind } from './tokenize';
export {
  classifyTopic,
  createTopicClassifier,
  textFeatures,
  trainCustomClassifier,
  trainLinearTopicModel,
  trainTopicModel,
} from './topic';
export type { LabelledText, TopicClassifier, TopicModel, TopicResult } from './topic';
export { adaptTopicModel, applyTopicAdaptation, type TopicAdaptation } from './topic-adaptation';
export { detectToxicity } from './toxicity';
export type { ToxicityCategory, ToxicityLabel, ToxicityResult } from './toxicity';
