import { describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { createTestOrganization, createTestUser, signInAs } from '../../../test/factories';
import { mailAnnouncement } from './announcement-mail';

describe('announcement mail', () => {
  it('mails each active user of the recipient organizations once, in plain text with a link', async () => {
    const coordinator = await createTestUser({ role: 'coordinator' });
    const sender = await signInAs(coordinator);
    const province = await createTestOrganization();
    const officer = await createTestUser({ role: 'officer', organizationId: province.id });
    const viewer = await createTestUser({ role: 'viewer', organizationId: province.id });
    const announcement = (await (
      await sender.request('/api/announcements', {
        method: 'POST',
        body: { title: 'Lịch họp <b>tuần</b>', body: 'Nội dung\n<script>x</script>', organizationIds: [province.id] },
      })
    ).json()) as { id: string };

    const sent: { to: string; subject: string; text: string; html?: unknown }[] = [];
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const original = transport.sendMail.bind(transport);
    transport.sendMail = (async (mail: Parameters<typeof original>[0]) => {
      sent.push({ to: mail.to as string, subject: mail.subject as string, text: mail.text as string, html: mail.html });
      return original(mail);
    }) as typeof transport.sendMail;

    expect(await mailAnnouncement({ announcementId: announcement.id, transport })).toEqual({ mailed: 2, alreadyMailed: 0 });
    expect(sent.map((mail) => mail.to).sort()).toEqual([officer.email, viewer.email].sort());
    expect(sent[0]).toMatchObject({ subject: 'Lịch họp <b>tuần</b>', html: undefined });
    expect(sent[0]!.text).toContain(`/announcements/${announcement.id}`);
    // A retried job mails nobody twice.
    expect(await mailAnnouncement({ announcementId: announcement.id, transport })).toEqual({ mailed: 0, alreadyMailed: 2 });
    expect(sent).toHaveLength(2);
  });

  it('leaves a user whose mail failed to the retry', async () => {
    const sender = await signInAs(await createTestUser({ role: 'coordinator' }));
    const province = await createTestOrganization();
    await createTestUser({ role: 'officer', organizationId: province.id });
    const announcement = (await (
      await sender.request('/api/announcements', {
        method: 'POST',
        body: { title: 'Thử lại', body: 'x', organizationIds: [province.id] },
      })
    ).json()) as { id: string };
    const failing = nodemailer.createTransport({ jsonTransport: true });
    failing.sendMail = (() => Promise.reject(new Error('SMTP down'))) as unknown as typeof failing.sendMail;
    await expect(mailAnnouncement({ announcementId: announcement.id, transport: failing })).rejects.toThrow('SMTP down');
    const working = nodemailer.createTransport({ jsonTransport: true });
    expect(await mailAnnouncement({ announcementId: announcement.id, transport: working })).toEqual({
      mailed: 1,
      alreadyMailed: 0,
    });
  });
});
