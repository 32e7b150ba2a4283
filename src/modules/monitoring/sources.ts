import crypto from 'node:crypto';
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import { z } from '@hono/zod-openapi';
import { getDb, type Executor } from '../../platform/db';
import { AppError, notFound } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import { canReadOrganizationRecord, isNetworkWide, type Actor } from '../../platform/actor';
import { env } from '../../platform/env';
import { normalizeHost } from '../../platform/outbound-url';
import { monitoringAllowedHosts, monitoringSources, type MonitoringSource } from './schema';
import { sourceInputSchema, type SourceView } from './contracts';
import { assertCanManageNetworkSources, assertCanWriteForOrganization, assertIsAdministrator } from './policies';
import { defaultSources } from './default-sources';
import { fetchStatusFields } from './fetch/fetch-status';

export type SourceInput = z.input<typeof sourceInputSchema>;

export function toSourceView(row: MonitoringSource): SourceView {
  const iso = (value: Date | null) => (value ? value.toISOString() : null);
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    kind: row.kind,
    url: row.url,
    documentKind: row.documentKind,
    isEnabled: row.isEnabled,
    isDefault: row.isDefault,
    intervalMinutes: row.intervalMinutes,
    health: {
      lastFetchAt: iso(row.lastFetchAt),
      lastSuccessAt: iso(row.lastSuccessAt),
      lastStatus: row.lastStatus,
      ...fetchStatusFields(row.lastStatus),
      lastError: row.lastError,
      lastItemCount: row.lastItemCount,
      totalItemCount: Number(row.totalItemCount),
      errorCount: row.errorCount,
      consecutiveFailures: row.consecutiveFailures,
      nextRunAt: iso(row.nextRunAt),
    },
  };
}

function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

function assertCanManage(actor: Actor, organizationId: string | null): void {
  if (organizationId === null) assertCanManageNetworkSources(actor);
  else assertCanWriteForOrganization(actor, organizationId);
}

/**
 * Adds a source. Fetched kinds need a URL; a webhook source gets a token, returned once (only its hash is
 * stored). A network-wide source (organizationId null) is for coordinators and administrators.
 */
export async function createSource({
  actor,
  input,
}: {
  actor: Actor;
  input: SourceInput;
}): Promise<SourceView & { webhookToken?: string }> {
  const data = sourceInputSchema.parse(input);
  const organizationId = data.organizationId === undefined ? actor.organizationId : data.organizationId;
  assertCanManage(actor, organizationId);
  const isFetched = data.kind === 'feed' || data.kind === 'sitemap' || data.kind === 'article';
  if (isFetched && !data.url)
    throw new AppError('VALIDATION_FAILED', 'A fetched source needs a URL', {
      invalidFields: [{ path: 'url', message: 'required for feed, sitemap and article sources' }],
    });
  if (data.url && !/^https?:\/\//i.test(data.url))
    throw new AppError('VALIDATION_FAILED', 'Only http(s) URLs', {
      invalidFields: [{ path: 'url', message: 'must be http or https' }],
    });
  const webhookToken = data.kind === 'webhook' ? `whk_${crypto.randomBytes(24).toString('base64url')}` : undefined;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(monitoringSources)
      .values({
        organizationId,
        name: data.name,
        kind: data.kind,
        url: data.url,
        documentKind: data.documentKind,
        isEnabled: data.isEnabled,
        intervalMinutes: data.intervalMinutes,
        webhookTokenHash: webhookToken ? hashToken(webhookToken) : null,
        nextRunAt: isFetched && data.isEnabled ? new Date() : null,
      })
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw new AppError('ALREADY_EXISTS', 'This URL is already a source', {
        invalidFields: [{ path: 'url', message: 'already a source' }],
      });
    await recordAudit(tx, {
      actor,
      action: 'monitoring.source.create',
      entityType: 'monitoring_source',
      entityId: row.id,
      organizationId,
      after: toSourceView(row),
    });
    return { ...toSourceView(row), ...(webhookToken ? { webhookToken } : {}) };
  });
}

/** Sources the actor sees: network-wide ones and their organization's (all for network-wide roles). */
let areDefaultsSeeded = false;

