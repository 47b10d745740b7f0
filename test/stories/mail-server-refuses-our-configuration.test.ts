import type { ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminBrowser } from '../support/admin-browser.ts';
import { rows, SLUG, startSite, type Site } from '../support/site.ts';
import { linkPath } from '../support/smtp.ts';
import { waitFor } from '../support/wait.ts';

const SIGNERS = 5;

/**
 * A site whose SMTP relay refuses its password until the test sets `passwordWorks`, and keeps each
 * mail it takes then in `received`.
 */
function siteBehindARelay(retryBaseSeconds: string) {
  const ctx = { site: undefined as unknown as Site, passwordWorks: false, received: [] as ParsedMail[] };
  let relay: SMTPServer;
  beforeAll(async () => {
    relay = new SMTPServer({
      authOptional: false,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (auth, _session, callback) =>
        ctx.passwordWorks && auth.password === 'secret' ? callback(null, { user: auth.username }) : callback(new Error('Invalid username or password')),
      onData: (stream, _session, callback) => void simpleParser(stream).then((mail) => (ctx.received.push(mail), callback()), callback),
    });
    relay.on('error', () => {});
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()));
    const port = (relay.server.address() as { port: number }).port;
    ctx.site = await startSite({ env: { SMTP_URL: `smtp://letters:secret@127.0.0.1:${port}`, MAIL_RETRY_BASE_SECONDS: retryBaseSeconds } });
  });
  afterAll(async () => {
    await ctx.site.close();
    await new Promise<void>((resolve) => relay.close(() => resolve()));
  });
  return ctx;
}

/** Whom the relay delivered to. */
const recipientsOf = (received: ParsedMail[]) => received.map((mail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address);

// Story: the mail relay's password was changed and nobody told the site. Five people sign; the relay
// answers 535 to every login. Nobody's link is thrown away: the organizers see an alarm, and once the
// relay takes the password again, every signer gets their mail, once, with links that work.
describe('a mail server that refuses our configuration', () => {
  const ctx = siteBehindARelay('0.2');

  it('keeps every link, raises the alarm for organizers only, and delivers once the relay takes us again', async () => {
    const emails = Array.from({ length: SIGNERS }, (_, i) => `patient${i}@example.org`);
    for (const email of emails) expect((await ctx.site.signJson({ name: 'Patient', email, listed: true })).status).toBe(202);

    await waitFor(async () => (await rows(ctx.site, 'SELECT id FROM outbox WHERE attempts >= 2')).length === SIGNERS, 'retried jobs');
    // Retried, not failed: the links are all still there.
    const jobs = await rows(ctx.site, 'SELECT failed_at, payload FROM outbox');
    expect(jobs.map((job) => job.failed_at)).toEqual(Array(SIGNERS).fill(null));
    for (const job of jobs) expect(JSON.parse(job.payload as string)).toHaveProperty('confirmToken');

    const token = await ctx.site.organizerToken();
    const organizer = { authorization: `Bearer ${token}` };
    const health = (await (await ctx.site.fetch('/healthz', { headers: organizer })).json()) as { mailAlarm: unknown };
    expect(health.mailAlarm).toEqual({ since: expect.any(String), reason: 'SMTP 535 on AUTH PLAIN' });
    // The public answer is as before: the site is up; what ails its mail is the organizers' business.
    expect(await (await ctx.site.fetch('/healthz')).json()).toEqual({ status: 'ok', database: 'ok' });
    const browser = new AdminBrowser(ctx.site);
    await browser.login(token);
    const dashboard = await (await browser.get('/admin')).text();
    expect(dashboard).toContain('No mail is going out');
    expect(dashboard).toContain('SMTP 535 on AUTH PLAIN');
    // The operator's log says whose fault it is.
    const failures = ctx.site.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === 'mail failed');
    expect(failures[0]).toMatchObject({ level: 'error', fault: 'configuration', responseCode: 535 });

    ctx.passwordWorks = true;
    await waitFor(async () => (await rows(ctx.site, 'SELECT id FROM outbox')).length === 0, 'an empty outbox', 20_000);
    const recipients = recipientsOf(ctx.received);
    expect(recipients.sort()).toEqual([...emails].sort());
    const confirmed = await ctx.site.fetch(linkPath(ctx.received[0]!, 'confirm'), { method: 'POST' });
    expect(confirmed.status).toBe(200);
    expect(await ctx.site.count(SLUG)).toBe(1);

    expect(((await (await ctx.site.fetch('/healthz', { headers: organizer })).json()) as { mailAlarm: unknown }).mailAlarm).toBeNull();
    expect(await (await browser.get('/admin')).text()).not.toContain('No mail is going out');
  }, 60_000);
});

// Story, later that night: the relay refused the site long enough for its retries to back off to an
// hour. Once someone fixes the password, the next mail that goes lets every held-back mail go too.
describe('a mail server that takes us again after a long outage', () => {
  const ctx = siteBehindARelay('3600');

  it('sends the mail held back by the outage as soon as a mail goes again, not an hour later', async () => {
    for (const email of ['early1@example.org', 'early2@example.org']) expect((await ctx.site.signJson({ name: 'Early', email, listed: true })).status).toBe(202);
    await waitFor(async () => (await rows(ctx.site, 'SELECT id FROM outbox WHERE last_error IS NOT NULL')).length === 2, 'failed first attempts');

    ctx.passwordWorks = true;
    expect((await ctx.site.signJson({ name: 'Later', email: 'later@example.org', listed: true })).status).toBe(202);
    await waitFor(async () => (await rows(ctx.site, 'SELECT id FROM outbox')).length === 0, 'an empty outbox', 10_000);
    const recipients = recipientsOf(ctx.received).sort();
    expect(recipients).toEqual(['early1@example.org', 'early2@example.org', 'later@example.org']);
  }, 30_000);
});
