import { z } from '@hono/zod-openapi';
import { commaSeparated, isoDateSchema } from '../../platform/http';
import { KIND_CODES } from './identity';

const kindCodes = KIND_CODES as [string, ...string[]];

const legalDocumentStatusSchema = z.enum(['issued', 'draft']).openapi({
  description:
    'issued, or draft (dự thảo): a policy before adoption, with no number/symbol yet; its dates say when it stands for the policy ' +
    '(from when it was made public to the day before the document adopted from it applies)',
});

export const legalDocumentSchema = z
  .object({
    id: z.string().openapi({
      example: 'policy:luat:103/2016/qh13',
      description: 'Kind and number/symbol, folded; in a path, encode it with encodeURIComponent',
    }),
    kind: z.string().openapi({ example: 'luat' }),
    status: legalDocumentStatusSchema,
    numberSymbol: z.string().nullable().openapi({ example: '103/2016/QH13', description: 'Null for a draft' }),
    title: z.string().openapi({ example: 'Luật Báo chí' }),
    aliases: z.array(z.string()),
    issuer: z.string().nullable(),
    issuedOn: z.string().nullable(),
    effectiveFrom: z.string().nullable(),
    effectiveTo: z
      .string()
      .nullable()
      .openapi({ description: 'Last day in force (inclusive); for a draft, the last day it stands for the policy' }),
    isReference: z.boolean(),
    notes: z.string().nullable(),
    predecessors: z.array(z.string()).openapi({ description: 'Ids of the documents this one replaces' }),
    successors: z.array(z.string()).openapi({ description: 'Ids of the documents that replace this one' }),
  })
  .openapi('LegalDocument');

export const listLegalDocumentsQuerySchema = z.object({
  kind: z
    .string()
    .optional()
    .refine((value) => (commaSeparated(value) ?? []).every((kind) => KIND_CODES.includes(kind)), {
      message: `comma-separated kinds among ${KIND_CODES.join(', ')}`,
    })
    .openapi({ description: `Comma-separated kinds: ${KIND_CODES.join(', ')}` }),
  status: legalDocumentStatusSchema.optional(),
  on: isoDateSchema
    .optional()
    .openapi({ description: 'Only documents in force on this date (drafts: standing for their policy then)' }),
  search: z.string().max(200).optional().openapi({
    description: 'Accent-insensitive, in titles, aliases and numbers: "luat bao chi" and "103/2016" find the Press Law',
  }),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});

export const legalDocumentIdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .openapi({
      param: { name: 'id', in: 'path' },
      example: 'policy:luat:103/2016/qh13',
      description: 'The id, percent-encoded in the path like encodeURIComponent does: policy%3Aluat%3A103%2F2016%2Fqh13',
    }),
});

const legalDocumentLinksSchema = z.array(z.string().min(1)).max(50);

export const legalDocumentInputSchema = z
  .object({
    kind: z.enum(kindCodes),
    status: legalDocumentStatusSchema.optional().openapi({ description: 'issued (the default) or draft' }),
    numberSymbol: z
      .string()
      .trim()
      .max(100)
      .nullable()
      .optional()
      .openapi({
        example: '103/2016/QH13',
        description:
          'As officially written; the id is computed from it and the kind. Required for an issued document; a draft has none ' +
          '(its id comes from kind and title: policy:luat:du-thao/bao-chi-sua-doi)',
      }),
    title: z.string().trim().min(2).max(500),
    aliases: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
    issuer: z.string().trim().max(300).nullable().optional(),
    issuedOn: isoDateSchema.nullable().optional(),
    effectiveFrom: isoDateSchema.nullable().optional(),
    effectiveTo: isoDateSchema
      .nullable()
      .optional()
      .openapi({ description: 'Last day in force (inclusive); for a draft, the last day it stands for the policy' }),
    notes: z.string().max(5000).nullable().optional(),
    predecessors: legalDocumentLinksSchema.optional().openapi({ description: 'Ids of the documents this one replaces' }),
    successors: legalDocumentLinksSchema.optional().openapi({ description: 'Ids of the documents that replace this one' }),
  })
  .strict()
  .openapi('LegalDocumentInput');

export const legalDocumentChangesSchema = legalDocumentInputSchema
  .omit({ kind: true, status: true })
  .partial()
  .strict()
  .openapi('LegalDocumentChanges', {
    description:
      'Fields given replace the current ones (lists too); numberSymbol may only be respelled, not changed; kind and status stay ' +
      '(an adopted draft is followed by the issued document, linked as its successor)',
  });
