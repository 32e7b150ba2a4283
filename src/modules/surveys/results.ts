import { eq } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import type { Actor } from '../../platform/actor';
import { foldKey, normalizeText } from '../../text/normalize';
import { tokenize } from '../../text/tokenize';
import type { Answers, Question, TableAnswer } from './form-model';
import { surveyCampaignTargets, surveyPublicResponses } from './schema';
import { assertCanManageSurveys } from './policies';
import { loadCampaign } from './campaigns';
import { loadForm } from './forms';
import { loadSubmittedAnswers } from './responses';

export interface NumberStats {
  count: number;
  sum: number;
  mean: number | null;
  min: number | null;
  max: number | null;
}

export interface Theme {
  keyword: string;
  count: number;
  answers: { organizationId: string; organizationName: string; text: string }[];
}

export type QuestionAggregate =
  | {
      questionId: string;
      label: string;
      type: 'yes-no';
      answered: number;
      counts: { yes: number; no: number };
      byKind: Record<string, { yes: number; no: number }>;
    }
  | {
      questionId: string;
      label: string;
      type: 'single-choice' | 'multiple-choice';
      answered: number;
      options: { value: string; label: string; count: number }[];
      byKind: Record<string, Record<string, number>>;
    }
  | {
      questionId: string;
      label: string;
      type: 'number';
      unit: string | null;
      answered: number;
      stats: NumberStats;
      byKind: Record<string, NumberStats>;
    }
  | {
      questionId: string;
      label: string;
      type: 'table';
      answered: number;
      cells: { rowId: string; rowLabel: string; columnId: string; columnLabel: string; stats: NumberStats }[];
    }
  | { questionId: string; label: string; type: 'date'; answered: number; earliest: string | null; latest: string | null }
  | { questionId: string; label: string; type: 'short-text' | 'long-text'; answered: number; themes: Theme[] }
  | { questionId: string; label: string; type: 'file' | 'contact'; answered: number };

