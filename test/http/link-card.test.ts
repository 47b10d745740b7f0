import { mkdir, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVerifiedSignatures, PUBLIC_URL, SLUG, startSite, type Site } from '../support/site.ts';

/** Where the cards are written, to be looked at. */
const CARDS = 'test-output/cards';
const BE_SLUG = 'card-be';
const BE_TITLE = 'Адкрыты ліст супраць закрыцця гарадской бібліятэкі ў Мінску';

/** A PNG's width and height, from its IHDR chunk (which the format puts first). */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(new TextDecoder().decode(bytes.subarray(12, 16))).toBe('IHDR');
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

async function card(site: Site, path: string) {
  const res = await site.fetch(path);
  expect(res.status).toBe(200);
  return { res, png: new Uint8Array(await res.arrayBuffer()) };
}

/** The content of a page's <meta property|name="…">. */
function meta(html: string, key: string): string | undefined {
  return html.match(new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`))?.[1]?.replace(/&amp;/g, '&');
}

describe('link preview cards', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
    const organizer = await site.organizerToken();
    const letter = { slug: BE_SLUG, title: BE_TITLE, body: 'Тэкст.', lang: 'be', status: 'open' };
    expect((await site.admin(organizer, 'POST', '/letters', letter)).status).toBe(201);
    await mkdir(CARDS, { recursive: true });
  });
  afterAll(() => site.close());

  it('points link previews at the card, a large image of 1200 × 630', async () => {
    const html = await (await site.fetch(`/l/${BE_SLUG}?lang=be`)).text();
    const image = `${PUBLIC_URL}/l/${BE_SLUG}/card.png?lang=be`;
    expect(meta(html, 'og:image')).toBe(image);
    expect(meta(html, 'og:image:width')).toBe('1200');
    expect(meta(html, 'og:image:height')).toBe('630');
    expect(meta(html, 'og:image:alt')).toBe(BE_TITLE);
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    expect(meta(html, 'twitter:image')).toBe(image);
  });

  it('serves the card as a cacheable PNG of exactly 1200 × 630, with the headers of an image', async () => {
    const { res, png } = await card(site, `/l/${SLUG}/card.png?lang=en`);
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(res.headers.get('etag')).toMatch(/^W\/"/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    await writeFile(`${CARDS}/en.png`, png);

    const again = await site.fetch(`/l/${SLUG}/card.png?lang=en`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('draws a Belarusian title with glyphs for every letter', async () => {
    const { png } = await card(site, `/l/${BE_SLUG}/card.png?lang=be`);
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
    await writeFile(`${CARDS}/be.png`, png);
    // The server says so when a bundled font lacks a glyph (drawn as nothing).
    expect(site.logs.filter((line) => line.includes('no bundled font'))).toEqual([]);
  });

  it('is the same card while the displayed count stays the same, and a new one when it changes', async () => {
    const first = await card(site, `/l/${SLUG}/card.png`);
    await addVerifiedSignatures(site, 2500);
    await expect.poll(() => site.count()).toBe(2500);
    const at2500 = await card(site, `/l/${SLUG}/card.png`);
    expect(at2500.res.headers.get('etag')).not.toBe(first.res.headers.get('etag'));
    expect(at2500.png).not.toEqual(first.png);
    await writeFile(`${CARDS}/en-2500.png`, at2500.png);

    // 2,512 is shown as "2,500+", as 2,500 is: the card is not drawn again.
    await addVerifiedSignatures(site, 12);
    await expect.poll(() => site.count()).toBe(2512);
    const at2512 = await card(site, `/l/${SLUG}/card.png`);
    expect(at2512.res.headers.get('etag')).toBe(at2500.res.headers.get('etag'));
    expect(at2512.png).toEqual(at2500.png);

    await addVerifiedSignatures(site, 100);
    await expect.poll(() => site.count()).toBe(2612);
    const at2612 = await card(site, `/l/${SLUG}/card.png`);
    expect(at2612.res.headers.get('etag')).not.toBe(at2500.res.headers.get('etag'));
    expect(at2612.png).not.toEqual(at2500.png);
  });

  it('has no card for a letter that is not public', async () => {
    expect((await site.fetch('/l/no-such-letter/card.png')).status).toBe(404);
  });
});
