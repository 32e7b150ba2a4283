import { z } from '@hono/zod-openapi';

export const volumePointSchema = z.object({
  bucket: z.string(),
  positive: z.number(),
  negative: z.number(),
  neutral: z.number(),
  unknown: z.number(),
  total: z.number(),
});
export type VolumePoint = z.infer<typeof volumePointSchema>;

export const dashboardSchema = z
  .object({
    scope: z.object({ scope: z.string(), queryId: z.string().nullable(), organizationId: z.string(), label: z.string() }),
    from: z.string(),
    to: z.string(),
    interval: z.enum(['hour', 'day']),
    timeZone: z.string(),
    volume: z.array(volumePointSchema),
    sentimentTrend: z.array(
      z.object({ bucket: z.string(), negativeShare: z.number().nullable(), positiveShare: z.number().nullable() }),
    ),
    outlets: z.array(
      z.object({ sourceKey: z.string(), kind: z.string(), mentions: z.number(), negative: z.number(), share: z.number() }),
    ),
    kinds: z.array(z.object({ kind: z.string(), mentions: z.number(), share: z.number() })),
    topStories: z.array(
      z.object({
        storyId: z.string(),
        title: z.string(),
        mentions: z.number(),
        negative: z.number(),
        reach: z.number(),
        outlets: z.number(),
        firstPublishedAt: z.string().nullable(),
      }),
    ),
    topEntities: z.array(z.object({ entityId: z.string(), name: z.string(), mentions: z.number(), negative: z.number() })),
    topics: z.array(z.object({ topic: z.string(), mentions: z.number(), share: z.number() })),
    totals: z.object({ mentions: z.number(), negative: z.number(), negativeShare: z.number().nullable() }),
    previous: z.object({
      from: z.string(),
      to: z.string(),
      mentions: z.number(),
      negative: z.number(),
      negativeShare: z.number().nullable(),
      mentionsChange: z.number().nullable(),
      negativeShareChange: z.number().nullable(),
    }),
    futureDatedDocuments: z.number(),
  })
  .openapi('TrendsDashboard');
export type Dashboard = z.infer<typeof dashboardSchema>;

const dateBound = z.string().optional().describe('ISO timestamp, or YYYY-MM-DD (a Vietnam calendar day)');
export const scopeQuerySchema = z.object({
  queryId: z.string().uuid().optional(),
  organizationId: z.string().optional(),
  /** Every query linked to this policy (link type "policy"). */
  policyId: z.string().max(200).optional(),
  /** The whole network (coordinators and administrators): every organization's mentions. */
  network: z.enum(['true', 'false']).optional(),
  from: dateBound,
  to: dateBound,
});

export const dashboardQuerySchema = scopeQuerySchema.extend({
  interval: z.enum(['hour', 'day']).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});

