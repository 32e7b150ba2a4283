import { loadModel } from '../../text/models';
import { classifyTopic, classifyTopicOfFoldedWords, createTopicClassifier, type TopicClassifier } from '../../text/topic';
import { MAX_FEATURE_CHARS } from '../../text/topic-features';
import { analyzeSentiment } from '../../text/sentiment';
import { applyTopicAdaptation, type TopicAdaptation } from '../../text/topic-adaptation';
import type { LanguageModelKind, LearnedModels } from './active-models';
import { logger } from '../../platform/logger';
import type { Sentiment } from './schema';
import { knownWordsOf } from './sentiment-known-words';
import type { TokenStreams } from './tokens';

/** Topic and sentiment of one document, with the cues that explain the sentiment. */
export interface TextAnalysis {
  topic: string | null;
  topicScore: number | null;
  sentiment: Sentiment;
  sentimentScore: number;
  reasons: string[];
}

/**
 * The analysis step of the pipeline: one function, so the language core's models can be swapped in. The token
 * streams of the title and the text, when given, spare the analysis looking their words up again.
 */
export type TextAnalyzer = (input: {
  title: string;
  foldedTokens: readonly string[];
  text: string;
  titleTokens?: TokenStreams;
  textTokens?: TokenStreams;
  /**
   * Only this kind of label is wanted (re-labelling after one model changed): the other kind may be skipped, its
   * fields then hold no label (topic null, sentiment neutral with score 0 and no reasons).
   */
  only?: LanguageModelKind;
}) => TextAnalysis;

// Cue phrases (folded) for public-affairs sentiment, from reading VNTC "Chinh tri Xa hoi" / "Phap luat"
// articles and citizen comments: complaints, violations and disasters vs. achievements and support.
const NEGATIVE_CUES = [
  'buc xuc',
  'phan doi',
  'tham nhung',
  'sai pham',
  'vi pham',
  'lang phi',
  'tieu cuc',
  'that vong',
  'khieu nai',
  'to cao',
  'chay no',
  'tai nan',
  'thiet hai',
  'ngap lut',
  'o nhiem',
  'lua dao',
  'bat cap',
  'quan lieu',
  'nhung nhieu',
  'gay gat',
  'tang gia',
  'chen ep',
  'yeu kem',
  'that thoat',
  'mat an toan',
  'chet',
  'tu vong',
  'bi thuong',
  'khung hoang',
  'thua lo',
  'that nghiep',
  'phan nan',
  'lo ngai',
  'bat binh',
  'gay phan no',
  'tin gia',
  'xuyen tac',
];
const POSITIVE_CUES = [
  'hoan thanh',
  'thanh cong',
  'ung ho',
  'dong tinh',
  'hieu qua',
  'tang truong',
  'khen thuong',
  'bieu duong',
  'cai thien',
  'thuan loi',
  'phat trien',
  'dot pha',
  'ky luc',
  'hai long',
  'tich cuc',
  'an toan',
  'vuot ke hoach',
  'ho tro',
  'mien phi',
  'giam gia',
  'nang cao',
  'doan ket',
  'vinh danh',
  'hoan thien',
  'minh bach',
];
const TOPIC_CUES: Record<string, string[]> = {
  'Chinh tri Xa hoi': [
    'quoc hoi',
    'chinh phu',
    'dai bieu',
    'nghi quyet',
    'bo truong',
    'uy ban nhan dan',
    'chinh sach',
    'hoc phi',
    'giao duc',
  ],
  'Phap luat': ['cong an', 'toa an', 'bi cao', 'vu an', 'khoi to', 'dieu tra', 'tam giam', 'vien kiem sat'],
  'Kinh doanh': ['doanh nghiep', 'ngan hang', 'lai suat', 'chung khoan', 'xuat khau', 'thi truong', 'gia vang', 'ty gia'],
  'Suc khoe': ['benh vien', 'bac si', 'benh nhan', 'dich benh', 'vac xin', 'y te', 'dieu tri'],
  'The thao': ['bong da', 'doi tuyen', 'cau thu', 'huan luyen vien', 'tran dau', 'giai dau', 'ban thang'],
  'The gioi': ['my', 'trung quoc', 'nga', 'tong thong', 'lien hop quoc', 'quoc te', 'nato'],
  'Van hoa': ['nghe si', 'le hoi', 'phim', 'ca si', 'am nhac', 'trien lam', 'di san'],
  'Vi tinh': ['may tinh', 'phan mem', 'internet', 'dien thoai', 'cong nghe', 'ung dung', 'mang xa hoi'],
  'Khoa hoc': ['nha khoa hoc', 'nghien cuu', 'vu tru', 'phat hien', 'thi nghiem'],
  'Doi song': ['gia dinh', 'tre em', 'nau an', 'du lich', 'thoi trang', 'hon nhan'],
};

