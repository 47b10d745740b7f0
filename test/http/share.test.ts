import { Resvg } from '@resvg/resvg-js';
import jsQR from 'jsqr';
import { beforeAll, describe, expect, it } from 'vitest';
import { linkPath } from '../support/smtp.ts';
import { PUBLIC_URL, SLUG, siteWithMail } from '../support/site.ts';

const BE_SLUG = 'share-be';
const BE_TITLE = 'Ліст "IT & свабода" <2020>';

/** The share component's network links, in order, as [network, href] with the href unescaped. */
function shareLinks(html: string): [string, string][] {
  return [...html.matchAll(/<a href="([^"]+)" target="_blank" rel="noopener" data-network="([a-z]+)">/g)].map((m) => [m[2]!, m[1]!.replace(/&amp;/g, '&')]);
}

/** What a phone's camera reads from an SVG QR code: drawn to pixels, then decoded. */
function decodeQr(svg: string): string | undefined {
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: 400 } }).render();
  return jsQR(new Uint8ClampedArray(image.pixels), image.width, image.height)?.data;
}

describe('sharing a letter', () => {
  const ctx = siteWithMail();
  beforeAll(async () => {
    const organizer = await ctx.site.organizerToken();
    const body = { slug: BE_SLUG, title: BE_TITLE, body: 'Тэкст.', lang: 'be', status: 'open' };
    expect((await ctx.site.admin(organizer, 'POST', '/letters', body)).status).toBe(201);
  });

  it('offers WhatsApp, Facebook and X first for an English letter, Telegram, Viber and VK first for a Belarusian one', async () => {
    const en = shareLinks(await (await ctx.site.fetch(`/l/${SLUG}/check-email`)).text());
    expect(en.map(([network]) => network)).toEqual(['whatsapp', 'facebook', 'x', 'telegram', 'viber', 'vk', 'email']);
    const be = shareLinks(await (await ctx.site.fetch(`/l/${BE_SLUG}/check-email?lang=be`)).text());
    expect(be.map(([network]) => network)).toEqual(['telegram', 'viber', 'vk', 'whatsapp', 'facebook', 'x', 'email']);
  });

  it('builds each link with the letter’s address, tagged with its way of sharing, and title encoded, so a title cannot break out of it', async () => {
    const html = await (await ctx.site.fetch(`/l/${BE_SLUG}/check-email?lang=be`)).text();
    expect(html).not.toContain('"IT & свабода"');
    const url = (source: string) => `${PUBLIC_URL}/l/${BE_SLUG}?src=${source}`;
    const text = `Адкрыты ліст: ${BE_TITLE}`;
    const links = Object.fromEntries(shareLinks(html));
    expect(new URL(links.telegram!).searchParams.get('url')).toBe(url('share-telegram'));
    expect(new URL(links.telegram!).searchParams.get('text')).toBe(text);
    expect(new URL(links.whatsapp!).searchParams.get('text')).toBe(`${text} ${url('share-whatsapp')}`);
    expect(links.viber).toBe(`viber://forward?text=${encodeURIComponent(`${text} ${url('share-viber')}`)}`);
    expect(new URL(links.vk!).searchParams.get('url')).toBe(url('share-vk'));
    expect(new URL(links.facebook!).searchParams.get('u')).toBe(url('share-facebook'));
    expect(new URL(links.x!).origin).toBe('https://x.com');
    expect(new URL(links.x!).searchParams.get('url')).toBe(url('share-x'));
    // mailto: wants %20 for a space, not "+".
    expect(links.email).toBe(`mailto:?subject=${encodeURIComponent(text)}&body=${encodeURIComponent(`${text}\n\n${url('share-email')}`)}`);
    expect(html).toContain(`<input id="share-url" type="text" value="${url('share-link')}" readonly=""/>`);
    expect(html).toContain('<script src="/share.js" defer></script>');
  });

  it('offers sharing once a signature is confirmed, not before', async () => {
    await ctx.site.signForm({ name: 'Sharing Signer', email: 'sharer@example.org', listed: 'true' });
    const [mail] = await ctx.mail.mailTo('sharer@example.org');
    const link = linkPath(mail!, 'confirm');
    expect(shareLinks(await (await ctx.site.fetch(link)).text())).toEqual([]);
    const thanks = await (await ctx.site.fetch(link, { method: 'POST' })).text();
    expect(thanks).toContain('Thank you for signing');
    expect(shareLinks(thanks).map(([network]) => network)).toHaveLength(7);
    expect(thanks).toContain(`<img src="/l/${SLUG}/qr.svg"`);
    // Opened again, the link says it is already confirmed, and still offers to share.
    expect(shareLinks(await (await ctx.site.fetch(link)).text())).toHaveLength(7);
  });

  it('offers no sharing of a letter its organizers took back to draft, whose links would lead nowhere', async () => {
    const organizer = await ctx.site.organizerToken('Drafter');
    const slug = 'share-draft';
    expect((await ctx.site.admin(organizer, 'POST', '/letters', { slug, title: 'Not yet', body: 'Text.', status: 'open' })).status).toBe(201);
    await ctx.site.signForm({ name: 'Draft Signer', email: 'draft-sharer@example.org', listed: 'true' }, slug);
    const [mail] = await ctx.mail.mailTo('draft-sharer@example.org');
    const link = linkPath(mail!, 'confirm');
    expect(shareLinks(await (await ctx.site.fetch(link, { method: 'POST' })).text())).toHaveLength(7);
    expect((await ctx.site.admin(organizer, 'PATCH', `/letters/${slug}`, { status: 'draft' })).status).toBe(200);
    const again = await (await ctx.site.fetch(link)).text();
    expect(shareLinks(again)).toEqual([]);
    expect(again).not.toContain(`/l/${slug}/qr.svg`);
    expect((await ctx.site.fetch(`/l/${slug}/qr.svg`)).status).toBe(404);
    expect((await ctx.site.fetch(`/l/${slug}/card.png`)).status).toBe(404);
  });

  it('serves a QR code that decodes to exactly the letter’s address tagged as from a QR code, cacheable, and as a download', async () => {
    const res = await ctx.site.fetch(`/l/${BE_SLUG}/qr.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(decodeQr(await res.text())).toBe(`${PUBLIC_URL}/l/${BE_SLUG}?src=share-qr`);

    const download = await ctx.site.fetch(`/l/${SLUG}/qr.svg?download=1`);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${SLUG}-qr.svg"`);
    expect(decodeQr(await download.text())).toBe(`${PUBLIC_URL}/l/${SLUG}?src=share-qr`);

    expect((await ctx.site.fetch('/l/no-such-letter/qr.svg')).status).toBe(404);
  });
});
