/**
 * The network: each organization's policy-communication unit and contacts (personal data, members only),
 * named groups of organizations resolved on a date, announcements with read receipts, directory CSV.
 */
export { networkRoutes as routes } from './routes';
export { getNetworkProfile, updateNetworkProfile, listContacts, createContact, updateContact, deleteContact } from './profiles';
export { listGroups, resolveGroupMembers, createGroup, updateGroup, deleteGroup, builtInGroups } from './groups';
export {
  sendAnnouncement,
  getAnnouncement,
  markAnnouncementRead,
  listInbox,
  listSentAnnouncements,
  getAnnouncementReceipts,
} from './announcements';
export { mailAnnouncement } from './announcement-mail';
export { networkJobs as jobs } from './jobs';
export { exportDirectoryCsv, importDirectoryCsv, type ImportReport } from './directory-csv';
export {
  networkProfiles,
  networkContacts,
  networkGroups,
  announcements,
  announcementRecipients,
  announcementReads,
  announcementMailings,
} from './schema';
