import { createServer, type Server } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { startSite, SLUG, type Site } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

const SIGNER = { name: 'Hanna Kavaliova', email: 'hanna.k@example.org', listed: true };

/** What a send failure logged; the log must hold no part of the mail it failed to send. */
async function failureLogged(site: Site): Promise<{ line: string; fields: Record<string, unknown> }> {
  await waitFor(() => site.logs.some((line) => line.includes('"mail failed"')), 'a logged mail failure');
  const line = site.logs.find((l) => l.includes('"mail failed"'))!;
  return { line, fields: JSON.parse(line) as Record<string, unknown> };
}

function expectNothingOfTheMail(log: string, mailText: string) {
  const token = mailText.match(/\/confirm\/([A-Za-z0-9_-]+)/)![1]!;
  for (const secret of ['hanna', 'Hanna', 'Kavaliova', 'example.org', '/confirm/', '/withdraw/', token.slice(-16), SLUG]) {
    expect(log).not.toContain(secret);
  }
}

// Story: the operator's mail service refuses a confirmation mail and, as many do, quotes what it was
// sent in its answer. The refusal is logged so the operator sees mail is failing, but the log line
// says why in the service's code, not in its words: its words carry the signer's name, address and
// confirm link, and logs travel further than the outbox.
describe('a mail server that quotes the mail it refuses', () => {
  const closing: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closing.splice(0)) await close();
  });

  it('over a mail API: the log says the API refused, with its status, and quotes none of the mail', async () => {
    let sent = '';
    const api: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const { to, text } = JSON.parse(body) as { to: string; text: string };
        sent = text;
        res.writeHead(422).end(`Invalid recipient ${to} for a message with links ${text.match(/https?:\S+/g)!.join(' ')}`);
      });
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    closing.push(() => new Promise((resolve) => api.close(resolve)));
    const url = `http://127.0.0.1:${(api.address() as { port: number }).port}/emails`;
    const site = await startSite({ env: { MAIL_API_URL: url, MAIL_API_KEY: 'key', MAIL_FROM: 'letters@letters.test' } });
    closing.unshift(() => site.close());

    expect((await site.signJson(SIGNER)).status).toBe(202);
    const { line, fields } = await failureLogged(site);
    expectNothingOfTheMail(line, sent);
    expect(fields).toMatchObject({ level: 'warn', transport: 'http', final: true, error: 'mail API answered 422' });
  });

  it('over SMTP: the log gives the reply code, and quotes none of the mail', async () => {
    let sent = '';
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        void simpleParser(stream).then((mail) => {
          sent = mail.text ?? '';
          // A reply is one line: the lines of the mail it objects to, put on one.
          const quoted = sent.split('\n').filter((line) => /Kavaliova|\/confirm\//.test(line)).join(' ');
          callback(Object.assign(new Error(`Try later, greylisted: ${quoted}`), { responseCode: 451 }));
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    closing.push(() => new Promise((resolve) => smtp.close(() => resolve(undefined))));
    const port = (smtp.server.address() as { port: number }).port;
    const site = await startSite({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_RETRY_BASE_SECONDS: '60' } });
    closing.unshift(() => site.close());

    expect((await site.signJson(SIGNER)).status).toBe(202);
    const { line, fields } = await failureLogged(site);
    expectNothingOfTheMail(line, sent);
    expect(fields).toMatchObject({ level: 'warn', transport: 'smtp', final: false, responseCode: 451 });
  });
});
