import { describe, expect, it } from 'vitest';
import { linkPath } from '../support/smtp.ts';
import { addVerifiedSignatures, rows, SLUG, siteWithMail } from '../support/site.ts';

type Found = { signatures: { name: string; organisation: string | null }[]; next: string | null };

// Story: a reader searches the list for a colleague; a stranger searches it to learn whether someone
// signed who chose not to be listed.
describe('searching the public list', () => {
  const ctx = siteWithMail();
  const search = async (q: string) => {
    const res = await ctx.site.fetch(`/api/letters/${SLUG}/signatures?q=${encodeURIComponent(q)}`);
    expect(res.status, q).toBe(200);
    return ((await res.json()) as Found).signatures.map((s) => s.name).sort();
  };
  const signAndConfirm = async (body: Record<string, unknown>) => {
    await ctx.site.signJson(body);
    const [mail] = await ctx.mail.mailTo(body.email as string);
    await ctx.site.fetch(linkPath(mail!, 'confirm'), { method: 'POST' });
    return mail!;
  };

  it('finds a part of a name or an organisation, in Cyrillic and Latin, in any letter case', async () => {
    await addVerifiedSignatures(ctx.site, 300, { name: 'Background Signer' });
    await signAndConfirm({ name: 'Алесь Бяляцкі', email: 'ales@example.org', organisation: 'Вясна', listed: true });
    await signAndConfirm({ name: 'Volha Kavalenka', email: 'volha@example.org', organisation: 'EPAM Systems', listed: true });
    await signAndConfirm({ name: 'Ірына Шэўчук', email: 'iryna@example.org', organisation: 'Wargaming', listed: true });

    expect(await search('бяляц')).toEqual(['Алесь Бяляцкі']);
    expect(await search('АЛЕСЬ')).toEqual(['Алесь Бяляцкі']);
    expect(await search('ВЯСН')).toEqual(['Алесь Бяляцкі']);
    expect(await search('kaVALenk')).toEqual(['Volha Kavalenka']);
    expect(await search('epam sys')).toEqual(['Volha Kavalenka']);
    expect(await search('шэўч')).toEqual(['Ірына Шэўчук']);
    expect(await search('gaming')).toEqual(['Ірына Шэўчук']);
    expect(await search('nobody like this')).toEqual([]);
    // A search that matches many rows still pages in list order.
    const many = (await (await ctx.site.fetch(`/api/letters/${SLUG}/signatures?q=background`)).json()) as Found;
    expect(many.signatures.map((s) => s.name)).toEqual(Array.from({ length: 50 }, () => expect.stringMatching(/^Background Signer \d+$/)));
    expect(many.next).not.toBeNull();
  });

  it('never finds a signer who is pending, unlisted, hidden or withdrawn', async () => {
    // Pending: signed, never confirmed.
    await ctx.site.signJson({ name: 'Pending Zmitser', email: 'pending@example.org', listed: true });
    // Unlisted: confirmed, chose not to be listed.
    await signAndConfirm({ name: 'Unlisted Zmitser', email: 'unlisted@example.org', organisation: 'Quiet Corp', listed: false });
    // Hidden by the organizers.
    await signAndConfirm({ name: 'Hidden Zmitser', email: 'hidden@example.org', listed: true });
    expect(await search('hidden zmitser')).toEqual(['Hidden Zmitser']);
    await ctx.site.db.execute("UPDATE signatures SET hidden = 1 WHERE name = 'Hidden Zmitser'");
    // Withdrawn after being listed.
    const mail = await signAndConfirm({ name: 'Withdrawn Zmitser', email: 'withdrawn@example.org', organisation: 'Gone Ltd', listed: true });
    expect(await search('withdrawn zmitser')).toEqual(['Withdrawn Zmitser']);
    await ctx.site.fetch(linkPath(mail, 'withdraw'), { method: 'POST' });

    for (const q of ['zmitser', 'pending', 'unlisted', 'quiet corp', 'hidden', 'withdrawn', 'gone ltd']) {
      expect(await search(q), q).toEqual([]);
    }
    // The index holds none of them: nothing there to leak by another way in.
    const indexed = await rows(ctx.site, `SELECT rowid FROM signatures_search WHERE signatures_search MATCH '"zmitser"'`);
    expect(indexed).toEqual([]);
    // An unhidden signature is found again; one that changes its mind to unlisted is not.
    await ctx.site.db.execute("UPDATE signatures SET hidden = 0 WHERE name = 'Hidden Zmitser'");
    expect(await search('zmitser')).toEqual(['Hidden Zmitser']);
    await ctx.site.db.execute("UPDATE signatures SET listed = 0 WHERE name = 'Hidden Zmitser'");
    expect(await search('zmitser')).toEqual([]);
  });

  it('takes search syntax literally, and answers every query without a server error', async () => {
    await signAndConfirm({ name: 'Jan "Quoted" Kowalski', email: 'quoted@example.org', organisation: 'A-B: C*D', listed: true });
    expect(await search('"quoted"')).toEqual(['Jan "Quoted" Kowalski']);
    expect(await search('a-b: c*d')).toEqual(['Jan "Quoted" Kowalski']);
    for (const q of ['"""', '" OR "', 'jan*', 'NEAR(jan kowalski)', 'jan AND kowalski', 'jan OR zzz', '-jan', 'name:jan', 'kowalski NOT jan', '^jan', '(jan)', '\u0000abc', '%%%', '___']) {
      expect(await search(q), q).toEqual([]);
    }
  });

  it('asks for three characters, and cuts a long search', async () => {
    for (const q of ['a', 'Ja', 'бя']) {
      const api = await ctx.site.fetch(`/api/letters/${SLUG}/signatures?q=${encodeURIComponent(q)}`);
      expect(api.status).toBe(400);
      expect(((await api.json()) as { error: { code: string; fields: object } }).error).toMatchObject({
        code: 'invalid_input',
        fields: { q: 'Search for at least 3 characters.' },
      });
      const page = await ctx.site.fetch(`/l/${SLUG}/signatories?q=${encodeURIComponent(q)}`);
      expect(page.status).toBe(400);
      expect(await page.text()).toContain('Type at least 3 characters of a name or an organisation.');
    }
    expect(await search('x'.repeat(10_000))).toEqual([]);
    expect(await search(`Kowalski${' '.repeat(50)}`)).toEqual(['Jan "Quoted" Kowalski']);
  });
});