export const bucketMentionsQuerySchema = scopeQuerySchema.extend({
  sentiment: z.enum(['positive', 'negative', 'neutral', 'unknown']).optional(),
  kind: z.enum(['news', 'social']).optional(),
  sourceKey: z.string().max(300).optional(),
  entityId: z.string().max(300).optional(),
  topic: z.string().max(100).optional(),
  storyId: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export const bucketMentionSchema = z
  .object({
    id: z.string(),
    url: z.string().nullable(),
    title: z.string(),
    snippet: z.string(),
    publishedAt: z.string(),
    source: z.string(),
    kind: z.string(),
    storyId: z.string().nullable(),
    sentiment: z.string().nullable(),
    topic: z.string().nullable(),
    entityIds: z.array(z.string()),
  })
  .openapi('TrendsMention');

export const ruleKinds = ['anomaly', 'threshold', 'negative_share', 'first_seen', 'story_spread'] as const;
export type RuleKind = (typeof ruleKinds)[number];

export const ruleParamsSchema = z
  .object({
    /** anomaly: minimum score (−log10 of the tail probability); default 4. */
    minScore: z.number().min(1).max(50).optional(),
    /** anomaly / negative_share / threshold: mentions needed in the window. */
    minMentions: z.number().int().min(1).max(1_000_000).optional(),
    /** threshold: mentions per window that raise the alert. */
    mentions: z.number().int().min(1).max(10_000_000).optional(),
    /** threshold / negative_share: window length in hours. */
    windowHours: z.number().int().min(1).max(168).optional(),
    /** negative_share: minimum negative share in the window (0–1). */
    minShare: z.number().min(0).max(1).optional(),
    /** first_seen: watched terms (accent-insensitive). */
    terms: z.array(z.string().min(1).max(200)).max(200).optional(),
    /** story_spread: outlets needed … */
    outlets: z.number().int().min(2).max(1000).optional(),
    /** … within this many hours of the story's first publication. */
    withinHours: z.number().int().min(1).max(168).optional(),
    /** anomaly / threshold: watch one entity within the scope instead of the whole volume. */
    entityId: z.string().max(300).optional(),
  })
  .strict();
export type RuleParams = z.infer<typeof ruleParamsSchema>;

export const channelsSchema = z.object({
  inApp: z.boolean().default(true),
  emails: z.array(z.string().email()).max(50).default([]),
  webhookUrl: z.string().url().nullable().default(null),
});
export type Channels = z.infer<typeof channelsSchema>;

export const ruleInputSchema = z
  .object({
    organizationId: z.string().optional(),
    name: z.string().min(1).max(200),
    kind: z.enum(ruleKinds),
    queryId: z.string().uuid().nullable().optional(),
    policyId: z.string().max(200).nullable().optional(),
    params: ruleParamsSchema.default({}),
    channels: channelsSchema.default({ inApp: true, emails: [], webhookUrl: null }),
    cooldownMinutes: z.number().int().min(0).max(10_080).default(180),
    isEnabled: z.boolean().default(true),
  })
  .openapi('TrendsAlertRuleInput');
export type RuleInput = z.input<typeof ruleInputSchema>;

export const ruleSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    name: z.string(),
    kind: z.enum(ruleKinds),
    queryId: z.string().nullable(),
    policyId: z.string().nullable(),
    params: ruleParamsSchema,
    channels: channelsSchema,
    cooldownMinutes: z.number(),
    isEnabled: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('TrendsAlertRule');
export type RuleView = z.infer<typeof ruleSchema>;

export const alertSchema = z
  .object({
    id: z.string(),
    rule: z.string(),
    ruleId: z.string(),
    query: z.string().nullable(),
    queryId: z.string().nullable(),
    kind: z.string(),
    subject: z.string(),
    startedAt: z.string(),
    endedAt: z.string(),
    detectedAt: z.string(),
    score: z.number(),
    mentions: z.number(),
    expected: z.number().nullable(),
    details: z.record(z.string(), z.unknown()),
    status: z.enum(['open', 'acknowledged', 'resolved']),
    assigneeUserId: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    incidentRequestedAt: z.string().nullable(),
    incidentLink: z.string().nullable(),
    deliveries: z.array(
      z.object({
        channel: z.string(),
        target: z.string(),
        status: z.string(),
        attempts: z.number(),
        lastError: z.string().nullable(),
      }),
    ),
  })
  .openapi('TrendsAlert');
export type AlertView = z.infer<typeof alertSchema>;

export const alertListQuerySchema = z.object({
  organizationId: z.string().optional(),
  queryId: z.string().uuid().optional(),
  status: z.enum(['open', 'acknowledged', 'resolved']).optional(),
  from: dateBound,
  to: dateBound,
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const forecastSchema = z
  .object({
    queryId: z.string(),
    generatedAt: z.string(),
    horizonHours: z.number(),
    history: z.array(z.object({ at: z.string(), mentions: z.number() })),
    forecast: z.array(z.object({ at: z.string(), mean: z.number(), lower: z.number(), upper: z.number() })),
    method: z.string(),
    coverage: z.number(),
    backtest: z.object({
      mase: z.number().nullable(),
      seasonalNaiveMase: z.number().nullable(),
      mae: z.number().nullable(),
      folds: z.number(),
      intervalCoverage: z.number().nullable(),
    }),
    isInsufficientHistory: z.boolean(),
  })
  .openapi('TrendsForecast');
export type ForecastView = z.infer<typeof forecastSchema>;

export const emergingTermSchema = z
  .object({ phrase: z.string(), mentions: z.number(), baseline: z.number(), score: z.number(), suggestedQuery: z.string() })
  .openapi('TrendsEmergingTerm');
