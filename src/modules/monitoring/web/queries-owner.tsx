import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../web/api';
import { OrganizationSelect } from '../../../web/components/organization-select';
import { hasRole, useSession } from '../../../web/session';
import type { SavedQuery } from './types';

/**
 * Whose saved queries a page works on: the signed-in user's organization, or for network-wide roles
 * (administrator, coordinator) the organization they pick — the network level `chinh-phu`, where `nhip monitor
 * queries add` saves by default, among them.
 */
export function useSavedQueriesOf() {
  const { user } = useSession();
  const isNetworkWide = hasRole(user, ['administrator', 'coordinator']);
  const [chosen, setChosen] = useState<string | null>(null);
  const owner = (isNetworkWide ? chosen : null) ?? user?.organizationId ?? null;
  const queries = useQuery({
    queryKey: ['monitoring', 'queries', owner],
    queryFn: () => apiRequest<SavedQuery[]>('/monitoring/queries', { query: { organizationId: owner ?? undefined } }),
    enabled: Boolean(user),
  });
  return { isNetworkWide, owner, choose: setChosen, queries };
}

/** The organization picker of `useSavedQueriesOf`, shown to network-wide roles only. */
export function SavedQueriesOwnerSelect({
  of,
  onChange,
}: {
  of: ReturnType<typeof useSavedQueriesOf>;
  onChange?: (owner: string | null) => void;
}) {
  const { t } = useTranslation('monitoring');
  if (!of.isNetworkWide) return null;
  return (
    <OrganizationSelect
      label={t('queries.organization')}
      description={t('queries.organizationHelp')}
      value={of.owner}
      onChange={(value) => {
        of.choose(value);
        onChange?.(value);
      }}
    />
  );
}
