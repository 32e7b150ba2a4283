import { z } from '@hono/zod-openapi';

/**
 * The form builder's data model (a form version's `definition`) and the answer shapes. Pure: no I/O, so the
 * same validation runs in the API, the CLI and the browser.
 */

const idSchema = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, 'lower-case letters, digits and _ (starts with a letter)');

const optionSchema = z.object({ value: idSchema, label: z.string().min(1).max(300) }).strict();
const tableRowSchema = z.object({ id: idSchema, label: z.string().min(1).max(300) }).strict();
const tableColumnSchema = z
  .object({
    id: idSchema,
    label: z.string().min(1).max(300),
    type: z.enum(['number', 'text']).default('number'),
    unit: z.string().max(40).optional(),
  })
  .strict();

/** Show a question only when another question's answer equals (or, for multiple choice, includes) a value. */
const visibleIfSchema = z
  .object({ questionId: idSchema, equals: z.union([z.string(), z.number(), z.boolean()]) })
  .strict()
  .openapi('SurveyVisibleIf');

/** Profile fields of the network directory that a question's answer can update after confirmation. */
export const directoryFields = [
  'unitIsDedicated',
  'unitName',
  'staffDedicated',
  'staffPartTime',
  'focalPoint',
  'spokesperson',
] as const;
export type DirectoryField = (typeof directoryFields)[number];

const commonQuestion = {
  id: idSchema,
  label: z.string().min(1).max(500),
  help: z.string().max(2000).optional(),
  required: z.boolean().default(false),
  visibleIf: visibleIfSchema.optional(),
  directoryField: z.enum(directoryFields).optional(),
};

export const questionSchema = z
  .discriminatedUnion('type', [
    z
      .object({
        ...commonQuestion,
        type: z.literal('short-text'),
        maxLength: z.number().int().min(1).max(1000).default(300),
        pattern: z.string().max(200).optional(),
      })
      .strict(),
    z
      .object({ ...commonQuestion, type: z.literal('long-text'), maxLength: z.number().int().min(1).max(20000).default(5000) })
      .strict(),
    z
      .object({
        ...commonQuestion,
        type: z.literal('number'),
        unit: z.string().max(40).optional(),
        min: z.number().optional(),
        max: z.number().optional(),
        isInteger: z.boolean().default(false),
      })
      .strict(),
    z.object({ ...commonQuestion, type: z.literal('single-choice'), options: z.array(optionSchema).min(1).max(100) }).strict(),
    z
      .object({
        ...commonQuestion,
        type: z.literal('multiple-choice'),
        options: z.array(optionSchema).min(1).max(100),
        minSelected: z.number().int().min(0).optional(),
        maxSelected: z.number().int().min(1).optional(),
      })
      .strict(),
    z.object({ ...commonQuestion, type: z.literal('yes-no') }).strict(),
    z
      .object({ ...commonQuestion, type: z.literal('date'), minDate: z.string().optional(), maxDate: z.string().optional() })
      .strict(),
    z
      .object({
        ...commonQuestion,
        type: z.literal('table'),
        rows: z.array(tableRowSchema).min(1).max(50),
        columns: z.array(tableColumnSchema).min(1).max(20),
      })
      .strict(),
    z
      .object({
        ...commonQuestion,
        type: z.literal('file'),
        // lower-case extensions without the dot, e.g. ["pdf", "docx"]
        accept: z
          .array(z.string().regex(/^[a-z0-9]{1,8}$/))
          .min(1)
          .default(['pdf', 'docx', 'doc', 'xlsx', 'jpg', 'png']),
        maxBytes: z.number().int().min(1).max(50_000_000).default(10_000_000),
      })
      .strict(),
    z.object({ ...commonQuestion, type: z.literal('contact') }).strict(),
  ])
  .openapi('SurveyQuestion');

export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question['type'];
export const questionTypes: readonly QuestionType[] = [
  'short-text',
  'long-text',
  'number',
  'single-choice',
  'multiple-choice',
  'yes-no',
  'date',
  'table',
  'file',
  'contact',
];

