import nodemailer, { type Transporter } from 'nodemailer';
import { and, eq, inArray, ne } from 'drizzle-orm';
import { getDb } from '../../platform/db';
import { env } from '../../platform/env';
import { logger } from '../../platform/logger';
import { users } from '../accounts';
import { announcementRecipientIds } from './announcement-recipients';
import { announcementMailings, announcements } from './schema';

/** True when announcements are also mailed (SMTP_URL is set); otherwise they are in-app only. */
export function isAnnouncementMailEnabled(): boolean {
  return Boolean(env.mail.smtpUrl);
}

/**
 * Mails an announcement to the active users of its recipient organizations (not the sender). Each user is
 * claimed and mailed in one transaction, so a retried job skips everyone already mailed and a failed
 * send leaves that user to the retry. The mail is plain text with a link to the announcement.
 */
export async function mailAnnouncement({
  announcementId,
  transport,
}: {
  announcementId: string;
  transport?: Transporter;
}): Promise<{ mailed: number; alreadyMailed: number }> {
  const db = await getDb();
  const [announcement] = await db.select().from(announcements).where(eq(announcements.id, announcementId));
  // Deleted since: nothing to do (the job is idempotent, not an error to retry).
  if (!announcement) return { mailed: 0, alreadyMailed: 0 };
  const recipientIds = await announcementRecipientIds(db, announcementId);
  if (recipientIds.length === 0) return { mailed: 0, alreadyMailed: 0 };
  const readers = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      and(
        inArray(users.organizationId, recipientIds),
        eq(users.isActive, true),
        ne(users.id, announcement.senderUserId ?? '00000000-0000-0000-0000-000000000000'),
      ),
    );
  const mailer = transport ?? (env.mail.smtpUrl ? nodemailer.createTransport(env.mail.smtpUrl) : undefined);
  const text = `${announcement.body}\n\n${env.publicUrl}/announcements/${announcement.id}`;
  let mailed = 0;
  let alreadyMailed = 0;
  for (const reader of readers) {
    await db.transaction(async (tx) => {
      const claimed = await tx
        .insert(announcementMailings)
        .values({ announcementId, userId: reader.id })
        .onConflictDoNothing()
        .returning();
      if (claimed.length === 0) {
        alreadyMailed++;
        return;
      }
      if (mailer) await mailer.sendMail({ from: env.mail.from, to: reader.email, subject: announcement.title, text });
      else
        logger.info(
          { to: reader.email, subject: announcement.title, announcementId },
          'announcement mail (SMTP_URL not set: logged only)',
        );
      mailed++;
    });
  }
  return { mailed, alreadyMailed };
}
