import { Anchor, Button, Group, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiRequest, apiUrl } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { PageTitle } from '../../../web/components/page-title';
import { parseVietnameseDate } from '../../../web/format';
import { hasRole, useSession } from '../../../web/session';
import { topicKeys, useTopicName } from '../../../web/topics';
import { DocumentTable } from './document-table';
import { SavedQueriesOwnerSelect, useSavedQueriesOf } from './queries-owner';
import type { MonitoringDocument } from './types';

interface Filters {
  queryId: string;
  text: string;
  source: string;
  sentiment: string;
  topic: string;
  from: string;
  to: string;
  isAccentExact: boolean;
}

const emptyFilters: Filters = {
  queryId: '',
  text: '',
  source: '',
  sentiment: '',
  topic: '',
  from: '',
  to: '',
  isAccentExact: false,
};

/** Combines the free-text box and the filter fields into one query of the query language. */
function buildQuery(filters: Filters): string {
  const parts = [filters.text.trim() ? `(${filters.text.trim()})` : 'lang:vi OR lang:en OR lang:und'];
  const quote = (value: string) => (/\s/.test(value) ? `"${value.replace(/"/g, '')}"` : value);
  if (filters.source.trim()) parts.push(`source:${quote(filters.source.trim())}`);
  if (filters.sentiment) parts.push(`sentiment:${filters.sentiment}`);
  if (filters.topic.trim()) parts.push(`topic:${quote(filters.topic.trim())}`);
  return parts.length === 1 ? parts[0]! : parts.map((part) => (part.includes(' OR ') ? `(${part})` : part)).join(' AND ');
}

/** The mention stream: a saved query's mentions or a free search, with filters and CSV/XLSX export. */
export function MentionsPage() {
  const { t } = useTranslation('monitoring');
  const topicName = useTopicName();
  const { user } = useSession();
  const [draft, setDraft] = useState<Filters>(emptyFilters);
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const fromIso = draft.from.trim() ? parseVietnameseDate(draft.from) : '';
  const toIso = draft.to.trim() ? parseVietnameseDate(draft.to) : '';
  const queriesOf = useSavedQueriesOf();
  const { queries } = queriesOf;
  const isQueryStream = Boolean(filters.queryId) && !filters.text && !filters.source && !filters.topic;
  const range = { from: filters.from || undefined, to: filters.to || undefined };
  const results = useQuery({
    queryKey: ['monitoring', 'mentions', filters],
    queryFn: () =>
      isQueryStream
        ? apiRequest<MonitoringDocument[]>(`/monitoring/queries/${filters.queryId}/mentions`, {
            query: { ...range, sentiment: filters.sentiment || undefined, limit: 200 },
          })
        : apiRequest<MonitoringDocument[]>('/monitoring/search', {
            query: { q: buildQuery(filters), ...range, limit: 200, accentExact: filters.isAccentExact },
          }),
  });
  const exportQuery = isQueryStream ? { queryId: filters.queryId, ...range } : { q: buildQuery(filters), ...range };
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (fromIso === undefined || toIso === undefined) return;
    const saved = queries.data?.find((query) => query.id === draft.queryId);
    // A saved query with extra filters runs as a search: its text ANDed with the filters.
    const text =
      saved && (draft.source || draft.topic || draft.text)
        ? `(${saved.query})${draft.text ? ` AND (${draft.text})` : ''}`
        : draft.text;
    setFilters({ ...draft, text, from: fromIso, to: toIso });
  };
  const update =
    <K extends keyof Filters>(key: K) =>
    (value: Filters[K]) =>
      setDraft((current) => ({ ...current, [key]: value }));

  return (
    <Stack>
      <PageTitle>{t('mentions.title')}</PageTitle>
      <Group gap="sm">
        <Anchor component={Link} to="/monitoring/queries">
          {t('nav.queries')}
        </Anchor>
        <Anchor component={Link} to="/monitoring/sources">
          {t('nav.sources')}
        </Anchor>
        {hasRole(user, ['coordinator', 'administrator']) ? (
          <Anchor component={Link} to="/monitoring/models">
            {t('nav.models')}
          </Anchor>
        ) : null}
      </Group>
      <form onSubmit={handleSubmit}>
        <Group align="flex-end" gap="sm">
          <SavedQueriesOwnerSelect of={queriesOf} onChange={() => update('queryId')('')} />
          <Select
            label={t('filters.query')}
            placeholder={t('filters.anyQuery')}
            clearable
            data={(queries.data ?? []).map((query) => ({ value: query.id, label: query.name }))}
            value={draft.queryId || null}
            onChange={(value) => update('queryId')(value ?? '')}
            w={220}
          />
          <TextInput
            label={t('filters.text')}
            description={t('filters.textHelp')}
            value={draft.text}
            onChange={(event) => update('text')(event.currentTarget.value)}
            w={280}
          />
          <TextInput
            label={t('filters.source')}
            value={draft.source}
            onChange={(event) => update('source')(event.currentTarget.value)}
            w={150}
          />
          <Select
            label={t('filters.sentiment')}
            clearable
            data={(['negative', 'neutral', 'positive'] as const).map((value) => ({ value, label: t(`sentiment.${value}`) }))}
            value={draft.sentiment || null}
            onChange={(value) => update('sentiment')(value ?? '')}
            w={140}
          />
          <Select
            label={t('filters.topic')}
            clearable
            data={topicKeys.map((topic) => ({ value: topic, label: topicName(topic) }))}
            value={draft.topic || null}
            onChange={(value) => update('topic')(value ?? '')}
            w={190}
          />
          <TextInput
            label={t('filters.from')}
            placeholder="dd/mm/yyyy"
            w={130}
            value={draft.from}
            error={fromIso === undefined ? 'dd/mm/yyyy' : undefined}
            onChange={(event) => update('from')(event.currentTarget.value)}
          />
          <TextInput
            label={t('filters.to')}
            placeholder="dd/mm/yyyy"
            w={130}
            value={draft.to}
            error={toIso === undefined ? 'dd/mm/yyyy' : undefined}
            onChange={(event) => update('to')(event.currentTarget.value)}
          />
          <Switch
            label={t('filters.accentExact')}
            checked={draft.isAccentExact}
            onChange={(event) => update('isAccentExact')(event.currentTarget.checked)}
          />
          <Button type="submit">{t('filters.apply')}</Button>
        </Group>
      </form>
      <Group gap="sm">
        <Button component="a" variant="default" size="xs" href={apiUrl('/monitoring/export', { ...exportQuery, format: 'csv' })}>
          {t('export.csv')}
        </Button>
        <Button component="a" variant="default" size="xs" href={apiUrl('/monitoring/export', { ...exportQuery, format: 'xlsx' })}>
          {t('export.xlsx')}
        </Button>
      </Group>
      <ErrorAlert error={results.error} />
      {results.isPending ? <Loading /> : results.data ? <DocumentTable documents={results.data} /> : null}
    </Stack>
  );
}