export const sectionSchema = z
  .object({
    id: idSchema,
    title: z.string().min(1).max(300),
    description: z.string().max(2000).optional(),
    questions: z.array(questionSchema).max(200),
  })
  .strict()
  .openapi('SurveySection');

export const formDefinitionSchema = z
  .object({ sections: z.array(sectionSchema).min(1).max(50) })
  .strict()
  .superRefine((definition, context) => {
    const seen = new Map<string, Question>();
    definition.sections.forEach((section, sectionIndex) =>
      section.questions.forEach((question, questionIndex) => {
        const path = ['sections', sectionIndex, 'questions', questionIndex];
        if (seen.has(question.id))
          context.addIssue({ code: 'custom', path: [...path, 'id'], message: `duplicate question id ${question.id}` });
        if (question.visibleIf) {
          const source = seen.get(question.visibleIf.questionId);
          // Conditions point backwards so that a form reads top to bottom and can never loop.
          if (!source)
            context.addIssue({
              code: 'custom',
              path: [...path, 'visibleIf'],
              message: `visibleIf must name an earlier question (${question.visibleIf.questionId})`,
            });
        }
        if (
          question.type === 'number' &&
          question.min !== undefined &&
          question.max !== undefined &&
          question.min > question.max
        ) {
          context.addIssue({ code: 'custom', path: [...path, 'min'], message: 'min is greater than max' });
        }
        seen.set(question.id, question);
      }),
    );
  })
  .openapi('SurveyFormDefinition');

export type FormDefinition = z.infer<typeof formDefinitionSchema>;
export type FormDefinitionInput = z.input<typeof formDefinitionSchema>;

/** A person-contact block: personal data. */
export const contactAnswerSchema = z
  .object({
    fullName: z.string().max(200).default(''),
    position: z.string().max(200).default(''),
    phone: z.string().max(40).default(''),
    email: z.string().max(200).default(''),
  })
  .strict();
export type ContactAnswer = z.infer<typeof contactAnswerSchema>;

export const fileAnswerSchema = z
  .object({ uploadId: z.string().uuid(), fileName: z.string(), sizeBytes: z.number().int(), contentType: z.string() })
  .strict();
export type FileAnswer = z.infer<typeof fileAnswerSchema>;

export type TableAnswer = Record<string, Record<string, number | string | null>>;
export type AnswerValue = string | number | boolean | string[] | TableAnswer | ContactAnswer | FileAnswer | null;
/** Answers keyed by question id. */
export type Answers = Record<string, AnswerValue>;

