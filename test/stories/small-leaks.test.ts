import { describe, expect, it } from 'vitest';
import { AdminBrowser } from '../support/admin-browser.ts';
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
      expect((await ctx.site.fetch(linkPath(mail!, 'confirm'), { method: 'POST' })).status).toBe(200);
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
      expect((await ctx.site.fetch(linkPath(mail!, 'confirm'), { method: 'POST' })).status).toBe(200);
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

  it("takes no admin form whose CSRF pair came from someone else's visit, planted beside an organizer's session", async () => {
    const organizer = new AdminBrowser(ctx.site);
    expect((await organizer.login(await ctx.site.organizerToken('Planted'))).status).toBe(303);
    // The attacker's own anonymous visit gives a cookie and the form field that goes with it.
    const attacker = new AdminBrowser(ctx.site);
    await attacker.get('/admin');
    const [csrfCookie] = [...attacker.cookies].find(([name]) => name.endsWith('undersigned_csrf'))!;
    const session = [...organizer.cookies].find(([name]) => name.endsWith('undersigned_session'))!;
    const planted = await ctx.site.fetch(`/admin/letters/${SLUG}`, {
      method: 'POST',
      headers: { cookie: `${session[0]}=${session[1]}; ${csrfCookie}=${attacker.cookies.get(csrfCookie)}` },
      body: new URLSearchParams({ csrf: attacker.csrf, slug: SLUG, title: 'Changed by a stranger', body: 'Text', status: 'open' }),
    });
    expect(planted.status).toBe(403);
    expect((await ctx.site.store.letterBySlug(SLUG))?.title).not.toBe('Changed by a stranger');
    // The organizer's own form still works.
    const page = await organizer.get(`/admin/letters/${SLUG}`);
    expect(page.status).toBe(200);
  });

  it('names the admin cookies with the __Host- prefix on an https site', async () => {
    const site = await startSite({ env: { PUBLIC_URL: 'https://letters.test' } });
    try {
      const browser = new AdminBrowser(site);
      const signIn = await site.fetch('/admin');
      const login = await browser.login(await site.organizerToken());
      const set = [...signIn.headers.getSetCookie(), ...login.headers.getSetCookie()];
      expect(set.map((cookie) => cookie.split('=')[0]).sort()).toEqual(['__Host-undersigned_csrf', '__Host-undersigned_session']);
      for (const cookie of set) {
        expect(cookie).toMatch(/; Secure/);
        expect(cookie).toMatch(/; Path=\/(;|$)/);
        expect(cookie).not.toMatch(/Domain=/i);
      }
      expect((await browser.get('/admin')).status).toBe(200);
    } finally {
      await site.close();
    }
  });

  it('tells the public only that the site is up; how much mail waits, only an organizer', async () => {
    expect(await (await ctx.site.fetch('/healthz')).json()).toEqual({ status: 'ok', database: 'ok' });
    const forged = await ctx.site.fetch('/healthz', { headers: { authorization: 'Bearer forged' } });
    expect(await forged.json()).toEqual({ status: 'ok', database: 'ok' });

    const token = await ctx.site.organizerToken('Health');
    const byToken = await ctx.site.fetch('/healthz', { headers: { authorization: `Bearer ${token}` } });
    expect(await byToken.json()).toEqual({ status: 'ok', database: 'ok', outboxBacklog: expect.any(Number), mailAlarm: null });
    const browser = new AdminBrowser(ctx.site);
    await browser.login(token);
    expect(await (await browser.get('/healthz')).json()).toEqual({ status: 'ok', database: 'ok', outboxBacklog: expect.any(Number), mailAlarm: null });
  });
});
