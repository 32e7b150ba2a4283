import { Button, Code, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { OrganizationLink } from '../../../web/components/organization-link';
import { PageTitle } from '../../../web/components/page-title';
import { formatDateTime, parseVietnameseDate } from '../../../web/format';

interface AuditEntry {
  id: number;
  at: string;
  actorUserId: string | null;
  actorEmail: string | null;
  actorOrganizationId: string | null;
  organizationId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

interface Filters {
  actor: string;
  entityType: string;
  entityId: string;
  action: string;
  from: string;
  to: string;
}

const emptyFilters: Filters = { actor: '', entityType: '', entityId: '', action: '', from: '', to: '' };
const pageSize = 50;

/** The audit log for administrators: filter by actor, entity, action and dates; newest first, page by page. */
export function AuditPage() {
  const { t } = useTranslation('audit');
  const [draft, setDraft] = useState<Filters>(emptyFilters);
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  // Keyset pagination: the cursors of the pages already visited, so that "previous" can go back.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [expanded, setExpanded] = useState<number | undefined>();
  const cursor = cursors[cursors.length - 1];
  const fromIso = draft.from.trim() ? parseVietnameseDate(draft.from) : '';
  const toIso = draft.to.trim() ? parseVietnameseDate(draft.to) : '';

  const page = useQuery({
    queryKey: ['audit', filters, cursor],
    queryFn: () =>
      apiRequest<AuditPage>('/audit', {
        query: {
          actor: filters.actor.trim(),
          entityType: filters.entityType.trim(),
          entityId: filters.entityId.trim(),
          action: filters.action.trim(),
          from: filters.from,
          to: filters.to,
          limit: pageSize,
          cursor,
        },
      }),
    placeholderData: (previous) => previous,
  });

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (fromIso === undefined || toIso === undefined) return;
    setFilters({ ...draft, from: fromIso, to: toIso });
    setCursors([undefined]);
  };
  const update = (key: keyof Filters) => (value: string) => setDraft((current) => ({ ...current, [key]: value }));

  return (
    <Stack>
      <PageTitle>{t('title')}</PageTitle>
      <form onSubmit={handleSubmit}>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('filters.actor')}
            description={t('filters.actorHelp')}
            value={draft.actor}
            onChange={(event) => update('actor')(event.currentTarget.value)}
          />
          <TextInput
            label={t('filters.entityType')}
            description={t('filters.entityTypeHelp')}
            value={draft.entityType}
            onChange={(event) => update('entityType')(event.currentTarget.value)}
          />
          <TextInput
            label={t('filters.entityId')}
            value={draft.entityId}
            onChange={(event) => update('entityId')(event.currentTarget.value)}
          />
          <TextInput
            label={t('filters.action')}
            description={t('filters.actionHelp')}
            value={draft.action}
            onChange={(event) => update('action')(event.currentTarget.value)}
          />
          <TextInput
            label={t('filters.from')}
            placeholder="dd/mm/yyyy"
            w={140}
            value={draft.from}
            error={fromIso === undefined ? t('filters.invalidDate') : undefined}
            onChange={(event) => update('from')(event.currentTarget.value)}
          />
          <TextInput
            label={t('filters.to')}
            placeholder="dd/mm/yyyy"
            w={140}
            value={draft.to}
            error={toIso === undefined ? t('filters.invalidDate') : undefined}
            onChange={(event) => update('to')(event.currentTarget.value)}
          />
          <Button type="submit">{t('filters.apply')}</Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft(emptyFilters);
              setFilters(emptyFilters);
              setCursors([undefined]);
            }}
          >
            {t('filters.reset')}
          </Button>
        </Group>
      </form>
      <ErrorAlert error={page.error} />
      {page.isPending ? <Loading /> : null}
      {page.data ? (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('columns.at')}</Table.Th>
                  <Table.Th scope="col">{t('columns.actor')}</Table.Th>
                  <Table.Th scope="col">{t('columns.action')}</Table.Th>
                  <Table.Th scope="col">{t('columns.entity')}</Table.Th>
                  <Table.Th scope="col">{t('columns.organization')}</Table.Th>
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t('columns.details')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.data.items.map((entry) => (
                  <Fragment key={entry.id}>
                    <Table.Tr>
                      <Table.Td>{formatDateTime(entry.at)}</Table.Td>
                      <Table.Td>{entry.actorEmail ?? t('system')}</Table.Td>
                      <Table.Td>
                        <Code>{entry.action}</Code>
                      </Table.Td>
                      <Table.Td>
                        <Text fz="sm">{entry.entityType}</Text>
                        {entry.entityId ? (
                          <Text fz="xs" c="dark.5" style={{ wordBreak: 'break-all' }}>
                            {entry.entityId}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        {entry.organizationId ? <OrganizationLink organizationId={entry.organizationId} /> : ''}
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="subtle"
                          aria-expanded={expanded === entry.id}
                          onClick={() => setExpanded(expanded === entry.id ? undefined : entry.id)}
                        >
                          {expanded === entry.id ? t('hideChanges') : t('showChanges')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                    {expanded === entry.id ? (
                      <Table.Tr>
                        <Table.Td colSpan={6}>
                          <Group align="flex-start" grow>
                            <div>
                              <Text fw={700} fz="sm">
                                {t('before')}
                              </Text>
                              <Code block>{JSON.stringify(entry.before, null, 2)}</Code>
                            </div>
                            <div>
                              <Text fw={700} fz="sm">
                                {t('after')}
                              </Text>
                              <Code block>{JSON.stringify(entry.after, null, 2)}</Code>
                            </div>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ) : null}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {page.data.items.length === 0 ? <Text c="dark.6">{t('none')}</Text> : null}
          <Group justify="space-between">
            <Button
              variant="default"
              disabled={cursors.length <= 1}
              onClick={() => setCursors((current) => current.slice(0, -1))}
            >
              {t('common:pagination.previous')}
            </Button>
            <Text fz="sm" c="dark.6">
              {t('common:pagination.page', { page: cursors.length })}
            </Text>
            <Button
              variant="default"
              disabled={!page.data.nextCursor}
              onClick={() => {
                const next = page.data?.nextCursor;
                if (next) setCursors((current) => [...current, next]);
              }}
            >
              {t('common:pagination.next')}
            </Button>
          </Group>
        </>
      ) : null}
    </Stack>
  );
}
