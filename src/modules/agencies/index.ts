/** Directory of the Vietnamese state and the network: dated organizations with predecessor → successor links. */
export { agencyRoutes as routes } from './routes';
export {
  listOrganizations,
  getOrganization,
  createOrganization,
  updateOrganization,
  seedReferenceOrganizations,
  buildSearchText,
  inForceOn,
  organizationKinds,
  type OrganizationKind,
  type OrganizationView,
} from './organizations';
export { organizations, organizationLinks, type Organization } from './schema';
