import { and, eq, inArray } from 'drizzle-orm';
import { getDb, type Executor } from '../../platform/db';
import { AppError, notFound, type InvalidField } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/actor';
import { draftLegalDocumentId, KIND_CODES, legalDocumentIdOf } from './identity';
import { canEditLegalRegister } from './policies';
import { legalDocumentLinks, legalDocuments, type LegalDocumentStatus } from './schema';
import { loadView, searchTextOf, toViews, type LegalDocumentView } from './legal-documents';

/** NFC text on one line with single spaces; null for nothing or blanks. */
function cleanName(value: string | null | undefined): string | null {
  const text = value?.normalize('NFC').replace(/\s+/g, ' ').trim();
  return text ? text : null;
}

/** Trimmed NFC text, line breaks kept; null for nothing or blanks. */
function cleanNotes(value: string | null | undefined): string | null {
  const text = value?.normalize('NFC').trim();
  return text ? text : null;
}

/** Trimmed NFC number/symbol with the spaces some documents put around the slashes removed; null for blanks. */
function cleanNumberSymbol(value: string | null | undefined): string | null {
  const text = value
    ?.normalize('NFC')
    .trim()
    .replace(/\s*\/\s*/g, '/');
  return text ? text : null;
}

/** Why a draft is refused a number/symbol (user-facing through the API's invalid fields). */
const DRAFT_HAS_NO_NUMBER =
  'a draft has no number/symbol yet: once adopted, add the issued document with its number and this draft as its predecessor';

function cleanAliases(aliases: readonly string[]): string[] {
  return [...new Set(aliases.map((alias) => cleanName(alias)).filter((alias): alias is string => alias !== null))];
}

export interface LegalDocumentInput {
  /** A kind code: luat, nghi-dinh, quyet-dinh, chi-thi, cong-van … */
  kind: string;
  /** 'issued' (the default), or 'draft': a policy before adoption, with no number/symbol yet. */
  status?: LegalDocumentStatus;
  /**
   * As officially written, "103/2016/QH13"; the id is computed from it and the kind. Required for an issued
   * document; a draft has none, and its id comes from kind and title.
   */
  numberSymbol?: string | null;
  title: string;
  aliases?: string[];
  issuer?: string | null;
  issuedOn?: string | null;
  effectiveFrom?: string | null;
  effectiveTo?: string | null;
  notes?: string | null;
  /** Ids of the documents this one replaces. */
  predecessors?: string[];
  /** Ids of the documents that replace this one. */
  successors?: string[];
}

/**
 * What an edit may change; kind, status and id stay (a different number/symbol is a different document, and an
 * adopted draft is followed by the issued document).
 */
export type LegalDocumentChanges = Partial<Omit<LegalDocumentInput, 'kind' | 'status'>>;

function assertMayEdit(actor: Actor): void {
  if (!canEditLegalRegister(actor)) {
    throw new AppError('FORBIDDEN', 'Only coordinators and administrators edit the legal register');
  }
}

function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

interface CheckedFacts {
  id: string;
  issuedOn: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  predecessors?: string[];
  successors?: string[];
}

/**
 * Checks dates and links of the document as it will be after the write, and returns the effective_from of every
 * linked document (a link takes effect on the successor's first day). One 400 lists every invalid field.
 */
async function checkFacts(db: Executor, facts: CheckedFacts, invalidFields: InvalidField[]): Promise<Map<string, string | null>> {
  for (const field of ['issuedOn', 'effectiveFrom', 'effectiveTo'] as const) {
    const value = facts[field];
    if (value !== null && !isIsoDate(value)) invalidFields.push({ path: field, message: 'a date as YYYY-MM-DD' });
  }
  if (facts.effectiveFrom && facts.effectiveTo && facts.effectiveTo < facts.effectiveFrom) {
    invalidFields.push({ path: 'effectiveTo', message: 'the last day in force is before effectiveFrom' });
  }
  const linkedIds = [...(facts.predecessors ?? []), ...(facts.successors ?? [])];
  const linked = new Map<string, string | null>();
  if (linkedIds.length > 0) {
    const rows = await db
      .select({ id: legalDocuments.id, effectiveFrom: legalDocuments.effectiveFrom })
      .from(legalDocuments)
      .where(inArray(legalDocuments.id, linkedIds));
    for (const row of rows) linked.set(row.id, row.effectiveFrom);
  }
  for (const field of ['predecessors', 'successors'] as const) {
    for (const linkedId of facts[field] ?? []) {
      if (linkedId === facts.id) invalidFields.push({ path: field, message: 'a document cannot replace itself' });
      else if (!linked.has(linkedId)) invalidFields.push({ path: field, message: `no legal document ${linkedId}` });
    }
  }
  if (invalidFields.length > 0)
    throw new AppError('VALIDATION_FAILED', 'The legal document has invalid fields', { invalidFields });
  return linked;
}

