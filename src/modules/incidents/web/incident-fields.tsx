import { Group, Select, Textarea, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
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

/** What an officer gives when opening an incident and edits later, as the form holds it. */
export interface IncidentDraft {
  title: string;
  description: string;
  severity: string | null;
  /** a `datetime-local` value, '' when none */
  responseDueAt: string;
}

/** A draft held by a form, and a function that changes some of its fields. */
export function useIncidentDraft(initial: IncidentDraft): [IncidentDraft, (change: Partial<IncidentDraft>) => void] {
  const [draft, setDraft] = useState(initial);
  return [draft, (change) => setDraft((current) => ({ ...current, ...change }))];
}

/** The draft as the API takes it (an empty description is none; severity 2 unless chosen). */
export function incidentDraftBody(draft: IncidentDraft) {
  return {
    title: draft.title,
    description: draft.description || null,
    severity: Number(draft.severity ?? 2),
    responseDueAt: localToIso(draft.responseDueAt),
  };
}

interface IncidentFieldsProps {
  draft: IncidentDraft;
  onChange: (change: Partial<IncidentDraft>) => void;
  /** What follows the response deadline in its row: further fields, the submit button. */
  children: ReactNode;
}

/**
 * The fields of an incident an officer gives when opening it and edits later: title, description, severity and
 * response deadline, the last two in a row that `children` continue.
 */
export function IncidentFields({ draft, onChange, children }: IncidentFieldsProps) {
  const { t } = useTranslation('incidents');
  return (
    <>
      <TextInput
        required
        minLength={3}
        label={t('fields.title')}
        value={draft.title}
        onChange={(e) => onChange({ title: e.currentTarget.value })}
      />
      <Textarea
        label={t('fields.description')}
        autosize
        minRows={2}
        value={draft.description}
        onChange={(e) => onChange({ description: e.currentTarget.value })}
      />
      <Group align="flex-end">
        <Select
          label={t('fields.severity')}
          value={draft.severity}
          onChange={(severity) => onChange({ severity })}
          allowDeselect={false}
          data={severityLevels.map((l) => ({ value: l, label: t(`severity.${l}`) }))}
        />
        <TextInput
          type="datetime-local"
          label={t('fields.responseDueAt')}
          value={draft.responseDueAt}
          onChange={(e) => onChange({ responseDueAt: e.currentTarget.value })}
        />
        {children}
      </Group>
    </>
  );
}
