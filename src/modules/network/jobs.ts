import { z } from 'zod';
import { defineJob } from '../../platform/jobs';
import { mailAnnouncement } from './announcement-mail';

/** Mails a sent announcement to the users of its recipient organizations (enqueued only when SMTP is set). */
export const sendAnnouncementMailJob = defineJob({
  name: 'network.send-announcement-mail',
  schema: z.object({ announcementId: z.string().uuid() }),
  retryLimit: 5,
  retryDelaySeconds: 60,
  handler: async ({ announcementId }) => {
    await mailAnnouncement({ announcementId });
  },
});

export const networkJobs = [sendAnnouncementMailJob];
