import { describe, expect, it } from 'vitest';
import { linkPath } from '../support/smtp.ts';
import { rows, SLUG, siteWithMail } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

/** The hidden fields of the check-email answer's resend form, as a browser would post them. */
function resendFields(html: string): Record<string, string> {
  const form = html.match(/<form method="post" action="\/l\/[a-z0-9-]+\/sign" class="resend">([\s\S]*?)<\/form>/)?.[1];
  if (!form) throw new Error('no resend form in the answer');
  const unescape = (value: string) =>
    value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)].map((m) => [m[1]!, unescape(m[2]!)]));
}

// Story: Anna's confirmation mail does not come, and the page that told her to check her email sends
// it again. Eve, who knows other people's addresses, tries the same button to learn who signed and to
// flood their inboxes.
describe('sending the confirmation mail again', () => {
  const ctx = siteWithMail();
  const resend = (fields: Record<string, string>, slug = SLUG) =>
    ctx.site.fetch(`/l/${slug}/sign`, { method: 'POST', body: new URLSearchParams(fields) });
  const mailsTo = async (pattern: RegExp) => {
    await waitFor(async () => (await rows(ctx.site, 'SELECT id FROM outbox')).length === 0, 'the outbox to drain');
    return ctx.mail.messages.filter((m) => pattern.test(JSON.stringify(m.to)));
  };

  it('sends Anna’s signing again from the answer, which keeps her address only in its own hidden fields', async () => {
    const sent = { name: 'Anna "Resend" <Kowalczyk>', email: 'anna.resend@example.org', organisation: 'Labs & Co', listed: 'true' };
    const answer = await ctx.site.signForm(sent);
    const html = await answer.text();
    expect(answer.status).toBe(200);
    // Nothing but this answer to her own request carries the address: no cookie, no link, no cache.
    expect(answer.headers.get('set-cookie')).toBeNull();
    expect(answer.headers.get('location')).toBeNull();
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(html.split('anna.resend@example.org')).toHaveLength(2);
    const fields = resendFields(html);
    expect(fields).toMatchObject({ ...sent, website: '' });
    expect(fields.shown).toMatch(/^\d+\.\S+$/);
    await ctx.mail.mailTo('anna.resend@example.org');

    const again = await resend(fields);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(html);
    const mails = await ctx.mail.mailTo('anna.resend@example.org', 2);
    expect(mails.map((m) => m.subject)).toEqual(Array(2).fill('Confirm your signature: Code does not grow in fear'));
    expect(mails[1]!.text).toContain('Anna "Resend" <Kowalczyk>');
    expect(mails[1]!.text).toContain('Labs & Co');

    // The page at its own address, opened from a link or a bookmark, knows no address.
    const linked = await (await ctx.site.fetch(`/l/${SLUG}/check-email`)).text();
    expect(linked).not.toContain('class="resend"');
    expect(linked).not.toContain('anna.resend');
    expect(linked).toContain('Sign again on the letter’s page');
  });

  it('leads the answer’s language links, which go to the form’s address, back to the letter, not to a 404', async () => {
    const html = await (await ctx.site.signForm({ name: 'Ales', email: 'ales.resend@example.org', listed: 'true' })).text();
    expect(html).toContain('href="?lang=be"');
    const switched = await ctx.site.fetch(`/l/${SLUG}/sign?lang=be`);
    expect(switched.status).toBe(303);
    expect(switched.headers.get('location')).toBe(`/l/${SLUG}?lang=be`);
    expect((await ctx.site.fetch(`/l/${SLUG}/sign`)).headers.get('location')).toBe(`/l/${SLUG}`);
  });

  it('tells Eve nothing about whether an address signed: a resend is answered the same, byte for byte', async () => {
    // Eve keeps one answer and posts its form again with Olga's address as Olga's state changes.
    const fields = { ...resendFields(await (await ctx.site.signForm({ name: 'Eve', email: 'eve@example.org', listed: 'true' })).text()) };
    const asOlga = { ...fields, email: 'olga.resend@example.org' };
    const answer = async () => {
      const res = await resend(asOlga);
      return { status: res.status, headers: [...res.headers].filter(([name]) => name !== 'date'), body: await res.text() };
    };
    const unknown = await answer();
    const pending = await answer();
    const [mail] = await ctx.mail.mailTo('olga.resend@example.org');
    expect((await ctx.site.fetch(linkPath(mail!, 'confirm'), { method: 'POST' })).status).toBe(200);
    const confirmed = await answer();
    expect(unknown.status).toBe(200);
    expect(pending).toEqual(unknown);
    expect(confirmed).toEqual(unknown);
    // What differs goes only to Olga: "you have already signed", never to Eve.
    const mails = await ctx.mail.mailTo('olga.resend@example.org', 3);
    expect(mails.at(-1)!.subject).toBe('You have already signed: Code does not grow in fear');
  });

  it('floods nobody’s inbox: resends are mailed within the same allowances as signings', async () => {
    const fields = resendFields(await (await ctx.site.signForm({ name: 'Eve', email: 'victim.resend@example.org', listed: 'true' })).text());
    for (let i = 0; i < 10; i++) expect((await resend(fields)).status).toBe(200);
    expect(await mailsTo(/victim\.resend@example\.org/)).toHaveLength(3);

    // Across letters and +tags, one mailbox gets its daily allowance and no more.
    const organizer = await ctx.site.organizerToken();
    for (const slug of ['resend-second', 'resend-third']) {
      const body = { slug, title: `Letter ${slug}`, body: 'Text.', status: 'open' };
      expect((await ctx.site.admin(organizer, 'POST', '/letters', body)).status).toBe(201);
    }
    for (let i = 0; i < 12; i++) {
      const slug = [SLUG, 'resend-second', 'resend-third'][i % 3]!;
      expect((await resend({ ...fields, email: `target.resend+${i}@outlook.com` }, slug)).status).toBe(200);
    }
    expect(await mailsTo(/target\.resend\+\d+@outlook\.com/i)).toHaveLength(5);
  });
});