/** Whom a campaign addresses: explicit organizations, organization kinds, and network groups, resolved on a date. */
export const campaignTargetSchema = z
  .object({
    organizationIds: z.array(z.string()).default([]),
    kinds: z.array(z.string()).default([]),
    groupKeys: z.array(z.string()).default([]),
    /** Membership date (YYYY-MM-DD); the launch date in Vietnam when omitted. */
    on: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
  .strict()
  .openapi('SurveyCampaignTarget');
export type CampaignTarget = z.infer<typeof campaignTargetSchema>;

export interface AnswerError {
  questionId: string;
  label: string;
  code:
    | 'REQUIRED'
    | 'WRONG_TYPE'
    | 'TOO_LONG'
    | 'PATTERN'
    | 'OUT_OF_RANGE'
    | 'NOT_INTEGER'
    | 'UNKNOWN_OPTION'
    | 'SELECTION_COUNT'
    | 'INVALID_DATE'
    | 'INVALID_EMAIL'
    | 'INVALID_PHONE'
    | 'UNKNOWN_QUESTION'
    | 'FILE_TYPE'
    | 'FILE_TOO_LARGE';
  message: string;
  /** Cell or field inside the question (table "row.column", contact "email"). */
  field?: string;
}

/** Every question of a form in reading order. */
export function listQuestions(definition: FormDefinition): Question[] {
  return definition.sections.flatMap((section) => section.questions);
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    return Object.values(value as Record<string, unknown>).every((inner) => isEmpty(inner));
  }
  return false;
}

/** True when a question is shown given the other answers (its condition's source is itself visible and matches). */
export function isQuestionVisible(question: Question, answers: Answers, byId: Map<string, Question>): boolean {
  if (!question.visibleIf) return true;
  const source = byId.get(question.visibleIf.questionId);
  if (!source || !isQuestionVisible(source, answers, byId)) return false;
  const value = answers[source.id];
  const expected = question.visibleIf.equals;
  if (Array.isArray(value)) return value.includes(String(expected));
  return value === expected;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Vietnamese numbers: 0 + 9–10 digits, or +84; spaces, dots and dashes allowed between groups.
const phonePattern = /^(\+84|0)[0-9]{8,10}$/;

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function checkValue(question: Question, value: AnswerValue, isFinal: boolean): Omit<AnswerError, 'questionId' | 'label'>[] {
  const errors: Omit<AnswerError, 'questionId' | 'label'>[] = [];
  const wrongType = (expected: string) => [{ code: 'WRONG_TYPE' as const, message: `expected ${expected}` }];
  switch (question.type) {
    case 'short-text':
    case 'long-text': {
      if (typeof value !== 'string') return wrongType('text');
      if (value.length > question.maxLength)
        errors.push({ code: 'TOO_LONG', message: `at most ${question.maxLength} characters` });
      if (
        isFinal &&
        question.type === 'short-text' &&
        question.pattern &&
        value &&
        !new RegExp(question.pattern, 'u').test(value)
      ) {
        errors.push({ code: 'PATTERN', message: 'does not match the expected format' });
      }
      return errors;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType('a number');
      if (!isFinal) return errors;
      if (question.isInteger && !Number.isInteger(value)) errors.push({ code: 'NOT_INTEGER', message: 'must be a whole number' });
      if (question.min !== undefined && value < question.min)
        errors.push({ code: 'OUT_OF_RANGE', message: `must be at least ${question.min}` });
      if (question.max !== undefined && value > question.max)
        errors.push({ code: 'OUT_OF_RANGE', message: `must be at most ${question.max}` });
      return errors;
    }
    case 'single-choice': {
      if (typeof value !== 'string') return wrongType('one option');
      if (!question.options.some((option) => option.value === value))
        errors.push({ code: 'UNKNOWN_OPTION', message: `unknown option ${value}` });
      return errors;
    }
    case 'multiple-choice': {
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) return wrongType('a list of options');
      for (const item of value) {
        if (!question.options.some((option) => option.value === item))
          errors.push({ code: 'UNKNOWN_OPTION', message: `unknown option ${item}` });
      }
      if (isFinal && question.minSelected !== undefined && value.length < question.minSelected) {
        errors.push({ code: 'SELECTION_COUNT', message: `choose at least ${question.minSelected}` });
      }
      if (isFinal && question.maxSelected !== undefined && value.length > question.maxSelected) {
        errors.push({ code: 'SELECTION_COUNT', message: `choose at most ${question.maxSelected}` });
      }
      return errors;
    }
    case 'yes-no':
      return typeof value === 'boolean' ? errors : wrongType('yes or no');
    case 'date': {
      if (typeof value !== 'string' || !isIsoDate(value))
        return [{ code: 'INVALID_DATE', message: 'expected a date YYYY-MM-DD' }];
      if (isFinal && question.minDate && value < question.minDate)
        errors.push({ code: 'OUT_OF_RANGE', message: `not before ${question.minDate}` });
      if (isFinal && question.maxDate && value > question.maxDate)
        errors.push({ code: 'OUT_OF_RANGE', message: `not after ${question.maxDate}` });
      return errors;
    }
    case 'table': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return wrongType('a table of rows and columns');
      const table = value as TableAnswer;
      for (const [rowId, row] of Object.entries(table)) {
        const rowSpec = question.rows.find((r) => r.id === rowId);
        if (!rowSpec || typeof row !== 'object' || row === null) {
          errors.push({ code: 'WRONG_TYPE', message: `unknown row ${rowId}`, field: rowId });
          continue;
        }
        for (const [columnId, cell] of Object.entries(row)) {
          const column = question.columns.find((c) => c.id === columnId);
          const field = `${rowId}.${columnId}`;
          if (!column) errors.push({ code: 'WRONG_TYPE', message: `unknown column ${columnId}`, field });
          else if (cell === null || cell === '') continue;
          else if (column.type === 'number' && (typeof cell !== 'number' || !Number.isFinite(cell)))
            errors.push({ code: 'WRONG_TYPE', message: 'expected a number', field });
          else if (column.type === 'number' && isFinal && (cell as number) < 0)
            errors.push({ code: 'OUT_OF_RANGE', message: 'must not be negative', field });
          else if (column.type === 'text' && typeof cell !== 'string')
            errors.push({ code: 'WRONG_TYPE', message: 'expected text', field });
        }
      }
      return errors;
    }
    case 'file': {
      const parsed = fileAnswerSchema.safeParse(value);
      if (!parsed.success) return wrongType('an uploaded file');
      const extension = parsed.data.fileName.split('.').pop()?.toLowerCase() ?? '';
      if (!question.accept.includes(extension))
        errors.push({ code: 'FILE_TYPE', message: `accepted: ${question.accept.join(', ')}` });
      if (parsed.data.sizeBytes > question.maxBytes)
        errors.push({ code: 'FILE_TOO_LARGE', message: `at most ${question.maxBytes} bytes` });
      return errors;
    }
    case 'contact': {
      const parsed = contactAnswerSchema.safeParse(value);
      if (!parsed.success) return wrongType('a contact (fullName, position, phone, email)');
      if (!isFinal) return errors;
      const contact = parsed.data;
      if (question.required && !contact.fullName.trim())
        errors.push({ code: 'REQUIRED', message: 'the name is required', field: 'fullName' });
      if (contact.email && !emailPattern.test(contact.email))
        errors.push({ code: 'INVALID_EMAIL', message: 'not an e-mail address', field: 'email' });
      if (contact.phone && !phonePattern.test(contact.phone.replace(/[\s.-]/g, ''))) {
        errors.push({ code: 'INVALID_PHONE', message: 'not a Vietnamese phone number', field: 'phone' });
      }
      return errors;
    }
  }
}

