import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createTestUser } from '../../../test/factories';
import { sendSurveyMail } from './notifications';

/** A minimal SMTP server on localhost (the outside world, mocked at the network edge): records envelopes and data. */
async function startFakeSmtp() {
  const messages: { recipients: string[]; data: string }[] = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let current = { recipients: [] as string[], data: '' };
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let index: number;
      while ((index = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(current);
            current = { recipients: [], data: '' };
            socket.write('250 queued\r\n');
          } else current.data += `${line}\n`;
          continue;
        }
        const command = line.slice(0, 4).toUpperCase();
        if (command === 'EHLO' || command === 'HELO') socket.write('250 fake\r\n');
        else if (command === 'RCPT') {
          current.recipients.push(/<([^>]+)>/.exec(line)?.[1] ?? '');
          socket.write('250 ok\r\n');
        } else if (command === 'DATA') {
          inData = true;
          socket.write('354 go\r\n');
        } else if (command === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('reminder mail', () => {
  it('mails a notice to the active users of each organization, blind-copied', async () => {
    const smtp = await startFakeSmtp();
    try {
      const officer = await createTestUser({ role: 'officer' });
      const leader = await createTestUser({ role: 'leader', organizationId: officer.organizationId });
      const sent = await sendSurveyMail({
        smtpUrl: smtp.url,
        from: 'Nhịp <no-reply@nhip.local>',
        organizationIds: [officer.organizationId],
        subject: '[Nhịp] Nhắc: khảo sát 837',
        text: 'Nhắc: cơ quan chưa gửi phiếu.',
      });
      expect(sent).toBe(2);
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0]!.recipients.sort()).toEqual([officer.email, leader.email].sort());
      // Bcc recipients are not written into the message headers.
      expect(smtp.messages[0]!.data).not.toContain(officer.email);
    } finally {
      await smtp.close();
    }
  });
});
