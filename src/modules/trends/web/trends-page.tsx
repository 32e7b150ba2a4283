import {
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import ReactECharts from 'echarts-for-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { apiRequest, apiUrl } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { foldedOptionsFilter } from '../../../web/components/folded-options-filter';
import { Loading } from '../../../web/components/loading';
import { PageTitle } from '../../../web/components/page-title';
import { formatDate, formatDateTime, formatNumber, formatShare, parseVietnameseDate } from '../../../web/format';
import { useTopicName } from '../../../web/topics';
import { legalDocumentLabel, useLegalDocumentMap } from '../../legal/web/legal-document-link';
import type { Dashboard, EmergingTerm, Forecast, Mention, SavedQuery } from './types';

const colors = { negative: '#e03131', neutral: '#868e96', positive: '#2f9e44', unknown: '#ced4da' } as const;
const sentiments = ['negative', 'neutral', 'positive', 'unknown'] as const;
/** SVG: sharp on a projector, text selectable and readable by assistive technology (and by the e2e journey). */
const chartOptions = { renderer: 'svg' } as const;
/** Large type so the charts read on a projector. */
const axisFont = { fontSize: 14 };

function bucketLabel(bucket: string, interval: 'hour' | 'day'): string {
  if (interval === 'day') return `${bucket.slice(8, 10)}/${bucket.slice(5, 7)}/${bucket.slice(0, 4)}`;
  // "dd/mm HH:mm" in Vietnam time (Intl's vi-VN writes "HH:mm dd-mm", which is not the administrative form).
  const [date, time] = formatDateTime(bucket).split(' ');
  return `${date?.slice(0, 5) ?? ''} ${time ?? ''}`;
}

interface Drill {
  from: string;
  to: string;
  sentiment?: string;
  sourceKey?: string;
  kind?: string;
  topic?: string;
  entityId?: string;
  storyId?: string;
  label: string;
}

/** Trends dashboard: volume by sentiment, share of voice, stories, entities, topics, forecast, emerging terms; every chart drills down. */
export function TrendsPage() {
  const { t } = useTranslation('trends');
  const { t: tLegal } = useTranslation('legal');
  const topicName = useTopicName();
  // Rollups count documents without a topic under "unknown".
  const topicLabel = (topic: string) => (topic === 'unknown' ? t('topic.unknown') : topicName(topic));
  const [queryId, setQueryId] = useState<string>('');
  const [interval, setInterval] = useState<'hour' | 'day'>('day');
  const [fromText, setFromText] = useState('');
  const [toText, setToText] = useState('');
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  // `?policy=` opens the dashboard of a policy (a legal register document's page links here)
  const [searchParams] = useSearchParams();
  const [policyText, setPolicyText] = useState(() => searchParams.get('policy') ?? '');
  const [policyId, setPolicyId] = useState(() => searchParams.get('policy') ?? '');
  const [isNetwork, setIsNetwork] = useState(false);
  const [drill, setDrill] = useState<Drill | null>(null);
  const queries = useQuery({
    queryKey: ['monitoring', 'queries'],
    queryFn: () => apiRequest<SavedQuery[]>('/monitoring/queries'),
  });
  // The policies the saved queries are linked to, named as the legal register names them when it holds them.
  const register = useLegalDocumentMap();
  const policyOptions = useMemo(() => {
    const ids = new Set((queries.data ?? []).filter((q) => q.linkType === 'policy' && q.linkId).map((q) => q.linkId!));
    if (policyId) ids.add(policyId);
    return [...ids].map((id) => {
      const document = register.get(id);
      return { value: id, label: document ? legalDocumentLabel(tLegal, document) : id };
    });
  }, [queries.data, register, tLegal, policyId]);
  // One scope at a time: a query, else a policy's queries, else the whole network, else the user's organization.
  const scopeQuery = queryId ? { queryId } : policyId ? { policyId } : isNetwork ? { network: 'true' } : {};
  const scope = { ...scopeQuery, ...range, interval };
  const dashboard = useQuery({
    queryKey: ['trends', 'dashboard', scope],
    queryFn: () => apiRequest<Dashboard>('/trends/dashboard', { query: scope }),
  });
  const emerging = useQuery({
    queryKey: ['trends', 'emerging'],
    queryFn: () => apiRequest<EmergingTerm[]>('/trends/emerging-terms'),
  });
  const mentions = useQuery({
    queryKey: ['trends', 'drill', scopeQuery, drill],
    enabled: drill !== null,
    queryFn: () =>
      apiRequest<Mention[]>('/trends/mentions', { query: { ...scopeQuery, ...drill, label: undefined, limit: 100 } }),
  });
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const from = fromText.trim() ? parseVietnameseDate(fromText) : undefined;
    const to = toText.trim() ? parseVietnameseDate(toText) : undefined;
    setRange({ from, to });
    setPolicyId(policyText.trim());
    setDrill(null);
  };
  const data = dashboard.data;
  const bucketRange = (bucket: string): { from: string; to: string } => {
    if (data?.interval === 'day') {
      const start = new Date(`${bucket}T00:00:00+07:00`);
      return { from: start.toISOString(), to: new Date(start.getTime() + 86_400_000).toISOString() };
    }
    return { from: bucket, to: new Date(new Date(bucket).getTime() + 3_600_000).toISOString() };
  };
  const whole = data ? { from: data.from, to: data.to } : { from: '', to: '' };

  return (
    <Stack>
      <PageTitle>{t('title')}</PageTitle>
      <Group gap="sm">
        <Anchor component={Link} to="/trends/alerts">
          {t('nav.alerts')}
        </Anchor>
        <Anchor
          href={apiUrl('/trends/brief.docx', {
            from: range.from ?? new Date(Date.now() - 7 * 86_400_000).toISOString(),
            to: range.to ?? new Date().toISOString(),
          })}
        >
          {t('brief.download')}
        </Anchor>
      </Group>
      <form onSubmit={handleSubmit}>
        <Group align="flex-end" gap="sm">
          <Select
            label={t('filters.query')}
            placeholder={t('filters.wholeOrganization')}
            clearable
            data={(queries.data ?? []).map((q) => ({ value: q.id, label: q.name }))}
            value={queryId || null}
            onChange={(value) => {
              setQueryId(value ?? '');
              setDrill(null);
            }}
          />
          <Select
            label={t('filters.policy')}
            placeholder={t('filters.policyAll')}
            searchable
            clearable
            data={policyOptions}
            filter={foldedOptionsFilter}
            value={policyText || null}
            onChange={(value) => setPolicyText(value ?? '')}
            w={240}
          />
          <Switch
            label={t('filters.network')}
            checked={isNetwork}
            onChange={(e) => {
              setIsNetwork(e.currentTarget.checked);
              setDrill(null);
            }}
          />
          <TextInput
            label={t('filters.from')}
            placeholder="dd/mm/yyyy"
            value={fromText}
            onChange={(e) => setFromText(e.currentTarget.value)}
          />
          <TextInput
            label={t('filters.to')}
            placeholder="dd/mm/yyyy"
            value={toText}
            onChange={(e) => setToText(e.currentTarget.value)}
          />
          <SegmentedControl
            aria-label={t('filters.interval')}
            value={interval}
            onChange={(value) => setInterval(value as 'hour' | 'day')}
            data={[
              { value: 'hour', label: t('filters.hour') },
              { value: 'day', label: t('filters.day') },
            ]}
          />
          <Button type="submit">{t('filters.apply')}</Button>
        </Group>
      </form>
      {dashboard.error && <ErrorAlert error={dashboard.error} />}
      {dashboard.isLoading && <Loading />}
      {data && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Card withBorder>
              <Text size="sm" c="dimmed">
                {t('totals.mentions')}
              </Text>
              <Title order={2}>{formatNumber(data.totals.mentions)}</Title>
              <Text size="sm">
                {t('totals.previous', { count: data.previous.mentions, change: formatShare(data.previous.mentionsChange) })}
              </Text>
            </Card>
            <Card withBorder>
              <Text size="sm" c="dimmed">
                {t('totals.negativeShare')}
              </Text>
              <Title order={2} c={colors.negative}>
                {formatShare(data.totals.negativeShare)}
              </Title>
              <Text size="sm">{t('totals.previousShare', { share: formatShare(data.previous.negativeShare) })}</Text>
            </Card>
            <Card withBorder>
              <Text size="sm" c="dimmed">
                {t('totals.futureDated')}
              </Text>
              <Title order={2}>{formatNumber(data.futureDatedDocuments)}</Title>
            </Card>
          </SimpleGrid>
          <Card withBorder>
            <Title order={3}>{t('charts.volume')}</Title>
            <ReactECharts
              opts={chartOptions}
              style={{ height: 380 }}
              option={{
                tooltip: { trigger: 'axis', textStyle: axisFont },
                legend: { bottom: 0, textStyle: axisFont },
                grid: { left: 60, right: 20, top: 20, bottom: 70 },
                xAxis: {
                  type: 'category',
                  data: data.volume.map((p) => bucketLabel(p.bucket, data.interval)),
                  axisLabel: axisFont,
                },
                yAxis: { type: 'value', axisLabel: axisFont },
                series: sentiments.map((key) => ({
                  name: t(`sentiment.${key}`),
                  type: 'bar',
                  stack: 'volume',
                  itemStyle: { color: colors[key] },
                  data: data.volume.map((p) => p[key]),
                })),
              }}
              onEvents={{
                click: (event: { dataIndex: number; seriesIndex: number }) => {
                  const point = data.volume[event.dataIndex];
                  if (point)
                    setDrill({
                      ...bucketRange(point.bucket),
                      sentiment: sentiments[event.seriesIndex],
                      label: `${bucketLabel(point.bucket, data.interval)} · ${t(`sentiment.${sentiments[event.seriesIndex]!}`)}`,
                    });
                },
              }}
            />
          </Card>
          <Grid>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Card withBorder>
                <Title order={3}>{t('charts.negativeTrend')}</Title>
                <ReactECharts
                  opts={chartOptions}
                  style={{ height: 300 }}
                  option={{
                    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v} %` },
                    grid: { left: 50, right: 20, top: 20, bottom: 40 },
                    xAxis: {
                      type: 'category',
                      data: data.sentimentTrend.map((p) => bucketLabel(p.bucket, data.interval)),
                      axisLabel: axisFont,
                    },
                    yAxis: { type: 'value', max: 100, axisLabel: { ...axisFont, formatter: '{value} %' } },
                    series: [
                      {
                        type: 'line',
                        connectNulls: false,
                        itemStyle: { color: colors.negative },
                        data: data.sentimentTrend.map((p) =>
                          p.negativeShare === null ? null : Math.round(p.negativeShare * 1000) / 10,
                        ),
                      },
                    ],
                  }}
                />
              </Card>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Card withBorder>
                <Title order={3}>{t('charts.outlets')}</Title>
                <ReactECharts
                  opts={chartOptions}
                  style={{ height: 300 }}
                  option={{
                    tooltip: { trigger: 'item', textStyle: axisFont },
                    series: [
                      {
                        type: 'pie',
                        radius: ['35%', '70%'],
                        label: { fontSize: 13 },
                        data: data.outlets.slice(0, 10).map((o) => ({ name: o.sourceKey, value: o.mentions })),
                      },
                    ],
                  }}
                  onEvents={{
                    click: (event: { name: string }) => setDrill({ ...whole, sourceKey: event.name, label: event.name }),
                  }}
                />
                <Group gap="xs">
                  {data.kinds.map((k) => (
                    <Badge
                      key={k.kind}
                      size="lg"
                      variant="light"
                      style={{ cursor: 'pointer' }}
                      onClick={() => setDrill({ ...whole, kind: k.kind, label: t(`kind.${k.kind}`, { defaultValue: k.kind }) })}
                    >
                      {t(`kind.${k.kind}`, { defaultValue: k.kind })}: {formatShare(k.share)}
                    </Badge>
                  ))}
                </Group>
              </Card>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Card withBorder>
                <Title order={3}>{t('charts.topics')}</Title>
                <ReactECharts
                  opts={chartOptions}
                  style={{ height: 300 }}
                  option={{
                    tooltip: { trigger: 'item' },
                    series: [
                      {
                        type: 'pie',
                        radius: '70%',
                        label: { fontSize: 13 },
                        data: data.topics.map((topic) => ({ name: topicLabel(topic.topic), value: topic.mentions })),
                      },
                    ],
                  }}
                  // Slices are named for people; the drill-down filters by the stored label.
                  onEvents={{
                    click: (event: { dataIndex: number }) => {
                      const slice = data.topics[event.dataIndex];
                      if (slice) setDrill({ ...whole, topic: slice.topic, label: topicLabel(slice.topic) });
                    },
                  }}
                />
              </Card>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Card withBorder>
                <Title order={3}>{t('charts.entities')}</Title>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('table.entity')}</Table.Th>
                      <Table.Th scope="col">{t('table.mentions')}</Table.Th>
                      <Table.Th scope="col">{t('table.negative')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.topEntities.map((e) => (
                      <Table.Tr key={e.entityId}>
                        <Table.Td>
                          <Anchor component="button" onClick={() => setDrill({ ...whole, entityId: e.entityId, label: e.name })}>
                            {e.name}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{formatNumber(e.mentions)}</Table.Td>
                        <Table.Td>{formatNumber(e.negative)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Card>
            </Grid.Col>
          </Grid>
          <Card withBorder>
            <Title order={3}>{t('charts.stories')}</Title>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('table.story')}</Table.Th>
                  <Table.Th scope="col">{t('table.outlets')}</Table.Th>
                  <Table.Th scope="col">{t('table.reach')}</Table.Th>
                  <Table.Th scope="col">{t('table.firstPublished')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.topStories.map((s) => (
                  <Table.Tr key={s.storyId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/monitoring/stories/${s.storyId}`}>
                        {s.title || `#${s.storyId}`}
                      </Anchor>{' '}
                      <Anchor
                        component="button"
                        size="sm"
                        onClick={() => setDrill({ ...whole, storyId: s.storyId, label: s.title })}
                      >
                        ({t('table.mentionsLink', { count: s.mentions })})
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{s.outlets}</Table.Td>
                    <Table.Td>{formatNumber(s.reach)}</Table.Td>
                    <Table.Td>{formatDateTime(s.firstPublishedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </>
      )}
      {drill && (
        <Card withBorder>
          <Group justify="space-between">
            <Title order={3}>{t('drill.title', { label: drill.label })}</Title>
            <Button variant="subtle" onClick={() => setDrill(null)}>
              {t('drill.close')}
            </Button>
          </Group>
          {mentions.error && <ErrorAlert error={mentions.error} />}
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('table.published')}</Table.Th>
                <Table.Th scope="col">{t('table.title')}</Table.Th>
                <Table.Th scope="col">{t('table.source')}</Table.Th>
                <Table.Th scope="col">{t('table.sentiment')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(mentions.data ?? []).map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{formatDateTime(m.publishedAt)}</Table.Td>
                  <Table.Td>
                    {m.url ? (
                      <Anchor href={m.url} target="_blank" rel="noreferrer">
                        {m.title}
                      </Anchor>
                    ) : (
                      m.title
                    )}
                  </Table.Td>
                  <Table.Td>{m.source}</Table.Td>
                  <Table.Td>{m.sentiment ? t(`sentiment.${m.sentiment}`) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      {queryId && <ForecastCard queryId={queryId} />}
      <Card withBorder>
        <Title order={3}>{t('emerging.title')}</Title>
        {emerging.error && <ErrorAlert error={emerging.error} />}
        {emerging.data?.length === 0 && <Text>{t('emerging.none')}</Text>}
        <Table>
          <Table.Tbody>
            {(emerging.data ?? []).map((term) => (
              <Table.Tr key={term.phrase}>
                <Table.Td>{term.phrase}</Table.Td>
                <Table.Td>{t('emerging.counts', { today: term.mentions, baseline: term.baseline.toFixed(1) })}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/monitoring/queries?suggest=${encodeURIComponent(term.suggestedQuery)}`}>
                    {t('emerging.create')}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}

/** Forecast with its 90 % interval band and the backtest error beside it. */
function ForecastCard({ queryId }: { queryId: string }) {
  const { t } = useTranslation('trends');
  const forecast = useQuery({
    queryKey: ['trends', 'forecast', queryId],
    queryFn: () => apiRequest<Forecast>('/trends/forecast', { query: { queryId, horizonHours: 72 } }),
  });
  if (forecast.error) return <ErrorAlert error={forecast.error} />;
  if (!forecast.data) return <Loading />;
  const data = forecast.data;
  const labels = [...data.history.map((p) => p.at), ...data.forecast.map((p) => p.at)].map((at) => bucketLabel(at, 'hour'));
  const pad = data.history.map(() => null);
  return (
    <Card withBorder>
      <Grid>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <Title order={3}>{t('forecast.title')}</Title>
          <ReactECharts
            opts={chartOptions}
            style={{ height: 340 }}
            option={{
              tooltip: { trigger: 'axis' },
              legend: { bottom: 0, textStyle: axisFont },
              grid: { left: 50, right: 20, top: 20, bottom: 70 },
              xAxis: { type: 'category', data: labels, axisLabel: axisFont },
              yAxis: { type: 'value', axisLabel: axisFont },
              series: [
                {
                  name: t('forecast.history'),
                  type: 'line',
                  showSymbol: false,
                  data: data.history.map((p) => p.mentions),
                  itemStyle: { color: '#1971c2' },
                },
                // The band: an invisible lower line and the (upper − lower) stacked on it, filled.
                {
                  name: 'lower',
                  type: 'line',
                  stack: 'band',
                  showSymbol: false,
                  lineStyle: { opacity: 0 },
                  data: [...pad, ...data.forecast.map((p) => p.lower)],
                },
                {
                  name: t('forecast.interval'),
                  type: 'line',
                  stack: 'band',
                  showSymbol: false,
                  lineStyle: { opacity: 0 },
                  areaStyle: { color: '#a5d8ff', opacity: 0.6 },
                  data: [...pad, ...data.forecast.map((p) => p.upper - p.lower)],
                },
                {
                  name: t('forecast.mean'),
                  type: 'line',
                  showSymbol: false,
                  lineStyle: { type: 'dashed' },
                  itemStyle: { color: '#e8590c' },
                  data: [...pad, ...data.forecast.map((p) => p.mean)],
                },
              ],
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Title order={4}>{t('forecast.backtest')}</Title>
          {data.isInsufficientHistory && <Text c="orange">{t('forecast.insufficient')}</Text>}
          <Text size="lg">MASE: {data.backtest.mase ?? '—'}</Text>
          <Text>{t('forecast.naive', { value: data.backtest.seasonalNaiveMase ?? '—' })}</Text>
          <Text>{t('forecast.coverage', { value: formatShare(data.backtest.intervalCoverage) })}</Text>
          <Text size="sm" c="dimmed">
            {t('forecast.folds', { count: data.backtest.folds })}
          </Text>
          <Text size="sm" c="dimmed">
            {formatDate(new Date())}
          </Text>
        </Grid.Col>
      </Grid>
    </Card>
  );
}
