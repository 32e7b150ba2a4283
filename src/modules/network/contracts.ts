import { z } from '@hono/zod-openapi';
import { contactRoles } from './schema';

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD');
const organizationIdSchema = z.string().min(1).max(200);
const nullableText = (max: number) => z.string().trim().max(max).nullable().optional();

// ---- network profile and contacts

export const contactRoleSchema = z
  .enum(contactRoles)
  .openapi({ description: 'focal-point (đầu mối) or spokesperson (người phát ngôn)' });

/** Vietnamese and international phone numbers as people type them: digits, spaces, + ( ) . - */
export const phoneSchema = z
  .string()
  .trim()
  .max(30)
  .regex(/^\+?[0-9][0-9 ().-]{5,29}$/, 'phone number: digits, spaces, + ( ) . - (6 to 30 characters)');

export const contactSchema = z
  .object({
    id: z.string().uuid(),
    organizationId: z.string(),
    role: contactRoleSchema,
    fullName: z.string(),
    position: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('NetworkContact');

export const contactInputSchema = z
  .object({
    role: contactRoleSchema,
    fullName: z.string().trim().min(2).max(200),
    position: nullableText(300),
    phone: phoneSchema.nullable().optional(),
    email: z.string().trim().email().max(320).nullable().optional(),
  })
  .strict()
  .openapi('NetworkContactInput');

export const contactChangesSchema = contactInputSchema.partial().strict().openapi('NetworkContactChanges');

export const unitSchema = z
  .object({
    name: z.string().nullable(),
    isDedicated: z.boolean(),
    staffDedicated: z.number().int(),
    staffPartTime: z.number().int(),
    /** Members only. */
    notes: z.string().nullable().optional(),
  })
  .openapi('CommunicationUnit');

export const networkProfileSchema = z
  .object({
    organizationId: z.string(),
    organizationName: z.string(),
    kind: z.string(),
    unit: unitSchema,
    /** False for signed-out requests: contacts and notes are then left out. */
    isMemberView: z.boolean(),
    focalPoints: z.array(contactSchema).optional(),
    spokespersons: z.array(contactSchema).optional(),
    updatedAt: z.string().nullable(),
  })
  .openapi('NetworkProfile');

export const networkProfileInputSchema = z
  .object({
    unitName: nullableText(300),
    isDedicated: z.boolean().optional(),
    staffDedicated: z.number().int().min(0).max(100_000).optional(),
    staffPartTime: z.number().int().min(0).max(100_000).optional(),
    notes: nullableText(5000),
  })
  .strict()
  .openapi('NetworkProfileInput');

// ---- groups

export const groupSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    isBuiltIn: z.boolean(),
    /** Built-in groups: the organization kinds they cover. */
    kinds: z.array(z.string()).optional(),
    /** Custom groups: the member organization ids as stored (in force or not). */
    organizationIds: z.array(z.string()).optional(),
    memberCount: z.number().int(),
  })
  .openapi('Group');

export const groupMemberSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    shortName: z.string().nullable(),
    kind: z.string(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
  })
  .openapi('GroupMember');

export const groupMembersSchema = z
  .object({ key: z.string(), name: z.string(), on: z.string(), members: z.array(groupMemberSchema) })
  .openapi('GroupMembers');

export const groupKeySchema = z.string().regex(/^[a-z0-9-]{2,60}$/, 'lower-case letters, digits and dashes (2 to 60)');

export const groupInputSchema = z
  .object({
    key: groupKeySchema.optional(),
    name: z.string().trim().min(2).max(200),
    description: nullableText(2000),
    organizationIds: z.array(organizationIdSchema).max(2000),
  })
  .strict()
  .openapi('GroupInput');

export const groupChangesSchema = groupInputSchema.omit({ key: true }).partial().strict().openapi('GroupChanges');

export const onQuerySchema = z.object({
  on: isoDateSchema.optional().openapi({ description: 'Date (YYYY-MM-DD); default today in Vietnam' }),
});

// ---- announcements

export const sendAnnouncementSchema = z
  .object({
    title: z.string().trim().min(2).max(300),
    body: z
      .string()
      .trim()
      .min(1)
      .max(50_000)
      .openapi({ description: 'Plain text (Markdown source allowed); stored and shown as text, never as HTML' }),
    organizationIds: z.array(organizationIdSchema).max(5000).default([]),
    groupKeys: z.array(z.string().max(60)).max(100).default([]),
    on: isoDateSchema.optional().openapi({ description: 'Date groups are resolved on; default today in Vietnam' }),
  })
  .strict()
  .openapi('SendAnnouncement');

export const announcementSchema = z
  .object({
    id: z.string().uuid(),
    title: z.string(),
    body: z.string(),
    senderUserId: z.string().nullable(),
    senderOrganizationId: z.string(),
    audience: z.object({ organizationIds: z.array(z.string()), groupKeys: z.array(z.string()), on: z.string() }),
    recipientOrganizationIds: z.array(z.string()),
    sentAt: z.string(),
    /** For the reading user: when they opened it, or null. */
    readAt: z.string().nullable(),
  })
  .openapi('Announcement');

export const inboxSchema = z
  .object({
    unreadCount: z.number().int(),
    items: z.array(
      z.object({
        id: z.string().uuid(),
        title: z.string(),
        excerpt: z.string(),
        senderOrganizationId: z.string(),
        sentAt: z.string(),
        readAt: z.string().nullable(),
      }),
    ),
  })
  .openapi('AnnouncementInbox');

export const sentListSchema = z
  .array(
    z.object({
      id: z.string().uuid(),
      title: z.string(),
      senderOrganizationId: z.string(),
      senderUserId: z.string().nullable(),
      sentAt: z.string(),
      recipientOrganizationCount: z.number().int(),
      readerCount: z.number().int(),
    }),
  )
  .openapi('SentAnnouncements');

export const receiptsSchema = z
  .object({
    announcementId: z.string().uuid(),
    recipientOrganizationCount: z.number().int(),
    organizationsWithReaders: z.number().int(),
    recipients: z.array(
      z.object({
        organizationId: z.string(),
        organizationName: z.string(),
        userCount: z.number().int(),
        readers: z.array(z.object({ userId: z.string(), email: z.string(), displayName: z.string(), readAt: z.string() })),
      }),
    ),
  })
  .openapi('AnnouncementReceipts');

export const pageQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).optional() });

// ---- directory CSV

export const importReportSchema = z
  .object({
    imported: z.number().int().openapi({ description: 'Rows that created a profile or contact' }),
    updated: z.number().int().openapi({ description: 'Rows that changed existing data only' }),
    unchanged: z.number().int(),
    rejected: z.array(z.object({ line: z.number().int(), field: z.string().nullable(), reason: z.string() })),
  })
  .openapi('DirectoryImportReport');

export const exportQuerySchema = z.object({
  on: isoDateSchema.optional().openapi({ description: 'Organizations in force on this date; default today in Vietnam' }),
  kind: z.string().max(200).optional().openapi({ description: 'Comma-separated organization kinds' }),
});
