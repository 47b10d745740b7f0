import { describe, expect, it } from 'vitest';
import { linkPath } from '../support/smtp.ts';
import { SLUG, siteWithMail } from '../support/site.ts';

// The page, the count and the badge are prebuilt once per version of the letter, and cached for each
// query string and set of choosing headers (src/live/per-letter.ts). These read each of them twice
// before a change, so that the reads after it are the ones a cache would answer; the count hub reads
// the letter once a minute here, so that no refresh in between makes them anew.

const pageCount = (html: string) => Number(html.match(/data-count="(\d+)"/)?.[1]);
const badgeText = (svg: string) => svg.match(/<title>([^<]*)<\/title>/)?.[1];

describe('cached responses of the page, the count and the badge', () => {
  const ctx = siteWithMail({ COUNT_REFRESH_MS: '60000' });

  async function readAll() {
    const page = await (await ctx.site.fetch(`/l/${SLUG}`, { headers: { 'accept-encoding': 'gzip' } })).text();
    const count = (await (await ctx.site.fetch(`/api/letters/${SLUG}/count?locale=de`)).json()) as { count: number; display: string };
    const badge = await (await ctx.site.fetch(`/badge/${SLUG}.svg?style=flat-square`)).text();
    return { page: pageCount(page), count: count.count, display: count.display, badge: badgeText(badge) };
  }

  it('have the new count at once after a confirmation', async () => {
    const before = await readAll();
    expect(await readAll()).toEqual(before);

    await ctx.site.signJson({ name: 'Ada', email: 'ada@example.org', listed: true });
    const [mail] = await ctx.mail.mailTo('ada@example.org');
    await ctx.site.fetch(linkPath(mail!, 'verify'), { method: 'POST' });

    const after = before.count + 1;
    expect(await readAll()).toEqual({ page: after, count: after, display: String(after), badge: `signatures: ${after}` });
  });

  it('carry the form stamp of the second they are sent in', async () => {
    const shown = async () => {
      const from = Math.floor(Date.now() / 1000) * 1000;
      const page = await (await ctx.site.fetch(`/l/${SLUG}`)).text();
      const to = Math.floor(Date.now() / 1000) * 1000;
      const time = Number(page.match(/name="shown" value="(\d+)\./)?.[1]);
      expect(time).toBeGreaterThanOrEqual(from);
      expect(time).toBeLessThanOrEqual(to);
      return time;
    };
    const first = await shown();
    await shown();
    await new Promise((resolve) => setTimeout(resolve, first + 1000 - Date.now() + 10));
    expect(await shown()).toBeGreaterThan(first);
  });

  it('show a letter closed at once, and stop answering for a letter taken back to draft', async () => {
    const token = await ctx.site.organizerToken();
    const change = (state: string) =>
      ctx.site.fetch(`/api/admin/letters/${SLUG}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ state }),
      });
    await readAll();
    expect(await (await ctx.site.fetch(`/l/${SLUG}`)).text()).toContain('<form class="sign"');

    expect((await change('closed')).status).toBe(200);
    const closed = await (await ctx.site.fetch(`/l/${SLUG}`)).text();
    expect(closed).toContain('This letter is closed');
    expect(closed).not.toContain('<form class="sign"');

    await readAll();
    expect((await change('draft')).status).toBe(200);
    expect((await ctx.site.fetch(`/l/${SLUG}`)).status).toBe(404);
    expect((await ctx.site.fetch(`/api/letters/${SLUG}/count?locale=de`)).status).toBe(404);
    const badge = await ctx.site.fetch(`/badge/${SLUG}.svg?style=flat-square`);
    expect(badge.status).toBe(404);
    expect(badgeText(await badge.text())).toBe('signatures: letter not found');
  });
});
