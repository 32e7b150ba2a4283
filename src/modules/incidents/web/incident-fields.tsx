import { Group, Select, Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Severity levels, most serious first. */
export const severityLevels = ['1', '2', '3', '4'] as const;

/** Converts a `datetime-local` value (the browser's time zone) to an ISO instant, or null when empty. */
export function localToIso(value: string): string | null {
  return value ? new Date(value).toISOString() : null;
}

/** `datetime-local` value (the browser's time zone) of an instant, or '' when none. */
export function isoToLocal(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

interface IncidentFieldsProps {
  title: string;
  onTitleChange: (value: string) => void;
  description: string;
  onDescriptionChange: (value: string) => void;
  severity: string | null;
  onSeverityChange: (value: string | null) => void;
  responseDueAt: string;
  onResponseDueAtChange: (value: string) => void;
  /** What follows the response deadline in its row: further fields, the submit button. */
  children: ReactNode;
}

/**
 * The fields of an incident an officer gives when opening it and edits later: title, description, severity and
 * response deadline, the last two in a row that `children` continue.
 */
export function IncidentFields(props: IncidentFieldsProps) {
  const { t } = useTranslation('incidents');
  return (
    <>
      <TextInput
        required
        minLength={3}
        label={t('fields.title')}
        value={props.title}
        onChange={(e) => props.onTitleChange(e.currentTarget.value)}
      />
      <Textarea
        label={t('fields.description')}
        autosize
        minRows={2}
        value={props.description}
        onChange={(e) => props.onDescriptionChange(e.currentTarget.value)}
      />
      <Group align="flex-end">
        <Select
          label={t('fields.severity')}
          value={props.severity}
          onChange={props.onSeverityChange}
          allowDeselect={false}
          data={severityLevels.map((l) => ({ value: l, label: t(`severity.${l}`) }))}
        />
        <TextInput
          type="datetime-local"
          label={t('fields.responseDueAt')}
          value={props.responseDueAt}
          onChange={(e) => props.onResponseDueAtChange(e.currentTarget.value)}
        />
        {props.children}
      </Group>
    </>
  );
}
