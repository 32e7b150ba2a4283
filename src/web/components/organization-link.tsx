import { Anchor } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { apiRequest } from '../api';
import type { Organization } from '../types';

/** Loads one organization (cached; shared by every view of it). */
export function useOrganization(organizationId: string | undefined) {
  return useQuery({
    queryKey: ['organization', organizationId],
    queryFn: () => apiRequest<Organization>(`/organizations/${encodeURIComponent(organizationId ?? '')}`),
    enabled: Boolean(organizationId),
    staleTime: 5 * 60_000,
  });
}

/** Every organization of the directory (current and former), loaded once and shared: names for links and pickers. */
export function useAllOrganizations() {
  return useQuery({
    queryKey: ['organizations', 'all'],
    queryFn: () => apiRequest<Organization[]>('/organizations', { query: { limit: 5000 } }),
    staleTime: 10 * 60_000,
  });
}

/** Map from organization id to organization, from the shared directory list. */
export function useOrganizationMap(): Map<string, Organization> {
  const { data } = useAllOrganizations();
  return useMemo(() => new Map((data ?? []).map((organization) => [organization.id, organization])), [data]);
}

/** A link to an organization's page, labelled with its name (its id until the directory has loaded). */
export function OrganizationLink({ organizationId }: { organizationId: string }) {
  const organizations = useOrganizationMap();
  return (
    <Anchor component={Link} to={`/organizations/${encodeURIComponent(organizationId)}`} inherit>
      {organizations.get(organizationId)?.name ?? organizationId}
    </Anchor>
  );
}
