import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb, type Executor } from '../../platform/db';
import { notFound } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import { systemActor } from '../../platform/actor';
import { buildSearchText, inForceBetween, searchTextConditions, lineageOf } from '../../platform/reference-search';
import { kindName } from './identity';
import { legalDocumentLinks, legalDocuments, type LegalDocument, type LegalDocumentStatus } from './schema';
import {
  referenceLegalDocumentLinks,
  referenceLegalDocuments,
  type ReferenceLegalDocument,
  type ReferenceLegalDocumentLink,
} from './reference-data';

/** A register entry as the API, the CLI and other modules see it: its facts, whether it was seeded, its links. */
export interface LegalDocumentView extends ReferenceLegalDocument {
  isReference: boolean;
  predecessors: string[];
  successors: string[];
}

/**
 * Title, aliases and the number/symbol in three spellings: as written ("103/2016/qh13"), cited with its kind
 * ("luật 103/2016/qh13") and as words ("103 2016 qh13", so that the phrase "103/2016" ranks first). A draft,
 * which has no number, is also found as "dự thảo" and its title.
 */
export function searchTextOf(document: {
  kind: string;
  numberSymbol: string | null;
  title: string;
  aliases: readonly string[];
}): string {
  const { numberSymbol } = document;
  return buildSearchText(
    numberSymbol === null
      ? [document.title, ...document.aliases, `dự thảo ${document.title}`]
      : [
          document.title,
          ...document.aliases,
          numberSymbol,
          `${kindName(document.kind) ?? ''} ${numberSymbol}`,
          numberSymbol.replace(/[^\p{L}\p{N}]+/gu, ' '),
        ],
  );
}

export async function toViews(db: Executor, rows: LegalDocument[]): Promise<LegalDocumentView[]> {
  const links = await lineageOf(
    db,
    legalDocumentLinks,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    status: row.status,
    numberSymbol: row.numberSymbol,
    title: row.title,
    aliases: row.aliases,
    issuer: row.issuer,
    issuedOn: row.issuedOn,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    isReference: row.isReference,
    notes: row.notes,
    predecessors: (links.predecessors.get(row.id) ?? []).sort(),
    successors: (links.successors.get(row.id) ?? []).sort(),
  }));
}

export async function loadView(db: Executor, id: string): Promise<LegalDocumentView | undefined> {
  const [view] = await toViews(db, await db.select().from(legalDocuments).where(eq(legalDocuments.id, id)));
  return view;
}

export interface ListLegalDocumentsOptions {
  kind?: string | string[];
  status?: LegalDocumentStatus;
  /** Only documents in force on this date (YYYY-MM-DD); drafts standing for their policy then. */
  on?: string;
  /** Accent-insensitive, in titles, aliases and numbers/symbols: "luat bao chi", "103/2016". */
  search?: string;
  limit?: number;
}

/** Lists the register; the register is public information, like the directory. */
export async function listLegalDocuments({ kind, status, on, search, limit = 1000 }: ListLegalDocumentsOptions = {}): Promise<
  LegalDocumentView[]
> {
  const db = await getDb();
  const filters: SQL[] = [];
  if (kind) filters.push(inArray(legalDocuments.kind, Array.isArray(kind) ? kind : [kind]));
  if (status) filters.push(eq(legalDocuments.status, status));
  if (on) filters.push(inForceBetween(legalDocuments.effectiveFrom, legalDocuments.effectiveTo, on));
  // in titles, aliases and numbers ("bao chi" finds "Báo chí", not "tạp chí"), whole-phrase matches first
  const { filters: searchFilters, phraseFirst } = searchTextConditions(legalDocuments.searchText, search);
  filters.push(...searchFilters);
  const rows = await db
    .select()
    .from(legalDocuments)
    .where(and(...filters))
    .orderBy(
      ...(phraseFirst ? [phraseFirst] : []),
      asc(legalDocuments.title),
      sql`${legalDocuments.effectiveFrom} DESC NULLS LAST`,
      asc(legalDocuments.id),
    )
    .limit(Math.min(limit, 5000));
  return toViews(db, rows);
}

/** One document with the ids of its predecessors and successors. */
export async function getLegalDocument({ id }: { id: string }): Promise<LegalDocumentView> {
  const view = await loadView(await getDb(), id);
  if (!view) throw notFound('Legal document', id);
  return view;
}

