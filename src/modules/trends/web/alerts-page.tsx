import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  TagsInput,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { PageTitle } from '../../../web/components/page-title';
import { formatDateTime, formatNumber } from '../../../web/format';
import { useSession } from '../../../web/session';
import type { Alert, Rule, SavedQuery } from './types';

const statusColor = { open: 'red', acknowledged: 'yellow', resolved: 'gray' } as const;

/** Alerts inbox (acknowledge, assign to me, resolve, open an incident) and the rules editor. */
export function AlertsPage() {
  const { t } = useTranslation('trends');
  const { user } = useSession();
  const client = useQueryClient();
  const [status, setStatus] = useState<string | null>('open');
  const alerts = useQuery({
    queryKey: ['trends', 'alerts', status],
    queryFn: () => apiRequest<Alert[]>('/trends/alerts', { query: { status: status ?? undefined } }),
  });
  const act = useMutation({
    mutationFn: ({ id, body }: { id: string; body: Record<string, unknown> }) =>
      apiRequest<Alert>(`/trends/alerts/${id}/actions`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['trends', 'alerts'] }),
  });
  const navigate = useNavigate();
  // The incidents module creates (or returns the existing) incident for the alert and flags the alert with its link.
  const openIncident = useMutation({
    mutationFn: (alert: Alert) => apiRequest<{ id: string }>('/incidents', { method: 'POST', body: { fromAlertId: alert.id } }),
    onSuccess: (incident) => void navigate(`/incidents/${incident.id}`),
  });
  const handleIncident = (alert: Alert) => openIncident.mutate(alert);
  return (
    <Stack>
      <PageTitle>{t('alerts.title')}</PageTitle>
      <Group>
        <Select
          label={t('alerts.status')}
          clearable
          value={status}
          onChange={setStatus}
          data={(['open', 'acknowledged', 'resolved'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
      </Group>
      {alerts.error && <ErrorAlert error={alerts.error} />}
      {act.error && <ErrorAlert error={act.error} />}
      {openIncident.error && <ErrorAlert error={openIncident.error} />}
      {alerts.isLoading && <Loading />}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('alerts.started')}</Table.Th>
            <Table.Th scope="col">{t('alerts.kind')}</Table.Th>
            <Table.Th scope="col">{t('alerts.query')}</Table.Th>
            <Table.Th scope="col">{t('table.mentions')}</Table.Th>
            <Table.Th scope="col">{t('alerts.status')}</Table.Th>
            <Table.Th scope="col">{t('alerts.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(alerts.data ?? []).map((alert) => (
            <Table.Tr key={alert.id}>
              <Table.Td>
                {formatDateTime(alert.startedAt)}
                <br />
                <small>{t('alerts.detected', { at: formatDateTime(alert.detectedAt) })}</small>
              </Table.Td>
              <Table.Td>{t(`kinds.${alert.kind}`)}</Table.Td>
              <Table.Td>
                {alert.query ?? '—'} <small>({alert.rule})</small>
              </Table.Td>
              <Table.Td>{formatNumber(alert.mentions)}</Table.Td>
              <Table.Td>
                <Badge color={statusColor[alert.status]}>{t(`status.${alert.status}`)}</Badge>
                {alert.assigneeUserId === user?.id && (
                  <Badge variant="outline" ml="xs">
                    {t('alerts.mine')}
                  </Badge>
                )}
                {alert.incidentRequestedAt &&
                  (alert.incidentLink ? (
                    <Anchor href={alert.incidentLink} ml="xs">
                      {t('alerts.incident')}
                    </Anchor>
                  ) : (
                    <Badge ml="xs">{t('alerts.incident')}</Badge>
                  ))}
              </Table.Td>
              <Table.Td>
                <Group gap="xs">
                  {alert.status === 'open' && (
                    <Button size="xs" onClick={() => act.mutate({ id: alert.id, body: { action: 'acknowledge' } })}>
                      {t('alerts.acknowledge')}
                    </Button>
                  )}
                  {user && alert.assigneeUserId !== user.id && (
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => act.mutate({ id: alert.id, body: { action: 'assign', userId: user.id } })}
                    >
                      {t('alerts.assignToMe')}
                    </Button>
                  )}
                  <AssigneePicker
                    alert={alert}
                    onAssign={(userId) => act.mutate({ id: alert.id, body: { action: 'assign', userId } })}
                  />
                  {alert.status !== 'resolved' ? (
                    <Button size="xs" variant="light" onClick={() => act.mutate({ id: alert.id, body: { action: 'resolve' } })}>
                      {t('alerts.resolve')}
                    </Button>
                  ) : (
                    <Button size="xs" variant="light" onClick={() => act.mutate({ id: alert.id, body: { action: 'reopen' } })}>
                      {t('alerts.reopen')}
                    </Button>
                  )}
                  {!alert.incidentRequestedAt && (
                    <Button size="xs" variant="outline" color="red" onClick={() => handleIncident(alert)}>
                      {t('alerts.openIncident')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <RulesEditor />
    </Stack>
  );
}

/** Assign the alert to anyone of its organization; the list loads when the picker first opens. */
function AssigneePicker({ alert, onAssign }: { alert: Alert; onAssign: (userId: string | null) => void }) {
  const { t } = useTranslation('trends');
  const [isOpened, setIsOpened] = useState(false);
  const people = useQuery({
    queryKey: ['trends', 'alert-assignees', alert.id],
    queryFn: () => apiRequest<{ id: string; displayName: string }[]>(`/trends/alerts/${alert.id}/assignees`),
    enabled: isOpened || alert.assigneeUserId !== null,
  });
  return (
    <Select
      size="xs"
      w={180}
      aria-label={t('alerts.assignTo')}
      placeholder={t('alerts.assignTo')}
      clearable
      searchable
      value={alert.assigneeUserId}
      onDropdownOpen={() => setIsOpened(true)}
      onChange={(userId) => onAssign(userId)}
      data={(people.data ?? []).map((person) => ({ value: person.id, label: person.displayName }))}
      nothingFoundMessage={people.isLoading ? t('alerts.loadingPeople') : undefined}
    />
  );
}

interface RuleDraft {
  name: string;
  kind: string;
  queryId: string;
  threshold: number | string;
  minShare: number | string;
  terms: string[];
  outlets: number | string;
  emails: string[];
  webhookUrl: string;
  cooldownMinutes: number | string;
}
const emptyDraft: RuleDraft = {
  name: '',
  kind: 'anomaly',
  queryId: '',
  threshold: 50,
  minShare: 0.5,
  terms: [],
  outlets: 5,
  emails: [],
  webhookUrl: '',
  cooldownMinutes: 180,
};

function RulesEditor() {
  const { t } = useTranslation('trends');
  const client = useQueryClient();
  const [draft, setDraft] = useState<RuleDraft>(emptyDraft);
  const rules = useQuery({ queryKey: ['trends', 'rules'], queryFn: () => apiRequest<Rule[]>('/trends/rules') });
  const queries = useQuery({
    queryKey: ['monitoring', 'queries'],
    queryFn: () => apiRequest<SavedQuery[]>('/monitoring/queries'),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['trends', 'rules'] });
  const create = useMutation({
    mutationFn: (body: unknown) => apiRequest<Rule>('/trends/rules', { method: 'POST', body }),
    onSuccess: () => {
      setDraft(emptyDraft);
      void refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: (rule: Rule) =>
      apiRequest<Rule>(`/trends/rules/${rule.id}`, { method: 'PATCH', body: { isEnabled: !rule.isEnabled } }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (rule: Rule) => apiRequest<void>(`/trends/rules/${rule.id}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const params: Record<string, unknown> = {};
    if (draft.kind === 'threshold') params.mentions = Number(draft.threshold);
    if (draft.kind === 'negative_share') params.minShare = Number(draft.minShare);
    if (draft.kind === 'first_seen') params.terms = draft.terms;
    if (draft.kind === 'story_spread') params.outlets = Number(draft.outlets);
    create.mutate({
      name: draft.name,
      kind: draft.kind,
      queryId: draft.queryId || null,
      params,
      channels: { inApp: true, emails: draft.emails, webhookUrl: draft.webhookUrl || null },
      cooldownMinutes: Number(draft.cooldownMinutes),
    });
  };
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const queryName = (id: string | null) => queries.data?.find((q) => q.id === id)?.name ?? t('filters.wholeOrganization');
  return (
    <Card withBorder>
      <Title order={3}>{t('rules.title')}</Title>
      {rules.error && <ErrorAlert error={rules.error} />}
      <Table>
        <Table.Tbody>
          {(rules.data ?? []).map((rule) => (
            <Table.Tr key={rule.id}>
              <Table.Td>{rule.name}</Table.Td>
              <Table.Td>{t(`kinds.${rule.kind}`)}</Table.Td>
              <Table.Td>{queryName(rule.queryId)}</Table.Td>
              <Table.Td>
                <Switch aria-label={t('rules.enabled')} checked={rule.isEnabled} onChange={() => toggle.mutate(rule)} />
              </Table.Td>
              <Table.Td>
                <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(rule)}>
                  {t('rules.delete')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <form onSubmit={handleSubmit}>
        <Stack gap="xs" mt="md">
          <Group align="flex-end">
            <TextInput required label={t('rules.name')} value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} />
            <Select
              label={t('rules.kind')}
              value={draft.kind}
              onChange={(v) => set('kind', v ?? 'anomaly')}
              data={['anomaly', 'threshold', 'negative_share', 'first_seen', 'story_spread'].map((k) => ({
                value: k,
                label: t(`kinds.${k}`),
              }))}
            />
            <Select
              label={t('filters.query')}
              placeholder={t('filters.wholeOrganization')}
              clearable
              value={draft.queryId || null}
              onChange={(v) => set('queryId', v ?? '')}
              data={(queries.data ?? []).map((q) => ({ value: q.id, label: q.name }))}
            />
            {draft.kind === 'threshold' && (
              <NumberInput label={t('rules.threshold')} min={1} value={draft.threshold} onChange={(v) => set('threshold', v)} />
            )}
            {draft.kind === 'negative_share' && (
              <NumberInput
                label={t('rules.minShare')}
                min={0}
                max={1}
                step={0.05}
                decimalScale={2}
                value={draft.minShare}
                onChange={(v) => set('minShare', v)}
              />
            )}
            {draft.kind === 'story_spread' && (
              <NumberInput label={t('rules.outlets')} min={2} value={draft.outlets} onChange={(v) => set('outlets', v)} />
            )}
            <NumberInput
              label={t('rules.cooldown')}
              min={0}
              value={draft.cooldownMinutes}
              onChange={(v) => set('cooldownMinutes', v)}
            />
          </Group>
          {draft.kind === 'first_seen' && (
            <TagsInput label={t('rules.terms')} value={draft.terms} onChange={(v) => set('terms', v)} />
          )}
          <Group align="flex-end">
            <TagsInput label={t('rules.emails')} value={draft.emails} onChange={(v) => set('emails', v)} />
            <TextInput
              label={t('rules.webhook')}
              placeholder="https://"
              value={draft.webhookUrl}
              onChange={(e) => set('webhookUrl', e.currentTarget.value)}
            />
            <Button type="submit" loading={create.isPending}>
              {t('rules.create')}
            </Button>
          </Group>
          {create.error && <ErrorAlert error={create.error} />}
        </Stack>
      </form>
    </Card>
  );
}
