import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const contactRoles = ['focal-point', 'spokesperson'] as const;
export type ContactRole = (typeof contactRoles)[number];

/** An organization's policy-communication unit (one row per organization, created on first edit). */
export const networkProfiles = pgTable('network_profiles', {
  organizationId: text('organization_id').primaryKey(),
  unitName: text('unit_name'),
  unitIsDedicated: boolean('unit_is_dedicated').notNull().default(false),
  staffDedicated: integer('staff_dedicated').notNull().default(0),
  staffPartTime: integer('staff_part_time').notNull().default(0),
  notes: text('notes'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Focal points (đầu mối) and spokespersons: personal data, for signed-in members only. */
export const networkContacts = pgTable('network_contacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: text('organization_id').notNull(),
  role: text('role').$type<ContactRole>().notNull(),
  fullName: text('full_name').notNull(),
  position: text('position'),
  phone: text('phone'),
  email: text('email'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const networkGroups = pgTable('network_groups', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  createdByUserId: uuid('created_by_user_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const networkGroupMembers = pgTable(
  'network_group_members',
  {
    groupKey: text('group_key').notNull(),
    organizationId: text('organization_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupKey, t.organizationId] })],
);

/** What the sender chose; recipients are resolved from it once, at send time. */
export interface AnnouncementAudience {
  organizationIds: string[];
  groupKeys: string[];
  on: string;
}

export const announcements = pgTable('announcements', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  senderUserId: uuid('sender_user_id'),
  senderOrganizationId: text('sender_organization_id').notNull(),
  audience: jsonb('audience').$type<AnnouncementAudience>().notNull(),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
});

export const announcementRecipients = pgTable(
  'announcement_recipients',
  {
    announcementId: uuid('announcement_id').notNull(),
    organizationId: text('organization_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.announcementId, t.organizationId] })],
);

export const announcementReads = pgTable(
  'announcement_reads',
  {
    announcementId: uuid('announcement_id').notNull(),
    userId: uuid('user_id').notNull(),
    organizationId: text('organization_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.announcementId, t.userId] })],
);

export type NetworkProfile = typeof networkProfiles.$inferSelect;
export type NetworkContact = typeof networkContacts.$inferSelect;
export type NetworkGroup = typeof networkGroups.$inferSelect;
export type Announcement = typeof announcements.$inferSelect;

/** Users already mailed about an announcement (idempotency of the mail job). */
export const announcementMailings = pgTable(
  'announcement_mailings',
  {
    announcementId: uuid('announcement_id').notNull(),
    userId: uuid('user_id').notNull(),
    emailedAt: timestamp('emailed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.announcementId, t.userId] })],
);
