import { describe, expect, it } from 'vitest';
import { storedAndActual } from '../support/counts.ts';
import { linkPath } from '../support/smtp.ts';
import { rows, siteWithMail } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

// Many requests at once must not bend the count: the database, not the app, keeps it straight.
describe('races', () => {
  const ctx = siteWithMail();

  it('makes one row of 200 concurrent signings with one email', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        ctx.site.signJson({ name: 'Racer', email: i % 2 ? 'Ra.Cer@gmail.com' : 'racer@googlemail.com', listed: true }),
      ),
    );
    expect(new Set(answers.map((r) => r.status))).toEqual(new Set([202]));
    expect(await rows(ctx.site, "SELECT id FROM signatures WHERE name = 'Racer'")).toHaveLength(1);
  });

  it('counts 200 concurrent confirmations of one token once', async () => {
    // The mail goes to the address of whichever request made the row.
    await waitFor(() => ctx.mail.messages.some((m) => m.text?.includes('«Racer»')), 'the mail to the racer');
    const path = linkPath(ctx.mail.messages.find((m) => m.text?.includes('«Racer»'))!, 'confirm');
    const pages = await Promise.all(
      Array.from({ length: 200 }, async () => (await ctx.site.fetch(path, { method: 'POST' })).text()),
    );
    expect(pages.filter((p) => p.includes('Thank you for signing'))).toHaveLength(1);
    expect(pages.filter((p) => p.includes('Already confirmed'))).toHaveLength(199);
    expect(await ctx.site.count()).toBe(1);
  });

  it('keeps the count equal to the rows when hiding races confirming', async () => {
    const token = await ctx.site.organizerToken();
    const emails = Array.from({ length: 40 }, (_, i) => `hide${i}@example.org`);
    for (const email of emails) await ctx.site.signJson({ name: 'Hide Me', email, listed: i(email) % 2 === 0 });
    const links = await Promise.all(emails.map(async (email) => linkPath((await ctx.mail.mailTo(email))[0]!, 'confirm')));
    const { signatures } = (await (
      await ctx.site.fetch('/api/admin/letters/code-does-not-grow-in-fear/signatures?q=Hide%20Me&limit=500', {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as { signatures: { id: number }[] };
    const moderate = (action: string, ids: number[]) =>
      ctx.site.fetch('/api/admin/letters/code-does-not-grow-in-fear/signatures/moderate', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ action, ids }),
      });
    await Promise.all([
      ...links.map((link) => ctx.site.fetch(link, { method: 'POST' })),
      ...signatures.map((s, n) => moderate(n % 3 === 0 ? 'unhide' : 'hide', [s.id])),
      ...signatures.slice(0, 10).map((s) => moderate('unhide', [s.id])),
    ]);
    const counts = await storedAndActual(ctx.site);
    expect(counts.stored).toBe(counts.actual);
    expect(counts.listedStored).toBe(counts.listedActual);
    expect(await ctx.site.count()).toBe(counts.actual);
  });
});

function i(email: string): number {
  return Number(email.match(/\d+/)![0]);
}
