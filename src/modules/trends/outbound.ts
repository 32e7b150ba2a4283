import { sql } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { env } from '../../platform/env';
import { AppError } from '../../platform/errors';
import { checkOutboundUrl, normalizeHost } from '../../platform/outbound-url';

/**
 * Hosts a webhook may reach although they resolve to private addresses: the deployment's
 * `NHIP_ALLOWED_PRIVATE_HOSTS` and the administrators' allow-list (monitoring's `monitoring_allowed_hosts`, read
 * directly: monitoring's index does not export its lookup and the list is the same for fetchers and webhooks).
 */
export async function allowedOutboundHosts(): Promise<Set<string>> {
  const db = await getDb();
  const rows = ((await db.execute(sql`SELECT host FROM monitoring_allowed_hosts`)) as unknown as { rows: { host: string }[] }).rows;
  return new Set([...env.allowedPrivateHosts, ...rows.map((row) => row.host)].map(normalizeHost));
}

/** Refuses a webhook URL that is not http(s), carries credentials, or resolves to a non-public address (SSRF). */
export async function assertWebhookUrlAllowed(url: string | null | undefined): Promise<void> {
  if (!url) return;
  const problem = await checkOutboundUrl(url, await allowedOutboundHosts());
  if (problem) {
    throw new AppError('VALIDATION_FAILED', 'The webhook URL is not allowed', { invalidFields: [{ path: 'channels.webhookUrl', message: `OUTBOUND_URL_${problem}` }] });
  }
}
