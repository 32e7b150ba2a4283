import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Checkbox,
  Code,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { apiRequest } from '../../../web/api';
import { ErrorAlert } from '../../../web/components/error-alert';
import { foldedOptionsFilter } from '../../../web/components/folded-options-filter';
import { PageTitle } from '../../../web/components/page-title';
import { legalDocumentLabel, LegalDocumentLink, useAllLegalDocuments } from '../../legal/web/legal-document-link';
import type { IncidentSummary } from '../../incidents/web/types';
import { useSession } from '../../../web/session';
import { SavedQueriesOwnerSelect, useSavedQueriesOf } from './queries-owner';
import { DocumentTable } from './document-table';
import type { QueryPreview, SavedQuery } from './types';

interface Draft {
  id?: string;
  name: string;
  query: string;
  isAccentExact: boolean;
  linkType: '' | 'policy' | 'plan' | 'incident';
  linkId: string;
}
const emptyDraft: Draft = { name: '', query: '', isAccentExact: false, linkType: '', linkId: '' };

/**
 * A query's policy is chosen from the legal register (searchable by name and number); any other policy id — one
 * saved before, or typed for a policy the register does not hold — is offered as it is.
 */
function policyOptions(registerNames: ReadonlyMap<string, string>, current: string, typed: string, typedLabel: string) {
  const options = [...registerNames].map(([value, label]) => ({ value, label }));
  if (current && !registerNames.has(current)) options.unshift({ value: current, label: current });
  const id = typed.trim();
  if (id && id !== current && !registerNames.has(id) && ![...registerNames.values()].includes(id))
    options.push({ value: id, label: `${typedLabel} ${id}` });
  return options;
}

/** Shows the query with the erroneous span marked, so the officer sees where the syntax breaks. */
function ErrorPosition({ query, error }: { query: string; error: NonNullable<QueryPreview['error']> }) {
  const { t } = useTranslation('monitoring');
  const end = Math.min(query.length, error.position + Math.max(1, error.length));
  return (
    <Alert color="red" variant="light" role="alert" title={t('editor.syntaxError', { position: error.position + 1 })}>
      <Text fz="sm">{error.message}</Text>
      <Code block mt="xs">
        {query.slice(0, error.position)}
        <mark aria-label={t('editor.errorHere')}>{query.slice(error.position, end) || ' '}</mark>
        {query.slice(end)}
      </Code>
    </Alert>
  );
}

