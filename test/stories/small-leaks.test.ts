import { describe, expect, it } from 'vitest';
import { linkPath } from '../support/smtp.ts';
import { waitFor } from '../support/wait.ts';
import { SLUG, siteWithMail, startSite } from '../support/site.ts';

// Story: small slips, each of which tells a stranger more than it should or publishes more than a
// signer chose.
describe('small leaks', () => {
  const ctx = siteWithMail();

  it('sends no Location header with a refused form: only the "check your email" answer redirects', async () => {
    const invalid = await ctx.site.signForm({ name: '', email: 'not-an-address', listed: 'true' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('location')).toBeNull();

    const unknown = await ctx.site.fetch('/l/no-such-letter/sign', {
      method: 'POST',
      body: new URLSearchParams({ name: 'Nobody', email: 'nobody@example.org', listed: 'true' }),
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('location')).toBeNull();

    const signed = await ctx.site.signForm({ name: 'Located', email: 'located@example.org', listed: 'true' });
    expect(signed.status).toBe(303);
    expect(signed.headers.get('location')).toBe(`/l/${SLUG}/check-email`);
  });

  it('reads a form checkbox sent as "false", "0" or "off" as unticked, and "true", "on" or "1" as ticked', async () => {
    const domainOf = async (email: string, showDomain: string | undefined) => {
      const res = await ctx.site.signForm({ name: `Signer ${showDomain}`, email, listed: 'true', ...(showDomain !== undefined && { showDomain }) });
      expect(res.status).toBe(303);
      const [mail] = await ctx.mail.mailTo(email);
      expect((await ctx.site.fetch(linkPath(mail!, 'verify'), { method: 'POST' })).status).toBe(200);
      const list = (await (await ctx.site.fetch(`/api/letters/${SLUG}/signatures`)).json()) as {
        signatures: { name: string; domain: string | null }[];
      };
      return list.signatures.find((s) => s.name === `Signer ${showDomain}`)?.domain;
    };
    for (const [i, value] of [undefined, 'false', '0', 'off'].entries()) {
      expect(await domainOf(`hidden${i}@company.by`, value), String(value)).toBeNull();
    }
    for (const [i, value] of ['true', 'on', '1'].entries()) {
      expect(await domainOf(`shown${i}@company.by`, value), value).toBe('company.by');
    }
  });

  it('lists no name whose "listed" box was sent as "0" or "off", and refuses a value a box cannot have', async () => {
    const listedNames = async () =>
      ((await (await ctx.site.fetch(`/api/letters/${SLUG}/signatures`)).json()) as { signatures: { name: string }[] }).signatures.map((s) => s.name);
    for (const [i, listed] of ['0', 'off'].entries()) {
      const email = `unlisted${i}@example.org`;
      expect((await ctx.site.signForm({ name: `Unlisted ${listed}`, email, listed })).status).toBe(303);
      const [mail] = await ctx.mail.mailTo(email);
      expect((await ctx.site.fetch(linkPath(mail!, 'verify'), { method: 'POST' })).status).toBe(200);
      expect(await listedNames()).not.toContain(`Unlisted ${listed}`);
    }
    const odd = await ctx.site.signForm({ name: 'Odd Box', email: 'odd@example.org', listed: 'true', showDomain: 'maybe' });
    expect(odd.status).toBe(400);
    expect(await odd.text()).toContain('Say whether to show your email domain as verified');
  });

  it('shows no mail at /dev/outbox on a site whose NODE_ENV was forgotten, unless DEV_OUTBOX=1 asks for it', async () => {
    for (const [env, shown] of [
      [{ NODE_ENV: 'development' }, false],
      [{ NODE_ENV: 'development', DEV_OUTBOX: '1' }, true],
      [{ NODE_ENV: 'production', DEV_OUTBOX: '1' }, false],
    ] as const) {
      const site = await startSite({ env });
      try {
        expect((await site.signJson({ name: 'Outboxed', email: 'outboxed@example.org', listed: true })).status).toBe(202);
        await waitFor(() => site.logs.some((line) => line.includes('mail not sent')), 'the mail to be handled');
        const outbox = await site.fetch('/dev/outbox');
        expect(outbox.status, JSON.stringify(env)).toBe(shown ? 200 : 404);
        expect((await outbox.text()).includes('outboxed@example.org'), JSON.stringify(env)).toBe(shown);
      } finally {
        await site.close();
      }
    }
  });
});