function stats(values: number[]): NumberStats {
  if (values.length === 0) return { count: 0, sum: 0, mean: null, min: null, max: null };
  const sum = values.reduce((total, value) => total + value, 0);
  return {
    count: values.length,
    sum,
    mean: Math.round((sum / values.length) * 100) / 100,
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

// Function words that carry no theme (Vietnamese grammar words frequent in free-text answers).
const stopSyllables = new Set(
  'và của các cho có được là trong với để những một này đó thì mà như về từ tại theo cần đã đang sẽ không chưa rất hơn nhiều thêm việc công tác hỗ trợ đề nghị'
    .split(' ')
    .map((word) => foldKey(word)),
);

/**
 * Groups free-text answers by shared keywords: text is normalised and accent-folded by the text core, split into
 * syllables, and each answer joins the most frequent keyword (syllable bigram, else syllable) it shares with at
 * least one other answer; the rest fall under "other".
 * @example groupByTheme([{ text: 'Cần tập huấn kỹ năng' }, { text: 'tập huấn phát ngôn' }]) // [{ keyword: 'tập huấn', count: 2 }]
 */
export function groupByTheme(items: { organizationId: string; organizationName: string; text: string }[]): Theme[] {
  const keywordsOf = (text: string) => {
    const syllables = tokenize(normalizeText(text))
      .filter((token) => token.kind === 'word')
      .map((token) => token.text.toLowerCase());
    const keys = new Map<string, string>();
    for (let i = 0; i < syllables.length; i++) {
      const first = syllables[i]!;
      const second = syllables[i + 1];
      if (!stopSyllables.has(foldKey(first)) && first.length > 1) keys.set(foldKey(first), first);
      if (second && !stopSyllables.has(foldKey(first)) && !stopSyllables.has(foldKey(second)))
        keys.set(`${foldKey(first)} ${foldKey(second)}`, `${first} ${second}`);
    }
    return keys;
  };
  const perItem = items.map((item) => ({ item, keys: keywordsOf(item.text) }));
  const frequency = new Map<string, { count: number; display: string }>();
  for (const { keys } of perItem) {
    for (const [key, display] of keys) {
      const entry = frequency.get(key) ?? { count: 0, display };
      entry.count++;
      frequency.set(key, entry);
    }
  }
  const themes = new Map<string, Theme>();
  const other: Theme = { keyword: '', count: 0, answers: [] };
  for (const { item, keys } of perItem) {
    let best: { key: string; count: number; isBigram: boolean } | undefined;
    for (const key of keys.keys()) {
      const count = frequency.get(key)!.count;
      if (count < 2) continue;
      const isBigram = key.includes(' ');
      // Prefer the most shared keyword; between equally shared ones, the bigram (more specific).
      if (!best || count > best.count || (count === best.count && isBigram && !best.isBigram)) best = { key, count, isBigram };
    }
    if (!best) {
      other.answers.push(item);
      other.count++;
      continue;
    }
    const theme = themes.get(best.key) ?? { keyword: frequency.get(best.key)!.display, count: 0, answers: [] };
    theme.answers.push(item);
    theme.count++;
    themes.set(best.key, theme);
  }
  const sorted = [...themes.values()].sort((a, b) => b.count - a.count || a.keyword.localeCompare(b.keyword, 'vi'));
  return other.count > 0 ? [...sorted, other] : sorted;
}

function aggregateQuestion(
  question: Question,
  rows: { organizationId: string; organizationName: string; kind: string; answers: Answers }[],
): QuestionAggregate {
  const answeredRows = rows.filter((row) => row.answers[question.id] !== undefined && row.answers[question.id] !== null);
  const base = { questionId: question.id, label: question.label, answered: answeredRows.length };
  switch (question.type) {
    case 'yes-no': {
      const counts = { yes: 0, no: 0 };
      const byKind: Record<string, { yes: number; no: number }> = {};
      for (const row of answeredRows) {
        const key = row.answers[question.id] === true ? 'yes' : 'no';
        counts[key]++;
        (byKind[row.kind] ??= { yes: 0, no: 0 })[key]++;
      }
      return { ...base, type: 'yes-no', counts, byKind };
    }
    case 'single-choice':
    case 'multiple-choice': {
      const counts = new Map<string, number>();
      const byKind: Record<string, Record<string, number>> = {};
      for (const row of answeredRows) {
        const value = row.answers[question.id];
        const chosen = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
        for (const option of chosen) {
          counts.set(option, (counts.get(option) ?? 0) + 1);
          const kind = (byKind[row.kind] ??= {});
          kind[option] = (kind[option] ?? 0) + 1;
        }
      }
      return {
        ...base,
        type: question.type,
        options: question.options.map((o) => ({ value: o.value, label: o.label, count: counts.get(o.value) ?? 0 })),
        byKind,
      };
    }
    case 'number': {
      const byKindValues: Record<string, number[]> = {};
      const values = answeredRows.map((row) => {
        const value = Number(row.answers[question.id]);
        (byKindValues[row.kind] ??= []).push(value);
        return value;
      });
      const byKind = Object.fromEntries(Object.entries(byKindValues).map(([kind, list]) => [kind, stats(list)]));
      return { ...base, type: 'number', unit: question.unit ?? null, stats: stats(values), byKind };
    }
    case 'table': {
      const cells = question.rows.flatMap((r) =>
        question.columns
          .filter((c) => c.type === 'number')
          .map((c) => {
            const values = answeredRows
              .map((row) => (row.answers[question.id] as TableAnswer | undefined)?.[r.id]?.[c.id])
              .filter((value): value is number => typeof value === 'number');
            return { rowId: r.id, rowLabel: r.label, columnId: c.id, columnLabel: c.label, stats: stats(values) };
          }),
      );
      return { ...base, type: 'table', cells };
    }
    case 'date': {
      const dates = answeredRows
        .map((row) => row.answers[question.id])
        .filter((value): value is string => typeof value === 'string')
        .sort();
      return { ...base, type: 'date', earliest: dates[0] ?? null, latest: dates.at(-1) ?? null };
    }
    case 'short-text':
    case 'long-text':
      return {
        ...base,
        type: question.type,
        themes: groupByTheme(
          answeredRows.map((row) => ({
            organizationId: row.organizationId,
            organizationName: row.organizationName,
            text: typeof row.answers[question.id] === 'string' ? (row.answers[question.id] as string) : '',
          })),
        ),
      };
    case 'file':
    case 'contact':
      return { ...base, type: question.type };
  }
}

/** Per-question aggregates of the submitted responses, with cross-tabs by organization kind. Coordinators only. */
export async function getCampaignResults({ actor, campaignId }: { actor: Actor; campaignId: string }) {
  assertCanManageSurveys(actor, 'read results');
  const db = await getDb();
  const campaign = await loadCampaign(db, campaignId);
  const form = await loadForm(db, campaign.formId);
  const targets = await db.select().from(surveyCampaignTargets).where(eq(surveyCampaignTargets.campaignId, campaignId));
  const submitted = await loadSubmittedAnswers(db, campaignId);
  const rows = targets
    .filter((target) => submitted.has(target.organizationId))
    .map((target) => ({
      organizationId: target.organizationId,
      organizationName: target.organizationName,
      kind: target.organizationKind,
      answers: submitted.get(target.organizationId)!.answers,
    }));
  const publicAnswers = await db.select().from(surveyPublicResponses).where(eq(surveyPublicResponses.campaignId, campaignId));
  const kinds = [...new Set(targets.map((t) => t.organizationKind))].sort();
  return {
    campaignId,
    title: campaign.title,
    formTitle: form.title,
    targetCount: targets.length,
    submittedCount: rows.length,
    publicAnswerCount: publicAnswers.length,
    kinds,
    sections: form.definition.sections.map((section) => ({
      id: section.id,
      title: section.title,
      questions: section.questions.map((question) => aggregateQuestion(question, rows)),
    })),
  };
}

export type CampaignResults = Awaited<ReturnType<typeof getCampaignResults>>;
