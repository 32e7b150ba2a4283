import { z } from '@hono/zod-openapi';
import { isoDateSchema } from '../../platform/http';
import { organizationKinds } from './organizations';

export const organizationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    shortName: z.string().nullable(),
    englishName: z.string().nullable(),
    aliases: z.array(z.string()),
    kind: z.string(),
    parentId: z.string().nullable(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    isReference: z.boolean(),
    isPublic: z.boolean(),
    isPress: z
      .boolean()
      .openapi({ description: 'A press body, whatever its kind (VTV, VOV and VNA are government agencies and press)' }),
    notes: z.string().nullable(),
    predecessors: z.array(z.string()),
    successors: z.array(z.string()),
  })
  .openapi('Organization');

export const listOrganizationsQuerySchema = z.object({
  kind: z
    .string()
    .optional()
    .openapi({ description: 'Comma-separated kinds: ministry, ministerial-agency, government-agency, province, press-agency …' }),
  on: isoDateSchema.optional().openapi({ description: 'Only organizations in force on this date' }),
  search: z.string().max(200).optional().openapi({ description: 'Accent-insensitive: "bo y te" finds "Bộ Y tế"' }),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});

export const organizationInputSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9-]{2,80}$/)
      .optional(),
    name: z.string().trim().min(2).max(300),
    shortName: z.string().trim().max(100).nullable().optional(),
    englishName: z.string().trim().max(300).nullable().optional(),
    aliases: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
    kind: z.enum(organizationKinds),
    parentId: z.string().nullable().optional(),
    validFrom: isoDateSchema.nullable().optional(),
    validTo: isoDateSchema.nullable().optional(),
    isPublic: z.boolean().optional(),
    isPress: z.boolean().optional().openapi({ description: 'Default: true for kind press-agency' }),
    notes: z.string().max(5000).nullable().optional(),
    predecessors: z.array(z.string()).max(50).optional(),
  })
  .strict()
  .openapi('OrganizationInput');

export const organizationChangesSchema = organizationInputSchema
  .partial()
  .omit({ id: true })
  .extend({ successors: z.array(z.string()).max(50).optional() })
  .strict()
  .openapi('OrganizationChanges');
