import crypto from 'node:crypto';

/**
 * Keyed pseudonym of a social-media author (HMAC-SHA256 with the deployment secret): stable, so that
 * volume per pseudonym can be counted, but not reversible without the secret. Handles are compared
 * case-insensitively, without a leading @.
 */
export function pseudonymizeAuthor(secret: string, author: string): string {
  const key = author.normalize('NFC').trim().replace(/^@/, '').toLowerCase();
  return 'p_' + crypto.createHmac('sha256', secret).update(key).digest('hex').slice(0, 32);
}
