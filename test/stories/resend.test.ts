import { describe, expect, it } from 'vitest';
import { linkPath } from '../support/smtp.ts';
import { rows, SLUG, siteWithMail } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

// Story: Anna's confirmation mail does not come, and the page that told her to check her email sends
// it again: her browser kept the form she sent in its tab and posts it once more. Eve, who knows other
// people's addresses, posts the same form to learn who signed and to flood their inboxes.
describe('sending the confirmation mail again', () => {
  const ctx = siteWithMail();
  const checkEmail = `/l/${SLUG}/check-email`;
  /** The sign form sent again, as the check-email page's button posts it: the same fields, the same stamp. */
  const resend = (fields: Record<string, string>, slug = SLUG) =>
    ctx.site.fetch(`/l/${slug}/sign`, { method: 'POST', body: new URLSearchParams(fields) });
  const stamp = async (slug = SLUG) => (await (await ctx.site.fetch(`/l/${slug}`)).text()).match(/name="shown" value="([^"]+)"/)![1]!;
  const mailsTo = async (pattern: RegExp) => {
    await waitFor(async () => (await rows(ctx.site, 'SELECT id FROM outbox')).length === 0, 'the outbox to drain');
    return ctx.mail.messages.filter((m) => pattern.test(JSON.stringify(m.to)));
  };

  it('sends Anna’s signing again, while her address stays out of every link, cookie and page the site sends', async () => {
    const sent = { shown: await stamp(), website: '', name: 'Anna "Resend" <Kowalczyk>', email: 'anna.resend@example.org', organisation: 'Labs & Co', listed: 'true', lang: 'en' };
    for (const answer of [await resend(sent), await resend(sent)]) {
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe(checkEmail);
      expect(answer.headers.get('set-cookie')).toBeNull();
    }
    const mails = await ctx.mail.mailTo('anna.resend@example.org', 2);
    expect(mails.map((m) => m.subject)).toEqual(Array(2).fill('Confirm your signature: Code does not grow in fear'));
    expect(mails[1]!.text).toContain('Anna "Resend" <Kowalczyk>');
    expect(mails[1]!.text).toContain('Labs & Co');

    // The page knows no address: its button is filled in by the browser, and hidden until then.
    const page = await ctx.site.fetch(checkEmail);
    const html = await page.text();
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(html).not.toContain('anna.resend');
    expect(html).toMatch(/<form method="post" action="\/l\/[a-z0-9-]+\/sign" hidden="">\s*<p>[^<]+<\/p>\s*<button type="submit">Send the email again<\/button>\s*<\/form>/);
    expect(html).toContain('<script src="/resend.js" defer></script>');
    expect(html).toContain(`<a href="/l/${SLUG}">Still nothing? Sign again on the letter’s page with the same address`);
  });

  it('leads the language links of a form shown again with its errors, which go to the form’s address, back to the letter', async () => {
    const refused = await ctx.site.signForm({ name: 'Ales', email: 'not-an-address', listed: 'true' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(`href="/l/${SLUG}?lang=be"`);
    const switched = await ctx.site.fetch(`/l/${SLUG}/sign?lang=be`);
    expect(switched.status).toBe(303);
    expect(switched.headers.get('location')).toBe(`/l/${SLUG}?lang=be`);
    expect((await ctx.site.fetch(`/l/${SLUG}/sign`)).headers.get('location')).toBe(`/l/${SLUG}`);
  });

  it('tells Eve nothing about whether an address signed: a resend is answered the same, byte for byte', async () => {
    // Eve keeps one form and posts it again with Olga's address as Olga's state changes.
    const asOlga = { shown: await stamp(), website: '', name: 'Eve', email: 'olga.resend@example.org', listed: 'true' };
    const answer = async () => {
      const res = await resend(asOlga);
      return { status: res.status, headers: [...res.headers].filter(([name]) => name !== 'date'), body: await res.text() };
    };
    const unknown = await answer();
    const pending = await answer();
    const [mail] = await ctx.mail.mailTo('olga.resend@example.org');
    expect((await ctx.site.fetch(linkPath(mail!, 'confirm'), { method: 'POST' })).status).toBe(200);
    const confirmed = await answer();
    expect(unknown.status).toBe(303);
    expect(pending).toEqual(unknown);
    expect(confirmed).toEqual(unknown);
    // What differs goes only to Olga: "you have already signed", never to Eve.
    const mails = await ctx.mail.mailTo('olga.resend@example.org', 3);
    expect(mails.at(-1)!.subject).toBe('You have already signed: Code does not grow in fear');
  });

  it('floods nobody’s inbox: resends are mailed within the same allowances as signings', async () => {
    const fields = { shown: await stamp(), website: '', name: 'Eve', email: 'victim.resend@example.org', listed: 'true' };
    for (let i = 0; i < 10; i++) expect((await resend(fields)).headers.get('location')).toBe(checkEmail);
    expect(await mailsTo(/victim\.resend@example\.org/)).toHaveLength(3);

    // Across letters and +tags, one mailbox gets its daily allowance and no more.
    const organizer = await ctx.site.organizerToken();
    for (const slug of ['resend-second', 'resend-third']) {
      const body = { slug, title: `Letter ${slug}`, body: 'Text.', status: 'open' };
      expect((await ctx.site.admin(organizer, 'POST', '/letters', body)).status).toBe(201);
    }
    for (let i = 0; i < 12; i++) {
      const slug = [SLUG, 'resend-second', 'resend-third'][i % 3]!;
      const res = await resend({ ...fields, shown: await stamp(slug), email: `target.resend+${i}@outlook.com` }, slug);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/l/${slug}/check-email`);
    }
    expect(await mailsTo(/target\.resend\+\d+@outlook\.com/i)).toHaveLength(5);
  });
});