/** Makes `linkedIds` exactly the predecessors (or successors) of `id`, keeping the links that stay as they are. */
async function replaceLinks(
  tx: Executor,
  {
    id,
    side,
    linkedIds,
    effectiveOn,
  }: { id: string; side: 'predecessors' | 'successors'; linkedIds: string[]; effectiveOn: (linkedId: string) => string | null },
): Promise<void> {
  const own = side === 'predecessors' ? legalDocumentLinks.successorId : legalDocumentLinks.predecessorId;
  const other = side === 'predecessors' ? legalDocumentLinks.predecessorId : legalDocumentLinks.successorId;
  const existing = new Set(
    (await tx.select({ linkedId: other }).from(legalDocumentLinks).where(eq(own, id))).map((row) => row.linkedId),
  );
  const removed = [...existing].filter((linkedId) => !linkedIds.includes(linkedId));
  if (removed.length > 0) await tx.delete(legalDocumentLinks).where(and(eq(own, id), inArray(other, removed)));
  for (const linkedId of linkedIds.filter((linkedId) => !existing.has(linkedId))) {
    const [predecessorId, successorId] = side === 'predecessors' ? [linkedId, id] : [id, linkedId];
    await tx
      .insert(legalDocumentLinks)
      .values({ predecessorId, successorId, effectiveOn: effectiveOn(linkedId) })
      .onConflictDoNothing();
  }
}

/** Adds a document to the register; its id comes from kind and number/symbol (a draft's from kind and title). Audited. */
export async function createLegalDocument({
  actor,
  input,
}: {
  actor: Actor;
  input: LegalDocumentInput;
}): Promise<LegalDocumentView> {
  assertMayEdit(actor);
  const db = await getDb();
  const status = input.status ?? 'issued';
  const numberSymbol = cleanNumberSymbol(input.numberSymbol);
  const title = cleanName(input.title);
  const invalidFields: InvalidField[] = [];
  if (!KIND_CODES.includes(input.kind)) invalidFields.push({ path: 'kind', message: `one of ${KIND_CODES.join(', ')}` });
  let id: string | undefined;
  if (status === 'draft') {
    if (numberSymbol) invalidFields.push({ path: 'numberSymbol', message: DRAFT_HAS_NO_NUMBER });
    id = title ? draftLegalDocumentId(input.kind, title) : undefined;
    if (title && !id) invalidFields.push({ path: 'title', message: "words besides the kind's name" });
  } else {
    id = numberSymbol ? legalDocumentIdOf(input.kind, numberSymbol) : undefined;
    if (!id) {
      invalidFields.push({ path: 'numberSymbol', message: 'not a number/symbol of the form 103/2016/QH13 or 07/CT-TTg' });
    }
  }
  if (!title) invalidFields.push({ path: 'title', message: 'required' });
  const values = {
    kind: input.kind,
    status,
    numberSymbol: status === 'draft' ? null : numberSymbol,
    title: title ?? '',
    aliases: cleanAliases(input.aliases ?? []),
    issuer: cleanName(input.issuer),
    issuedOn: input.issuedOn ?? null,
    effectiveFrom: input.effectiveFrom ?? null,
    effectiveTo: input.effectiveTo ?? null,
    notes: cleanNotes(input.notes),
  };
  return db.transaction(async (tx) => {
    const linked = await checkFacts(
      tx,
      { ...values, id: id ?? '', predecessors: input.predecessors, successors: input.successors },
      invalidFields,
    );
    const documentId = id!;
    const [inserted] = await tx
      .insert(legalDocuments)
      .values({ id: documentId, ...values, searchText: searchTextOf(values) })
      .onConflictDoNothing()
      .returning({ id: legalDocuments.id });
    if (!inserted) {
      throw new AppError('ALREADY_EXISTS', `Legal document ${documentId} already exists`, {
        invalidFields: [
          { path: status === 'draft' ? 'title' : 'numberSymbol', message: `${documentId} is already in the register` },
        ],
      });
    }
    await replaceLinks(tx, {
      id: documentId,
      side: 'predecessors',
      linkedIds: input.predecessors ?? [],
      effectiveOn: () => values.effectiveFrom,
    });
    await replaceLinks(tx, {
      id: documentId,
      side: 'successors',
      linkedIds: input.successors ?? [],
      effectiveOn: (successorId) => linked.get(successorId) ?? null,
    });
    const view = (await loadView(tx, documentId))!;
    await recordAudit(tx, {
      actor,
      action: 'legal.document.create',
      entityType: 'legal_document',
      entityId: documentId,
      after: view,
    });
    return view;
  });
}

