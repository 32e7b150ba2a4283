import { inArray } from 'drizzle-orm';
import { getDb, type Executor } from '../../platform/db';
import { organizationLinks, organizations } from '../agencies';

export interface OrganizationName {
  id: string;
  name: string;
}

/** Names of directory organizations by id (unknown ids are absent). */
export async function organizationNames(ids: readonly string[], executor?: Executor): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const db = executor ?? (await getDb());
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, unique));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/**
 * For each id, the bodies that carry on its duties on `date`: itself when still in force, otherwise its
 * successors followed through further mergers (e.g. a ministry merged into another that later split).
 * Read from the database, so an administrator's edit of the directory applies to new tasks.
 */
export async function currentSuccessors(ids: readonly string[], date: string): Promise<Map<string, OrganizationName[]>> {
  const db = await getDb();
  const result = new Map<string, OrganizationName[]>();
  if (ids.length === 0) return result;
  const allOrganizations = await db
    .select({ id: organizations.id, name: organizations.name, validTo: organizations.validTo })
    .from(organizations);
  const byId = new Map(allOrganizations.map((row) => [row.id, row]));
  const links = await db.select().from(organizationLinks);
  const successorsOf = new Map<string, string[]>();
  for (const link of links)
    (successorsOf.get(link.predecessorId) ?? successorsOf.set(link.predecessorId, []).get(link.predecessorId)!).push(
      link.successorId,
    );
  const isInForce = (id: string) => {
    const row = byId.get(id);
    return Boolean(row) && (row!.validTo === null || row!.validTo >= date);
  };
  for (const id of new Set(ids)) {
    if (!byId.has(id) || isInForce(id)) {
      result.set(id, []);
      continue;
    }
    const found = new Set<string>();
    const seen = new Set<string>([id]);
    let frontier = successorsOf.get(id) ?? [];
    for (let depth = 0; depth < 5 && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const candidate of frontier) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        if (isInForce(candidate)) found.add(candidate);
        else next.push(...(successorsOf.get(candidate) ?? []));
      }
      frontier = next;
    }
    result.set(
      id,
      [...found].sort().map((successorId) => ({ id: successorId, name: byId.get(successorId)!.name })),
    );
  }
  return result;
}
