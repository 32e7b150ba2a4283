/** UI-side shapes of the network API (see /api/openapi.json: NetworkProfile, Announcement, …). */

export const contactRoles = ['focal-point', 'spokesperson'] as const;
export type ContactRole = (typeof contactRoles)[number];

export interface NetworkContact {
  id: string;
  organizationId: string;
  role: ContactRole;
  fullName: string;
  position: string | null;
  phone: string | null;
  email: string | null;
  updatedAt: string;
}

export interface NetworkProfile {
  organizationId: string;
  organizationName: string;
  kind: string;
  unit: { name: string | null; isDedicated: boolean; staffDedicated: number; staffPartTime: number; notes?: string | null };
  isMemberView: boolean;
  focalPoints?: NetworkContact[];
  spokespersons?: NetworkContact[];
  updatedAt: string | null;
}

export interface Group {
  key: string;
  name: string;
  description: string | null;
  isBuiltIn: boolean;
  memberCount: number;
}

export interface Announcement {
  id: string;
  title: string;
  body: string;
  senderUserId: string | null;
  senderOrganizationId: string;
  audience: { organizationIds: string[]; groupKeys: string[]; on: string };
  recipientOrganizationIds: string[];
  sentAt: string;
  readAt: string | null;
}

export interface Inbox {
  unreadCount: number;
  items: { id: string; title: string; excerpt: string; senderOrganizationId: string; sentAt: string; readAt: string | null }[];
}

export type SentAnnouncements = {
  id: string;
  title: string;
  senderOrganizationId: string;
  senderUserId: string | null;
  sentAt: string;
  recipientOrganizationCount: number;
  readerCount: number;
}[];

export interface Receipts {
  announcementId: string;
  recipientOrganizationCount: number;
  organizationsWithReaders: number;
  recipients: {
    organizationId: string;
    organizationName: string;
    userCount: number;
    readers: { userId: string; email: string; displayName: string; readAt: string }[];
  }[];
}