/** Edits a document's dated facts, names and links; the lists given replace the current ones. Audited with before/after. */
export async function updateLegalDocument({
  actor,
  id,
  changes,
}: {
  actor: Actor;
  id: string;
  changes: LegalDocumentChanges;
}): Promise<LegalDocumentView> {
  assertMayEdit(actor);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(legalDocuments).where(eq(legalDocuments.id, id)).for('update');
    if (!row) throw notFound('Legal document', id);
    const before = (await toViews(tx, [row]))[0]!;
    const invalidFields: InvalidField[] = [];
    const numberSymbol = changes.numberSymbol === undefined ? row.numberSymbol : cleanNumberSymbol(changes.numberSymbol);
    if (row.status === 'draft') {
      // a draft keeps the id of its first title, whatever it is renamed to
      if (numberSymbol !== null) invalidFields.push({ path: 'numberSymbol', message: DRAFT_HAS_NO_NUMBER });
    } else if (numberSymbol === null || legalDocumentIdOf(row.kind, numberSymbol) !== id) {
      // A respelling ("NÐ" → "NĐ") keeps the id; another number is another document.
      invalidFields.push({ path: 'numberSymbol', message: `must still give the id ${id}; add a new document instead` });
    }
    const title = changes.title === undefined ? row.title : cleanName(changes.title);
    if (!title) invalidFields.push({ path: 'title', message: 'required' });
    const next = {
      numberSymbol,
      title: title ?? row.title,
      aliases: changes.aliases === undefined ? row.aliases : cleanAliases(changes.aliases),
      issuer: changes.issuer === undefined ? row.issuer : cleanName(changes.issuer),
      issuedOn: changes.issuedOn === undefined ? row.issuedOn : changes.issuedOn,
      effectiveFrom: changes.effectiveFrom === undefined ? row.effectiveFrom : changes.effectiveFrom,
      effectiveTo: changes.effectiveTo === undefined ? row.effectiveTo : changes.effectiveTo,
      notes: changes.notes === undefined ? row.notes : cleanNotes(changes.notes),
    };
    const linked = await checkFacts(
      tx,
      { ...next, id, predecessors: changes.predecessors, successors: changes.successors },
      invalidFields,
    );
    await tx
      .update(legalDocuments)
      .set({ ...next, searchText: searchTextOf({ ...next, kind: row.kind }), updatedAt: new Date() })
      .where(eq(legalDocuments.id, id));
    if (changes.predecessors) {
      await replaceLinks(tx, {
        id,
        side: 'predecessors',
        linkedIds: changes.predecessors,
        effectiveOn: () => next.effectiveFrom,
      });
    }
    if (changes.successors) {
      await replaceLinks(tx, {
        id,
        side: 'successors',
        linkedIds: changes.successors,
        effectiveOn: (successorId) => linked.get(successorId) ?? null,
      });
    }
    const after = (await loadView(tx, id))!;
    await recordAudit(tx, { actor, action: 'legal.document.update', entityType: 'legal_document', entityId: id, before, after });
    return after;
  });
}
