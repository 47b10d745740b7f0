import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MailMisconfigured, MailRejected } from '../../src/domain/mail.ts';
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
    const mailer = createSmtpMailer({ url, from, connections: 5 });
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

  // A server that answers as told, for the refusals that decide whose fault a failed send is.
  const servers: SMTPServer[] = [];
  afterEach(async () => {
    // The mailers first: a server waits for open connections before it closes.
    for (const mailer of mailers.splice(0)) mailer.close();
    for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const serverWith = async (options: SMTPServerOptions) => {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        stream.resume().on('end', () => callback());
      },
      ...options,
    });
    servers.push(server);
    server.on('error', () => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return (server.server.address() as { port: number }).port;
  };
  const refusingRecipient = (reply: string, responseCode = 550) =>
    serverWith({ onRcptTo: (_address, _session, callback) => callback(Object.assign(new Error(reply), { responseCode })) });
  const failureOf = (mailer: ReturnType<typeof createSmtpMailer>, to = 'ada@example.org') =>
    mailer.send(message(to)).then(() => undefined, (error: unknown) => error);

  it("takes bad credentials (535 to AUTH) as our configuration, not the recipient's refusal", async () => {
    const port = await serverWith({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth: (_auth, _session, callback) => callback(new Error('Invalid username or password')),
    });
    const failure = await failureOf(mailerFor(`smtp://letters:wrong@127.0.0.1:${port}`));
    expect(failure).toBeInstanceOf(MailMisconfigured);
    expect((failure as Error).message).toBe('SMTP 535 on AUTH PLAIN');
  });

  it('takes a relay that denies us (550 5.7.1 on RCPT TO) as our configuration', async () => {
    const port = await refusingRecipient('5.7.1 <ada@example.org>: Relay access denied');
    expect(await failureOf(mailerFor(`smtp://127.0.0.1:${port}`))).toBeInstanceOf(MailMisconfigured);
    const worded = await refusingRecipient('Relaying denied', 554);
    expect(await failureOf(mailerFor(`smtp://127.0.0.1:${worded}`))).toBeInstanceOf(MailMisconfigured);
  });

  it("takes an unknown user (550 5.1.1 on RCPT TO) as the recipient's refusal, whatever the address says", async () => {
    const port = await refusingRecipient('5.1.1 <relay@example.org>: user unknown');
    const failure = await failureOf(mailerFor(`smtp://127.0.0.1:${port}`), 'relay@example.org');
    expect(failure).toBeInstanceOf(MailRejected);
    expect((failure as Error).message).toBe('SMTP 550 on RCPT TO');
    // Without an enhanced status code, the words decide, read without the address.
    const plain = await refusingRecipient('<relay-denied@example.org> no such user');
    expect(await failureOf(mailerFor(`smtp://127.0.0.1:${plain}`), 'relay-denied@example.org')).toBeInstanceOf(MailRejected);
  });

  it("takes a bad destination (5.1.x on RCPT TO) as the recipient's refusal, whatever the reply's first code", async () => {
    // Servers differ in the basic code they give an address they refuse; its enhanced status names the address.
    for (const [reply, code] of [
      ['5.1.1 <ada@example.org>: Recipient address rejected: User unknown', 554],
      ['5.1.3 Bad recipient address syntax', 501],
      ['5.1.2 <ada@example.org>: Recipient address rejected: Domain not found', 554],
    ] as const) {
      const port = await refusingRecipient(reply, code);
      const failure = await failureOf(mailerFor(`smtp://127.0.0.1:${port}`));
      expect(failure, reply).toBeInstanceOf(MailRejected);
      expect((failure as Error).message).toBe(`SMTP ${code} on RCPT TO`);
    }
  });

  it("takes a certificate that does not check as our configuration", async () => {
    // smtp-server's own self-signed certificate: nodemailer checks certificates by default.
    const port = await serverWith({ secure: true });
    const failure = await failureOf(mailerFor(`smtps://127.0.0.1:${port}`));
    expect(failure).toBeInstanceOf(MailMisconfigured);
    expect((failure as Error).message).toMatch(/^SMTP ESOCKET on CONN \(\w*(CERT|SELF_SIGNED)\w*\)$/);
  });
});
