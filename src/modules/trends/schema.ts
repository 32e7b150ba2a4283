import { bigint, boolean, date, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Channels, RuleKind, RuleParams } from './contracts';

/** Incremental hourly rollup of mentions per scope ('q:<query>' / 'o:<organization>'); written by `rollups.ts` in SQL. */
export const trendsHourly = pgTable(
  'trends_hourly',
  {
    scope: text('scope').notNull(),
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    sentiment: text('sentiment').notNull(),
    kind: text('kind').notNull(),
    sourceKey: text('source_key').notNull(),
    mentions: integer('mentions').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.hour, t.sentiment, t.kind, t.sourceKey] })],
);

/** Daily (Vietnam day) rollup with the same dimensions, for long ranges. */
export const trendsDaily = pgTable(
  'trends_daily',
  {
    scope: text('scope').notNull(),
    day: date('day').notNull(),
    sentiment: text('sentiment').notNull(),
    kind: text('kind').notNull(),
    sourceKey: text('source_key').notNull(),
    mentions: integer('mentions').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.day, t.sentiment, t.kind, t.sourceKey] })],
);

/** Daily (Vietnam day) entity rollup for long dashboard ranges; written by `rollups.ts` in SQL. */
export const trendsEntityDaily = pgTable(
  'trends_entity_daily',
  {
    scope: text('scope').notNull(),
    day: date('day').notNull(),
    entityId: text('entity_id').notNull(),
    sentiment: text('sentiment').notNull(),
    mentions: integer('mentions').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.day, t.entityId, t.sentiment] })],
);

export const trendsAlertRules = pgTable('trends_alert_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: text('organization_id').notNull(),
  name: text('name').notNull(),
  kind: text('kind').$type<RuleKind>().notNull(),
  queryId: uuid('query_id'),
  policyId: text('policy_id'),
  params: jsonb('params').$type<RuleParams>().notNull().default({}),
  channels: jsonb('channels').$type<Channels>().notNull(),
  cooldownMinutes: integer('cooldown_minutes').notNull().default(180),
  isEnabled: boolean('is_enabled').notNull().default(true),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type AlertRule = typeof trendsAlertRules.$inferSelect;

export const trendsAlerts = pgTable('trends_alerts', {
  id: uuid('id').primaryKey().defaultRandom(),
  ruleId: uuid('rule_id').notNull(),
  organizationId: text('organization_id').notNull(),
  queryId: uuid('query_id'),
  kind: text('kind').notNull(),
  subject: text('subject').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  windowEnd: timestamp('window_end', { withTimezone: true }).notNull(),
  detectedAt: timestamp('detected_at', { withTimezone: true }).notNull().defaultNow(),
  score: real('score').notNull(),
  mentions: integer('mentions').notNull(),
  expected: real('expected'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  status: text('status').$type<'open' | 'acknowledged' | 'resolved'>().notNull().default('open'),
  assigneeUserId: uuid('assignee_user_id'),
  acknowledgedBy: uuid('acknowledged_by'),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  incidentRequestedAt: timestamp('incident_requested_at', { withTimezone: true }),
  incidentLink: text('incident_link'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type Alert = typeof trendsAlerts.$inferSelect;

/** Delivery outbox: one row per (alert, channel, target). */
export const trendsAlertDeliveries = pgTable('trends_alert_deliveries', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  alertId: uuid('alert_id').notNull(),
  channel: text('channel').$type<'in_app' | 'email' | 'webhook'>().notNull(),
  target: text('target').notNull(),
  status: text('status').$type<'pending' | 'delivered' | 'failed'>().notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
});

export const trendsBriefSubscriptions = pgTable(
  'trends_brief_subscriptions',
  {
    organizationId: text('organization_id').notNull(),
    cadence: text('cadence').$type<'daily' | 'weekly'>().notNull(),
    emails: text('emails').array().notNull().default([]),
    lastSentFor: date('last_sent_for'),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.cadence] })],
);
