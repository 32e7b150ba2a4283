import { bigserial, boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Answers, CampaignTarget, FormDefinition } from './form-model';

/** One version of a form; versions share a `key`, campaigns point at one version. */
export const surveyForms = pgTable('survey_forms', {
  id: uuid('id').primaryKey().defaultRandom(),
  key: text('key').notNull(),
  version: integer('version').notNull(),
  title: text('title').notNull(),
  description: text('description'),
  definition: jsonb('definition').$type<FormDefinition>().notNull(),
  allowsPublic: boolean('allows_public').notNull().default(false),
  isTemplate: boolean('is_template').notNull().default(false),
  createdByUserId: uuid('created_by_user_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const surveyCampaigns = pgTable('survey_campaigns', {
  id: uuid('id').primaryKey().defaultRandom(),
  formId: uuid('form_id').notNull(),
  title: text('title').notNull(),
  ownerOrganizationId: text('owner_organization_id').notNull(),
  createdByUserId: uuid('created_by_user_id'),
  target: jsonb('target').$type<CampaignTarget>().notNull(),
  deadline: timestamp('deadline', { withTimezone: true }).notNull(),
  reminderDays: integer('reminder_days').array().notNull().default([]),
  status: text('status').$type<'open' | 'closed'>().notNull().default('open'),
  publicToken: text('public_token'),
  launchedAt: timestamp('launched_at', { withTimezone: true }).notNull().defaultNow(),
});

export const surveyCampaignTargets = pgTable('survey_campaign_targets', {
  campaignId: uuid('campaign_id').notNull(),
  organizationId: text('organization_id').notNull(),
  organizationName: text('organization_name').notNull(),
  organizationKind: text('organization_kind').notNull(),
  deadlineOverride: timestamp('deadline_override', { withTimezone: true }),
});

export const surveyResponses = pgTable('survey_responses', {
  id: uuid('id').primaryKey().defaultRandom(),
  campaignId: uuid('campaign_id').notNull(),
  organizationId: text('organization_id').notNull(),
  status: text('status').$type<'draft' | 'submitted'>().notNull(),
  version: integer('version').notNull(),
  answers: jsonb('answers').$type<Answers>().notNull(),
  updatedByUserId: uuid('updated_by_user_id'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  submittedByUserId: uuid('submitted_by_user_id'),
  reopenedAt: timestamp('reopened_at', { withTimezone: true }),
});

export const surveyResponseVersions = pgTable('survey_response_versions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  responseId: uuid('response_id').notNull(),
  version: integer('version').notNull(),
  event: text('event').$type<'draft' | 'submit' | 'reopen'>().notNull(),
  answers: jsonb('answers').$type<Answers>().notNull(),
  savedByUserId: uuid('saved_by_user_id'),
  savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
});

export const surveyUploads = pgTable('survey_uploads', {
  id: uuid('id').primaryKey().defaultRandom(),
  campaignId: uuid('campaign_id').notNull(),
  organizationId: text('organization_id').notNull(),
  questionId: text('question_id').notNull(),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  storagePath: text('storage_path').notNull(),
  uploadedByUserId: uuid('uploaded_by_user_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const surveyPublicResponses = pgTable('survey_public_responses', {
  id: uuid('id').primaryKey().defaultRandom(),
  campaignId: uuid('campaign_id').notNull(),
  respondentOrganization: text('respondent_organization'),
  answers: jsonb('answers').$type<Answers>().notNull(),
  ipHash: text('ip_hash').notNull(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
});

export const surveyNotifications = pgTable('survey_notifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  campaignId: uuid('campaign_id').notNull(),
  organizationId: text('organization_id').notNull(),
  kind: text('kind').$type<'launched' | 'reminder' | 'reopened' | 'extended'>().notNull(),
  message: text('message').notNull(),
  dedupeKey: text('dedupe_key'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  readAt: timestamp('read_at', { withTimezone: true }),
});

export type SurveyForm = typeof surveyForms.$inferSelect;
export type SurveyCampaign = typeof surveyCampaigns.$inferSelect;
export type SurveyCampaignTarget = typeof surveyCampaignTargets.$inferSelect;
export type SurveyResponse = typeof surveyResponses.$inferSelect;
