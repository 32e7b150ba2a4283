import { bigserial, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { IncidentStatus, MemberRole, StatementKind, StatementStatus, LinkKind } from './model';

/** Tables of the incidents module (migration 0600_incidents.sql). */
export const incidents = pgTable('incidents', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: text('organization_id').notNull(),
  title: text('title').notNull(),
  description: text('description'),
  severity: integer('severity').notNull(),
  status: text('status').$type<IncidentStatus>().notNull().default('open'),
  ownerUserId: uuid('owner_user_id'),
  sourceAlertId: uuid('source_alert_id').unique(),
  responseDueAt: timestamp('response_due_at', { withTimezone: true }),
  resolutionDueAt: timestamp('resolution_due_at', { withTimezone: true }),
  createdByUserId: uuid('created_by_user_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
});
export type Incident = typeof incidents.$inferSelect;

export const incidentShares = pgTable(
  'incident_shares',
  {
    incidentId: uuid('incident_id').notNull(),
    organizationId: text('organization_id').notNull(),
    sharedByUserId: uuid('shared_by_user_id'),
    sharedAt: timestamp('shared_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.organizationId] })],
);

export const incidentMembers = pgTable(
  'incident_members',
  {
    incidentId: uuid('incident_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role').$type<MemberRole>().notNull(),
    addedByUserId: uuid('added_by_user_id'),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.userId] })],
);

export const incidentLinks = pgTable(
  'incident_links',
  {
    incidentId: uuid('incident_id').notNull(),
    kind: text('kind').$type<LinkKind>().notNull(),
    targetId: uuid('target_id').notNull(),
    label: text('label').notNull(),
    linkedByUserId: uuid('linked_by_user_id'),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.kind, t.targetId] })],
);

export const incidentTimeline = pgTable('incident_timeline', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  incidentId: uuid('incident_id').notNull(),
  kind: text('kind').notNull(),
  actorUserId: uuid('actor_user_id'),
  body: text('body'),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type TimelineRow = typeof incidentTimeline.$inferSelect;

export const incidentStatements = pgTable('incident_statements', {
  id: uuid('id').primaryKey().defaultRandom(),
  incidentId: uuid('incident_id').notNull(),
  kind: text('kind').$type<StatementKind>().notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  addressee: text('addressee'),
  status: text('status').$type<StatementStatus>().notNull().default('draft'),
  authorUserId: uuid('author_user_id'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  approvedByUserId: uuid('approved_by_user_id'),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  signerName: text('signer_name'),
  signerCapacity: text('signer_capacity'),
  reviewComment: text('review_comment'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type Statement = typeof incidentStatements.$inferSelect;
