import { auditLog } from './schema';
import type { Actor } from './actor';
import type { Executor } from './db';

export interface AuditEntry {
  actor: Actor;
  action: string;
  entityType: string;
  entityId?: string | null;
  organizationId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

/** Strips secrets before they reach the append-only log. */
function redact(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value ?? null;
  if (Array.isArray(value)) return value.map(redact);
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = /password|secret|token|hash/i.test(key) ? '[redacted]' : redact(inner);
  }
  return out;
}

/** Appends one entry to the audit log, inside the caller's transaction so that write and record commit together. */
export async function recordAudit(executor: Executor, entry: AuditEntry): Promise<void> {
  await executor.insert(auditLog).values({
    actorUserId: entry.actor.userId,
    actorEmail: entry.actor.email,
    actorOrganizationId: entry.actor.organizationId,
    organizationId: entry.organizationId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: redact(entry.before) ?? null,
    after: redact(entry.after) ?? null,
    requestId: entry.requestId ?? null,
  });
}
