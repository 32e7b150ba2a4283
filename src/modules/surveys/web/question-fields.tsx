import {
  Checkbox,
  FileInput,
  Group,
  NumberInput,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDate, parseVietnameseDate } from '../../../web/format';
import { isVisible, type Answers, type FormDefinition, type Question } from './types';

/** The parts of a contact answer, in the order of their inputs. */
const CONTACT_FIELDS = ['fullName', 'position', 'phone', 'email'] as const;

type TableValue = Record<string, Record<string, number | string | null>>;
type ContactValue = { fullName: string; position: string; phone: string; email: string };

export interface QuestionFieldsProps {
  definition: FormDefinition;
  answers: Answers;
  onChange: (questionId: string, value: unknown) => void;
  /** Errors by question id (from the server's invalidFields). */
  errors?: Record<string, string>;
  isReadOnly?: boolean;
  /** Uploads a file for a file question and returns the answer value; absent on the public form. */
  onUpload?: (questionId: string, file: File) => Promise<unknown>;
}

/** Date typed as dd/mm/yyyy, stored as YYYY-MM-DD. */
function DateField({
  label,
  description,
  value,
  onChange,
  error,
  isReadOnly,
  required,
}: {
  label: string;
  description?: string;
  value: unknown;
  onChange: (value: string | null) => void;
  error?: string;
  isReadOnly?: boolean;
  required?: boolean;
}) {
  const { t } = useTranslation('surveys');
  const [text, setText] = useState(typeof value === 'string' ? formatIsoDate(value) : '');
  const [isInvalid, setIsInvalid] = useState(false);
  return (
    <TextInput
      label={label}
      description={description}
      placeholder="dd/mm/yyyy"
      value={text}
      required={required}
      readOnly={isReadOnly}
      error={error ?? (isInvalid ? t('fill.invalidDate') : undefined)}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        const parsed = parseVietnameseDate(next);
        setIsInvalid(Boolean(next) && !parsed);
        if (parsed || !next) onChange(parsed ?? null);
      }}
    />
  );
}