export async function listSources({ actor }: { actor: Actor }): Promise<SourceView[]> {
  if (!areDefaultsSeeded) {
    await seedDefaultSources();
    areDefaultsSeeded = true;
  }
  const db = await getDb();
  const rows = await db
    .select()
    .from(monitoringSources)
    .where(
      isNetworkWide(actor)
        ? undefined
        : or(isNull(monitoringSources.organizationId), eq(monitoringSources.organizationId, actor.organizationId ?? '')),
    )
    .orderBy(asc(monitoringSources.name));
  return rows.map(toSourceView);
}

export async function loadSource(actor: Actor, sourceId: string, executor?: Executor): Promise<MonitoringSource> {
  const db = executor ?? (await getDb());
  const [row] = await db.select().from(monitoringSources).where(eq(monitoringSources.id, sourceId));
  if (!row || (row.organizationId !== null && !canReadOrganizationRecord(actor, row.organizationId)))
    throw notFound('Source', sourceId);
  return row;
}

/** Enables or disables a source ("one click" for the default outlets); enabling schedules a fetch now. */
export async function setSourceEnabled({
  actor,
  sourceId,
  isEnabled,
}: {
  actor: Actor;
  sourceId: string;
  isEnabled: boolean;
}): Promise<SourceView> {
  const source = await loadSource(actor, sourceId);
  assertCanManage(actor, source.organizationId);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(monitoringSources)
      .set({ isEnabled, nextRunAt: isEnabled ? sql`now()` : null, consecutiveFailures: 0, updatedAt: sql`now()` })
      .where(eq(monitoringSources.id, sourceId))
      .returning();
    await recordAudit(tx, {
      actor,
      action: isEnabled ? 'monitoring.source.enable' : 'monitoring.source.disable',
      entityType: 'monitoring_source',
      entityId: sourceId,
      organizationId: source.organizationId,
    });
    return toSourceView(row!);
  });
}

/** The webhook source a push belongs to, if the token is right (constant-time comparison of hashes). */
export async function authenticateWebhook({
  sourceId,
  token,
}: {
  sourceId: string;
  token: string | undefined;
}): Promise<MonitoringSource> {
  const db = await getDb();
  const [row] = z.string().uuid().safeParse(sourceId).success
    ? await db
        .select()
        .from(monitoringSources)
        .where(and(eq(monitoringSources.id, sourceId), eq(monitoringSources.kind, 'webhook')))
    : [];
  const expected = Buffer.from(row?.webhookTokenHash ?? hashToken('no-such-source'), 'hex');
  const given = Buffer.from(hashToken(token ?? ''), 'hex');
  if (!row || !token || !crypto.timingSafeEqual(expected, given))
    throw new AppError('UNAUTHENTICATED', 'Unknown webhook source or wrong token');
  if (!row.isEnabled) throw new AppError('INVALID_STATE', 'This webhook source is disabled');
  return row;
}

/** Installs the default list of major Vietnamese outlets' public feeds, disabled (idempotent). */
export async function seedDefaultSources(): Promise<{ inserted: number }> {
  const db = await getDb();
  const rows = await db
    .insert(monitoringSources)
    .values(
      defaultSources.map((source) => ({
        name: source.name,
        kind: source.kind,
        url: source.url,
        isDefault: true,
        isEnabled: false,
        intervalMinutes: 30,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: monitoringSources.id });
  return { inserted: rows.length };
}

/** Hosts an administrator allows although they resolve to private addresses (intranet feeds, test servers). */
export async function allowPrivateHost({ actor, host, note }: { actor: Actor; host: string; note?: string }): Promise<void> {
  assertIsAdministrator(actor);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .insert(monitoringAllowedHosts)
      .values({ host: host.toLowerCase(), note, createdBy: actor.userId })
      .onConflictDoNothing();
    await recordAudit(tx, {
      actor,
      action: 'monitoring.allowed-host.add',
      entityType: 'monitoring_allowed_host',
      entityId: host.toLowerCase(),
    });
  });
}

export async function listAllowedHosts(): Promise<string[]> {
  const db = await getDb();
  return (await db.select({ host: monitoringAllowedHosts.host }).from(monitoringAllowedHosts)).map((row) => row.host);
}

/**
 * Hosts outbound requests may reach although they resolve to private addresses: the deployment's
 * NHIP_ALLOWED_PRIVATE_HOSTS and the administrators' allow-list. One list for feed fetchers and alert webhooks.
 */
export async function outboundAllowedHosts(): Promise<Set<string>> {
  return new Set([...env.allowedPrivateHosts, ...(await listAllowedHosts())].map(normalizeHost));
}