/**
 * Validates an answer set against a form. `mode: 'draft'` checks only that each value has the right shape
 * (drafts are saved as the user types); `mode: 'submit'` also enforces required questions, ranges, patterns and
 * selection counts. Answers to hidden questions are ignored. Errors name the question id and its label.
 * @example validateAnswers(definition, { staff_dedicated: -1 }, { mode: 'submit' })
 *   // [{ questionId: 'staff_dedicated', label: 'Số cán bộ chuyên trách', code: 'OUT_OF_RANGE', … }]
 */
export function validateAnswers(
  definition: FormDefinition,
  answers: Answers,
  options: { mode: 'draft' | 'submit' },
): AnswerError[] {
  const questions = listQuestions(definition);
  const byId = new Map(questions.map((question) => [question.id, question]));
  const errors: AnswerError[] = [];
  const isFinal = options.mode === 'submit';
  for (const questionId of Object.keys(answers)) {
    if (!byId.has(questionId))
      errors.push({ questionId, label: questionId, code: 'UNKNOWN_QUESTION', message: 'no such question in this form' });
  }
  for (const question of questions) {
    if (isFinal && !isQuestionVisible(question, answers, byId)) continue;
    const value = answers[question.id];
    if (isEmpty(value)) {
      if (isFinal && question.required)
        errors.push({ questionId: question.id, label: question.label, code: 'REQUIRED', message: 'an answer is required' });
      continue;
    }
    for (const error of checkValue(question, value ?? null, isFinal))
      errors.push({ questionId: question.id, label: question.label, ...error });
  }
  return errors;
}

/** The answers that count: those of visible questions, without empty values. */
export function pruneAnswers(definition: FormDefinition, answers: Answers): Answers {
  const questions = listQuestions(definition);
  const byId = new Map(questions.map((question) => [question.id, question]));
  const kept: Answers = {};
  for (const question of questions) {
    const value = answers[question.id];
    if (!isEmpty(value) && isQuestionVisible(question, answers, byId)) kept[question.id] = value ?? null;
  }
  return kept;
}
