import { boolean, date, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** A body of the Vietnamese state, press agency or other member of the network; dated. */
export const organizations = pgTable('organizations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  englishName: text('english_name'),
  aliases: text('aliases').array().notNull().default([]),
  kind: text('kind').notNull(),
  parentId: text('parent_id'),
  validFrom: date('valid_from'),
  validTo: date('valid_to'),
  searchText: text('search_text').notNull().default(''),
  isReference: boolean('is_reference').notNull().default(false),
  isPublic: boolean('is_public').notNull().default(true),
  /** A press body, whatever its kind (VTV, VOV, VNA are government agencies and press). */
  isPress: boolean('is_press').notNull().default(false),
  notes: text('notes'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Predecessor → successor (mergers, renamings, transfers of duties). */
export const organizationLinks = pgTable(
  'organization_links',
  {
    predecessorId: text('predecessor_id').notNull(),
    successorId: text('successor_id').notNull(),
    effectiveOn: date('effective_on'),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.predecessorId, t.successorId] })],
);

export type Organization = typeof organizations.$inferSelect;
