import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminBrowser } from '../support/admin-browser.ts';
import { rows, SLUG, startSite, type Site } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

const REFUSED = 'zebulon.quartermaine@unknown.example';
const QUOTED = 'ottoline.vanderpump@quoted.example';
const NAMES = ['Zebulon Quartermaine', 'Ottoline Vanderpump'];

// Attack and story: mail servers quote what they refuse, the address, the signer's name, the confirm
// link, and a stranger can choose all three. Organizers see how a letter's mail goes (sent, retrying,
// refused, the last error), and neither they, the logs nor /healthz ever see who it was about.
describe("a letter's mail delivery, told without anyone's address, name or link", () => {
  let site: Site;
  let relay: SMTPServer;

  beforeAll(async () => {
    relay = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // The recipient's server knows no such user, and says who it does not know.
      onRcptTo: (address, _session, callback) =>
        callback(
          address.address === REFUSED
            ? Object.assign(new Error(`5.1.1 <${REFUSED}> (Zebulon Quartermaine): user unknown, try relay@example.org`), { responseCode: 550 })
            : undefined,
        ),
      // A filter refuses one mail for its content, quoting it: the name and the confirm link.
      onData: (stream, session, callback) =>
        void simpleParser(stream).then((mail) => {
          if (session.envelope.rcptTo[0]?.address !== QUOTED) return callback();
          const quote = `5.7.1 Message refused: "${mail.subject}" ${mail.text?.slice(0, 300)} for <${QUOTED}>`;
          callback(Object.assign(new Error(quote.replace(/\s+/g, ' ')), { responseCode: 554 }));
        }, callback),
    });
    relay.on('error', () => {});
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()));
    const port = (relay.server.address() as { port: number }).port;
    site = await startSite({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_RETRY_BASE_SECONDS: '30' } });
  });
  afterAll(async () => {
    await site.close();
    await new Promise<void>((resolve) => relay.close(() => resolve()));
  });

  it('shows organizers sent, retrying, refused and the last error, and nobody who they were', async () => {
    expect((await site.signJson({ name: 'Plain Signer', email: 'plain@example.org', listed: true })).status).toBe(202);
    await waitFor(async () => (await rows(site, 'SELECT id FROM outbox')).length === 0, 'the first mail sent');
    const signers = [
      { name: NAMES[0], email: REFUSED },
      { name: NAMES[1], email: QUOTED },
    ];
    for (const signer of signers) expect((await site.signJson({ ...signer, listed: true })).status).toBe(202);
    await waitFor(
      async () => (await rows(site, 'SELECT id FROM outbox WHERE last_error IS NOT NULL')).length === 2 && (await rows(site, 'SELECT id FROM outbox')).length === 2,
      'one mail sent, two failed',
    );
    const [quotedJob] = await rows(site, 'SELECT payload FROM outbox WHERE failed_at IS NULL');
    const { confirmToken } = JSON.parse(quotedJob!.payload as string) as { confirmToken: string };
    const secrets = [REFUSED, QUOTED, ...NAMES, confirmToken, 'relay@example.org'];
    // Nor does the job keep what the server quoted: only its codes.
    const stored = await rows(site, 'SELECT last_error FROM outbox ORDER BY id');
    expect(stored.map((job) => job.last_error)).toEqual(['SMTP 550 on RCPT TO', 'SMTP 554 on DATA']);

    const token = await site.organizerToken();
    const letter = (await (await site.admin(token, 'GET', `/letters/${SLUG}`)).json()) as { mail: Record<string, unknown> };
    expect(letter.mail).toEqual({
      sent: 1,
      retrying: 1,
      refused: 1,
      lastError: { at: expect.any(String), reason: expect.stringMatching(/^SMTP 55[04] on (RCPT TO|DATA)$/) },
    });
    const browser = new AdminBrowser(site);
    await browser.login(token);
    const page = await (await browser.get(`/admin/letters/${SLUG}`)).text();
    expect(page).toMatch(/<th scope="row">Sent<\/th><td>1<\/td>/);
    expect(page).toMatch(/<th scope="row">Not sent \(refused by the recipient, or its links expired\)<\/th><td>1<\/td>/);
    const health = await (await site.fetch('/healthz', { headers: { authorization: `Bearer ${token}` } })).text();
    expect(health).toContain('"reason":"SMTP 554 on DATA"');

    const told = [JSON.stringify(letter), page, health, ...site.logs].join('\n');
    for (const secret of secrets) expect(told).not.toContain(secret);
  });
});
