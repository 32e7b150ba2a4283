import {
  bigint,
  boolean,
  customType,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const sourceKinds = ['feed', 'sitemap', 'article', 'import', 'webhook'] as const;
export type SourceKind = (typeof sourceKinds)[number];
export const documentKinds = ['news', 'social'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const sentiments = ['positive', 'negative', 'neutral'] as const;
export type Sentiment = (typeof sentiments)[number];
export const queryLinkTypes = ['policy', 'plan', 'incident'] as const;
export type QueryLinkType = (typeof queryLinkTypes)[number];

/** Where documents come from: fetched feeds / sitemaps / pages, or pushed imports and webhooks. */
export const monitoringSources = pgTable('monitoring_sources', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: text('organization_id'),
  name: text('name').notNull(),
  kind: text('kind').$type<SourceKind>().notNull(),
  url: text('url'),
  documentKind: text('document_kind').$type<DocumentKind>().notNull().default('news'),
  isEnabled: boolean('is_enabled').notNull().default(false),
  isDefault: boolean('is_default').notNull().default(false),
  intervalMinutes: integer('interval_minutes').notNull().default(30),
  webhookTokenHash: text('webhook_token_hash'),
  etag: text('etag'),
  lastModified: text('last_modified'),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }),
  lastFetchAt: timestamp('last_fetch_at', { withTimezone: true }),
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  lastStatus: text('last_status'),
  lastError: text('last_error'),
  lastItemCount: integer('last_item_count').notNull().default(0),
  totalItemCount: bigint('total_item_count', { mode: 'number' }).notNull().default(0),
  errorCount: integer('error_count').notNull().default(0),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type MonitoringSource = typeof monitoringSources.$inferSelect;

/** Hosts an administrator lets the fetcher reach although they resolve to private addresses. */
export const monitoringAllowedHosts = pgTable('monitoring_allowed_hosts', {
  host: text('host').primaryKey(),
  note: text('note'),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A processed press article or social post. Inserted in bulk by `ingest.ts` (raw SQL), read through Drizzle. */
export const monitoringDocuments = pgTable('monitoring_documents', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  canonicalUrl: text('canonical_url'),
  url: text('url'),
  contentHash: bytea('content_hash').notNull(),
  sourceId: uuid('source_id'),
  sourceName: text('source_name').notNull(),
  sourceKey: text('source_key').notNull(),
  organizationId: text('organization_id'),
  kind: text('kind').$type<DocumentKind>().notNull(),
  lang: text('lang').notNull(),
  title: text('title').notNull().default(''),
  text: text('text'),
  byline: text('byline'),
  authorPseudonym: text('author_pseudonym'),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
  storyId: bigint('story_id', { mode: 'number' }),
  simhash: bigint('simhash', { mode: 'bigint' }).notNull(),
  band0: integer('band0').notNull(),
  band1: integer('band1').notNull(),
  band2: integer('band2').notNull(),
  band3: integer('band3').notNull(),
  topic: text('topic'),
  topicScore: real('topic_score'),
  sentiment: text('sentiment').$type<Sentiment>(),
  sentimentScore: real('sentiment_score'),
  sentimentReasons: jsonb('sentiment_reasons').$type<string[]>().notNull().default([]),
  entityIds: text('entity_ids').array().notNull().default([]),
  textPurgedAt: timestamp('text_purged_at', { withTimezone: true }),
});
export type MonitoringDocument = typeof monitoringDocuments.$inferSelect;

/**
 * Search lexemes of each document (distinct folded tokens, title tokens also as `t:<token>`), partitioned by
 * publication month with a GIN index per partition (migration 0202). Written by `ingest.ts`, read by `search.ts`.
 */
export const monitoringSearch = pgTable('monitoring_search', {
  documentId: bigint('document_id', { mode: 'number' }).notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  organizationId: text('organization_id'),
  lexemes: tsvector('lexemes').notNull(),
});

/** Search rows of a batch whose documents are not committed yet (0206): what a sweep removes after a killed process. */
export const monitoringSearchPending = pgTable('monitoring_search_pending', {
  firstDocumentId: bigint('first_document_id', { mode: 'number' }).primaryKey(),
  publishedAt: timestamp('published_at', { withTimezone: true }).array().notNull(),
  documentIds: bigint('document_ids', { mode: 'number' }).array().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A cluster of near-duplicate documents; id = id of the first document stored in it. */
export const monitoringStories = pgTable('monitoring_stories', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  title: text('title').notNull().default(''),
  firstPublishedAt: timestamp('first_published_at', { withTimezone: true }).notNull(),
  lastPublishedAt: timestamp('last_published_at', { withTimezone: true }).notNull(),
  documentCount: integer('document_count').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A saved topic query of an organization, optionally linked to a policy, plan or incident. */
export const monitoringQueries = pgTable('monitoring_queries', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: text('organization_id').notNull(),
  name: text('name').notNull(),
  query: text('query').notNull(),
  isAccentExact: boolean('is_accent_exact').notNull().default(false),
  isActive: boolean('is_active').notNull().default(true),
  linkType: text('link_type').$type<QueryLinkType>(),
  linkId: text('link_id'),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type MonitoringQuery = typeof monitoringQueries.$inferSelect;

/** A mention: a document matched by a saved query, keyed for per-query, per-hour rollups by publication time. */
export const monitoringQueryMatches = pgTable(
  'monitoring_query_matches',
  {
    queryId: uuid('query_id').notNull(),
    documentId: bigint('document_id', { mode: 'number' }).notNull(),
    organizationId: text('organization_id').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    sentiment: text('sentiment').$type<Sentiment>(),
    documentKind: text('document_kind').$type<DocumentKind>().notNull(),
    sourceKey: text('source_key').notNull(),
    storyId: bigint('story_id', { mode: 'number' }),
    matchedAt: timestamp('matched_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.queryId, t.documentId] })],
);

/** Officer corrections of topic and sentiment, the language core's retraining input. */
export const nlpCorrections = pgTable('nlp_corrections', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  documentId: bigint('document_id', { mode: 'number' }),
  field: text('field').$type<'topic' | 'sentiment'>().notNull(),
  previousValue: text('previous_value'),
  correctedValue: text('corrected_value').notNull(),
  text: text('text'),
  documentKind: text('document_kind'),
  lang: text('lang'),
  note: text('note'),
  userId: uuid('user_id'),
  organizationId: text('organization_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
