import { z } from '@hono/zod-openapi';
import { documentKinds, queryLinkTypes, sentiments, sourceKinds } from './schema';
import { fetchFailureReasons, fetchOutcomes } from './fetch/fetch-status';

/** One incoming item (JSONL line, CSV row, webhook element, fetched entry). */
export const incomingDocumentSchema = z
  .object({
    url: z.string().max(4000).nullish(),
    title: z.string().max(100_000).nullish(),
    text: z.string().max(5_000_000).nullish(),
    publishedAt: z.union([z.string().max(100), z.number()]),
    source: z.string().max(500).nullish(),
    kind: z.enum(documentKinds).default('news'),
    /** Byline of a press article, or the author handle of a social post (stored only as a keyed pseudonym). */
    author: z.string().max(500).nullish(),
  })
  .openapi('IncomingDocument');
export type IncomingDocument = z.input<typeof incomingDocumentSchema>;

export const rejectedItemSchema = z.object({ line: z.number().int(), reason: z.string() });
export const ingestResultSchema = z
  .object({ ingested: z.number().int(), duplicates: z.number().int(), rejected: z.array(rejectedItemSchema) })
  .openapi('IngestResult');
export type IngestResult = z.infer<typeof ingestResultSchema>;

export const fileImportSchema = z
  .object({
    id: z.string().uuid(),
    organizationId: z.string().nullable(),
    fileName: z.string(),
    format: z.enum(['jsonl', 'csv']),
    byteSize: z.number().int(),
    status: z.enum(['receiving', 'queued', 'running', 'done', 'failed']).openapi({
      description:
        'queued / running: the import job; done: every line read (bad lines are in rejected); failed: the file could not be read',
    }),
    ingested: z.number().int(),
    duplicates: z.number().int(),
    rejectedCount: z.number().int(),
    rejected: z
      .array(z.object({ line: z.number().int(), reason: z.string() }))
      .openapi({ description: 'the first 100 rejected lines' }),
    error: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi('FileImport');

export const documentSummarySchema = z
  .object({
    id: z.string(),
    url: z.string().nullable(),
    title: z.string(),
    publishedAt: z.string(),
    source: z.string(),
    kind: z.enum(documentKinds),
    lang: z.string(),
    storyId: z.string().nullable(),
    sentiment: z.enum(sentiments).nullable(),
    sentimentReasons: z.array(z.string()),
    topic: z.string().nullable(),
    entityIds: z.array(z.string()),
    /** The legal documents the text cites (its `policy:` entity ids), by name: "Nghị định 09/2017/NĐ-CP". */
    policies: z.array(z.string()),
    snippet: z.string(),
  })
  .openapi('MonitoringDocument');
export type DocumentSummary = z.infer<typeof documentSummarySchema>;

export const searchQuerySchema = z.object({
  q: z.string().min(1).max(4000),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  accentExact: z.enum(['true', 'false']).optional(),
});

export const querySyntaxErrorSchema = z.object({ message: z.string(), position: z.number().int(), length: z.number().int() });

export const savedQueryInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    query: z.string().trim().min(1).max(4000),
    isAccentExact: z.boolean().default(false),
    isActive: z.boolean().default(true),
    linkType: z.enum(queryLinkTypes).nullable().default(null),
    linkId: z.string().max(200).nullable().default(null),
    organizationId: z.string().max(200).optional(),
  })
  .strict()
  .openapi('SavedQueryInput');
export type SavedQueryInput = z.input<typeof savedQueryInputSchema>;

export const savedQuerySchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    name: z.string(),
    query: z.string(),
    isAccentExact: z.boolean(),
    isActive: z.boolean(),
    linkType: z.enum(queryLinkTypes).nullable(),
    linkId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('SavedQuery');
export type SavedQueryView = z.infer<typeof savedQuerySchema>;

export const previewRequestSchema = z
  .object({
    query: z.string().min(1).max(4000),
    isAccentExact: z.boolean().default(false),
    days: z.number().int().min(1).max(90).default(7),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict();

export const sourceInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    kind: z.enum(sourceKinds),
    url: z.string().url().max(2000).nullable().default(null),
    documentKind: z.enum(documentKinds).default('news'),
    isEnabled: z.boolean().default(true),
    intervalMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(30),
    organizationId: z.string().max(200).nullable().optional(),
  })
  .strict()
  .openapi('MonitoringSourceInput');

export const sourceViewSchema = z
  .object({
    id: z.string(),
    organizationId: z.string().nullable(),
    name: z.string(),
    kind: z.enum(sourceKinds),
    url: z.string().nullable(),
    documentKind: z.enum(documentKinds),
    isEnabled: z.boolean(),
    isDefault: z.boolean(),
    intervalMinutes: z.number(),
    health: z.object({
      lastFetchAt: z.string().nullable(),
      lastSuccessAt: z.string().nullable(),
      lastStatus: z
        .string()
        .nullable()
        .openapi({ description: 'The stored status text, e.g. `ok (3 item errors)`; its parts below' }),
      outcome: z
        .enum(fetchOutcomes)
        .nullable()
        .openapi({ description: 'The last fetch: ok, notModified or failed; null before the first' }),
      failureReason: z.enum(fetchFailureReasons).nullable().openapi({ description: 'Why the last fetch failed, when known' }),
      itemErrors: z.number().int().openapi({ description: 'Entries of the last fetch that could not be stored' }),
      lastError: z.string().nullable(),
      lastItemCount: z.number(),
      totalItemCount: z.number(),
      errorCount: z.number(),
      consecutiveFailures: z.number(),
      nextRunAt: z.string().nullable(),
    }),
  })
  .openapi('MonitoringSource');
export type SourceView = z.infer<typeof sourceViewSchema>;

export const correctionInputSchema = z
  .object({
    topic: z.string().trim().min(1).max(200).optional(),
    sentiment: z.enum(sentiments).optional(),
    note: z.string().max(2000).optional(),
  })
  .strict()
  .refine((value) => value.topic !== undefined || value.sentiment !== undefined, { message: 'Give topic or sentiment' });

/** The language-core models that learn from officers' corrections. */
export const modelKinds = ['sentiment', 'topic'] as const;

/**
 * A version learned from officers' corrections (`learning.ts`): `agreedBefore` / `agreedAfter` are how many of the
 * corrections it was trained on the model in use before and this one label as the officer did.
 */
export const modelVersionSchema = z
  .object({
    kind: z.enum(modelKinds),
    version: z.number().int(),
    parentVersion: z.number().int(),
    examples: z.number().int(),
    agreedBefore: z.number().int(),
    agreedAfter: z.number().int(),
    isActive: z.boolean(),
    createdAt: z.string(),
    activatedAt: z.string().nullable(),
    /**
     * Of the latest stored documents no officer corrected in its field (at most 2,000), how many the version read
     * when it was trained and how many of their labels it would change; null for versions trained before.
     */
    preview: z.object({ documents: z.number().int(), changed: z.number().int() }).nullable(),
  })
  .openapi('LanguageModelVersion');

/**
 * Re-labelling of the documents stored before a version was put in use (`relabel.ts`): how far it went, how many
 * labels changed, and the documents kept as they were (an officer corrected them; their raw social text was purged).
 */
export const relabelRunSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(modelKinds),
    version: z.number().int(),
    status: z.enum(['running', 'done', 'superseded']),
    /** documents to examine; null until the run's first batch has counted them */
    total: z.number().int().nullable(),
    examined: z.number().int(),
    relabelled: z.number().int(),
    keptCorrected: z.number().int(),
    keptPurged: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('RelabelRun');