function QuestionField({
  question,
  value,
  onChange,
  error,
  isReadOnly,
  onUpload,
}: {
  question: Question;
  value: unknown;
  onChange: (value: unknown) => void;
  error?: string;
  isReadOnly?: boolean;
  onUpload?: QuestionFieldsProps['onUpload'];
}) {
  const { t } = useTranslation('surveys');
  const common = { label: question.label, description: question.help, required: question.required, error, readOnly: isReadOnly };
  switch (question.type) {
    case 'short-text':
      return (
        <TextInput
          {...common}
          value={typeof value === 'string' ? value : ''}
          maxLength={question.maxLength}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'long-text':
      return (
        <Textarea
          {...common}
          autosize
          minRows={3}
          value={typeof value === 'string' ? value : ''}
          maxLength={question.maxLength}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          label={question.unit ? `${question.label} (${question.unit})` : question.label}
          min={question.min}
          max={question.max}
          thousandSeparator="."
          decimalSeparator=","
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(typeof next === 'number' ? next : null)}
        />
      );
    case 'single-choice':
      return (
        <Radio.Group
          {...common}
          value={typeof value === 'string' ? value : null}
          onChange={(next) => !isReadOnly && onChange(next)}
        >
          <Stack gap={4} mt={4}>
            {question.options?.map((option) => (
              <Radio key={option.value} value={option.value} label={option.label} disabled={isReadOnly} />
            ))}
          </Stack>
        </Radio.Group>
      );
    case 'multiple-choice':
      return (
        <Checkbox.Group
          {...common}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={(next) => !isReadOnly && onChange(next)}
        >
          <Stack gap={4} mt={4}>
            {question.options?.map((option) => (
              <Checkbox key={option.value} value={option.value} label={option.label} disabled={isReadOnly} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'yes-no':
      return (
        <Stack gap={4}>
          <Text fw={500} fz="sm" id={`label-${question.id}`}>
            {question.label}
            {question.required ? ' *' : ''}
          </Text>
          {question.help ? (
            <Text fz="xs" c="dark.5">
              {question.help}
            </Text>
          ) : null}
          <SegmentedControl
            aria-labelledby={`label-${question.id}`}
            disabled={isReadOnly}
            value={value === true ? 'yes' : value === false ? 'no' : ''}
            onChange={(next) => onChange(next === 'yes')}
            data={[
              { value: 'yes', label: t('fill.yes') },
              { value: 'no', label: t('fill.no') },
            ]}
            style={{ alignSelf: 'flex-start' }}
          />
          {error ? (
            <Text c="red.8" fz="xs">
              {error}
            </Text>
          ) : null}
        </Stack>
      );
    case 'date':
      return (
        <DateField
          label={question.label}
          description={question.help}
          required={question.required}
          value={value}
          onChange={onChange}
          error={error}
          isReadOnly={isReadOnly}
        />
      );
    case 'table': {
      const table = (value && typeof value === 'object' ? value : {}) as TableValue;
      return (
        <Stack gap={4}>
          <Text fw={500} fz="sm">
            {question.label}
          </Text>
          {question.help ? (
            <Text fz="xs" c="dark.5">
              {question.help}
            </Text>
          ) : null}
          <Table withTableBorder withColumnBorders>
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                {question.columns?.map((column) => (
                  <Table.Th key={column.id} scope="col">
                    {column.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {question.rows?.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Th scope="row">{row.label}</Table.Th>
                  {question.columns?.map((column) => {
                    const cell = table[row.id]?.[column.id];
                    const setCell = (next: number | string | null) =>
                      onChange({ ...table, [row.id]: { ...(table[row.id] ?? {}), [column.id]: next } });
                    return (
                      <Table.Td key={column.id}>
                        {column.type === 'text' ? (
                          <TextInput
                            aria-label={`${row.label} — ${column.label}`}
                            readOnly={isReadOnly}
                            value={typeof cell === 'string' ? cell : ''}
                            onChange={(e) => setCell(e.currentTarget.value)}
                          />
                        ) : (
                          <NumberInput
                            aria-label={`${row.label} — ${column.label}`}
                            readOnly={isReadOnly}
                            min={0}
                            value={typeof cell === 'number' ? cell : ''}
                            onChange={(next) => setCell(typeof next === 'number' ? next : null)}
                          />
                        )}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {error ? (
            <Text c="red.8" fz="xs">
              {error}
            </Text>
          ) : null}
        </Stack>
      );
    }
    case 'file': {
      const file = value as { fileName?: string } | null | undefined;
      if (!onUpload) return null;
      return (
        <Stack gap={2}>
          <FileInput
            {...common}
            accept={question.accept?.map((extension) => `.${extension}`).join(',')}
            placeholder={file?.fileName ?? t('fill.chooseFile')}
            disabled={isReadOnly}
            onChange={(picked) => {
              if (picked) void onUpload(question.id, picked).then(onChange);
            }}
          />
          {file?.fileName ? <Text fz="xs">{t('fill.uploaded', { name: file.fileName })}</Text> : null}
        </Stack>
      );
    }
    case 'contact': {
      const contact: ContactValue = {
        fullName: '',
        position: '',
        phone: '',
        email: '',
        ...((value ?? {}) as Partial<ContactValue>),
      };
      const set = (field: keyof ContactValue, next: string) => onChange({ ...contact, [field]: next });
      return (
        <Stack gap={4}>
          <Text fw={500} fz="sm">
            {question.label}
            {question.required ? ' *' : ''}
          </Text>
          <Text fz="xs" c="dark.5">
            {t('fill.personalData')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {CONTACT_FIELDS.map((field) => (
              <TextInput
                key={field}
                label={`${question.label} — ${t(`fill.contact.${field}`)}`}
                readOnly={isReadOnly}
                value={contact[field]}
                onChange={(e) => set(field, e.currentTarget.value)}
              />
            ))}
          </SimpleGrid>
          {error ? (
            <Text c="red.8" fz="xs">
              {error}
            </Text>
          ) : null}
        </Stack>
      );
    }
  }
}

/** Renders every visible question of a form, section by section. */
export function QuestionFields({ definition, answers, onChange, errors = {}, isReadOnly, onUpload }: QuestionFieldsProps) {
  const byId = new Map(definition.sections.flatMap((section) => section.questions).map((question) => [question.id, question]));
  return (
    <Stack gap="xl">
      {definition.sections.map((section) => (
        <Stack key={section.id} gap="md">
          <Title order={2} fz="h3">
            {section.title}
          </Title>
          {section.description ? (
            <Text fz="sm" c="dark.6">
              {section.description}
            </Text>
          ) : null}
          {section.questions
            .filter((question) => isVisible(question, answers, byId))
            .map((question) => (
              <Group key={question.id} grow data-question={question.id}>
                <QuestionField
                  question={question}
                  value={answers[question.id]}
                  onChange={(next) => onChange(question.id, next)}
                  error={errors[question.id]}
                  isReadOnly={isReadOnly}
                  onUpload={onUpload}
                />
              </Group>
            ))}
        </Stack>
      ))}
    </Stack>
  );
}
