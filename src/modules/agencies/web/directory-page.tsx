import { Anchor, Stack, Text } from '@mantine/core';
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
import { ReferenceTable } from '../../../web/components/reference-table';
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
        <ReferenceTable
          namespace="directory"
          nameColumn="name"
          minWidth={760}
          rows={query.data.map((organization) => ({
            key: organization.id,
            name: (
              <>
                <Anchor component={Link} to={`/organizations/${encodeURIComponent(organization.id)}`} fw={600}>
                  {organization.name}
                </Anchor>
                {organization.shortName ? (
                  <Text fz="xs" c="dark.5">
                    {organization.shortName}
                  </Text>
                ) : null}
              </>
            ),
            kind: t(`kinds.${organization.kind}`, { defaultValue: organization.kind }),
            validity: <OrganizationValidity organization={organization} />,
            lineage: (
              <LineageLinks
                predecessors={organization.predecessors}
                successors={organization.successors}
                namespace="directory"
                renderLink={(id) => <OrganizationLink organizationId={id} />}
              />
            ),
          }))}
        />
      ) : null}
    </Stack>
  );
}
