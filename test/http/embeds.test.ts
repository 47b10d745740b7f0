import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { linkPath } from '../support/smtp.ts';
import { addVerifiedSignatures, SLUG, siteWithMail } from '../support/site.ts';

const EMBEDDABLE = [
  `/api/letters/${SLUG}/count`,
  `/api/letters/${SLUG}/shields.json`,
  `/badge/${SLUG}.svg`,
  `/badge/${SLUG}.svg?style=for-the-badge&label=Unterschriften&locale=de`,
];

/** The text a badge shows, from its parsed XML: its <title> ("label: message"). */
function badgeTitle(svg: string): string {
  expect(XMLValidator.validate(svg)).toBe(true);
  const parsed = new XMLParser().parse(svg) as { svg: { title: string } };
  return String(parsed.svg.title);
}

describe('embeds: badge, shields.json, widget, caching', () => {
  const ctx = siteWithMail();
  beforeAll(async () => {
    // 2,512 listed signatures so the count shows grouping and the "+".
    await addVerifiedSignatures(ctx.site, 2512);
  });

  it.each([
    ['flat', 'en', 'signatures: 2,500+'],
    ['flat-square', 'de', 'Unterschriften: 2.500+'],
    // CLDR groups Belarusian numbers only from five digits on.
    ['for-the-badge', 'be', 'ПОДПІСЫ: 2500+'],
    ['plastic', 'ru', 'подписи: 2 500+'],
  ])('draws a %s badge in %s as well-formed SVG with the formatted count', async (style, locale, title) => {
    const res = await ctx.site.fetch(`/badge/${SLUG}.svg?style=${style}&locale=${locale}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(badgeTitle(await res.text()).replace(/\u00a0|\u202f/g, ' ')).toBe(title);
  });

  it('draws the badge in its visitor’s language unless the snippet names one', async () => {
    const visitor = await ctx.site.fetch(`/badge/${SLUG}.svg`, { headers: { 'accept-language': 'uk-UA,uk;q=0.9,en;q=0.5' } });
    expect(badgeTitle(await visitor.text()).replace(/\u00a0|\u202f/g, ' ')).toBe('підписи: 2 500+');
    expect(visitor.headers.get('vary')).toBe('Accept-Language');
    const named = await ctx.site.fetch(`/badge/${SLUG}.svg?lang=be`, { headers: { 'accept-language': 'uk' } });
    expect(badgeTitle(await named.text())).toBe('подпісы: 2500+');
    expect(named.headers.get('vary')).toBeNull();
    const unknown = await ctx.site.fetch(`/badge/${SLUG}.svg`, { headers: { 'accept-language': 'ja' } });
    expect(badgeTitle(await unknown.text())).toBe('signatures: 2,500+');
  });

  it('escapes a hostile label and cuts a long one', async () => {
    const hostile = '<script>alert(1)</script>"\'&';
    const svg = await (await ctx.site.fetch(`/badge/${SLUG}.svg?label=${encodeURIComponent(hostile)}`)).text();
    expect(svg).not.toContain('<script>');
    expect(badgeTitle(svg)).toBe(`${hostile}: 2,500+`);
    const long = await ctx.site.fetch(`/badge/${SLUG}.svg?label=${'x'.repeat(10_000)}`);
    expect(long.status).toBe(200);
    const text = await long.text();
    expect(text.length).toBeLessThan(5000);
    expect(badgeTitle(text)).toBe(`${'x'.repeat(39)}…: 2,500+`);
  });

  it('draws a "letter not found" badge for an unknown letter, and says what is wrong with a bad query', async () => {
    const missing = await ctx.site.fetch('/badge/no-such-letter.svg');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(badgeTitle(await missing.text())).toBe('signatures: letter not found');
    const style = await ctx.site.fetch(`/badge/${SLUG}.svg?style=neon`);
    expect(style.status).toBe(400);
    expect(badgeTitle(await style.text())).toBe('signatures: invalid style');
  });

  it('answers the shields.io endpoint schema', async () => {
    const res = await ctx.site.fetch(`/api/letters/${SLUG}/shields.json?label=${encodeURIComponent('signed by')}`);
    expect(await res.json()).toEqual({ schemaVersion: 1, label: 'signed by', message: '2,500+', color: 'blue' });
  });

  it('opens every API read to other sites, and no write', async () => {
    for (const path of [`/api/letters/${SLUG}`, `/api/letters/${SLUG}/signatures`, '/api/letters', '/api/nothing']) {
      expect((await ctx.site.fetch(path)).headers.get('access-control-allow-origin'), path).toBe('*');
    }
    const write = await ctx.site.fetch(`/api/letters/${SLUG}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Cross Site', email: 'cross@example.org', listed: true }),
    });
    expect(write.status).toBe(202);
    expect(write.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each(EMBEDDABLE)('%s is CORS-open, cacheable, and answers 304 to its ETag', async (path) => {
    const res = await ctx.site.fetch(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('public, max-age=10, stale-while-revalidate=60');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await ctx.site.fetch(path, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    // These answers are made apart from the middleware's headers: both still carry the security ones.
    for (const answer of [res, again]) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('changes the badge, count and ETag after a confirmation', async () => {
    const before = await ctx.site.fetch(`/badge/${SLUG}.svg`);
    const etag = before.headers.get('etag')!;
    const countEtag = (await ctx.site.fetch(`/api/letters/${SLUG}/count`)).headers.get('etag')!;
    // 2,512 → 2,600 crosses to a new display, so the badge must change.
    await addVerifiedSignatures(ctx.site, 88, { name: 'More' });
    await ctx.site.signJson({ name: 'Last', email: 'last@example.org', listed: true });
    const [mail] = await ctx.mail.mailTo('last@example.org');
    await ctx.site.fetch(linkPath(mail!, 'confirm'), { method: 'POST' });

    const after = await ctx.site.fetch(`/badge/${SLUG}.svg`, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(badgeTitle(await after.text())).toBe('signatures: 2,600+');
    const count = await ctx.site.fetch(`/api/letters/${SLUG}/count`, { headers: { 'if-none-match': countEtag } });
    expect(count.status).toBe(200);
    expect(((await count.json()) as { count: number }).count).toBe(2601);
  });

  it('lets any site frame the widget, and no site frame anything else', async () => {
    const widget = await ctx.site.fetch(`/embed/${SLUG}`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(widget.headers.get('x-frame-options')).toBeNull();
    for (const path of [`/l/${SLUG}`, '/', `/l/${SLUG}/signatories`, '/admin']) {
      const page = await ctx.site.fetch(path);
      expect(page.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(page.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });

  it('keeps the widget under 10 KB with its CSS and script, with the count, goal and a link to sign', async () => {
    const html = await (await ctx.site.fetch(`/embed/${SLUG}`)).text();
    expect(html).toContain('2,600+ signatures');
    expect(html).toMatch(/<a class="sign" href="http:\/\/letters\.test\/l\/[^"]+" target="_blank" rel="noopener">Sign the letter<\/a>/);
    const assets = [...html.matchAll(/(?:href|src)="(\/[^"]+\.(?:css|js))"/g)].map((m) => m[1]!);
    expect(assets.sort()).toEqual(['/embed.css', '/live-count.js']);
    let size = new TextEncoder().encode(html).length;
    for (const asset of assets) size += (await (await ctx.site.fetch(asset)).arrayBuffer()).byteLength;
    expect(size).toBeLessThan(10 * 1024);
  });

  it('escapes a hostile letter title in every snippet, for HTML and for Markdown', async () => {
    const token = await ctx.site.organizerToken();
    const title = 'Free them" onload="alert(document.domain)\' <b>\\](javascript:alert(1)) &amp; `x`';
    const created = await ctx.site.fetch('/api/admin/letters', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'hostile-title', title, body: 'Text.', status: 'open' }),
    });
    expect(created.status).toBe(201);
    const html = await (await ctx.site.fetch('/l/hostile-title')).text();
    // What a reader copies: the text of each textarea, as the browser decodes it.
    const snippets = [...html.matchAll(/<textarea id="embed-\w+"[^>]*>([^<]*)<\/textarea>/g)].map((m) =>
      m[1]!.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!),
    );
    const attribute = 'Free them&quot; onload=&quot;alert(document.domain)&#39; &lt;b&gt;\\](javascript:alert(1)) &amp;amp; `x`';
    expect(snippets).toEqual([
      `<a href="http://letters.test/l/hostile-title?src=embed-badge"><img src="http://letters.test/badge/hostile-title.svg" alt="Signatures of ${attribute}"></a>`,
      '[![Signatures of Free them\\" onload\\=\\"alert\\(document\\.domain\\)\\\' \\<b\\>\\\\\\]\\(javascript\\:alert\\(1\\)\\) \\&amp\\; \\`x\\`]' +
        '(http://letters.test/badge/hostile-title.svg)](http://letters.test/l/hostile-title?src=embed-badge)',
      `<iframe src="http://letters.test/embed/hostile-title" title="${attribute}" width="320" height="200" style="border:0"></iframe>`,
    ]);
  });

  it('puts link previews, a canonical URL and embed snippets on the letter page', async () => {
    const html = await (await ctx.site.fetch(`/l/${SLUG}`)).text();
    expect(html).toContain(`<link rel="canonical" href="http://letters.test/l/${SLUG}"/>`);
    expect(html).toContain('<meta property="og:title" content="Code does not grow in fear"/>');
    expect(html).toMatch(/<meta property="og:description" content="[^"]*2,600\+ signatures\."\/>/);
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image"/>');
    expect(html).toContain(`&lt;img src=&quot;http://letters.test/badge/${SLUG}.svg&quot;`);
    expect(html).toContain(`[![Signatures of Code does not grow in fear](http://letters.test/badge/${SLUG}.svg)]`);
    expect(html).toContain(`&lt;iframe src=&quot;http://letters.test/embed/${SLUG}&quot;`);
    expect(html).toContain(`data-stream-url="/api/letters/${SLUG}/count/stream?locale=en"`);
    expect(html).toContain('<script src="/live-count.js" defer></script>');
  });
});
