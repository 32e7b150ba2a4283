import { and, gte, inArray, isNull, lte, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './db';
import { foldDiacritics } from '../text/normalize';

/**
 * What the dated reference tables (the directory, the legal register) share: accent-insensitive search on a
 * stored search text, "in force on a date" between two nullable date columns, and predecessor → successor links.
 */

/** Lower-cased, accent-folded text that accent-insensitive search runs on ("bo y te" finds "Bộ Y tế"). */
export function buildSearchText(parts: readonly (string | null | undefined)[]): string {
  return parts
    .filter((part): part is string => Boolean(part))
    .map((part) => `${part.normalize('NFC').toLowerCase()} ${foldDiacritics(part.normalize('NFC').toLowerCase())}`)
    .join(' | ');
}

/**
 * Conditions for a search on a `buildSearchText` column: each word of the search must start a word of it ("y te"
 * finds "Bộ Y tế", not "công nghệ"; "103/2016" finds "103/2016/QH13"), and an ordering that ranks rows holding the
 * whole phrase first. Empty for a blank search.
 */
export function searchTextConditions(column: AnyColumn, search: string | undefined): { filters: SQL[]; phraseFirst?: SQL } {
  const words = foldDiacritics((search ?? '').normalize('NFC').trim().toLowerCase())
    .split(/[^\p{L}\p{N}&]+/u)
    .filter(Boolean);
  if (words.length === 0) return { filters: [] };
  return {
    filters: words.map((word) => sql`${column} ~ ${'\\m' + word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    phraseFirst: sql`(${column} LIKE ${'%' + words.join(' ').replace(/[%_\\]/g, '\\$&') + '%'}) DESC`,
  };
}

/** SQL condition: in force on `isoDate` between the two date columns (inclusive; an unknown bound does not exclude). */
export function inForceBetween(from: AnyColumn, to: AnyColumn, isoDate: string): SQL {
  return and(or(isNull(from), lte(from, isoDate)), or(isNull(to), gte(to, isoDate)))!;
}

/** A predecessor → successor link table (`organization_links`, `legal_document_links`). */
type LinkTable = PgTable & { predecessorId: PgColumn; successorId: PgColumn };

/** The predecessors and successors of each of `ids`, from a link table: two maps by id. */
export async function lineageOf(
  db: Executor,
  links: LinkTable,
  ids: readonly string[],
): Promise<{ predecessors: Map<string, string[]>; successors: Map<string, string[]> }> {
  const predecessors = new Map<string, string[]>();
  const successors = new Map<string, string[]>();
  if (ids.length === 0) return { predecessors, successors };
  const rows = (await db
    .select({ predecessorId: links.predecessorId, successorId: links.successorId })
    .from(links)
    .where(or(inArray(links.predecessorId, [...ids]), inArray(links.successorId, [...ids])))) as {
    predecessorId: string;
    successorId: string;
  }[];
  for (const row of rows) {
    successors.set(row.predecessorId, [...(successors.get(row.predecessorId) ?? []), row.successorId]);
    predecessors.set(row.successorId, [...(predecessors.get(row.successorId) ?? []), row.predecessorId]);
  }
  return { predecessors, successors };
}
