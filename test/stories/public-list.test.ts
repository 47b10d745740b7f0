import { describe, expect, it } from 'vitest';
import { linkPath } from '../support/smtp.ts';
import { SLUG, siteWithMail } from '../support/site.ts';

type Listed = { name: string; organisation: string | null; notable: boolean };
type Page = { signatures: Listed[]; next: string | null; unlisted: number };

// Story: a journalist reads through the list of signatories while the letter is still being signed.
describe('the public list of signatories', () => {
  const ctx = siteWithMail();
  const insert = async (rows: string) => {
    await ctx.site.db.execute({
      sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
            INSERT INTO signatures (letter_id, status, hidden, notable, name, email, organisation, listed, lang,
                                    mail_window_start, created_at, verified_at)
            SELECT (SELECT id FROM letters WHERE slug = ?), ${rows} FROM n`,
      args: [SLUG],
    });
  };
  const page = async (query = '') =>
    (await (await ctx.site.fetch(`/api/letters/${SLUG}/signatures${query}`)).json()) as Page;

  it('holds 1,000 listed signatures among ones that must never show', async () => {
    const base = Date.now() - 10_000_000;
    // Every third pair shares a confirmation time, so the order must break ties by id.
    await insert(`'verified', 0, i % 250 = 0, 'Listed ' || i, 'listed' || i || '@example.org', 'Org ' || (i % 10), 1, 'en',
                  0, 0, ${base} + (i / 3) * 1000`);
    await insert(`CASE i % 4 WHEN 0 THEN 'pending' WHEN 1 THEN 'withdrawn' ELSE 'verified' END, i % 4 = 2, 0,
                  'Hidden ' || i, 'hidden' || i || '@example.org', 'Org', CASE i % 4 WHEN 3 THEN 0 ELSE 1 END, 'en',
                  0, 0, CASE i % 4 WHEN 0 THEN NULL ELSE ${base} + i * 1000 END`);
    // i % 4 = 3: verified, not hidden, not listed: counted, not named.
    expect(await ctx.site.count()).toBe(1250);
  });

  it('walks every listed signature once, notable first, while new ones arrive', async () => {
    const seen: Listed[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const result: Page = await page(cursor ? `?cursor=${encodeURIComponent(cursor)}` : '');
      seen.push(...result.signatures);
      cursor = result.next;
      pages++;
      // A new signature arrives between pages: it belongs before the reader's position.
      const now = Date.now();
      await ctx.site.db.execute({
        sql: `INSERT INTO signatures (letter_id, status, name, listed, lang, mail_window_start, created_at, verified_at)
              VALUES ((SELECT id FROM letters WHERE slug = ?), 'verified', ?, 1, 'en', 0, ?, ?)`,
        args: [SLUG, `Newcomer ${pages}`, now, now],
      });
    } while (cursor);

    expect(pages).toBe(20);
    const names = seen.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n.startsWith('Listed'))).toHaveLength(1000);
    expect(names.filter((n) => !n.startsWith('Listed'))).toEqual([]);
    expect(seen.slice(0, 4).map((s) => [s.name, s.notable])).toEqual([
      ['Listed 1000', true],
      ['Listed 750', true],
      ['Listed 500', true],
      ['Listed 250', true],
    ]);
    expect(seen[4]!.name).toBe('Listed 999');
    expect(seen.at(-1)!.name).toBe('Listed 1');
  });

  it('says how many signers chose not to be listed', async () => {
    const first = await page();
    expect(first.unlisted).toBe(250);
    const html = await (await ctx.site.fetch(`/l/${SLUG}/signatories`)).text();
    expect(html).toContain('and 250 others who chose not to be listed');
    expect(html).toContain('rel="next"');
  });

  it('finds signatories by name or organisation', async () => {
    const byName = await page('?q=listed%2012');
    expect(byName.signatures.map((s) => s.name).sort()).toEqual(['Listed 12', 'Listed 120', 'Listed 121', 'Listed 122', 'Listed 123', 'Listed 124', 'Listed 125', 'Listed 126', 'Listed 127', 'Listed 128', 'Listed 129'].sort());
    const byOrganisation = await page('?q=org%207');
    expect(byOrganisation.signatures).toHaveLength(50);
    expect(byOrganisation.signatures.every((s) => s.organisation === 'Org 7')).toBe(true);
    // The search pages on: the other 50 of Org 7's 100, then the end.
    const rest = await page(`?q=org%207&cursor=${encodeURIComponent(byOrganisation.next!)}`);
    expect(rest.signatures).toHaveLength(50);
    expect(rest.signatures.every((s) => s.organisation === 'Org 7')).toBe(true);
    expect(new Set([...byOrganisation.signatures, ...rest.signatures].map((s) => s.name)).size).toBe(100);
    expect(rest.next).toBeNull();
    expect((await page('?q=%25%25%25')).signatures).toHaveLength(0);
    const html = await (await ctx.site.fetch(`/l/${SLUG}/signatories?q=Listed%20999`)).text();
    expect(html).toContain('<span class="signatory-name">Listed 999</span>');
  });

  it('refuses a forged cursor with 400', async () => {
    const res = await ctx.site.fetch(`/api/letters/${SLUG}/signatures?cursor=not-a-cursor`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: object } }).error.fields).toHaveProperty('cursor');
  });

  it('never shows an email address used to sign, on any public page or API', async () => {
    const email = 'Very.Private+tag@example.org';
    await ctx.site.signJson({ name: 'Private Person', email, organisation: 'Quiet Org', listed: true });
    const [mail] = await ctx.mail.mailTo(email);
    const verify = linkPath(mail!, 'confirm');
    await ctx.site.fetch(verify, { method: 'POST' });
    const paths = [
      '/',
      `/l/${SLUG}`,
      `/l/${SLUG}/signatories`,
      `/l/${SLUG}/signatories?q=private`,
      `/l/${SLUG}/check-email`,
      verify,
      `/embed/${SLUG}`,
      `/badge/${SLUG}.svg`,
      '/api/letters',
      `/api/letters/${SLUG}`,
      `/api/letters/${SLUG}/count`,
      `/api/letters/${SLUG}/shields.json`,
      `/api/letters/${SLUG}/signatures`,
      `/api/letters/${SLUG}/signatures?q=private`,
      `/api/letters/${SLUG}/signatures?q=example.org`,
    ];
    for (const path of paths) {
      const body = await (await ctx.site.fetch(path)).text();
      expect(body, path).not.toMatch(/very\.private|@example\.org/i);
    }
    const search = await page('?q=private');
    expect(search.signatures.map((s) => s.name)).toEqual(['Private Person']);
    expect((await page('?q=example.org')).signatures).toEqual([]);
  });
});
