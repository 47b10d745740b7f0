import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsGzip } from '../../src/http/letter-page.tsx';
import { SLUG, startSite, type Site } from '../support/site.ts';

/** A GET with exactly these headers (fetch would add its own Accept-Encoding and decompress). */
function get(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

// The letter page is what a viral letter's readers load: browsers that take gzip get it compressed.
describe('the letter page, compressed', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site.close());

  it('is sent gzipped to a browser that takes gzip, and reads the same', async () => {
    const plain = await get(`${site.url}/l/${SLUG}`, {});
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await get(`${site.url}/l/${SLUG}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toMatch(/^text\/html/);
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
    // The same page but for the form's stamp, which may be of another second.
    const unstamped = (html: string) => html.replace(/name="shown" value="[^"]*"/, '');
    expect(unstamped(gunzipSync(zipped.body).toString('utf8'))).toBe(unstamped(plain.body.toString('utf8')));
    expect(plain.body.toString('utf8')).toContain('<form class="sign"');
  });

  it('is sent plain to a client that refuses gzip', async () => {
    const refused = await get(`${site.url}/l/${SLUG}`, { 'accept-encoding': 'gzip;q=0, br' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.toString('utf8')).toContain('<form class="sign"');
  });

  it('carries the security headers either way, and the language cookie only when one is chosen', async () => {
    for (const encoding of ['gzip', 'identity']) {
      const page = await get(`${site.url}/l/${SLUG}`, { 'accept-encoding': encoding });
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['set-cookie']).toBeUndefined();
      const chosen = await get(`${site.url}/l/${SLUG}?lang=be`, { 'accept-encoding': encoding });
      expect(chosen.headers['set-cookie']).toEqual([expect.stringMatching(/^lang=be;/)]);
      expect(chosen.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(chosen.headers['content-encoding']).toBe(encoding === 'gzip' ? 'gzip' : undefined);
    }
  });
});

// The page is chosen once per letter version for each set of headers that chooses it: readers one
// after another, each with other headers, must each still get their own.
describe('the letter page, as each reader asks for it', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site.close());

  const readers: [string, Record<string, string>, string, boolean][] = [
    ['English', { 'accept-language': 'en-GB,en;q=0.9', 'accept-encoding': 'gzip' }, 'Sign this letter', true],
    ['Belarusian', { 'accept-language': 'be,en;q=0.5', 'accept-encoding': 'gzip' }, 'Падпісаць гэты ліст', true],
    [
      'Russian, remembered',
      { 'accept-language': 'be,en;q=0.5', cookie: 'lang=ru', 'accept-encoding': 'gzip' },
      'Подписать это письмо',
      true,
    ],
    ['Belarusian, uncompressed', { 'accept-language': 'be' }, 'Падпісаць гэты ліст', false],
    [
      'Ukrainian, remembered beside another cookie',
      { 'accept-language': 'be,en;q=0.5', cookie: 'other=1; lang=uk', 'accept-encoding': 'gzip' },
      'Підписати цей лист',
      true,
    ],
    ['English again', { 'accept-language': 'en', 'accept-encoding': 'gzip' }, 'Sign this letter', true],
  ];

  it('is in the language and the encoding each reader asked for, in turn', async () => {
    for (const [reader, headers, heading, gzipped] of readers) {
      const page = await get(`${site.url}/l/${SLUG}`, headers);
      expect(page.headers['content-encoding'], reader).toBe(gzipped ? 'gzip' : undefined);
      expect((gzipped ? gunzipSync(page.body) : page.body).toString('utf8'), reader).toContain(heading);
      expect(page.headers['set-cookie'], reader).toBeUndefined();
    }
  });
});

describe('acceptsGzip', () => {
  it.each([
    ['gzip, deflate, br', true],
    ['GZIP', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['*', true],
    ['gzip;q=0', false],
    ['gzip;q=0.000, *', false],
    ['*;q=0', false],
    ['br, deflate', false],
    ['identity', false],
    ['', false],
  ])('%j → %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});
