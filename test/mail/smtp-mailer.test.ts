import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MailRejected } from '../../src/domain/mail.ts';
import { createSmtpMailer } from '../../src/mail/smtp-mailer.node.ts';
import { startMailSink, type MailSink } from '../support/smtp.ts';

const message = (to: string) => ({
  to,
  subject: 'Confirm your signature',
  text: 'Press the link to confirm.',
  html: '<p>Press the link to confirm.</p>',
});

// What the outbox learns from the SMTP mailer decides a job's fate: delivered, refused for good (given
// up at once), or worth another try (retried with backoff). Against real SMTP servers on 127.0.0.1.
describe('the SMTP mailer', () => {
  let sink: MailSink;
  beforeAll(async () => {
    sink = await startMailSink();
  });
  afterAll(() => sink.stop());
  // Closed after each test, passed or failed: an open connection would hold up stopping the server.
  const mailers: ReturnType<typeof createSmtpMailer>[] = [];
  const mailerFor = (url: string, from = 'letters@letters.test') => {
    const mailer = createSmtpMailer(url, from);
    mailers.push(mailer);
    return mailer;
  };
  afterEach(() => {
    for (const mailer of mailers.splice(0)) mailer.close();
  });

  it('delivers each message through the SMTP server, from the site address', async () => {
    const mailer = mailerFor(`smtp://127.0.0.1:${sink.port}`, 'Undersigned <letters@letters.test>');
    await Promise.all(['ada@example.org', 'grace@example.org'].map((to) => mailer.send(message(to))));
    for (const to of ['ada@example.org', 'grace@example.org']) {
      const [mail] = await sink.mailTo(to);
      expect(mail?.subject).toBe('Confirm your signature');
      expect(mail?.text?.trim()).toBe('Press the link to confirm.');
      expect(mail?.html).toContain('<p>Press the link to confirm.</p>');
      expect(mail?.from?.value).toEqual([{ name: 'Undersigned', address: 'letters@letters.test' }]);
    }
  });

  it('fails a send worth another try while the server is down, and sends again once it is back', async () => {
    const mailer = mailerFor(`smtp://127.0.0.1:${sink.port}`);
    await sink.stop();
    const failed = await mailer.send(message('later@example.org')).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    expect(failed).not.toBeInstanceOf(MailRejected);
    await sink.start();
    await mailer.send(message('later@example.org'));
    expect(await sink.mailTo('later@example.org')).toHaveLength(1);
  });

  it('reports a message the server refuses for good (5xx) as rejected, and goes on sending others', async () => {
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        const refused = address.address === 'nobody@example.org';
        callback(refused ? Object.assign(new Error('No such mailbox'), { responseCode: 550 }) : undefined);
      },
      onData(stream, _session, callback) {
        stream.resume().on('end', () => callback());
      },
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', () => resolve()));
    const port = (refusing.server.address() as { port: number }).port;
    const mailer = mailerFor(`smtp://127.0.0.1:${port}`);
    await expect(mailer.send(message('nobody@example.org'))).rejects.toThrow(MailRejected);
    await expect(mailer.send(message('somebody@example.org'))).resolves.toBeUndefined();
    mailer.close();
    await new Promise<void>((resolve) => refusing.close(() => resolve()));
  });
});
