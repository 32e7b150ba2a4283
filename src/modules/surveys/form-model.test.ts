import { describe, expect, it } from 'vitest';
import { formDefinitionSchema, pruneAnswers, validateAnswers, type Answers } from './form-model';
import { capacity837Template } from './templates/capacity-837';
import { groupByTheme } from './results';
import { answers837 } from './test-helpers';

const everyType = formDefinitionSchema.parse({
  sections: [
    {
      id: 'all',
      title: 'Mọi loại câu hỏi',
      questions: [
        { id: 'short', type: 'short-text', label: 'Mã đơn vị', required: true, maxLength: 10, pattern: '^[A-Z]+$' },
        { id: 'long', type: 'long-text', label: 'Ghi chú', maxLength: 20 },
        { id: 'count', type: 'number', label: 'Số người', min: 0, max: 100, isInteger: true, unit: 'người' },
        {
          id: 'choice',
          type: 'single-choice',
          label: 'Mức độ',
          options: [
            { value: 'high', label: 'Cao' },
            { value: 'low', label: 'Thấp' },
          ],
        },
        {
          id: 'many',
          type: 'multiple-choice',
          label: 'Kênh',
          options: [
            { value: 'press', label: 'Báo chí' },
            { value: 'social', label: 'Mạng xã hội' },
          ],
          maxSelected: 1,
        },
        { id: 'has_plan', type: 'yes-no', label: 'Có kế hoạch', required: true },
        {
          id: 'plan_name',
          type: 'short-text',
          label: 'Tên kế hoạch',
          required: true,
          visibleIf: { questionId: 'has_plan', equals: true },
        },
        { id: 'issued', type: 'date', label: 'Ngày ban hành', minDate: '2020-01-01' },
        {
          id: 'staff',
          type: 'table',
          label: 'Nhân sự',
          rows: [{ id: 'leader', label: 'Lãnh đạo' }],
          columns: [{ id: 'n', label: 'Số', type: 'number' }],
        },
        { id: 'doc', type: 'file', label: 'Tệp', accept: ['pdf'], maxBytes: 1000 },
        { id: 'person', type: 'contact', label: 'Đầu mối', required: true },
      ],
    },
  ],
});

const codesOf = (answers: Answers, mode: 'draft' | 'submit' = 'submit') =>
  Object.fromEntries(
    validateAnswers(everyType, answers, { mode }).map((error) => [
      error.field ? `${error.questionId}.${error.field}` : error.questionId,
      error.code,
    ]),
  );

describe('form definitions', () => {
  it('ships the 837 template as a valid definition with the questions of the letter', () => {
    const definition = formDefinitionSchema.parse(capacity837Template.definition);
    const ids = definition.sections.flatMap((s) => s.questions.map((q) => q.id));
    for (const id of [
      'unit_exists',
      'staff_dedicated',
      'staff_part_time',
      'staff_trained_12m',
      'spokesperson',
      'focal_point',
      'annual_plan',
      'drafting_participation',
      'budget_amount',
      'budget_sources',
      'monitoring_tools',
      'crisis_procedure',
      'support_needs',
    ]) {
      expect(ids).toContain(id);
    }
    expect(validateAnswers(definition, answers837, { mode: 'submit' })).toEqual([]);
  });

  it('refuses duplicate ids, conditions on later questions and inverted ranges, naming the path', () => {
    const result = formDefinitionSchema.safeParse({
      sections: [
        {
          id: 's',
          title: 'S',
          questions: [
            { id: 'a', type: 'yes-no', label: 'A', visibleIf: { questionId: 'b', equals: true } },
            { id: 'b', type: 'number', label: 'B', min: 5, max: 1 },
            { id: 'b', type: 'yes-no', label: 'B again' },
          ],
        },
      ],
    });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(messages).toContain('sections.0.questions.0.visibleIf: visibleIf must name an earlier question (b)');
    expect(messages).toContain('sections.0.questions.1.min: min is greater than max');
    expect(messages).toContain('sections.0.questions.2.id: duplicate question id b');
  });
});

