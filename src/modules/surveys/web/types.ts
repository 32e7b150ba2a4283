/** UI-side shapes of the surveys API (web code never imports server modules). */

export interface Option {
  value: string;
  label: string;
}

export interface Question {
  id: string;
  type:
    | 'short-text'
    | 'long-text'
    | 'number'
    | 'single-choice'
    | 'multiple-choice'
    | 'yes-no'
    | 'date'
    | 'table'
    | 'file'
    | 'contact';
  label: string;
  help?: string;
  required?: boolean;
  visibleIf?: { questionId: string; equals: string | number | boolean };
  unit?: string;
  min?: number;
  max?: number;
  options?: Option[];
  rows?: { id: string; label: string }[];
  columns?: { id: string; label: string; type?: 'number' | 'text'; unit?: string }[];
  accept?: string[];
  maxLength?: number;
}

export interface Section {
  id: string;
  title: string;
  description?: string;
  questions: Question[];
}

export interface FormDefinition {
  sections: Section[];
}

export interface SurveyForm {
  id: string;
  key: string;
  version: number;
  title: string;
  description: string | null;
  allowsPublic: boolean;
  isTemplate: boolean;
  questionCount: number;
  definition: FormDefinition;
}

export interface Campaign {
  id: string;
  title: string;
  formId: string;
  formKey: string;
  formVersion: number;
  formTitle: string;
  ownerOrganizationId: string;
  deadline: string;
  status: 'open' | 'closed';
  isPublic: boolean;
  publicToken: string | null;
  launchedAt: string;
  targetCount: number;
  submittedCount: number;
}

export interface CampaignDetail extends Campaign {
  definition: FormDefinition;
  myDeadline: string | null;
}

export type Answers = Record<string, unknown>;

export interface SurveyNotice {
  id: string;
  campaignId: string;
  kind: 'launched' | 'reminder' | 'reopened' | 'extended';
  message: string;
  createdAt: string;
  readAt: string | null;
}

export interface SurveyResponse {
  campaignId: string;
  organizationId: string;
  status: 'not-started' | 'draft' | 'submitted';
  version: number;
  answers: Answers;
  updatedAt: string | null;
  submittedAt: string | null;
  deadline: string;
  isPastDeadline: boolean;
  canEdit: boolean;
  canSubmit: boolean;
  contactsRedacted: boolean;
}

export interface BoardRow {
  organizationId: string;
  organizationName: string;
  organizationKind: string;
  status: 'not-started' | 'draft' | 'submitted';
  version: number;
  updatedAt: string | null;
  submittedAt: string | null;
  deadline: string;
  isExtended: boolean;
}

export interface Board {
  campaignId: string;
  title: string;
  deadline: string;
  totals: { total: number; submitted: number; draft: number; notStarted: number };
  rows: BoardRow[];
}

export interface Aggregate {
  questionId: string;
  label: string;
  type: Question['type'];
  answered: number;
  counts?: { yes: number; no: number };
  options?: { value: string; label: string; count: number }[];
  stats?: { count: number; sum: number; mean: number | null };
  unit?: string | null;
  byKind?: Record<string, unknown>;
  themes?: { keyword: string; count: number; answers: { organizationName: string; text: string }[] }[];
  cells?: { rowLabel: string; columnLabel: string; stats: { sum: number; mean: number | null } }[];
}

export interface Results {
  title: string;
  targetCount: number;
  submittedCount: number;
  publicAnswerCount: number;
  sections: { id: string; title: string; questions: Aggregate[] }[];
}

/** Mirrors the server rule: a question is shown when its condition's source is shown and matches. */
export function isVisible(question: Question, answers: Answers, byId: Map<string, Question>): boolean {
  if (!question.visibleIf) return true;
  const source = byId.get(question.visibleIf.questionId);
  if (!source || !isVisible(source, answers, byId)) return false;
  const value = answers[source.id];
  return Array.isArray(value) ? value.includes(String(question.visibleIf.equals)) : value === question.visibleIf.equals;
}
