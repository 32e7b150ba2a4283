import type { ReactElement } from 'react';
import type { Organization } from './types';
import { NetworkSection } from '../modules/network/web/network-section';

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

export const organizationSections: OrganizationSection[] = [
  { id: 'network', isSignedInOnly: false, render: (organization) => <NetworkSection organization={organization} /> },
];
