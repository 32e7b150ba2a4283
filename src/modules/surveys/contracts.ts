import { z } from '@hono/zod-openapi';
import { campaignTargetSchema, directoryFields, formDefinitionSchema } from './form-model';

/** Request and response schemas of the surveys API (validated once, here, and documented in OpenAPI). */

export const answersSchema = z
  .record(z.string(), z.unknown())
  .openapi('SurveyAnswers', { description: 'Answers keyed by question id; each value has the shape of its question type' });

export const formSchema = z
  .object({
    id: z.string().uuid(),
    key: z.string(),
    version: z.number().int(),
    title: z.string(),
    description: z.string().nullable(),
    allowsPublic: z.boolean(),
    isTemplate: z.boolean(),
    questionCount: z.number().int(),
    createdAt: z.string(),
    definition: formDefinitionSchema,
  })
  .openapi('SurveyForm');

export const formInputSchema = z
  .object({
    key: z
      .string()
      .regex(/^[a-z0-9-]{2,60}$/)
      .optional()
      .openapi({ description: 'Stable key shared by the versions (derived from the title when omitted)' }),
    title: z.string().min(1).max(300),
    description: z.string().max(5000).nullable().optional(),
    allowsPublic: z.boolean().optional(),
    definition: z.unknown().openapi({ description: 'SurveyFormDefinition (validated with every rule named by path)' }),
  })
  .strict()
  .openapi('SurveyFormInput');

export const formVersionInputSchema = formInputSchema.omit({ key: true }).openapi('SurveyFormVersionInput');

export const campaignSchema = z
  .object({
    id: z.string().uuid(),
    title: z.string(),
    formId: z.string().uuid(),
    formKey: z.string(),
    formVersion: z.number().int(),
    formTitle: z.string(),
    ownerOrganizationId: z.string(),
    target: campaignTargetSchema,
    deadline: z.string(),
    reminderDays: z.array(z.number().int()),
    status: z.enum(['open', 'closed']),
    isPublic: z.boolean(),
    publicToken: z.string().nullable(),
    launchedAt: z.string(),
    targetCount: z.number().int(),
    submittedCount: z.number().int(),
  })
  .openapi('SurveyCampaign');

export const campaignDetailSchema = campaignSchema
  .extend({ definition: formDefinitionSchema, myDeadline: z.string().nullable() })
  .openapi('SurveyCampaignDetail');

export const launchCampaignSchema = z
  .object({
    formId: z.string().uuid(),
    title: z.string().min(1).max(300).optional(),
    target: campaignTargetSchema,
    deadline: z.string().datetime({ offset: true }).openapi({ description: 'ISO date-time, e.g. 2026-12-31T17:00:00+07:00' }),
    reminderDays: z
      .array(z.number().int().min(0).max(60))
      .max(10)
      .optional()
      .openapi({ description: 'Days before the deadline when laggards are reminded (default 7, 3, 1)' }),
    isPublic: z
      .boolean()
      .optional()
      .openapi({ description: 'Open a public link + QR code (forms that allow unauthenticated answers)' }),
  })
  .strict()
  .openapi('SurveyLaunchCampaign');

export const extendSchema = z
  .object({
    deadline: z.string().datetime({ offset: true }),
    organizationId: z.string().optional().openapi({ description: 'Extend for one organization only' }),
  })
  .strict()
  .openapi('SurveyExtendDeadline');

export const boardSchema = z
  .object({
    campaignId: z.string(),
    title: z.string(),
    deadline: z.string(),
    totals: z.object({ total: z.number(), submitted: z.number(), draft: z.number(), notStarted: z.number() }),
    rows: z.array(
      z.object({
        organizationId: z.string(),
        organizationName: z.string(),
        organizationKind: z.string(),
        status: z.enum(['not-started', 'draft', 'submitted']),
        version: z.number().int(),
        updatedAt: z.string().nullable(),
        submittedAt: z.string().nullable(),
        deadline: z.string(),
        isExtended: z.boolean(),
      }),
    ),
  })
  .openapi('SurveyProgressBoard');

export const responseSchema = z
  .object({
    campaignId: z.string(),
    organizationId: z.string(),
    status: z.enum(['not-started', 'draft', 'submitted']),
    version: z.number().int(),
    answers: answersSchema,
    updatedAt: z.string().nullable(),
    updatedByUserId: z.string().nullable(),
    submittedAt: z.string().nullable(),
    reopenedAt: z.string().nullable(),
    deadline: z.string(),
    isPastDeadline: z.boolean(),
    canEdit: z.boolean(),
    canSubmit: z.boolean(),
    contactsRedacted: z.boolean(),
  })
  .openapi('SurveyResponse');

export const draftSchema = z
  .object({
    version: z.number().int().min(0).openapi({
      description: 'Version the client started from (0 for a new response); stale versions get 409 CONFLICT with the server copy',
    }),
    answers: answersSchema,
  })
  .strict()
  .openapi('SurveyDraft');

export const submitSchema = z
  .object({
    version: z.number().int().min(0),
    answers: answersSchema.optional().openapi({ description: 'Save these answers and submit in one step' }),
  })
  .strict()
  .openapi('SurveySubmit');

export const reopenSchema = z
  .object({ reason: z.string().max(1000).optional() })
  .strict()
  .openapi('SurveyReopen');

export const versionSchema = z
  .object({
    version: z.number().int(),
    event: z.enum(['draft', 'submit', 'reopen']),
    answers: answersSchema,
    savedByUserId: z.string().nullable(),
    savedAt: z.string(),
  })
  .openapi('SurveyResponseVersion');

export const fileAnswerSchemaOut = z
  .object({ uploadId: z.string().uuid(), fileName: z.string(), sizeBytes: z.number().int(), contentType: z.string() })
  .openapi('SurveyFileAnswer');

export const uploadFormSchema = z.object({
  questionId: z.string().min(1).max(60),
  file: z.any().openapi({ type: 'string', format: 'binary' }),
});

export const directoryPreviewSchema = z
  .object({
    organizationId: z.string(),
    changes: z.array(
      z.object({
        field: z.enum(directoryFields),
        questionId: z.string(),
        current: z.unknown(),
        proposed: z.unknown(),
        isChanged: z.boolean(),
      }),
    ),
  })
  .openapi('SurveyDirectoryPreview');

export const directoryApplySchema = z
  .object({ fields: z.array(z.enum(directoryFields)).min(1) })
  .strict()
  .openapi('SurveyDirectoryApply');

export const notificationSchema = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    kind: z.enum(['launched', 'reminder', 'reopened', 'extended']),
    message: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('SurveyNotification');

export const publicSurveySchema = z
  .object({
    title: z.string(),
    description: z.string().nullable(),
    deadline: z.string(),
    isOpen: z.boolean(),
    definition: formDefinitionSchema,
  })
  .openapi('PublicSurvey');

export const publicAnswerSchema = z
  .object({
    answers: answersSchema,
    respondentOrganization: z.string().max(300).optional(),
    /** Honeypot: hidden in the form; people leave it empty, bots fill it. */
    website: z.string().max(300).optional(),
  })
  .strict()
  .openapi('PublicSurveyAnswer');

export const reportQuerySchema = z.object({
  numberSymbol: z.string().max(60).optional(),
  signerName: z.string().max(200).optional(),
  capacity: z.string().max(200).optional(),
  authority: z.string().max(200).optional(),
});
