import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb } from './db';
import { env } from './env';
import { settings } from './schema';

let cached: Promise<string> | undefined;

/**
 * The deployment secret for keyed hashes (pseudonyms of social-post authors) and signatures: NHIP_SECRET when
 * set, otherwise generated once and kept in the database so that every machine of a cluster shares it.
 */
export function getDeploymentSecret(): Promise<string> {
  cached ??= (async () => {
    if (env.secret) return env.secret;
    const db = await getDb();
    await db
      .insert(settings)
      .values({ key: 'deployment-secret', value: crypto.randomBytes(32).toString('base64url') })
      .onConflictDoNothing();
    const [row] = await db.select().from(settings).where(eq(settings.key, 'deployment-secret'));
    return String(row!.value);
  })();
  return cached;
}

/**
 * Keyed hash (HMAC-SHA256 with the deployment secret) of an identifier, for one named purpose (e.g. the IP of a
 * public survey respondent, to refuse repeats without storing the address): the same value under two purposes
 * gives unrelated hashes. Social-media authors have their own stored format (`pseudonymizeAuthor`).
 */
export async function keyedHash(purpose: string, value: string): Promise<string> {
  const secret = await getDeploymentSecret();
  return crypto
    .createHmac('sha256', secret)
    .update(`${purpose}:${value.normalize('NFC').trim().toLowerCase()}`)
    .digest('base64url')
    .slice(0, 22);
}
