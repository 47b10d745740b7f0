import { describe, expect, it } from 'vitest';
import { linkPath, type ReceivedMail } from '../support/smtp.ts';
import { PUBLIC_URL, SLUG, siteWithMail } from '../support/site.ts';

/** The header block of a mail as it came over SMTP, and its body. */
function rawParts(mail: ReceivedMail): { head: string; body: string } {
  const raw = mail.raw.toString('latin1');
  const end = raw.indexOf('\r\n\r\n');
  return { head: raw.slice(0, end), body: raw.slice(end + 4) };
}

// The mail a signer gets, as the real site sends it through a real SMTP server on 127.0.0.1.
describe('the mail a signer receives', () => {
  const ctx = siteWithMail({ MAIL_FROM: 'Лісты <no-reply@mail.letters.test>' });

  it('is text and HTML, from the site, marked as automatic, with a Message-ID of the sending domain', async () => {
    expect((await ctx.site.signJson({ name: 'Anna', email: 'anna@example.org', listed: true })).status).toBe(202);
    const [mail] = await ctx.mail.mailTo('anna@example.org');
    expect(mail!.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(mail!.text).toContain('«Anna»');
    expect(mail!.html).toContain('«Anna»');
    expect(mail!.from?.value).toEqual([{ name: 'Лісты', address: 'no-reply@mail.letters.test' }]);
    expect(mail!.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail!.messageId).toMatch(/^<[0-9a-f-]{36}@mail\.letters\.test>$/);
    expect(mail!.date?.getTime()).toBeGreaterThan(Date.now() - 60_000);

    const { head, body } = rawParts(mail!);
    // Over the wire: headers in ASCII (encoded words), no line longer than a mail line may be.
    expect(head).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    for (const line of [...head.split('\r\n'), ...body.split('\r\n')]) expect(line.length).toBeLessThanOrEqual(78);
  });

  it('tracks nothing: no images, and every link is the site’s own confirm or withdraw link, as in the text', async () => {
    await ctx.site.signJson({ name: 'Olga', email: 'olga@example.org', listed: true });
    const [mail] = await ctx.mail.mailTo('olga@example.org');
    const html = mail!.html as string;
    expect(html).not.toMatch(/<img|<link|<script|<iframe|url\(/i);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([`${PUBLIC_URL}${linkPath(mail!, 'confirm')}`, `${PUBLIC_URL}${linkPath(mail!, 'withdraw')}`]);
    expect(mail!.headers.has('list-unsubscribe')).toBe(false);
  });

  it('writes a Belarusian subject that the mail client reads back as it was written', async () => {
    const organizer = await ctx.site.organizerToken();
    const patch = await ctx.site.admin(organizer, 'PATCH', `/letters/${SLUG}`, {
      translations: { be: { title: 'Код не расце ў страху — «ліст» №1', body: 'Тэкст.' } },
    });
    expect(patch.status).toBe(200);
    await ctx.site.signJson({ name: 'Алесь', email: 'ales@example.org', listed: true, lang: 'be' });
    const [mail] = await ctx.mail.mailTo('ales@example.org');
    expect(mail!.subject).toBe('Пацвердзіце подпіс: Код не расце ў страху — «ліст» №1');
    expect(mail!.text).toContain('«Алесь»');
    expect(mail!.html).toContain('Код не расце ў страху — «ліст» №1');
    expect(rawParts(mail!).head).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
  });

  it('says the letter’s new title once an organizer has changed it', async () => {
    const before = (await (await ctx.site.fetch(`/api/letters/${SLUG}`)).json()) as { title: string };
    await ctx.site.signJson({ name: 'First', email: 'first@example.org', listed: true });
    const [first] = await ctx.mail.mailTo('first@example.org');
    expect(first!.subject).toBe(`Confirm your signature: ${before.title}`);

    const organizer = await ctx.site.organizerToken();
    expect((await ctx.site.admin(organizer, 'PATCH', `/letters/${SLUG}`, { title: 'Code grows in the open' })).status).toBe(200);
    await ctx.site.signJson({ name: 'Second', email: 'second@example.org', listed: true });
    const [second] = await ctx.mail.mailTo('second@example.org');
    expect(second!.subject).toBe('Confirm your signature: Code grows in the open');
    expect(second!.text).toContain('"Code grows in the open"');
    expect(second!.html).toContain('Code grows in the open');
    expect(second!.html).not.toContain(before.title);
  });
});