interface CueIndex {
  /** first token → cue phrases (as token arrays) starting with it, with their label */
  byFirst: Map<string, { tokens: string[]; label: string; phrase: string }[]>;
}

function buildCueIndex(entries: { phrase: string; label: string }[]): CueIndex {
  const byFirst = new Map<string, { tokens: string[]; label: string; phrase: string }[]>();
  for (const { phrase, label } of entries) {
    const tokens = phrase.split(' ');
    const list = byFirst.get(tokens[0]!) ?? [];
    list.push({ tokens, label, phrase });
    byFirst.set(tokens[0]!, list);
  }
  return { byFirst };
}

const sentimentIndex = buildCueIndex([
  ...NEGATIVE_CUES.map((phrase) => ({ phrase, label: 'negative' })),
  ...POSITIVE_CUES.map((phrase) => ({ phrase, label: 'positive' })),
]);
const topicIndex = buildCueIndex(
  Object.entries(TOPIC_CUES).flatMap(([label, phrases]) => phrases.map((phrase) => ({ phrase, label }))),
);

function countCues(index: CueIndex, tokens: readonly string[]): Map<string, { count: number; phrases: Set<string> }> {
  const counts = new Map<string, { count: number; phrases: Set<string> }>();
  for (let i = 0; i < tokens.length; i++) {
    const candidates = index.byFirst.get(tokens[i]!);
    if (!candidates) continue;
    for (const cue of candidates) {
      let ok = true;
      for (let k = 1; k < cue.tokens.length; k++) {
        if (tokens[i + k] !== cue.tokens[k]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const entry = counts.get(cue.label) ?? { count: 0, phrases: new Set<string>() };
      entry.count++;
      entry.phrases.add(cue.phrase);
      counts.set(cue.label, entry);
    }
  }
  return counts;
}

/**
 * Fallback cue-phrase analyzer, used when the language core's model files are missing:
 * sentiment from counted positive/negative cue phrases (reasons = the cues found), topic from keyword cues.
 */
export const cueAnalyzer: TextAnalyzer = ({ foldedTokens }) => {
  const sentimentCounts = countCues(sentimentIndex, foldedTokens);
  const negative = sentimentCounts.get('negative');
  const positive = sentimentCounts.get('positive');
  const score = ((positive?.count ?? 0) - (negative?.count ?? 0)) / Math.max(3, (positive?.count ?? 0) + (negative?.count ?? 0));
  const sentiment: Sentiment = score <= -0.25 ? 'negative' : score >= 0.25 ? 'positive' : 'neutral';
  const reasons =
    sentiment === 'negative' ? [...(negative?.phrases ?? [])] : sentiment === 'positive' ? [...(positive?.phrases ?? [])] : [];
  const topicCounts = countCues(topicIndex, foldedTokens);
  let topic: string | null = null;
  let best = 0;
  let total = 0;
  for (const [label, { count }] of topicCounts) {
    total += count;
    if (count > best) {
      best = count;
      topic = label;
    }
  }
  return { topic, topicScore: topic ? best / total : null, sentiment, sentimentScore: score, reasons: reasons.slice(0, 8) };
};

/** Folded words of the analysed title and lead, reused by every document. */
const analysedWords: string[] = [];

/**
 * The topic of `${title}\n${text.slice(0, textEnd)}` (the title `titleLength` long) from the token streams of title
 * and text: their folded forms are the runs of letters and digits the classifier hashes, so the text is not
 * scanned again. Null when the streams cannot stand for the text (no token facts, joining marks): the caller
 * classifies the text.
 */
function topicOfTokens(
  title: TokenStreams,
  text: TokenStreams,
  titleLength: number,
  textEnd: number,
  classifier: TopicClassifier,
) {
  if (!title.infos || !text.infos || !text.starts || title.hasJoiningMarks || text.hasJoiningMarks) return null;
  // the classifier reads only the first MAX_FEATURE_CHARS of a text (the analysed text is shorter in practice)
  if (titleLength + 1 + textEnd > MAX_FEATURE_CHARS) return null;
  let count = 0;
  for (const word of title.folded) analysedWords[count++] = word;
  const { folded, starts } = text;
  for (let k = 0; k < folded.length; k++) {
    const start = starts[k]!;
    if (start >= textEnd) break;
    const word = folded[k]!;
    // a word cut by the end of the lead counts as cut
    analysedWords[count++] = start + word.length > textEnd ? word.slice(0, textEnd - start) : word;
  }
  return classifyTopicOfFoldedWords(analysedWords, count, classifier);
}

/** Characters of a document the language-core models read (the lead carries topic and tone of news). */
export const ANALYZED_CHARS = 6000;

/** The topic of an analysis that skipped it (`only: 'sentiment'`). */
const NO_TOPIC = { label: null, confidence: null } as const;

/**
 * What the models read of a document kept as its title, a line break and its text (as corrections keep it): the
 * title and the first `ANALYZED_CHARS` of the text.
 * @example analysedBody(`Tiêu đề\n${'a'.repeat(9000)}`).length // 8 + 6000
 */
export function analysedBody(titleAndText: string): string {
  const titleEnd = titleAndText.indexOf('\n');
  return titleAndText.slice(0, (titleEnd < 0 ? 0 : titleEnd + 1) + ANALYZED_CHARS);
}

const classifiers = new WeakMap<object, TopicClassifier>();

/**
 * The topic classifier of the shipped model, or of it with a learned version applied: one per model object, since
 * building one decodes the whole weight table (≈ 140 ms and 5 MB here) and training a version reads the shipped
 * model, the version in use and the new one several times.
 */
export function topicClassifierOf(adaptation?: TopicAdaptation): TopicClassifier {
  const shipped = loadModel('topic');
  const key = adaptation ?? shipped;
  let classifier = classifiers.get(key);
  if (!classifier) {
    classifier = createTopicClassifier(adaptation ? applyTopicAdaptation(shipped, adaptation) : shipped);
    classifiers.set(key, classifier);
  }
  return classifier;
}

/**
 * The language core's trained models (`models/topic`, `models/sentiment` from src/text), or the versions learned
 * from corrections in their place: topic with its probability, sentiment with the lexicon and learned cues as
 * reasons.
 */
export function createTextCoreAnalyzer(learned: LearnedModels = {}): TextAnalyzer {
  const sentimentModel = learned.sentiment ?? loadModel('sentiment');
  const topicClassifier = topicClassifierOf(learned.topic);
  return ({ title, text, titleTokens, textTokens, only }) => {
    const textEnd = Math.min(text.length, ANALYZED_CHARS);
    const body = `${title}\n${text.length > textEnd ? text.slice(0, textEnd) : text}`;
    const topic =
      only === 'sentiment'
        ? NO_TOPIC
        : ((titleTokens && textTokens && topicOfTokens(titleTokens, textTokens, title.length, textEnd, topicClassifier)) ??
          classifyTopic(body, topicClassifier));
    if (only === 'topic')
      return { topic: topic.label, topicScore: topic.confidence, sentiment: 'neutral', sentimentScore: 0, reasons: [] };
    const knownWords = titleTokens && textTokens ? knownWordsOf(titleTokens, textTokens, title.length, textEnd) : undefined;
    const sentiment = analyzeSentiment(body, sentimentModel, knownWords);
    const reasons = [
      ...new Set(
        sentiment.reasons
          .filter((reason) =>
            sentiment.label === 'positive' ? reason.weight > 0 : sentiment.label === 'negative' ? reason.weight < 0 : false,
          )
          .map((reason) => reason.text),
      ),
    ];
    return {
      topic: topic.label,
      topicScore: topic.confidence,
      sentiment: sentiment.label,
      sentimentScore: sentiment.score,
      reasons: reasons.slice(0, 8),
    };
  };
}

let activeAnalyzer: TextAnalyzer | undefined;

/** The analyzer the pipeline uses: the language core's models, or the cue analyzer if they are missing. */
export function getAnalyzer(): TextAnalyzer {
  if (!activeAnalyzer) {
    try {
      activeAnalyzer = createTextCoreAnalyzer();
    } catch (error) {
      logger.warn({ err: error }, 'language-core models unavailable; using the cue analyzer for topic and sentiment');
      activeAnalyzer = cueAnalyzer;
    }
  }
  return activeAnalyzer;
}

/** The analyzer of the learned models last asked for: they change only when a version is activated. */
let learnedAnalyzer: { learned: LearnedModels; analyzer: TextAnalyzer } | undefined;

/**
 * The language core's analyzer with the models learned from corrections (`learning.ts`) in place of the shipped
 * ones; the shipped analyzer when none is.
 */
export function analyzerWithModels(learned: LearnedModels): TextAnalyzer {
  if (!learned.sentiment && !learned.topic) return getAnalyzer();
  const last = learnedAnalyzer;
  if (last && last.learned.sentiment === learned.sentiment && last.learned.topic === learned.topic) return last.analyzer;
  learnedAnalyzer = { learned, analyzer: createTextCoreAnalyzer(learned) };
  return learnedAnalyzer.analyzer;
}

/** Replaces the analyzer (the language core's models once loaded). */
export function setAnalyzer(analyzer: TextAnalyzer): void {
  activeAnalyzer = analyzer;
}
