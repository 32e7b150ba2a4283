import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db';
import { announcementRecipients } from './schema';

/** The organizations an announcement was sent to, by id. */
export async function announcementRecipientIds(db: Database, announcementId: string): Promise<string[]> {
  const rows = await db
    .select({ id: announcementRecipients.organizationId })
    .from(announcementRecipients)
    .where(eq(announcementRecipients.announcementId, announcementId))
    .orderBy(asc(announcementRecipients.organizationId));
  return rows.map((row) => row.id);
}
