import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../platform/db';
import { defineJob } from '../../platform/jobs';
import { systemActor } from '../../platform/actor';
import { logger } from '../../platform/logger';
import { surveyCampaigns } from './schema';
import { remindLaggards } from './campaigns';
import { daysUntil } from './dates';
import { dateInVietnam } from '../../platform/dates';
import { sendSurveyMailJob } from './notifications';

/**
 * Reminds the organizations that have not submitted, on each campaign's reminder days before its deadline.
 * Idempotent per campaign, organization and Vietnamese calendar day (notice dedupe key), so a rerun is harmless.
 */
export async function sendDueReminders(now: Date = new Date()): Promise<{ campaigns: number; reminded: number }> {
  const db = await getDb();
  const open = await db.select().from(surveyCampaigns).where(eq(surveyCampaigns.status, 'open'));
  let campaigns = 0;
  let reminded = 0;
  for (const campaign of open) {
    const days = daysUntil(campaign.deadline, now);
    if (days < 0 || !campaign.reminderDays.includes(days)) continue;
    const result = await remindLaggards({
      actor: systemActor,
      campaignId: campaign.id,
      dedupeKey: `reminder:${campaign.id}:${dateInVietnam(now)}`,
    });
    campaigns++;
    reminded += result.reminded;
  }
  if (reminded > 0) logger.info({ campaigns, reminded }, 'survey reminders sent');
  return { campaigns, reminded };
}

// 01:30 UTC is 08:30 in Vietnam: reminders arrive at the start of the working day.
export const sendRemindersJob = defineJob({
  name: 'surveys.send-reminders',
  schema: z.object({}).passthrough(),
  cron: '30 1 * * *',
  handler: async () => {
    await sendDueReminders();
  },
});

export const surveyJobs = [sendRemindersJob, sendSurveyMailJob];
