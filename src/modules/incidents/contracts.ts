import { z } from '@hono/zod-openapi';
import { incidentStatuses, linkKinds, memberRoles, statementKinds, statementStatuses } from './model';

/** Request and response schemas of the incidents API (validated once, here, and documented in OpenAPI). */

const dateTime = z.string().datetime({ offset: true }).openapi({ description: 'ISO date-time, e.g. 2026-11-26T17:00:00+07:00' });
const severity = z.number().int().min(1).max(4).openapi({ description: 'Cấp độ 1 (thấp) … 4 (nghiêm trọng)' });

export const userRefSchema = z.object({ id: z.string(), displayName: z.string(), email: z.string() }).openapi('IncidentUserRef');

export const incidentSummarySchema = z
  .object({
    id: z.string().uuid(),
    organizationId: z.string(),
    organizationName: z.string(),
    title: z.string(),
    severity: z.number().int(),
    status: z.enum(incidentStatuses),
    owner: userRefSchema.nullable(),
    sourceAlertId: z.string().nullable(),
    responseDueAt: z.string().nullable(),
    resolutionDueAt: z.string().nullable(),
    isOverdue: z.boolean().openapi({ description: 'A deadline has passed while the incident is not closed' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .openapi('IncidentSummary');
export type IncidentSummary = z.infer<typeof incidentSummarySchema>;

export const memberSchema = z
  .object({ user: userRefSchema, role: z.enum(memberRoles), addedAt: z.string() })
  .openapi('IncidentMember');
export const linkSchema = z
  .object({ kind: z.enum(linkKinds), targetId: z.string(), label: z.string(), linkedAt: z.string() })
  .openapi('IncidentLink');
export const timelineEntrySchema = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    actor: userRefSchema.nullable(),
    body: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  })
  .openapi('IncidentTimelineEntry');
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const statementSchema = z
  .object({
    id: z.string().uuid(),
    incidentId: z.string().uuid(),
    kind: z.enum(statementKinds),
    title: z.string(),
    body: z.string(),
    addressee: z.string().nullable(),
    status: z.enum(statementStatuses),
    author: userRefSchema.nullable(),
    submittedAt: z.string().nullable(),
    approvedBy: userRefSchema.nullable(),
    approvedAt: z.string().nullable(),
    signerName: z.string().nullable(),
    signerCapacity: z.string().nullable(),
    reviewComment: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('IncidentStatement');
export type StatementView = z.infer<typeof statementSchema>;

export const incidentDetailSchema = incidentSummarySchema
  .extend({
    description: z.string().nullable(),
    members: z.array(memberSchema),
    links: z.array(linkSchema),
    sharedWith: z.array(z.object({ organizationId: z.string(), organizationName: z.string() })),
    timeline: z.array(timelineEntrySchema),
    statements: z.array(statementSchema),
    allowedTransitions: z.array(z.enum(incidentStatuses)),
    canHandle: z.boolean().openapi({ description: 'The caller may change this incident' }),
    canApprove: z.boolean().openapi({ description: 'The caller may approve statements of this incident (other than their own)' }),
  })
  .openapi('IncidentDetail');
export type IncidentDetail = z.infer<typeof incidentDetailSchema>;

export const openIncidentSchema = z
  .object({
    organizationId: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'Owning organization (network-wide roles only; default: your own)' }),
    title: z
      .string()
      .trim()
      .min(3)
      .max(300)
      .optional()
      .openapi({ description: 'Required unless fromAlertId is given (then derived from the alert)' }),
    description: z.string().max(20_000).nullable().optional(),
    severity: severity.optional().openapi({ description: 'Default 2' }),
    fromAlertId: z
      .string()
      .uuid()
      .optional()
      .openapi({ description: 'Open from a trends alert; opening twice from one alert returns the existing incident (200)' }),
    ownerUserId: z.string().uuid().nullable().optional(),
    responseDueAt: dateTime.nullable().optional(),
    resolutionDueAt: dateTime.nullable().optional(),
  })
  .strict()
  .openapi('IncidentOpen');
export type OpenIncidentInput = z.infer<typeof openIncidentSchema>;

export const updateIncidentSchema = z
  .object({
    title: z.string().trim().min(3).max(300).optional(),
    description: z.string().max(20_000).nullable().optional(),
    severity: severity.optional(),
    responseDueAt: dateTime.nullable().optional(),
    resolutionDueAt: dateTime.nullable().optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: 'Change at least one field' })
  .openapi('IncidentUpdate');
export type UpdateIncidentInput = z.infer<typeof updateIncidentSchema>;

export const transitionSchema = z
  .object({ status: z.enum(incidentStatuses), note: z.string().trim().max(5000).optional() })
  .strict()
  .openapi('IncidentTransition');

export const assignSchema = z.object({ ownerUserId: z.string().uuid().nullable() }).strict().openapi('IncidentAssign');
export const memberInputSchema = z
  .object({ userId: z.string().uuid(), role: z.enum(memberRoles) })
  .strict()
  .openapi('IncidentMemberInput');
export const linkInputSchema = z
  .object({ kind: z.enum(linkKinds), targetId: z.string().uuid() })
  .strict()
  .openapi('IncidentLinkInput');
export const shareInputSchema = z
  .object({ organizationId: z.string().min(1).max(200) })
  .strict()
  .openapi('IncidentShareInput');
export const noteInputSchema = z
  .object({ body: z.string().trim().min(1).max(10_000) })
  .strict()
  .openapi('IncidentNoteInput');

export const statementInputSchema = z
  .object({
    kind: z.enum(statementKinds),
    title: z.string().trim().min(3).max(300),
    body: z.string().trim().min(10).max(50_000),
    addressee: z
      .string()
      .trim()
      .max(500)
      .nullable()
      .optional()
      .openapi({ description: 'For a press response: the outlet and the question answered' }),
  })
  .strict()
  .openapi('IncidentStatementInput');
export type StatementInput = z.infer<typeof statementInputSchema>;
export const statementUpdateSchema = statementInputSchema
  .omit({ kind: true })
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: 'Change at least one field' })
  .openapi('IncidentStatementUpdate');

export const statementReviewSchema = z
  .object({
    decision: z.enum(['approve', 'return']),
    comment: z.string().trim().max(5000).optional().openapi({ description: 'Required when returning the draft' }),
    signerName: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'Printed under the signature (default: the approver)' }),
    signerCapacity: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'e.g. "NGƯỜI PHÁT NGÔN" (default) or "PHÓ CHỦ TỊCH"' }),
  })
  .strict()
  .openapi('IncidentStatementReview');
export type StatementReviewInput = z.infer<typeof statementReviewSchema>;

export const listQuerySchema = z.object({
  organizationId: z.string().optional().openapi({ description: 'Network-wide roles: one organization' }),
  status: z.enum(incidentStatuses).optional(),
  severity: z.coerce.number().int().min(1).max(4).optional(),
  isOverdue: z.enum(['true', 'false']).optional(),
  q: z.string().max(200).optional().openapi({ description: 'Words of the title or description, with or without accents' }),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
