import { describe, expect, it } from 'vitest';
import { linkPath } from '../support/smtp.ts';
import { rows, siteWithMail } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

// Story: the letter goes viral while the mail server is down. Nobody's signature is lost; the mail
// goes out once the server is back.
describe('signing while the mail server is down', () => {
  const ctx = siteWithMail({ MAIL_RETRY_BASE_SECONDS: '0.2' });

  it('still takes signatures, and delivers their mail once the server is back', async () => {
    await ctx.mail.stop();
    const signers = ['down1@example.org', 'down2@example.org', 'down3@example.org'];
    for (const email of signers) {
      expect((await ctx.site.signJson({ name: 'Patient', email, listed: true })).status).toBe(202);
    }
    expect(await rows(ctx.site, "SELECT id FROM signatures WHERE name = 'Patient'")).toHaveLength(3);
    // The worker has tried and failed, and keeps the jobs for a retry.
    await waitFor(
      async () => (await rows(ctx.site, 'SELECT id FROM outbox WHERE attempts > 0 AND last_error IS NOT NULL')).length === 3,
      'failed attempts',
    );
    const health = (await (await ctx.site.fetch('/healthz')).json()) as { outboxBacklog: number };
    expect(health.outboxBacklog).toBe(3);

    await ctx.mail.start();
    for (const email of signers) {
      const [message] = await ctx.mail.mailTo(email);
      await ctx.site.fetch(linkPath(message!, 'verify'), { method: 'POST' });
    }
    expect(await ctx.site.count()).toBe(3);
    expect(await rows(ctx.site, 'SELECT id FROM outbox')).toHaveLength(0);
    // Sent once each: no job was delivered twice.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ctx.mail.messages).toHaveLength(3);
  });
});
