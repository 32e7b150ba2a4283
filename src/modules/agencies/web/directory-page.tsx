import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { apiRequest } from '../../../web/api';
import { LineageLinks } from '../../../web/components/lineage-links';
import { ReferenceFilters, useReferenceFilters } from '../../../web/components/reference-filters';
import { ErrorAlert } from '../../../web/components/error-alert';
import { Loading } from '../../../web/components/loading';
import { OrganizationLink } from '../../../web/components/organization-link';
import { PageTitle } from '../../../web/components/page-title';
import { formatNumber } from '../../../web/format';
import { organizationKinds, type Organization } from '../../../web/types';
import { OrganizationValidity } from './organization-validity';

/** The directory: search with or without diacritics, filter by kind and by the date organizations were in force. */
export function DirectoryPage() {
  const { t } = useTranslation('directory');
  const filters = useReferenceFilters();
  const { debouncedSearch, kind, onDate, isDateInvalid } = filters;

  const query = useQuery({
    queryKey: ['organizations', { search: debouncedSearch, kind, on: onDate }],
    queryFn: () =>
      apiRequest<Organization[]>('/organizations', { query: { search: debouncedSearch, kind, on: onDate, limit: 1000 } }),
    enabled: !isDateInvalid,
    placeholderData: (previous) => previous,
  });

  return (
    <Stack>
      <PageTitle>{t('title')}</PageTitle>
      <ReferenceFilters filters={filters} namespace="directory" kinds={organizationKinds} />
      <ErrorAlert error={query.error} />
      {query.isPending && !isDateInvalid ? <Loading /> : null}
      {query.data ? (
        <>
          <Text fz="sm" c="dark.6" role="status" aria-live="polite">
            {t('resultCount', { count: query.data.length, formatted: formatNumber(query.data.length) })}
          </Text>
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('columns.name')}</Table.Th>
                  <Table.Th scope="col">{t('columns.kind')}</Table.Th>
                  <Table.Th scope="col">{t('columns.validity')}</Table.Th>
                  <Table.Th scope="col">{t('columns.lineage')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.map((organization) => (
                  <Table.Tr key={organization.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/organizations/${encodeURIComponent(organization.id)}`} fw={600}>
                        {organization.name}
                      </Anchor>
                      {organization.shortName ? (
                        <Text fz="xs" c="dark.5">
                          {organization.shortName}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{t(`kinds.${organization.kind}`, { defaultValue: organization.kind })}</Table.Td>
                    <Table.Td>
                      <OrganizationValidity organization={organization} />
                    </Table.Td>
                    <Table.Td>
                      <LineageLinks
                        predecessors={organization.predecessors}
                        successors={organization.successors}
                        namespace="directory"
                        renderLink={(id) => <OrganizationLink organizationId={id} />}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      ) : null}
    </Stack>
  );
}
