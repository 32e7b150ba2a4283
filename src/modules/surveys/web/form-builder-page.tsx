import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { PageTitle } from '../../../web/components/page-title';
import { QuestionFields } from './question-fields';
import type { Answers, FormDefinition, Question, Section, SurveyForm } from './types';

const questionTypes: Question['type'][] = [
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

/** Stable ids from labels: accent-folded, lower-case, underscores (the server requires ^[a-z][a-z0-9_]*$). */
function idFrom(label: string, taken: Set<string>): string {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/gi, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^(\d)/, 'q_$1')
      .slice(0, 40) || 'q';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  return id;
}

const linesToItems = (text: string, taken = new Set<string>()) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((label) => {
      const id = idFrom(label, taken);
      taken.add(id);
      return { id, value: id, label };
    });

/** Forms: the shipped templates and the coordinators' own, each with its versions. */
export function FormsPage() {
  const { t } = useTranslation('surveys');
  const forms = useQuery({ queryKey: ['surveys', 'forms'], queryFn: () => apiRequest<SurveyForm[]>('/survey-forms') });
  return (
    <Stack>
      <PageTitle>{t('forms.title')}</PageTitle>
      <Group>
        <Button component={Link} to="/surveys/forms/new">
          {t('forms.new')}
        </Button>
      </Group>
      {forms.isPending ? (
        <Loading />
      ) : forms.error ? (
        <ErrorAlert error={forms.error} />
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('forms.columns.title')}</Table.Th>
              <Table.Th scope="col">{t('forms.columns.version')}</Table.Th>
              <Table.Th scope="col">{t('forms.columns.questions')}</Table.Th>
              <Table.Th scope="col" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {forms.data.map((form) => (
              <Table.Tr key={form.id}>
                <Table.Td>
                  {form.title} {form.isTemplate ? <Badge variant="light">{t('forms.template')}</Badge> : null}
                </Table.Td>
                <Table.Td>v{form.version}</Table.Td>
                <Table.Td>{form.questionCount}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/surveys/forms/${form.id}/edit`}>
                    {t('forms.newVersion')}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function QuestionEditor({
  question,
  earlier,
  onChange,
  onRemove,
}: {
  question: Question;
  earlier: Question[];
  onChange: (next: Question) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation('surveys');
  const set = (changes: Partial<Question>) => onChange({ ...question, ...changes });
  const source = earlier.find((q) => q.id === question.visibleIf?.questionId);
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Group grow align="flex-end">
          <TextInput
            label={t('builder.label')}
            value={question.label}
            onChange={(e) => set({ label: e.currentTarget.value })}
            required
          />
          <Select
            label={t('builder.type')}
            data={questionTypes.map((type) => ({ value: type, label: t(`types.${type}`) }))}
            value={question.type}
            onChange={(type) => type && set({ type: type as Question['type'] })}
            allowDeselect={false}
          />
        </Group>
        <Group grow>
          <TextInput
            label={t('builder.help')}
            value={question.help ?? ''}
            onChange={(e) => set({ help: e.currentTarget.value || undefined })}
          />
          <TextInput label={t('builder.id')} value={question.id} onChange={(e) => set({ id: e.currentTarget.value })} />
        </Group>
        {question.type === 'number' ? (
          <Group grow>
            <TextInput
              label={t('builder.unit')}
              value={question.unit ?? ''}
              onChange={(e) => set({ unit: e.currentTarget.value || undefined })}
            />
            <NumberInput
              label={t('builder.min')}
              value={question.min ?? ''}
              onChange={(v) => set({ min: typeof v === 'number' ? v : undefined })}
            />
            <NumberInput
              label={t('builder.max')}
              value={question.max ?? ''}
              onChange={(v) => set({ max: typeof v === 'number' ? v : undefined })}
            />
          </Group>
        ) : null}
        {question.type === 'single-choice' || question.type === 'multiple-choice' ? (
          <Textarea
            label={t('builder.options')}
            autosize
            minRows={2}
            defaultValue={(question.options ?? []).map((o) => o.label).join('\n')}
            onBlur={(e) => set({ options: linesToItems(e.currentTarget.value).map(({ value, label }) => ({ value, label })) })}
          />
        ) : null}
        {question.type === 'table' ? (
          <Group grow align="flex-start">
            <Textarea
              label={t('builder.rows')}
              autosize
              minRows={2}
              defaultValue={(question.rows ?? []).map((r) => r.label).join('\n')}
              onBlur={(e) => set({ rows: linesToItems(e.currentTarget.value).map(({ id, label }) => ({ id, label })) })}
            />
            <Textarea
              label={t('builder.columns')}
              autosize
              minRows={2}
              defaultValue={(question.columns ?? []).map((c) => c.label).join('\n')}
              onBlur={(e) =>
                set({
                  columns: linesToItems(e.currentTarget.value).map(({ id, label }) => ({ id, label, type: 'number' as const })),
                })
              }
            />
          </Group>
        ) : null}
        {question.type === 'file' ? (
          <TextInput
            label={t('builder.accept')}
            defaultValue={(question.accept ?? ['pdf', 'docx']).join(', ')}
            onBlur={(e) =>
              set({
                accept: e.currentTarget.value
                  .split(/[,\s]+/)
                  .map((x) => x.replace(/^\./, '').toLowerCase())
                  .filter(Boolean),
              })
            }
          />
        ) : null}
        <Group grow align="flex-end">
          <Select
            label={t('builder.visibleIf')}
            clearable
            data={earlier
              .filter((q) => q.type === 'yes-no' || q.type === 'single-choice' || q.type === 'multiple-choice')
              .map((q) => ({ value: q.id, label: q.label }))}
            value={question.visibleIf?.questionId ?? null}
            onChange={(questionId) => set({ visibleIf: questionId ? { questionId, equals: true } : undefined })}
          />
          {source ? (
            <Select
              label={t('builder.equals')}
              data={
                source.type === 'yes-no'
                  ? [
                      { value: 'true', label: t('fill.yes') },
                      { value: 'false', label: t('fill.no') },
                    ]
                  : (source.options ?? []).map((o) => ({ value: o.value, label: o.label }))
              }
              value={String(question.visibleIf?.equals ?? '')}
              onChange={(value) =>
                set({ visibleIf: { questionId: source.id, equals: source.type === 'yes-no' ? value === 'true' : (value ?? '') } })
              }
            />
          ) : null}
        </Group>
        <Group justify="space-between">
          <Checkbox
            label={t('builder.required')}
            checked={Boolean(question.required)}
            onChange={(e) => set({ required: e.currentTarget.checked })}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            onClick={onRemove}
            aria-label={t('builder.removeQuestion', { label: question.label })}
          >
            ✕
          </ActionIcon>
        </Group>
      </Stack>
    </Card>
  );
}

/** The form builder: sections and questions of every type, conditions, help text; saves a new form or a new version. */
export function FormBuilderPage() {
  const { t } = useTranslation('surveys');
  const { id } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const existing = useQuery({
    queryKey: ['surveys', 'form', id],
    queryFn: () => apiRequest<SurveyForm>(`/survey-forms/${id}`),
    enabled: Boolean(id),
  });
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [allowsPublic, setAllowsPublic] = useState(false);
  const [sections, setSections] = useState<Section[]>([{ id: 'section_1', title: 'I.', questions: [] }]);
  const [preview, setPreview] = useState<Answers>({});
  useEffect(() => {
    if (!existing.data) return;
    setTitle(existing.data.title);
    setDescription(existing.data.description ?? '');
    setAllowsPublic(existing.data.allowsPublic);
    setSections(existing.data.definition.sections);
  }, [existing.data]);
  const save = useMutation({
    mutationFn: () => {
      const body = { title, description: description || null, allowsPublic, definition: { sections } };
      return existing.data
        ? apiRequest<SurveyForm>(`/survey-forms/by-key/${existing.data.key}/versions`, { method: 'POST', body })
        : apiRequest<SurveyForm>('/survey-forms', { method: 'POST', body });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['surveys', 'forms'] });
      void navigate('/surveys/forms');
    },
  });
  if (id && existing.isPending) return <Loading />;
  if (existing.error) return <ErrorAlert error={existing.error} />;
  const allQuestions = sections.flatMap((section) => section.questions);
  const updateSection = (index: number, next: Section) =>
    setSections((current) => current.map((section, i) => (i === index ? next : section)));
  const definition: FormDefinition = { sections };
  return (
    <Stack>
      <PageTitle>
        {existing.data ? t('builder.titleVersion', { version: existing.data.version + 1 }) : t('builder.titleNew')}
      </PageTitle>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <TextInput label={t('builder.formTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required />
            <Textarea
              label={t('builder.description')}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              autosize
            />
            <Checkbox
              label={t('builder.allowsPublic')}
              checked={allowsPublic}
              onChange={(e) => setAllowsPublic(e.currentTarget.checked)}
            />
            {sections.map((section, sectionIndex) => (
              <Card key={section.id} withBorder>
                <Stack>
                  <TextInput
                    label={t('builder.sectionTitle')}
                    value={section.title}
                    onChange={(e) => updateSection(sectionIndex, { ...section, title: e.currentTarget.value })}
                  />
                  {section.questions.map((question, questionIndex) => (
                    <QuestionEditor
                      key={`${section.id}-${questionIndex}`}
                      question={question}
                      earlier={allQuestions.slice(0, allQuestions.indexOf(question))}
                      onChange={(next) =>
                        updateSection(sectionIndex, {
                          ...section,
                          questions: section.questions.map((q, i) => (i === questionIndex ? next : q)),
                        })
                      }
                      onRemove={() =>
                        updateSection(sectionIndex, {
                          ...section,
                          questions: section.questions.filter((_, i) => i !== questionIndex),
                        })
                      }
                    />
                  ))}
                  <Button
                    variant="light"
                    onClick={() => {
                      const label = t('builder.newQuestion', { n: allQuestions.length + 1 });
                      updateSection(sectionIndex, {
                        ...section,
                        questions: [
                          ...section.questions,
                          {
                            id: idFrom(`q ${allQuestions.length + 1}`, new Set(allQuestions.map((q) => q.id))),
                            type: 'short-text',
                            label,
                          },
                        ],
                      });
                    }}
                  >
                    {t('builder.addQuestion')}
                  </Button>
                </Stack>
              </Card>
            ))}
            <Group>
              <Button
                variant="default"
                onClick={() =>
                  setSections((current) => [
                    ...current,
                    { id: `section_${current.length + 1}`, title: `${current.length + 1}.`, questions: [] },
                  ])
                }
              >
                {t('builder.addSection')}
              </Button>
              <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!title}>
                {t('builder.save')}
              </Button>
            </Group>
            {save.error ? <ErrorAlert error={save.error} /> : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder>
            <Text fw={600} mb="sm">
              {t('builder.preview')}
            </Text>
            <QuestionFields
              definition={definition}
              answers={preview}
              onChange={(questionId, value) => setPreview((current) => ({ ...current, [questionId]: value }))}
            />
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
