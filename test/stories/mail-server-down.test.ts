import { describe, expect, it } from 'vitest';
import { linkPath } from '../support/smtp.ts';
import { rows, siteWithMail } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

const SIGNERS = 500;

// Story: the letter goes viral while the mail server is down. Nobody's signature is lost; the mail
// goes out once the server is back, once per signer.
describe('signing while the mail server is down', () => {
  const ctx = siteWithMail({ MAIL_RETRY_BASE_SECONDS: '0.2' });

  it(`takes ${SIGNERS} signatures, and delivers each one's mail exactly once when the server is back`, async () => {
    await ctx.mail.stop();
    const emails = Array.from({ length: SIGNERS }, (_, i) => `down${i}@example.org`);
    for (let i = 0; i < emails.length; i += 25) {
      const answers = await Promise.all(
        emails.slice(i, i + 25).map((email) => ctx.site.signJson({ name: 'Patient', email, listed: true })),
      );
      expect(new Set(answers.map((r) => r.status))).toEqual(new Set([202]));
    }
    expect(await rows(ctx.site, "SELECT id FROM signatures WHERE name = 'Patient'")).toHaveLength(SIGNERS);
    // The worker has tried, failed, and kept every job for a retry.
    await waitFor(
      async () => (await rows(ctx.site, 'SELECT id FROM outbox WHERE attempts > 0 AND last_error IS NOT NULL')).length === SIGNERS,
      'failed attempts',
      // Each failed attempt is its own write; on a busy machine 500 of them take a while.
      30_000,
    );
    const organizer = { authorization: `Bearer ${await ctx.site.organizerToken()}` };
    const health = (await (await ctx.site.fetch('/healthz', { headers: organizer })).json()) as { outboxBacklog: number };
    expect(health.outboxBacklog).toBe(SIGNERS);
    expect(await rows(ctx.site, 'SELECT id FROM outbox WHERE failed_at IS NOT NULL')).toHaveLength(0);

    await ctx.mail.start();
    await waitFor(async () => (await rows(ctx.site, 'SELECT id FROM outbox')).length === 0, 'an empty outbox', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const recipients = ctx.mail.messages.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address);
    expect(recipients.sort()).toEqual([...emails].sort());

    // The links in them work.
    await ctx.site.fetch(linkPath(ctx.mail.messages[0]!, 'confirm'), { method: 'POST' });
    expect(await ctx.site.count()).toBe(1);
  }, 90_000);
});
