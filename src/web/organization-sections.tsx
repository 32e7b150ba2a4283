import type { ReactElement } from 'react';
import type { Organization } from './types';

/**
 * Sections other modules contribute to the organization page (e.g. the network profile and contacts),
 * one entry each, in display order.
 */
export interface OrganizationSection {
  id: string;
  /** Shown only to signed-in users (personal data such as contacts). */
  isSignedInOnly: boolean;
  render: (organization: Organization) => ReactElement;
}

export const organizationSections: OrganizationSection[] = [];
