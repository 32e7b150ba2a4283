import { Anchor, Badge, Button, Card, Checkbox, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { PageTitle } from '../../../web/components/page-title';
import { formatDateTime } from '../../../web/format';
import { useSession } from '../../../web/session';
import { IncidentFields, incidentDraftBody, severityLevels, useIncidentDraft } from './incident-fields';
import { severityColor, statusColor, type IncidentDetail, type IncidentSummary } from './types';

const statuses = ['open', 'responding', 'monitoring', 'closed'] as const;
const handlerRoles = new Set(['officer', 'leader', 'coordinator', 'administrator']);

/** Incidents of the user's organization (and those shared with it), with filters, and the form to open one. */
export function IncidentsPage() {
  const { t } = useTranslation('incidents');
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = {
    status: params.get('status'),
    severity: params.get('severity'),
    isOverdue: params.get('overdue') === '1',
    q: params.get('q') ?? '',
  };
  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const list = useQuery({
    queryKey: ['incidents', filters],
    queryFn: () =>
      apiRequest<IncidentSummary[]>('/incidents', {
        query: {
          status: filters.status,
          severity: filters.severity,
          isOverdue: filters.isOverdue ? 'true' : undefined,
          q: filters.q || undefined,
        },
      }),
  });
  return (
    <Stack>
      <PageTitle>{t('title')}</PageTitle>
      <Text c="dimmed">{t('intro')}</Text>
      <Group align="flex-end">
        <Select
          label={t('filters.status')}
          clearable
          value={filters.status}
          onChange={(v) => setFilter('status', v)}
          data={statuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <Select
          label={t('filters.severity')}
          clearable
          value={filters.severity}
          onChange={(v) => setFilter('severity', v)}
          data={severityLevels.map((l) => ({ value: l, label: t(`severity.${l}`) }))}
        />
        <TextInput label={t('filters.search')} value={filters.q} onChange={(e) => setFilter('q', e.currentTarget.value)} />
        <Checkbox
          label={t('filters.overdue')}
          checked={filters.isOverdue}
          onChange={(e) => setFilter('overdue', e.currentTarget.checked ? '1' : null)}
        />
      </Group>
      {list.error && <ErrorAlert error={list.error} />}
      {list.isLoading && <Loading />}
      <Table striped data-testid="incidents-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('fields.title')}</Table.Th>
            <Table.Th scope="col">{t('fields.severity')}</Table.Th>
            <Table.Th scope="col">{t('fields.status')}</Table.Th>
            <Table.Th scope="col">{t('fields.owner')}</Table.Th>
            <Table.Th scope="col">{t('fields.organization')}</Table.Th>
            <Table.Th scope="col">{t('fields.openedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((incident) => (
            <Table.Tr key={incident.id}>
              <Table.Td>
                <Anchor component={Link} to={`/incidents/${incident.id}`}>
                  {incident.title}
                </Anchor>
                {incident.isOverdue && (
                  <Badge color="red" variant="outline" ml="xs">
                    {t('overdue')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={severityColor[incident.severity]}>{t(`severity.${incident.severity}`)}</Badge>
              </Table.Td>
              <Table.Td>
                <Badge color={statusColor[incident.status]} variant="light">
                  {t(`status.${incident.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{incident.owner?.displayName ?? '—'}</Table.Td>
              <Table.Td>{incident.organizationName}</Table.Td>
              <Table.Td>{formatDateTime(incident.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data?.length === 0 && <Text c="dimmed">{t('empty')}</Text>}
      {user && handlerRoles.has(user.role) && <OpenIncidentForm />}
    </Stack>
  );
}

function OpenIncidentForm() {
  const { t } = useTranslation('incidents');
  const navigate = useNavigate();
  const [draft, changeDraft] = useIncidentDraft({ title: '', description: '', severity: '2', responseDueAt: '' });
  const open = useMutation({
    mutationFn: () => apiRequest<IncidentDetail>('/incidents', { method: 'POST', body: incidentDraftBody(draft) }),
    onSuccess: (incident) => void navigate(`/incidents/${incident.id}`),
  });
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    open.mutate();
  };
  return (
    <Card withBorder>
      <Title order={3}>{t('open.title')}</Title>
      <form onSubmit={handleSubmit}>
        <Stack gap="xs" mt="sm">
          <IncidentFields draft={draft} onChange={changeDraft}>
            <Button type="submit" color="red" loading={open.isPending}>
              {t('open.submit')}
            </Button>
          </IncidentFields>
          {open.error && <ErrorAlert error={open.error} />}
        </Stack>
      </form>
    </Card>
  );
}
