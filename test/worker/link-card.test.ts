import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

const SLUG = 'worker-card';
const site = (path: string, init?: RequestInit) => SELF.fetch(`http://letters.test${path}`, { redirect: 'manual', ...init });

describe('link preview cards on Workers', () => {
  it('draws a Belarusian letter’s card with the wasm builds, a PNG of 1200 × 630, once', async () => {
    const now = Date.now();
    await env.DB.prepare(
      `INSERT INTO letters (slug, title, body, lang, status, signature_count, count_updated_at, created_at, updated_at)
       VALUES (?1, 'Адкрыты ліст пра бібліятэку ў Мінску', 'Тэкст', 'be', 'open', 0, ?2, ?2, ?2)`,
    )
      .bind(SLUG, now)
      .run();
    const page = await (await site(`/l/${SLUG}?lang=be`)).text();
    expect(page).toContain(`<meta property="og:image" content="http://letters.test/l/${SLUG}/card.png?lang=be"/>`);

    const res = await site(`/l/${SLUG}/card.png?lang=be`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(png.subarray(1, 4))).toBe('PNG');
    const ihdr = new DataView(png.buffer, png.byteOffset + 16, 8);
    expect([ihdr.getUint32(0), ihdr.getUint32(4)]).toEqual([1200, 630]);

    const again = await site(`/l/${SLUG}/card.png?lang=be`);
    expect(again.headers.get('etag')).toBe(res.headers.get('etag'));
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(png);
  });
});
