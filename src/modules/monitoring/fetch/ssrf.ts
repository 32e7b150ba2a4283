/** The SSRF guard lives in the platform (also used for alert webhooks); re-exported for the fetcher. */
export { createGuardedLookup, isPrivateAddress, normalizeHost, BlockedAddressError } from '../../../platform/outbound-url';
