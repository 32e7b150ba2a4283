import { and, desc, eq, gte, like, lt, lte, type SQL } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { AppError } from '../../platform/errors';
import type { Actor } from '../../platform/actor';
import { auditLog } from '../../platform/schema';

export interface BrowseAuditLogOptions {
  actor: Actor;
  /** User id (UUID) or email of whoever acted. */
  actorFilter?: string;
  entityType?: string;
  entityId?: string;
  organizationId?: string;
  /** Exact action, or a prefix ending in `*`. */
  action?: string;
  /** YYYY-MM-DD (Vietnam day) or ISO date-time. */
  from?: string;
  to?: string;
  limit?: number;
  /** The `nextCursor` of the previous page: entries older than it. */
  cursor?: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** A day given without a time means that calendar day in Vietnam (UTC+7, no daylight saving). */
function startOf(value: string): Date {
  return new Date(dayPattern.test(value) ? `${value}T00:00:00+07:00` : value);
}

function assertValidInstant(date: Date, field: string): void {
  if (Number.isNaN(date.getTime()))
    throw new AppError('VALIDATION_FAILED', `Invalid ${field}`, {
      invalidFields: [{ path: `query.${field}`, message: 'not a real date' }],
    });
}

function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, '\\$&');
}

/**
 * Administrators browse the append-only audit log, newest first, with keyset pagination on the id (the
 * log only grows, so a page never shifts under the reader). There is deliberately no way to edit it.
 */
export async function browseAuditLog(options: BrowseAuditLogOptions) {
  const { actor } = options;
  if (actor.role !== 'administrator' && actor.role !== 'system')
    throw new AppError('FORBIDDEN', 'Only administrators browse the audit log');
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const filters: SQL[] = [];
  if (options.actorFilter) {
    filters.push(
      uuidPattern.test(options.actorFilter)
        ? eq(auditLog.actorUserId, options.actorFilter)
        : eq(auditLog.actorEmail, options.actorFilter.toLowerCase()),
    );
  }
  if (options.entityType) filters.push(eq(auditLog.entityType, options.entityType));
  if (options.entityId) filters.push(eq(auditLog.entityId, options.entityId));
  if (options.organizationId) filters.push(eq(auditLog.organizationId, options.organizationId));
  if (options.action) {
    filters.push(
      options.action.endsWith('*')
        ? like(auditLog.action, `${escapeLike(options.action.slice(0, -1))}%`)
        : eq(auditLog.action, options.action),
    );
  }
  if (options.from) {
    const from = startOf(options.from);
    assertValidInstant(from, 'from');
    filters.push(gte(auditLog.at, from));
  }
  if (options.to) {
    if (dayPattern.test(options.to)) {
      const endExclusive = new Date(startOf(options.to).getTime() + 24 * 3600_000);
      assertValidInstant(endExclusive, 'to');
      filters.push(lt(auditLog.at, endExclusive));
    } else {
      const to = new Date(options.to);
      assertValidInstant(to, 'to');
      filters.push(lte(auditLog.at, to));
    }
  }
  if (options.cursor) filters.push(lt(auditLog.id, Number(options.cursor)));
  const db = await getDb();
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...filters))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((row) => ({ ...row, at: row.at.toISOString() })),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : null,
  };
}
