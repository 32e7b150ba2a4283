import { isNetworkWide, type Actor } from '../../platform/actor';

/**
 * Add or edit a register entry: network-wide roles only (coordinators, administrators, the system). The register
 * is shared by every organization, so one unit's officer must not change what all others read.
 */
export function canEditLegalRegister(actor: Actor): boolean {
  return isNetworkWide(actor);
}
