import {
  referenceOrganizations,
  type ReferenceOrganization,
  type ReferenceOrganizationKind,
} from '../../agencies/reference-data';
import { currentSuccessors, orgsInForce, organizationNameOn, resolveGroupPhrase } from '../../agencies/resolve';
import type { DirectoryOrganization, OrganizationDirectory } from './types';

function toDirectoryOrganization(organization: ReferenceOrganization, date?: string): DirectoryOrganization {
  return {
    id: organization.id,
    name: date ? organizationNameOn(organization, date) : organization.name,
    kind: organization.kind,
    aliases: organization.aliases,
    shortName: organization.shortName ?? null,
    validFrom: organization.validFrom,
    validTo: organization.validTo,
  };
}

/**
 * The parser's directory over the agencies module's dated reference data and pure resolver
 * (`orgsInForce`, `resolveGroupPhrase`, `currentSuccessors`).
 */
export function createReferenceDirectory(orgs: readonly ReferenceOrganization[] = referenceOrganizations): OrganizationDirectory {
  const all = orgs.map((organization) => toDirectoryOrganization(organization));
  return {
    organizations: () => all,
    inForce: (date, kinds) =>
      orgsInForce(orgs, date, kinds as readonly ReferenceOrganizationKind[] | undefined).map((organization) =>
        toDirectoryOrganization(organization, date),
      ),
    resolveGroup: (phrase, date) => {
      const resolution = resolveGroupPhrase(orgs, phrase, date);
      return resolution.groups.length > 0
        ? resolution.organizations.map((organization) => toDirectoryOrganization(organization, date))
        : null;
    },
    successors: (id, date) =>
      currentSuccessors(orgs, id, date)
        .filter((organization) => organization.id !== id)
        .map((organization) => toDirectoryOrganization(organization, date)),
  };
}
