import { z } from '@hono/zod-openapi';

const dateOrDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/,
    'YYYY-MM-DD (a day in Vietnam time) or an ISO date-time with offset',
  );

export const auditQuerySchema = z
  .object({
    actor: z.string().trim().min(1).max(320).optional().openapi({ description: 'User id (UUID) or email of whoever acted' }),
    entityType: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'e.g. user, organization, network-contact, announcement' }),
    entityId: z.string().trim().min(1).max(200).optional(),
    organizationId: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'Organization that owns the changed record' }),
    action: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'Exact action (user.create), or a prefix ending in * (network-contact.*)' }),
    from: dateOrDateTime
      .optional()
      .openapi({ description: 'From this instant, or from the start of this day in Vietnam (inclusive)' }),
    to: dateOrDateTime
      .optional()
      .openapi({ description: 'Up to this instant, or to the end of this day in Vietnam (inclusive)' }),
    limit: z.coerce.number().int().min(1).max(200).optional().openapi({ description: 'Page size, default 50' }),
    cursor: z
      .string()
      .regex(/^\d{1,18}$/, 'a nextCursor from a previous page')
      .optional(),
  })
  .strict();

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actorUserId: z.string().nullable(),
    actorEmail: z.string().nullable(),
    actorOrganizationId: z.string().nullable(),
    organizationId: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
  })
  .openapi('AuditEntry');

export const auditPageSchema = z
  .object({
    items: z.array(auditEntrySchema),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as cursor for the next (older) page; null at the end' }),
  })
  .openapi('AuditPage');