/**
 * Inserts the reference documents the database lacks (first start, or a release that adds some), and the links
 * that touch a document inserted now. Rows already there are left alone: administrators may have edited them,
 * and their edits win. Safe when several processes start at once. `documents` and `links` default to the
 * reference data.
 */
export async function seedReferenceLegalDocuments({
  documents = referenceLegalDocuments,
  links = referenceLegalDocumentLinks,
}: { documents?: readonly ReferenceLegalDocument[]; links?: readonly ReferenceLegalDocumentLink[] } = {}): Promise<{
  inserted: number;
}> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const inserted = new Set<string>();
    for (const document of documents) {
      const rows = await tx
        .insert(legalDocuments)
        .values({ ...document, isReference: true, searchText: searchTextOf(document) })
        .onConflictDoNothing()
        .returning({ id: legalDocuments.id });
      for (const row of rows) inserted.add(row.id);
    }
    for (const link of links) {
      if (!inserted.has(link.predecessorId) && !inserted.has(link.successorId)) continue;
      await tx.insert(legalDocumentLinks).values(link).onConflictDoNothing();
    }
    if (inserted.size > 0) {
      await recordAudit(tx, {
        actor: systemActor,
        action: 'legal.document.seed',
        entityType: 'legal_document',
        after: { inserted: [...inserted].sort() },
      });
    }
    return { inserted: inserted.size };
  });
}

/** A document's names (title, then aliases) with the dates it is in force: what an entity matcher needs. */
export interface LegalDocumentNames {
  id: string;
  kind: string;
  names: string[];
  /** First day in force, or null when unknown. */
  validFrom: string | null;
  /** Last day in force, or null while in force or unknown. */
  validTo: string | null;
}

/**
 * Every document with its names and validity, so that monitoring resolves "Luật Báo chí" in a text to the law
 * in force on the text's date (103/2016/QH13 in 2025, 126/2025/QH15 from 2026-07-01), and a draft's name to the
 * draft while it stands for its policy ("Luật Báo chí (sửa đổi)" in 2025 to the draft, from 2026-07-01 to the law).
 */
export async function listLegalDocumentNames(): Promise<LegalDocumentNames[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: legalDocuments.id,
      kind: legalDocuments.kind,
      title: legalDocuments.title,
      aliases: legalDocuments.aliases,
      effectiveFrom: legalDocuments.effectiveFrom,
      effectiveTo: legalDocuments.effectiveTo,
    })
    .from(legalDocuments)
    .orderBy(asc(legalDocuments.id));
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    names: [...new Set([row.title, ...row.aliases])],
    validFrom: row.effectiveFrom,
    validTo: row.effectiveTo,
  }));
}

/**
 * Each of `ids` with the drafts it was adopted from (and theirs), itself first: one policy from its design to its
 * implementation, so that trends add up the saved queries linked to the draft and to the law adopted from it.
 * An id the register does not hold stands alone.
 * @example (await withDraftsOf(['policy:luat:126/2025/qh15'])).get('policy:luat:126/2025/qh15') // ['policy:luat:126/2025/qh15', 'policy:luat:du-thao/bao-chi-sua-doi']
 */
export async function withDraftsOf(ids: readonly string[]): Promise<Map<string, string[]>> {
  const lineage = new Map(ids.map((id) => [id, [id]]));
  if (ids.length === 0) return lineage;
  const db = await getDb();
  const { rows } = (await db.execute(sql`
    WITH RECURSIVE drafts(policy_id, draft_id) AS (
      SELECT l.successor_id, l.predecessor_id
      FROM legal_document_links l JOIN legal_documents d ON d.id = l.predecessor_id AND d.status = 'draft'
      WHERE l.successor_id = ANY(${sql.param([...ids])}::text[])
      UNION
      SELECT drafts.policy_id, l.predecessor_id
      FROM drafts
      JOIN legal_document_links l ON l.successor_id = drafts.draft_id
      JOIN legal_documents d ON d.id = l.predecessor_id AND d.status = 'draft'
    )
    SELECT policy_id, draft_id FROM drafts ORDER BY policy_id, draft_id`)) as unknown as {
    rows: { policy_id: string; draft_id: string }[];
  };
  for (const row of rows) lineage.get(row.policy_id)?.push(row.draft_id);
  return lineage;
}

/** The register's titles of the given document ids (those it holds), for naming cited documents in lists. */
export async function legalDocumentTitles(ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select({ id: legalDocuments.id, title: legalDocuments.title })
    .from(legalDocuments)
    .where(inArray(legalDocuments.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row.title]));
}
