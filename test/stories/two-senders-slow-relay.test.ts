import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, startSite, type Site } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

const SIGNERS = 100;

// Story: two instances send mail from one database, through a relay that takes its time with each
// mail. A pass of theirs outlasts its claim, yet each signer gets exactly one mail: the claim is
// renewed as the pass goes, and a job is sent only while its claim is the sender's own.
describe('two mail senders and a slow relay', () => {
  const sites: Site[] = [];
  let relay: SMTPServer;
  const received: ParsedMail[] = [];

  beforeAll(async () => {
    relay = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) =>
        void simpleParser(stream).then(
          // A relay that waits: a sender's pool of connections gets through a pass well after its claim passed.
          (mail) => setTimeout(() => (received.push(mail), callback()), 100),
          callback,
        ),
    });
    relay.on('error', () => {});
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()));
    const port = (relay.server.address() as { port: number }).port;
    const env = { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_CLAIM_SECONDS: '1' };
    sites.push(await startSite({ env }));
    sites.push(await startSite({ env, databaseUrl: sites[0]!.databaseUrl }));
  });
  afterAll(async () => {
    for (const site of sites.reverse()) await site.close();
    await new Promise<void>((resolve) => relay.close(() => resolve()));
  });

  it(`sends each of ${SIGNERS} signers exactly one mail`, async () => {
    const emails = Array.from({ length: SIGNERS }, (_, i) => `once${i}@example.org`);
    // Signed at both instances, so that both senders have mail to take.
    const answers = await Promise.all(emails.map((email, i) => sites[i % 2]!.signJson({ name: 'Once', email, listed: true })));
    expect(new Set(answers.map((res) => res.status))).toEqual(new Set([202]));

    await waitFor(async () => (await rows(sites[0]!, 'SELECT id FROM outbox')).length === 0, 'an empty outbox', 30_000);
    // Time for a second mail to any of them to arrive, if one were under way.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const recipients = received.map((mail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address);
    expect(recipients.length).toBe(SIGNERS);
    expect(recipients.sort()).toEqual([...emails].sort());
  }, 60_000);
});
