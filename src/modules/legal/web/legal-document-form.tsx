import { Button, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { formatIsoDate, parseVietnameseDate } from '../../../web/format';
import { legalDocumentLabel } from './legal-document-link';
import { legalDocumentKinds, type LegalDocument, type LegalDocumentChanges, type LegalDocumentKind } from './types';

/** The fields of the form, named as the API names them (its 400s list invalid fields by these names). */
const formFields = [
  'kind',
  'numberSymbol',
  'title',
  'aliases',
  'issuer',
  'issuedOn',
  'effectiveFrom',
  'effectiveTo',
  'notes',
] as const;
type FormField = (typeof formFields)[number];
type FieldErrors = Partial<Record<FormField, string>>;

/** Empty text is no date (null); text that is not dd/mm/yyyy is undefined. */
function parseOptionalDate(text: string): string | null | undefined {
  return text.trim() ? parseVietnameseDate(text) : null;
}

/** "body.aliases.0" (the route's validation) and "aliases" (the service's checks) both name the aliases field. */
function formFieldOf(path: string): FormField | undefined {
  const name = path.replace(/^body\./, '').split('.')[0];
  return formFields.find((field) => field === name);
}

/**
 * Adds a document (without `document`) or edits one (PATCH, every field but the kind). Dates are typed
 * dd/mm/yyyy; the API's invalid fields are shown next to the inputs they name.
 */
export function LegalDocumentForm({
  document,
  onDone,
  onCancel,
}: {
  document?: LegalDocument;
  onDone: (saved: LegalDocument) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('legal');
  const queryClient = useQueryClient();
  const isEditing = document !== undefined;
  const [kind, setKind] = useState<LegalDocumentKind | null>(null);
  const [numberSymbol, setNumberSymbol] = useState(document?.numberSymbol ?? '');
  const [title, setTitle] = useState(document?.title ?? '');
  const [aliases, setAliases] = useState((document?.aliases ?? []).join('\n'));
  const [issuer, setIssuer] = useState(document?.issuer ?? '');
  const [issuedOn, setIssuedOn] = useState(formatIsoDate(document?.issuedOn));
  const [effectiveFrom, setEffectiveFrom] = useState(formatIsoDate(document?.effectiveFrom));
  const [effectiveTo, setEffectiveTo] = useState(formatIsoDate(document?.effectiveTo));
  const [notes, setNotes] = useState(document?.notes ?? '');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const dates = {
    issuedOn: parseOptionalDate(issuedOn),
    effectiveFrom: parseOptionalDate(effectiveFrom),
    effectiveTo: parseOptionalDate(effectiveTo),
  };

  const changes = (): LegalDocumentChanges => ({
    numberSymbol: numberSymbol.trim(),
    title: title.trim(),
    aliases: aliases
      .split('\n')
      .map((alias) => alias.trim())
      .filter(Boolean),
    issuer: issuer.trim() || null,
    issuedOn: dates.issuedOn ?? null,
    effectiveFrom: dates.effectiveFrom ?? null,
    effectiveTo: dates.effectiveTo ?? null,
    notes: notes.trim() || null,
  });

  const mutation = useMutation({
    mutationFn: () =>
      document
        ? apiRequest<LegalDocument>(`/legal-documents/${encodeURIComponent(document.id)}`, { method: 'PATCH', body: changes() })
        : apiRequest<LegalDocument>('/legal-documents', { method: 'POST', body: { kind, ...changes() } }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['legal-documents', 'one', saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: ['legal-documents'] });
      notifications.show({
        color: 'green',
        message: isEditing ? t('form.saved') : t('form.created', { name: legalDocumentLabel(t, saved) }),
      });
      onDone(saved);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      if (error.code === 'ALREADY_EXISTS') {
        setFieldErrors({ numberSymbol: t('form.errors.alreadyExists') });
        return;
      }
      const errors: FieldErrors = {};
      for (const invalidField of error.invalidFields) {
        const field = formFieldOf(invalidField.path);
        if (!field) continue;
        // On an edit, the service refuses a number/symbol that spells another document.
        const key = field === 'numberSymbol' && isEditing ? 'numberSymbolChanged' : field;
        errors[field] = t(`form.errors.${key}`);
      }
      setFieldErrors(errors);
    },
  });

  /** Updates a field and drops the error shown for it, which no longer describes what is typed. */
  const handleChange =
    (field: FormField, setValue: (value: string) => void) => (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      setValue(event.currentTarget.value);
      setFieldErrors((current) => ({ ...current, [field]: undefined }));
    };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!isEditing && !kind) {
      setFieldErrors((current) => ({ ...current, kind: t('form.errors.kind') }));
      return;
    }
    if (Object.values(dates).some((date) => date === undefined)) return;
    mutation.mutate();
  };

  const dateError = (field: 'issuedOn' | 'effectiveFrom' | 'effectiveTo') =>
    dates[field] === undefined ? t('form.errors.date') : fieldErrors[field];

  return (
    <form onSubmit={handleSubmit}>
      <Stack>
        <ErrorAlert error={mutation.error} />
        <Group grow align="flex-start">
          {isEditing ? null : (
            <Select
              label={t('form.kind')}
              placeholder={t('form.kindPlaceholder')}
              data={legalDocumentKinds.map((value) => ({ value, label: t(`kinds.${value}`) }))}
              value={kind}
              onChange={(value) => {
                setKind(value as LegalDocumentKind | null);
                setFieldErrors((current) => ({ ...current, kind: undefined }));
              }}
              error={fieldErrors.kind}
              withAsterisk
            />
          )}
          <TextInput
            label={t('form.numberSymbol')}
            description={isEditing ? t('form.numberSymbolEditHelp') : undefined}
            placeholder="103/2016/QH13"
            required
            value={numberSymbol}
            error={fieldErrors.numberSymbol}
            onChange={handleChange('numberSymbol', setNumberSymbol)}
          />
        </Group>
        <TextInput
          label={t('form.title')}
          placeholder={t('form.titlePlaceholder')}
          required
          value={title}
          error={fieldErrors.title}
          onChange={handleChange('title', setTitle)}
        />
        <Textarea
          label={t('form.aliases')}
          description={t('form.aliasesHelp')}
          autosize
          minRows={2}
          value={aliases}
          error={fieldErrors.aliases}
          onChange={handleChange('aliases', setAliases)}
        />
        <TextInput
          label={t('form.issuer')}
          placeholder={t('form.issuerPlaceholder')}
          value={issuer}
          error={fieldErrors.issuer}
          onChange={handleChange('issuer', setIssuer)}
        />
        <Group grow align="flex-start">
          <TextInput
            label={t('form.issuedOn')}
            placeholder="dd/mm/yyyy"
            value={issuedOn}
            error={dateError('issuedOn')}
            onChange={handleChange('issuedOn', setIssuedOn)}
          />
          <TextInput
            label={t('form.effectiveFrom')}
            placeholder="dd/mm/yyyy"
            value={effectiveFrom}
            error={dateError('effectiveFrom')}
            onChange={handleChange('effectiveFrom', setEffectiveFrom)}
          />
          <TextInput
            label={t('form.effectiveTo')}
            placeholder="dd/mm/yyyy"
            value={effectiveTo}
            error={dateError('effectiveTo')}
            onChange={handleChange('effectiveTo', setEffectiveTo)}
          />
        </Group>
        <Textarea
          label={t('form.notes')}
          autosize
          minRows={2}
          value={notes}
          error={fieldErrors.notes}
          onChange={handleChange('notes', setNotes)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common:cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {isEditing ? t('common:save') : t('form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
