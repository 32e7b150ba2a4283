import { ValidityBadge } from '../../../web/components/validity-badge';
import type { Organization } from '../../../web/types';

/** Whether an organization is in force today, and the dates it is valid between. */
export function OrganizationValidity({ organization }: { organization: Organization }) {
  return <ValidityBadge from={organization.validFrom} to={organization.validTo} namespace="directory" />;
}
