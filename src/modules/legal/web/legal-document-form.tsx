import { Button, Group, Input, MultiSelect, SegmentedControl, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { foldedOptionsFilter } from '../../../web/components/folded-options-filter';
import { formatIsoDate, parseVietnameseDate } from '../../../web/format';
import { legalDocumentLabel, useAllLegalDocuments } from './legal-document-link';
import {
  legalDocumentKinds,
  type LegalDocument,
  type LegalDocumentChanges,
  type LegalDocumentKind,
  type LegalDocumentStatus,
} from './types';

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
  'predecessors',
  'successors',
] as const;
type FormField = (typeof formFields)[number];
type FieldErrors = Partial<Record<FormField, string>>;
type LinkField = 'predecessors' | 'successors';

/**
 * What the form's text inputs hold: every field but the kind and the links, as typed (dates dd/mm/yyyy, aliases
 * one a line).
 */
type TextField = Exclude<FormField, 'kind' | LinkField>;
type Draft = Record<TextField, string>;

function draftOf(document: LegalDocument | undefined): Draft {
  return {
    numberSymbol: document?.numberSymbol ?? '',
    title: document?.title ?? '',
    aliases: (document?.aliases ?? []).join('\n'),
    issuer: document?.issuer ?? '',
    issuedOn: formatIsoDate(document?.issuedOn),
    effectiveFrom: formatIsoDate(document?.effectiveFrom),
    effectiveTo: formatIsoDate(document?.effectiveTo),
    notes: document?.notes ?? '',
  };
}

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
 * Adds a document (without `document`) or edits one (PATCH, every field but kind and status). A draft has no
 * number/symbol, and its dates say when it is the draft of its policy. Dates are typed dd/mm/yyyy; the API's
 * invalid fields are shown next to the inputs they name.
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
  const [status, setStatus] = useState<LegalDocumentStatus>(document?.status ?? 'issued');
  const isDraft = status === 'draft';
  const [links, setLinks] = useState<Record<LinkField, string[]>>({
    predecessors: document?.predecessors ?? [],
    successors: document?.successors ?? [],
  });
  const register = useAllLegalDocuments();
  // every other register document (drafts too), named as in links, found with or without diacritics
  const linkOptions = useMemo(
    () =>
      (register.data ?? [])
        .filter((other) => other.id !== document?.id)
        .map((other) => ({ value: other.id, label: legalDocumentLabel(t, other) })),
    [register.data, document?.id, t],
  );
  const [draft, setDraft] = useState(() => draftOf(document));
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const dates = {
    issuedOn: parseOptionalDate(draft.issuedOn),
    effectiveFrom: parseOptionalDate(draft.effectiveFrom),
    effectiveTo: parseOptionalDate(draft.effectiveTo),
  };

  const changes = (): LegalDocumentChanges => ({
    // a draft has none; an issued document's is required (the API names the field when it is missing)
    numberSymbol: isDraft ? undefined : draft.numberSymbol.trim(),
    title: draft.title.trim(),
    aliases: draft.aliases
      .split('\n')
      .map((alias) => alias.trim())
      .filter(Boolean),
    issuer: draft.issuer.trim() || null,
    issuedOn: dates.issuedOn ?? null,
    effectiveFrom: dates.effectiveFrom ?? null,
    effectiveTo: dates.effectiveTo ?? null,
    notes: draft.notes.trim() || null,
    predecessors: links.predecessors,
    successors: links.successors,
  });

  const mutation = useMutation({
    mutationFn: () =>
      document
        ? apiRequest<LegalDocument>(`/legal-documents/${encodeURIComponent(document.id)}`, { method: 'PATCH', body: changes() })
        : apiRequest<LegalDocument>('/legal-documents', { method: 'POST', body: { kind, status, ...changes() } }),
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
        setFieldErrors(
          isDraft ? { title: t('form.errors.draftAlreadyExists') } : { numberSymbol: t('form.errors.alreadyExists') },
        );
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
  const handleChange = (field: TextField) => (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const value = event.currentTarget.value;
    setDraft((current) => ({ ...current, [field]: value }));
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

  // a draft is followed by the document adopted from it
  const linkWords = (field: LinkField) => (isDraft && field === 'successors' ? 'draftSuccessors' : field);
  const linkInput = (field: LinkField) => (
    <MultiSelect
      label={t(`form.${linkWords(field)}`)}
      description={t(`form.${linkWords(field)}Help`)}
      placeholder={t('form.linksPlaceholder')}
      data={linkOptions}
      value={links[field]}
      onChange={(value) => {
        setLinks((current) => ({ ...current, [field]: value }));
        setFieldErrors((current) => ({ ...current, [field]: undefined }));
      }}
      error={fieldErrors[field]}
      filter={foldedOptionsFilter}
      searchable
      hidePickedOptions
      clearable
    />
  );

  const dateError = (field: 'issuedOn' | 'effectiveFrom' | 'effectiveTo') =>
    dates[field] === undefined ? t('form.errors.date') : fieldErrors[field];

  return (
    <form onSubmit={handleSubmit}>
      <Stack>
        <ErrorAlert error={mutation.error} />
        {isEditing ? null : (
          <Input.Wrapper label={t('form.status')} description={t('form.statusHelp')}>
            <SegmentedControl
              mt={4}
              value={status}
              onChange={(value) => {
                setStatus(value as LegalDocumentStatus);
                setFieldErrors((current) => ({ ...current, numberSymbol: undefined, title: undefined }));
              }}
              data={(['issued', 'draft'] as const).map((value) => ({ value, label: t(`status.${value}`) }))}
            />
          </Input.Wrapper>
        )}
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
          {isDraft ? null : (
            <TextInput
              label={t('form.numberSymbol')}
              description={isEditing ? t('form.numberSymbolEditHelp') : undefined}
              placeholder="103/2016/QH13"
              required
              value={draft.numberSymbol}
              error={fieldErrors.numberSymbol}
              onChange={handleChange('numberSymbol')}
            />
          )}
        </Group>
        <TextInput
          label={t('form.title')}
          placeholder={isDraft ? t('form.titleDraftPlaceholder') : t('form.titlePlaceholder')}
          required
          value={draft.title}
          error={fieldErrors.title}
          onChange={handleChange('title')}
        />
        <Textarea
          label={t('form.aliases')}
          description={t('form.aliasesHelp')}
          autosize
          minRows={2}
          value={draft.aliases}
          error={fieldErrors.aliases}
          onChange={handleChange('aliases')}
        />
        <TextInput
          label={isDraft ? t('form.draftIssuer') : t('form.issuer')}
          placeholder={isDraft ? t('form.draftIssuerPlaceholder') : t('form.issuerPlaceholder')}
          value={draft.issuer}
          error={fieldErrors.issuer}
          onChange={handleChange('issuer')}
        />
        <Group grow align="flex-start">
          {isDraft ? null : (
            <TextInput
              label={t('form.issuedOn')}
              placeholder="dd/mm/yyyy"
              value={draft.issuedOn}
              error={dateError('issuedOn')}
              onChange={handleChange('issuedOn')}
            />
          )}
          <TextInput
            label={isDraft ? t('form.draftFrom') : t('form.effectiveFrom')}
            placeholder="dd/mm/yyyy"
            value={draft.effectiveFrom}
            error={dateError('effectiveFrom')}
            onChange={handleChange('effectiveFrom')}
          />
          <TextInput
            label={isDraft ? t('form.draftTo') : t('form.effectiveTo')}
            description={isDraft ? t('form.draftToHelp') : undefined}
            placeholder="dd/mm/yyyy"
            value={draft.effectiveTo}
            error={dateError('effectiveTo')}
            onChange={handleChange('effectiveTo')}
          />
        </Group>
        <Group grow align="flex-start">
          {linkInput('predecessors')}
          {linkInput('successors')}
        </Group>
        <Textarea
          label={t('form.notes')}
          autosize
          minRows={2}
          value={draft.notes}
          error={fieldErrors.notes}
          onChange={handleChange('notes')}
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
