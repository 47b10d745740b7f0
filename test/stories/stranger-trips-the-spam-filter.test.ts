import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, startSite, type Site } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

const SPAMMY = 'Cheapest Pills';

// Story: a stranger wants the organizers to believe their mail is down. The site's relay filters
// outgoing mail for spam and refuses a message with a policy code (554 5.7.1), which reads like a
// refusal of the site itself; the stranger signs with a name the filter dislikes. The relay takes
// every other signer's mail in the same pass, so the site's configuration is plainly fine: the
// organizers see no alarm saying no mail goes out, and the other signers get their mail.
describe('a stranger whose details a relay’s spam filter refuses', () => {
  let site: Site;
  let relay: SMTPServer;
  const received: ParsedMail[] = [];
  let holding: (() => void) | undefined;
  let held: Promise<void> | undefined;
  let heldFirst: () => void = () => {};
  const firstHeld = new Promise<void>((resolve) => (heldFirst = resolve));

  beforeAll(async () => {
    relay = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) =>
        void simpleParser(stream).then(async (mail) => {
          if (mail.text?.includes(SPAMMY)) return callback(Object.assign(new Error('5.7.1 Message rejected as spam'), { responseCode: 554 }));
          // The first mail is held, so that the mail signed meanwhile goes in one pass after it.
          if (!held) {
            held = new Promise<void>((resolve) => (holding = resolve));
            heldFirst();
            await held;
          }
          received.push(mail);
          callback();
        }, callback),
    });
    relay.on('error', () => {});
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()));
    const port = (relay.server.address() as { port: number }).port;
    site = await startSite({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
  });
  afterAll(async () => {
    await site.close();
    await new Promise<void>((resolve) => relay.close(() => resolve()));
  });

  it('raises no mail alarm, and the others get their mail', async () => {
    expect((await site.signJson({ name: 'First', email: 'first@example.org', listed: true })).status).toBe(202);
    await firstHeld;
    expect((await site.signJson({ name: SPAMMY, email: 'stranger@example.net', listed: true })).status).toBe(202);
    const others = ['ales@example.org', 'maryia@example.org', 'zmitser@example.org'];
    for (const email of others) expect((await site.signJson({ name: 'Signer', email, listed: true })).status).toBe(202);
    holding!();

    await waitFor(() => received.length === 1 + others.length, 'the other signers’ mail');
    await waitFor(async () => (await rows(site, 'SELECT id FROM outbox WHERE last_error IS NOT NULL')).length === 1, 'the refusal recorded');
    const organizer = { authorization: `Bearer ${await site.organizerToken()}` };
    const health = (await (await site.fetch('/healthz', { headers: organizer })).json()) as { mailAlarm: unknown };
    expect(health.mailAlarm).toBeNull();
  }, 30_000);
});
