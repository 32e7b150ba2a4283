import { Button, Group, Stack, Table, Text, TextInput, Select } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { StatusBadge } from '../../../web/components/status-badge';
import { Loading } from '../../../web/components/loading';
import { PageTitle } from '../../../web/components/page-title';
import { formatDateTime, formatNumber } from '../../../web/format';
import { describeSourceStatus } from './source-status';
import { FileImportPanel } from './file-import-panel';
import type { MonitoringSource } from './types';

/** How often the page reads the sources again while a fetch asked for here runs, and for how long at most. */
const FETCH_POLL_MS = 1500;
const FETCH_WAIT_MS = 60_000;

/** Sources with their health (last fetch, items, errors, next run); one click enables a default outlet. */
export function SourcesPage() {
  const { t } = useTranslation('monitoring');
  const client = useQueryClient();
  const [draft, setDraft] = useState({ name: '', url: '', kind: 'feed' });
  const [createdToken, setCreatedToken] = useState<string | undefined>();
  // sources whose "fetch now" is queued: their last fetch time when asked, and when they were asked
  const [fetching, setFetching] = useState<Record<string, { lastFetchAt: string | null; askedAt: number }>>({});
  const sources = useQuery({
    queryKey: ['monitoring', 'sources'],
    queryFn: () => apiRequest<MonitoringSource[]>('/monitoring/sources'),
    // while a queued fetch runs, its health is read again until it shows
    refetchInterval: Object.keys(fetching).length ? FETCH_POLL_MS : false,
  });
  useEffect(() => {
    if (!sources.data || Object.keys(fetching).length === 0) return;
    const done = Object.entries(fetching).filter(([id, asked]) => {
      const source = sources.data.find((candidate) => candidate.id === id);
      return !source || source.health.lastFetchAt !== asked.lastFetchAt || Date.now() - asked.askedAt > FETCH_WAIT_MS;
    });
    if (done.length)
      setFetching((current) =>
        Object.fromEntries(Object.entries(current).filter(([id]) => !done.some(([doneId]) => doneId === id))),
      );
  }, [sources.data, fetching]);
  const toggle = useMutation({
    mutationFn: (source: MonitoringSource) =>
      apiRequest<MonitoringSource>(`/monitoring/sources/${source.id}/${source.isEnabled ? 'disable' : 'enable'}`, {
        method: 'POST',
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['monitoring', 'sources'] }),
  });
  const fetchNow = useMutation({
    mutationFn: (source: MonitoringSource) => apiRequest<unknown>(`/monitoring/sources/${source.id}/fetch`, { method: 'POST' }),
    onSuccess: (_, source) =>
      setFetching((current) => ({ ...current, [source.id]: { lastFetchAt: source.health.lastFetchAt, askedAt: Date.now() } })),
  });
  const create = useMutation({
    mutationFn: () =>
      apiRequest<MonitoringSource & { webhookToken?: string }>('/monitoring/sources', {
        method: 'POST',
        body: { name: draft.name, kind: draft.kind, url: draft.kind === 'webhook' ? null : draft.url },
      }),
    onSuccess: async (source) => {
      setCreatedToken(source.webhookToken);
      setDraft({ name: '', url: '', kind: 'feed' });
      await client.invalidateQueries({ queryKey: ['monitoring', 'sources'] });
    },
  });
  return (
    <Stack>
      <PageTitle>{t('sources.title')}</PageTitle>
      <Group align="flex-end">
        <TextInput
          label={t('sources.name')}
          value={draft.name}
          onChange={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
        />
        <Select
          label={t('sources.kind')}
          data={(['feed', 'sitemap', 'article', 'webhook'] as const).map((value) => ({ value, label: t(`sourceKind.${value}`) }))}
          value={draft.kind}
          onChange={(value) => setDraft({ ...draft, kind: value ?? 'feed' })}
          w={160}
        />
        {draft.kind !== 'webhook' ? (
          <TextInput
            label={t('sources.url')}
            value={draft.url}
            onChange={(event) => setDraft({ ...draft, url: event.currentTarget.value })}
            w={320}
          />
        ) : null}
        <Button onClick={() => create.mutate()} loading={create.isPending} disabled={!draft.name.trim()}>
          {t('sources.add')}
        </Button>
      </Group>
      {createdToken ? (
        <Text role="status">
          {t('sources.tokenOnce')}: <code>{createdToken}</code>
        </Text>
      ) : null}
      <FileImportPanel />
      <ErrorAlert error={sources.error ?? toggle.error ?? create.error ?? fetchNow.error} />
      {sources.isPending ? <Loading /> : null}
      <Table.ScrollContainer minWidth={1000}>
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('sources.name')}</Table.Th>
              <Table.Th scope="col">{t('sources.kind')}</Table.Th>
              <Table.Th scope="col">{t('sources.lastFetch')}</Table.Th>
              <Table.Th scope="col">{t('sources.status')}</Table.Th>
              <Table.Th scope="col">{t('sources.items')}</Table.Th>
              <Table.Th scope="col">{t('sources.errors')}</Table.Th>
              <Table.Th scope="col">{t('sources.nextRun')}</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">{t('queries.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(sources.data ?? []).map((source) => (
              <Table.Tr key={source.id}>
                <Table.Td>
                  <Text fz="sm">{source.name}</Text>
                  <Text fz="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                    {source.url}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`sourceKind.${source.kind}`)}</Table.Td>
                <Table.Td>{formatDateTime(source.health.lastFetchAt)}</Table.Td>
                <Table.Td>
                  {source.health.lastStatus ? (
                    <SourceStatusCell health={source.health} />
                  ) : (
                    <Text c="dimmed" fz="sm">
                      {source.isEnabled ? t('sources.pending') : t('sources.disabled')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {formatNumber(source.health.lastItemCount)} / {formatNumber(source.health.totalItemCount)}
                </Table.Td>
                <Table.Td>{formatNumber(source.health.errorCount)}</Table.Td>
                <Table.Td>{source.isEnabled ? formatDateTime(source.health.nextRunAt) : ''}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="xs" variant={source.isEnabled ? 'default' : 'filled'} onClick={() => toggle.mutate(source)}>
                      {source.isEnabled ? t('sources.disable') : t('sources.enable')}
                    </Button>
                    {source.isEnabled && source.url ? (
                      <Button
                        size="xs"
                        variant="subtle"
                        loading={Boolean(fetching[source.id])}
                        onClick={() => fetchNow.mutate(source)}
                      >
                        {t('sources.fetchNow')}
                      </Button>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** The last run's status in words, with the error under it (the text the fetcher recorded, e.g. "HTTP 404 from …"). */
function SourceStatusCell({ health }: { health: MonitoringSource['health'] }) {
  const { t } = useTranslation('monitoring');
  const described = describeSourceStatus(health);
  const error = health.lastError;
  return (
    <Stack gap={2} maw={260}>
      <StatusBadge color={described.tone} title={described.raw}>
        {described.key ? t(`sources.statuses.${described.key}`) : described.raw}
        {described.itemErrors ? ` · ${t('sources.statuses.itemErrors', { count: described.itemErrors })}` : ''}
      </StatusBadge>
      {error ? (
        <Text fz="xs" c="dimmed" lineClamp={2} title={error} style={{ wordBreak: 'break-word' }}>
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
