import { AppError } from '../../platform/errors';
import { checkOutboundUrl } from '../../platform/outbound-url';
import { outboundAllowedHosts } from '../monitoring';

/** Refuses a webhook URL (same allow-list as monitoring's fetchers) that is not http(s), carries credentials, or resolves to a non-public address (SSRF). */
export async function assertWebhookUrlAllowed(url: string | null | undefined): Promise<void> {
  if (!url) return;
  const problem = await checkOutboundUrl(url, await outboundAllowedHosts());
  if (problem) {
    throw new AppError('VALIDATION_FAILED', 'The webhook URL is not allowed', {
      invalidFields: [{ path: 'channels.webhookUrl', message: `OUTBOUND_URL_${problem}` }],
    });
  }
}
