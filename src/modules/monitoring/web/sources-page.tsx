import { Badge, Button, Group, Stack, Table, Text, TextInput, Select } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { PageTitle } from '../../../web/components/page-title';
import { formatDateTime, formatNumber } from '../../../web/format';
import type { MonitoringSource } from './types';

/** Sources with their health (last fetch, items, errors, next run); one click enables a default outlet. */
export function SourcesPage() {
  const { t } = useTranslation('monitoring');
  const client = useQueryClient();
  const [draft, setDraft] = useState({ name: '', url: '', kind: 'feed' });
  const [createdToken, setCreatedToken] = useState<string | undefined>();
  const sources = useQuery({
    queryKey: ['monitoring', 'sources'],
    queryFn: () => apiRequest<MonitoringSource[]>('/monitoring/sources'),
  });
  const toggle = useMutation({
    mutationFn: (source: MonitoringSource) =>
      apiRequest<MonitoringSource>(`/monitoring/sources/${source.id}/${source.isEnabled ? 'disable' : 'enable'}`, {
        method: 'POST',
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['monitoring', 'sources'] }),
  });
  const fetchNow = useMutation({
    mutationFn: (id: string) => apiRequest<unknown>(`/monitoring/sources/${id}/fetch`, { method: 'POST' }),
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
            label="URL"
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
                    <Badge
                      color={source.health.lastStatus.startsWith('failed') ? 'red' : 'green'}
                      variant="light"
                      title={source.health.lastError ?? ''}
                    >
                      {source.health.lastStatus}
                    </Badge>
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
                      <Button size="xs" variant="subtle" onClick={() => fetchNow.mutate(source.id)}>
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
