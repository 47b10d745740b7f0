import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type Site } from '../support/site.ts';

// A reader who opens a second page, or comes back within the hour, loads no stylesheet or script again.
describe('static files on Node', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site.close());

  it.each(['/style.css', '/live-count.js', '/altcha/altcha.js'])('serves %s gzipped and cacheable for an hour', async (path) => {
    const res = await site.fetch(path, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    if (path === '/style.css') expect(await res.text()).toBe(await readFile('public/style.css', 'utf8'));
  });

  it('sends a file as it is to a client that takes no compression', async () => {
    const res = await site.fetch('/style.css', { headers: { 'accept-encoding': 'identity' } });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(Number(res.headers.get('content-length'))).toBe((await readFile('public/style.css')).length);
  });

  it('answers a missing file with the not-found page', async () => {
    const res = await site.fetch('/nothing.css', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).not.toBe('public, max-age=3600');
  });
});