/** Saved topic queries: list, editor with live validation and a preview of matches over recent documents. */
export function QueriesPage() {
  const { t } = useTranslation('monitoring');
  const { t: tLegal } = useTranslation('legal');
  const client = useQueryClient();
  const register = useAllLegalDocuments();
  const [policySearch, setPolicySearch] = useState('');
  // Register documents by id with their names ("Luật Báo chí 126/2025/QH15"), for the policy link.
  const registerNames = useMemo(
    () => new Map((register.data ?? []).map((document) => [document.id, legalDocumentLabel(tLegal, document)])),
    [register.data, tLegal],
  );
  // The organization's incidents by id with their titles, for the incident link (the incident's page lists the
  // queries linked to it).
  const { user } = useSession();
  const queriesOf = useSavedQueriesOf();
  const { owner, queries: list } = queriesOf;
  const incidents = useQuery({
    queryKey: ['incidents', 'list', 'for-queries'],
    queryFn: () => apiRequest<IncidentSummary[]>('/incidents', { query: { limit: 500 } }),
    enabled: Boolean(user),
  });
  const incidentTitles = useMemo(
    () =>
      new Map(
        (incidents.data ?? [])
          .filter((incident) => incident.organizationId === owner)
          .map((incident) => [incident.id, incident.title]),
      ),
    [incidents.data, owner],
  );
  // `?suggest=` pre-fills a new query (emerging terms on the trends page link here), `&name=` its name, `&policy=`
  // its policy (a legal register document's page links here) or `&incident=` its incident (an incident's page).
  const [searchParams] = useSearchParams();
  const [draft, setDraft] = useState<Draft>(() => {
    const suggested = searchParams.get('suggest') ?? '';
    const policy = searchParams.get('policy');
    const incident = searchParams.get('incident');
    return {
      ...emptyDraft,
      name: searchParams.get('name') ?? suggested.replace(/"/g, ''),
      query: suggested,
      ...(policy ? { linkType: 'policy' as const, linkId: policy } : {}),
      ...(incident ? { linkType: 'incident' as const, linkId: incident } : {}),
    };
  });
  const [debounced, setDebounced] = useState(draft.query);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(draft.query), 400);
    return () => clearTimeout(timer);
  }, [draft.query]);
  const preview = useQuery({
    queryKey: ['monitoring', 'preview', debounced, draft.isAccentExact],
    enabled: debounced.trim().length > 0,
    queryFn: () =>
      apiRequest<QueryPreview>('/monitoring/queries/preview', {
        method: 'POST',
        body: { query: debounced, isAccentExact: draft.isAccentExact, days: 30, limit: 20 },
      }),
  });
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: draft.name,
        query: draft.query,
        isAccentExact: draft.isAccentExact,
        linkType: draft.linkType || null,
        linkId: draft.linkType ? draft.linkId || null : null,
      };
      return draft.id
        ? apiRequest<SavedQuery>(`/monitoring/queries/${draft.id}`, { method: 'PATCH', body })
        : apiRequest<SavedQuery>('/monitoring/queries', {
            method: 'POST',
            body: { ...body, organizationId: owner ?? undefined },
          });
    },
    onSuccess: async () => {
      setDraft(emptyDraft);
      await client.invalidateQueries({ queryKey: ['monitoring', 'queries'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => apiRequest<void>(`/monitoring/queries/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['monitoring', 'queries'] }),
  });
  const update =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((current) => ({ ...current, [key]: value }));

  return (
    <Stack>
      <PageTitle>{t('queries.title')}</PageTitle>
      <Group>
        <SavedQueriesOwnerSelect of={queriesOf} onChange={() => setDraft(emptyDraft)} />
      </Group>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('queries.name')}</Table.Th>
            <Table.Th scope="col">{t('queries.query')}</Table.Th>
            <Table.Th scope="col">{t('queries.link')}</Table.Th>
            <Table.Th scope="col">
              <span className="visually-hidden">{t('queries.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((query) => (
            <Table.Tr key={query.id}>
              <Table.Td>{query.name}</Table.Td>
              <Table.Td>
                <Code>{query.query}</Code>
              </Table.Td>
              <Table.Td>
                {query.linkType ? (
                  <>
                    {t(`link.${query.linkType}`)}{' '}
                    {query.linkType === 'policy' && query.linkId && registerNames.has(query.linkId) ? (
                      <LegalDocumentLink documentId={query.linkId} />
                    ) : query.linkType === 'incident' && query.linkId && incidentTitles.has(query.linkId) ? (
                      <Anchor component={Link} to={`/incidents/${query.linkId}`} inherit>
                        {incidentTitles.get(query.linkId)}
                      </Anchor>
                    ) : (
                      query.linkId
                    )}
                  </>
                ) : (
                  ''
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() =>
                      setDraft({
                        id: query.id,
                        name: query.name,
                        query: query.query,
                        isAccentExact: query.isAccentExact,
                        linkType: query.linkType ?? '',
                        linkId: query.linkId ?? '',
                      })
                    }
                  >
                    {t('queries.edit')}
                  </Button>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('queries.delete')}
                    onClick={() => remove.mutate(query.id)}
                  >
                    ×
                  </ActionIcon>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data?.length === 0 ? <Text c="dimmed">{t('queries.empty')}</Text> : null}
      <ErrorAlert error={list.error ?? remove.error} />

      <Stack gap="sm" maw={900}>
        <PageTitle order={2}>{draft.id ? t('editor.editTitle') : t('editor.newTitle')}</PageTitle>
        <TextInput
          label={t('queries.name')}
          required
          value={draft.name}
          onChange={(event) => update('name')(event.currentTarget.value)}
        />
        <Textarea
          label={t('queries.query')}
          description={t('editor.help')}
          required
          autosize
          minRows={2}
          styles={{ input: { fontFamily: 'monospace' } }}
          value={draft.query}
          onChange={(event) => update('query')(event.currentTarget.value)}
        />
        {preview.data && !preview.data.isValid && preview.data.error ? (
          <ErrorPosition query={debounced} error={preview.data.error} />
        ) : null}
        <Group>
          <Checkbox
            label={t('filters.accentExact')}
            checked={draft.isAccentExact}
            onChange={(event) => update('isAccentExact')(event.currentTarget.checked)}
          />
          <Select
            label={t('queries.link')}
            clearable
            data={(['policy', 'plan', 'incident'] as const).map((value) => ({ value, label: t(`link.${value}`) }))}
            value={draft.linkType || null}
            onChange={(value) => update('linkType')((value ?? '') as Draft['linkType'])}
            w={200}
          />
          {draft.linkType === 'policy' ? (
            <Select
              label={t('queries.linkPolicy')}
              description={t('queries.linkPolicyHelp')}
              searchable
              clearable
              data={policyOptions(registerNames, draft.linkId, policySearch, t('queries.linkPolicyOther'))}
              value={draft.linkId || null}
              onChange={(value) => update('linkId')(value ?? '')}
              filter={foldedOptionsFilter}
              searchValue={policySearch}
              onSearchChange={setPolicySearch}
              miw={320}
            />
          ) : draft.linkType === 'incident' ? (
            <Select
              label={t('queries.linkIncident')}
              description={t('queries.linkIncidentHelp')}
              searchable
              clearable
              data={[
                ...(draft.linkId && !incidentTitles.has(draft.linkId) ? [{ value: draft.linkId, label: draft.linkId }] : []),
                ...[...incidentTitles].map(([value, label]) => ({ value, label })),
              ]}
              value={draft.linkId || null}
              onChange={(value) => update('linkId')(value ?? '')}
              filter={foldedOptionsFilter}
              nothingFoundMessage={t('queries.noIncidents')}
              miw={320}
            />
          ) : draft.linkType ? (
            <TextInput
              label={t('queries.linkId')}
              value={draft.linkId}
              onChange={(event) => update('linkId')(event.currentTarget.value)}
            />
          ) : null}
        </Group>
        <Group>
          <Button
            onClick={() => save.mutate()}
            loading={save.isPending}
            disabled={!draft.name.trim() || !draft.query.trim() || preview.data?.isValid === false}
          >
            {t('editor.save')}
          </Button>
          {draft.id ? (
            <Button variant="default" onClick={() => setDraft(emptyDraft)}>
              {t('editor.cancel')}
            </Button>
          ) : null}
        </Group>
        <ErrorAlert error={save.error ?? preview.error} />
        {preview.data?.isValid && preview.data.matches ? (
          <>
            <Text fw={600}>{t('editor.preview', { count: preview.data.matches.length })}</Text>
            <DocumentTable documents={preview.data.matches} />
          </>
        ) : null}
      </Stack>
    </Stack>
  );
}
