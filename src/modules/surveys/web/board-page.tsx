import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Image,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { apiRequest, apiUrl } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { PageTitle } from '../../../web/components/page-title';
import { formatDate, formatDateTime, formatNumber, parseVietnameseDate } from '../../../web/format';
import type { Aggregate, Board, CampaignDetail, Results } from './types';

const statusColors = { submitted: 'green', draft: 'yellow', 'not-started': 'gray' } as const;

/** Progress board (live), reminders, extensions, reopening, exports, public QR code and results with charts. */
export function BoardPage() {
  const { t } = useTranslation('surveys');
  const { id = '' } = useParams();
  const campaign = useQuery({
    queryKey: ['surveys', 'campaign', id],
    queryFn: () => apiRequest<CampaignDetail>(`/survey-campaigns/${id}`),
  });
  if (campaign.isPending) return <Loading />;
  if (campaign.error) return <ErrorAlert error={campaign.error} />;
  return (
    <Stack>
      <PageTitle>{campaign.data.title}</PageTitle>
      <Text fz="sm">
        {t('board.formVersion', { title: campaign.data.formTitle, version: campaign.data.formVersion })} ·{' '}
        {t('fill.deadline', { date: formatDate(campaign.data.deadline) })}
      </Text>
      <Group>
        <Anchor href={apiUrl(`/survey-campaigns/${id}/export`, { format: 'xlsx' })} data-testid="export-xlsx">
          {t('board.exportXlsx')}
        </Anchor>
        <Anchor href={apiUrl(`/survey-campaigns/${id}/export`, { format: 'csv' })}>{t('board.exportCsv')}</Anchor>
        <Anchor href={apiUrl(`/survey-campaigns/${id}/report.docx`)}>{t('board.exportDocx')}</Anchor>
        {campaign.data.status === 'open' ? (
          <CloseCampaignButton campaignId={id} />
        ) : (
          <Badge color="gray">{t('campaigns.closed')}</Badge>
        )}
      </Group>
      <Tabs defaultValue="board" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="board">{t('board.tab')}</Tabs.Tab>
          <Tabs.Tab value="results">{t('results.tab')}</Tabs.Tab>
          {campaign.data.publicToken ? <Tabs.Tab value="public">{t('board.publicTab')}</Tabs.Tab> : null}
        </Tabs.List>
        <Tabs.Panel value="board" pt="md">
          <ProgressBoard campaignId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="results" pt="md">
          <ResultsView campaignId={id} />
        </Tabs.Panel>
        {campaign.data.publicToken ? (
          <Tabs.Panel value="public" pt="md">
            <Stack align="flex-start">
              <Text>{t('board.publicHelp')}</Text>
              <Anchor
                href={`/s/${campaign.data.publicToken}`}
              >{`${window.location.origin}/s/${campaign.data.publicToken}`}</Anchor>
              <Image src={apiUrl(`/survey-campaigns/${id}/qr`, { format: 'png' })} alt={t('board.qrAlt')} w={240} />
              <Button variant="default" onClick={() => window.print()}>
                {t('board.print')}
              </Button>
            </Stack>
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </Stack>
  );
}

function CloseCampaignButton({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation('surveys');
  const queryClient = useQueryClient();
  const [isConfirming, setIsConfirming] = useState(false);
  const close = useMutation({
    mutationFn: () => apiRequest(`/survey-campaigns/${campaignId}/close`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['surveys'] }),
  });
  return isConfirming ? (
    <Group gap="xs">
      <Text fz="sm">{t('board.closeConfirm')}</Text>
      <Button size="compact-sm" color="red" onClick={() => close.mutate()} loading={close.isPending}>
        {t('board.close')}
      </Button>
      <Button size="compact-sm" variant="default" onClick={() => setIsConfirming(false)}>
        {t('directory.cancel')}
      </Button>
      {close.error ? <ErrorAlert error={close.error} /> : null}
    </Group>
  ) : (
    <Button size="compact-sm" variant="subtle" color="red" onClick={() => setIsConfirming(true)}>
      {t('board.close')}
    </Button>
  );
}

function ProgressBoard({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation('surveys');
  const queryClient = useQueryClient();
  // "Live": refreshed every 10 seconds while the page is open.
  const board = useQuery({
    queryKey: ['surveys', 'board', campaignId],
    queryFn: () => apiRequest<Board>(`/survey-campaigns/${campaignId}/board`),
    refetchInterval: 10_000,
  });
  const [extension, setExtension] = useState('');
  const [directoryFor, setDirectoryFor] = useState<{ id: string; name: string } | null>(null);
  const [extensionError, setExtensionError] = useState<string | undefined>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['surveys'] });
  const remind = useMutation({
    mutationFn: () => apiRequest<{ reminded: number }>(`/survey-campaigns/${campaignId}/remind`, { method: 'POST' }),
    onSuccess: (result) => notifications.show({ message: t('board.reminded', { count: result.reminded }) }),
  });
  const extend = useMutation({
    mutationFn: (body: { deadline: string; organizationId?: string }) =>
      apiRequest(`/survey-campaigns/${campaignId}/extend`, { method: 'POST', body }),
    onSuccess: async () => {
      notifications.show({ message: t('board.extended') });
      await refresh();
    },
  });
  const reopen = useMutation({
    mutationFn: (organizationId: string) =>
      apiRequest(`/survey-campaigns/${campaignId}/responses/${organizationId}/reopen`, { method: 'POST', body: {} }),
    onSuccess: refresh,
  });
  if (board.isPending) return <Loading />;
  if (board.error) return <ErrorAlert error={board.error} />;
  const { totals } = board.data;
  const extendTo = (organizationId?: string) => {
    const date = parseVietnameseDate(extension);
    if (!date) {
      setExtensionError(t('launch.invalidDate'));
      return;
    }
    setExtensionError(undefined);
    extend.mutate({ deadline: `${date}T23:59:59+07:00`, organizationId });
  };
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {(['total', 'submitted', 'draft', 'notStarted'] as const).map((key) => (
          <Card key={key} withBorder padding="sm" data-testid={`total-${key}`}>
            <Text fz="xs" c="dark.6">
              {t(`board.totals.${key}`)}
            </Text>
            <Text fz="xl" fw={700}>
              {formatNumber(totals[key])}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Group align="flex-end">
        <Button onClick={() => remind.mutate()} loading={remind.isPending} disabled={totals.submitted === totals.total}>
          {t('board.remind')}
        </Button>
        <TextInput
          label={t('board.newDeadline')}
          placeholder="dd/mm/yyyy"
          value={extension}
          onChange={(e) => setExtension(e.currentTarget.value)}
          error={extensionError}
        />
        <Button variant="default" onClick={() => extendTo()} loading={extend.isPending}>
          {t('board.extendAll')}
        </Button>
      </Group>
      {remind.error ? <ErrorAlert error={remind.error} /> : null}
      {extend.error ? <ErrorAlert error={extend.error} /> : null}
      {reopen.error ? <ErrorAlert error={reopen.error} /> : null}
      <Table.ScrollContainer minWidth={760}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('board.columns.organization')}</Table.Th>
              <Table.Th scope="col">{t('board.columns.status')}</Table.Th>
              <Table.Th scope="col">{t('board.columns.updatedAt')}</Table.Th>
              <Table.Th scope="col">{t('board.columns.deadline')}</Table.Th>
              <Table.Th scope="col">{t('board.columns.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {board.data.rows.map((row) => (
              <Table.Tr key={row.organizationId} data-testid={`board-${row.organizationId}`} data-status={row.status}>
                <Table.Td>{row.organizationName}</Table.Td>
                <Table.Td>
                  <Badge color={statusColors[row.status]}>{t(`status.${row.status}`)}</Badge>
                </Table.Td>
                <Table.Td>{formatDateTime(row.submittedAt ?? row.updatedAt)}</Table.Td>
                <Table.Td>
                  {formatDate(row.deadline)} {row.isExtended ? <Badge variant="light">{t('board.extendedBadge')}</Badge> : null}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {row.status === 'submitted' ? (
                      <>
                        <Button size="compact-sm" variant="light" onClick={() => reopen.mutate(row.organizationId)}>
                          {t('board.reopen')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          onClick={() => setDirectoryFor({ id: row.organizationId, name: row.organizationName })}
                        >
                          {t('directory.open')}
                        </Button>
                      </>
                    ) : (
                      <Button size="compact-sm" variant="subtle" onClick={() => extendTo(row.organizationId)}>
                        {t('board.extendOne')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {directoryFor ? (
        <DirectoryUpdate campaignId={campaignId} organization={directoryFor} onClose={() => setDirectoryFor(null)} />
      ) : null}
    </Stack>
  );
}

interface DirectoryChange {
  field: string;
  questionId: string;
  current: unknown;
  proposed: unknown;
  isChanged: boolean;
}

function showValue(value: unknown, yes: string, no: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? yes : no;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'object') {
    const contact = value as { fullName?: string; position?: string | null; phone?: string | null; email?: string | null };
    return [contact.fullName, contact.position, contact.phone, contact.email].filter(Boolean).join(' · ');
  }
  return String(value as string);
}

/** Confirms which answers update the organization's entry in the network directory. */
function DirectoryUpdate({
  campaignId,
  organization,
  onClose,
}: {
  campaignId: string;
  organization: { id: string; name: string };
  onClose: () => void;
}) {
  const { t } = useTranslation('surveys');
  const url = `/survey-campaigns/${campaignId}/responses/${organization.id}/directory-update`;
  const preview = useQuery({
    queryKey: ['surveys', 'directory', campaignId, organization.id],
    queryFn: () => apiRequest<{ changes: DirectoryChange[] }>(url),
  });
  const [fields, setFields] = useState<string[] | null>(null);
  const apply = useMutation({
    mutationFn: (chosen: string[]) => apiRequest(url, { method: 'POST', body: { fields: chosen } }),
    onSuccess: () => {
      notifications.show({ message: t('directory.applied') });
      onClose();
    },
  });
  const changed = preview.data?.changes.filter((change) => change.isChanged) ?? [];
  const chosen = fields ?? changed.map((change) => change.field);
  return (
    <Modal opened onClose={onClose} title={t('directory.title', { name: organization.name })} size="lg">
      {preview.isPending ? (
        <Loading />
      ) : preview.error ? (
        <ErrorAlert error={preview.error} />
      ) : changed.length === 0 ? (
        <Text>{t('directory.upToDate')}</Text>
      ) : (
        <Stack>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                <Table.Th scope="col">{t('directory.field')}</Table.Th>
                <Table.Th scope="col">{t('directory.current')}</Table.Th>
                <Table.Th scope="col">{t('directory.proposed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {changed.map((change) => (
                <Table.Tr key={change.field}>
                  <Table.Td>
                    <Checkbox
                      aria-label={t(`directory.fields.${change.field}`)}
                      checked={chosen.includes(change.field)}
                      onChange={(event) =>
                        setFields(
                          event.currentTarget.checked
                            ? [...chosen, change.field]
                            : chosen.filter((field) => field !== change.field),
                        )
                      }
                    />
                  </Table.Td>
                  <Table.Td>{t(`directory.fields.${change.field}`)}</Table.Td>
                  <Table.Td>{showValue(change.current, t('fill.yes'), t('fill.no'))}</Table.Td>
                  <Table.Td>{showValue(change.proposed, t('fill.yes'), t('fill.no'))}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {apply.error ? <ErrorAlert error={apply.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('directory.cancel')}
            </Button>
            <Button onClick={() => apply.mutate(chosen)} disabled={chosen.length === 0} loading={apply.isPending}>
              {t('directory.apply')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function chartOf(aggregate: Aggregate, yes: string, no: string) {
  const entries =
    aggregate.type === 'yes-no' && aggregate.counts
      ? [
          [yes, aggregate.counts.yes],
          [no, aggregate.counts.no],
        ]
      : (aggregate.options ?? []).map((option) => [option.label, option.count]);
  return {
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: entries.map((entry) => entry[0]), axisLabel: { width: 220, overflow: 'truncate' } },
    series: [{ type: 'bar', data: entries.map((entry) => entry[1]), itemStyle: { color: '#1864ab' } }],
    tooltip: {},
  };
}

/** Cross-tab by organization kind (ministries, provinces …) when answers come from more than one kind. */
function CrossTab({ aggregate }: { aggregate: Aggregate }) {
  const { t } = useTranslation('surveys');
  const kinds = Object.keys(aggregate.byKind ?? {});
  if (kinds.length < 2) return null;
  const byKind = aggregate.byKind as Record<string, Record<string, number | null>>;
  const columns =
    aggregate.type === 'yes-no'
      ? [
          { key: 'yes', label: t('fill.yes') },
          { key: 'no', label: t('fill.no') },
        ]
      : aggregate.options
        ? aggregate.options.map((option) => ({ key: option.value, label: option.label }))
        : [
            { key: 'sum', label: t('results.sum') },
            { key: 'mean', label: t('results.mean') },
          ];
  return (
    <Table mt="xs" fz="sm" withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('results.kind')}</Table.Th>
          {columns.map((column) => (
            <Table.Th key={column.key} scope="col">
              {column.label}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {kinds.map((kind) => (
          <Table.Tr key={kind}>
            <Table.Td>{t(`kinds.${kind}`, { defaultValue: kind })}</Table.Td>
            {columns.map((column) => (
              <Table.Td key={column.key}>{formatNumber(byKind[kind]?.[column.key] ?? 0)}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ResultsView({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation('surveys');
  const results = useQuery({
    queryKey: ['surveys', 'results', campaignId],
    queryFn: () => apiRequest<Results>(`/survey-campaigns/${campaignId}/results`),
  });
  if (results.isPending) return <Loading />;
  if (results.error) return <ErrorAlert error={results.error} />;
  return (
    <Stack>
      <Text>
        {t('results.summary', {
          submitted: results.data.submittedCount,
          total: results.data.targetCount,
          public: results.data.publicAnswerCount,
        })}
      </Text>
      {results.data.sections.map((section) => (
        <Stack key={section.id}>
          <Text fw={700}>{section.title}</Text>
          {section.questions.map((aggregate) => (
            <Card key={aggregate.questionId} withBorder>
              <Text fw={600}>{aggregate.label}</Text>
              <Text fz="sm" c="dark.6">
                {t('results.answered', { count: aggregate.answered })}
              </Text>
              {aggregate.type === 'yes-no' || aggregate.options ? (
                <ReactECharts
                  option={chartOf(aggregate, t('fill.yes'), t('fill.no'))}
                  style={{ height: 60 + 36 * (aggregate.options?.length ?? 2) }}
                />
              ) : null}
              <CrossTab aggregate={aggregate} />
              {aggregate.stats ? (
                <Text fz="sm">
                  {t('results.numberStats', {
                    sum: formatNumber(aggregate.stats.sum),
                    mean: aggregate.stats.mean === null ? '—' : formatNumber(aggregate.stats.mean),
                    unit: aggregate.unit ?? '',
                  })}
                </Text>
              ) : null}
              {aggregate.cells ? (
                <Table>
                  <Table.Tbody>
                    {aggregate.cells.map((cell) => (
                      <Table.Tr key={`${cell.rowLabel}-${cell.columnLabel}`}>
                        <Table.Td>{cell.rowLabel}</Table.Td>
                        <Table.Td>{cell.columnLabel}</Table.Td>
                        <Table.Td>{formatNumber(cell.stats.sum)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : null}
              {aggregate.themes ? (
                <Stack gap={4} mt="xs">
                  {aggregate.themes.map((theme) => (
                    <Text key={theme.keyword || 'other'} fz="sm">
                      <b>{theme.keyword || t('results.otherTheme')}</b> ({theme.count}):{' '}
                      {theme.answers
                        .slice(0, 3)
                        .map((answer) => `${answer.organizationName}: “${answer.text}”`)
                        .join(' · ')}
                    </Text>
                  ))}
                </Stack>
              ) : null}
            </Card>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}
