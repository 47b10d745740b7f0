import { describe, expect, it } from 'vitest';
import { linkPath } from '../support/smtp.ts';
import { rows, siteWithMail } from '../support/site.ts';

// Story: Sam tries to sign twice, with variants of one gmail address and with many requests at once.
describe('one person, one signature', () => {
  const ctx = siteWithMail();

  const signatureRows = async () => (await rows(ctx.site, "SELECT id FROM signatures WHERE status != 'withdrawn'")).length;

  it('makes one signature of Foo.Bar+x@gmail.com, foobar@googlemail.com and FOOBAR@GMAIL.COM', async () => {
    for (const email of ['Foo.Bar+x@gmail.com', 'foobar@googlemail.com', 'FOOBAR@GMAIL.COM']) {
      expect((await ctx.site.signJson({ name: 'Foo Bar', email, listed: true })).status).toBe(202);
    }
    expect(await signatureRows()).toBe(1);
    const mails = await ctx.mail.mailTo('Foo.Bar+x@gmail.com');
    await ctx.site.fetch(linkPath(mails[0]!, 'confirm'), { method: 'POST' });
    expect(await ctx.site.count()).toBe(1);
  });

  it('keeps tags of other providers apart: they can be different mailboxes', async () => {
    await ctx.site.signJson({ name: 'Sam', email: 'sam+a@example.org', listed: false });
    await ctx.site.signJson({ name: 'Sam', email: 'sam+b@example.org', listed: false });
    expect(await signatureRows()).toBe(3);
  });

  it('makes one row of 50 concurrent signings with one email', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => ctx.site.signJson({ name: 'Racer', email: 'racer@example.org', listed: true })),
    );
    expect(answers.map((res) => res.status)).toEqual(Array(50).fill(202));
    expect(await rows(ctx.site, "SELECT id FROM signatures WHERE name = 'Racer'")).toHaveLength(1);
    // …and no more than three mails to that address, however many requests there were.
    await ctx.mail.mailTo('racer@example.org', 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ctx.mail.messages.filter((m) => m.text?.includes('«Racer»'))).toHaveLength(3);
  });
});