describe('validating answers', () => {
  it('requires required questions on submission but not in drafts', () => {
    expect(codesOf({})).toEqual({ short: 'REQUIRED', has_plan: 'REQUIRED', person: 'REQUIRED' });
    expect(codesOf({}, 'draft')).toEqual({});
  });

  it('names the question id and label in every error', () => {
    const [error] = validateAnswers(everyType, { count: -1 }, { mode: 'submit' }).filter((e) => e.questionId === 'count');
    expect(error).toMatchObject({ questionId: 'count', label: 'Số người', code: 'OUT_OF_RANGE' });
  });

  it('checks each question type', () => {
    const base = { short: 'ABC', has_plan: false, person: { fullName: 'Lê Văn A', position: '', phone: '', email: '' } };
    expect(codesOf(base)).toEqual({});
    expect(codesOf({ ...base, short: 'abc' })).toEqual({ short: 'PATTERN' });
    expect(codesOf({ ...base, short: 'ABCDEFGHIJKL' })).toMatchObject({ short: 'TOO_LONG' });
    expect(codesOf({ ...base, long: 'x'.repeat(21) })).toEqual({ long: 'TOO_LONG' });
    expect(codesOf({ ...base, count: 2.5 })).toEqual({ count: 'NOT_INTEGER' });
    expect(codesOf({ ...base, count: 101 })).toEqual({ count: 'OUT_OF_RANGE' });
    expect(codesOf({ ...base, count: '3' })).toEqual({ count: 'WRONG_TYPE' });
    expect(codesOf({ ...base, choice: 'medium' })).toEqual({ choice: 'UNKNOWN_OPTION' });
    expect(codesOf({ ...base, many: ['press', 'social'] })).toEqual({ many: 'SELECTION_COUNT' });
    expect(codesOf({ ...base, many: 'press' })).toEqual({ many: 'WRONG_TYPE' });
    expect(codesOf({ ...base, has_plan: 'yes' })).toEqual({ has_plan: 'WRONG_TYPE' });
    expect(codesOf({ ...base, issued: '2026-02-30' })).toEqual({ issued: 'INVALID_DATE' });
    expect(codesOf({ ...base, issued: '2019-12-31' })).toEqual({ issued: 'OUT_OF_RANGE' });
    expect(codesOf({ ...base, staff: { leader: { n: 'two' } } })).toEqual({ 'staff.leader.n': 'WRONG_TYPE' });
    expect(codesOf({ ...base, staff: { deputy: { n: 1 } } })).toEqual({ 'staff.deputy': 'WRONG_TYPE' });
    expect(codesOf({ ...base, staff: { leader: { n: -1 } } })).toEqual({ 'staff.leader.n': 'OUT_OF_RANGE' });
    const file = { uploadId: '00000000-0000-4000-8000-000000000000', fileName: 'plan.docx', sizeBytes: 10, contentType: 'x' };
    expect(codesOf({ ...base, doc: file })).toEqual({ doc: 'FILE_TYPE' });
    expect(codesOf({ ...base, doc: { ...file, fileName: 'plan.pdf', sizeBytes: 5000 } })).toEqual({ doc: 'FILE_TOO_LARGE' });
    expect(codesOf({ ...base, person: { fullName: '', position: 'Trưởng phòng', phone: '', email: '' } })).toEqual({
      'person.fullName': 'REQUIRED',
    });
    expect(codesOf({ ...base, person: { fullName: 'A', position: '', phone: '123', email: 'not-mail' } })).toEqual({
      'person.phone': 'INVALID_PHONE',
      'person.email': 'INVALID_EMAIL',
    });
    expect(codesOf({ ...base, surprise: 1 })).toEqual({ surprise: 'UNKNOWN_QUESTION' });
  });

  it('applies conditional visibility: a hidden question is neither required nor kept', () => {
    const base = { short: 'ABC', person: { fullName: 'A', position: '', phone: '', email: '' } };
    expect(codesOf({ ...base, has_plan: true })).toEqual({ plan_name: 'REQUIRED' });
    expect(codesOf({ ...base, has_plan: false, plan_name: 'ignored' })).toEqual({});
    expect(pruneAnswers(everyType, { ...base, has_plan: false, plan_name: 'ignored' })).not.toHaveProperty('plan_name');
  });
});

describe('grouping free text by theme', () => {
  it('groups answers sharing keywords, with or without diacritics, and leaves the rest under "other"', () => {
    const themes = groupByTheme([
      { organizationId: 'a', organizationName: 'A', text: 'Cần tập huấn kỹ năng phát ngôn' },
      { organizationId: 'b', organizationName: 'B', text: 'Tổ chức tap huan cho cán bộ' },
      { organizationId: 'c', organizationName: 'C', text: 'Tập huấn xử lý khủng hoảng' },
      { organizationId: 'd', organizationName: 'D', text: 'Kinh phí thuê công cụ' },
    ]);
    expect(themes[0]!.count).toBe(3);
    expect(themes[0]!.keyword.toLowerCase()).toMatch(/tập huấn|tap huan/);
    expect(themes.at(-1)).toMatchObject({ keyword: '', count: 1 });
  });
});
