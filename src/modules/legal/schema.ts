import { boolean, date, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export type LegalDocumentStatus = 'issued' | 'draft';

/** A law, decree, decision, directive or letter the network works under; dated. The id is its `policy:` id. */
export const legalDocuments = pgTable('legal_documents', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  /** 'issued', or 'draft' (dự thảo: no number/symbol yet, dates say when it stands for the policy). */
  status: text('status').$type<LegalDocumentStatus>().notNull().default('issued'),
  /** As officially written; null for a draft. */
  numberSymbol: text('number_symbol'),
  title: text('title').notNull(),
  aliases: text('aliases').array().notNull().default([]),
  issuer: text('issuer'),
  issuedOn: date('issued_on'),
  effectiveFrom: date('effective_from'),
  /** Last day in force (inclusive). */
  effectiveTo: date('effective_to'),
  searchText: text('search_text').notNull().default(''),
  isReference: boolean('is_reference').notNull().default(false),
  notes: text('notes'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Predecessor → successor (a law replaced by a new one, a decree by the decree implementing it). */
export const legalDocumentLinks = pgTable(
  'legal_document_links',
  {
    predecessorId: text('predecessor_id').notNull(),
    successorId: text('successor_id').notNull(),
    /** First day the successor applies in place of the predecessor. */
    effectiveOn: date('effective_on'),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.predecessorId, t.successorId] })],
);

export type LegalDocument = typeof legalDocuments.$inferSelect;
