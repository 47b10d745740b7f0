import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AdminBrowser } from '../support/admin-browser.ts';
import { startSite, type Site } from '../support/site.ts';

const MIB = 1024 * 1024;

/**
 * Starts a POST that declares `length` bytes and sends only the first kilobyte of them: the answer
 * can only come from what the server decided before reading the body.
 */
function postUnfinished(site: Site, path: string, length: number, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${site.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(length), ...headers },
    });
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        req.destroy();
      });
    });
    req.write('token='.padEnd(1024, 'x'));
  });
}

// Story: a stranger posts megabyte bodies to the admin pages to stall the server for everyone; the
// server turns them away from their headers, while an organizer still posts a long letter.
describe('large bodies to the admin paths', () => {
  it('refuses an unauthenticated megabyte from its headers, without waiting for or reading the body', async () => {
    const site = await startSite();
    try {
      const login = await postUnfinished(site, '/admin/login', MIB);
      expect(login.status).toBe(413);
      const api = await postUnfinished(site, '/api/admin/letters', MIB, { 'content-type': 'application/json' });
      expect(api.status).toBe(413);
      expect(JSON.parse(api.body)).toMatchObject({ error: { code: 'payload_too_large' } });
      // A session cookie or token that names no organizer buys no more room.
      const forged = await postUnfinished(site, '/admin/letters', MIB, { cookie: 'undersigned_session=forged' });
      expect(forged.status).toBe(413);
      const badToken = await postUnfinished(site, '/api/admin/letters', MIB, { authorization: 'Bearer forged' });
      expect(badToken.status).toBe(413);
      // Under the public limit, an admin page still answers a stranger before reading what was sent.
      expect((await postUnfinished(site, '/admin/letters', 60 * 1024)).status).toBe(401);
    } finally {
      await site.close();
    }
  });

  it('counts sign-in attempts against their address before reading their body', async () => {
    const site = await startSite({ env: { LIMIT_LOGIN_PER_ADDRESS: '2/minute' } });
    try {
      const guesser = new AdminBrowser(site);
      await guesser.get('/admin');
      for (let i = 0; i < 2; i++) expect((await guesser.post('/admin/login', { token: `guess${i}` })).status).toBe(401);
      expect((await postUnfinished(site, '/admin/login', 60 * 1024)).status).toBe(429);
    } finally {
      await site.close();
    }
  });

  it('still takes a 500 KiB letter from a signed-in organizer, by the API and by the admin page', async () => {
    const site = await startSite();
    try {
      const token = await site.organizerToken();
      // Georgian letters are three bytes each in UTF-8 (nine once a form percent-encodes them).
      const long = (chars: number) => 'ა'.repeat(chars);
      const json = JSON.stringify({ slug: 'long-letter', title: 'A long letter', body: long(180_000) });
      expect(json.length * 3).toBeGreaterThan(500 * 1024);
      const created = await site.fetch('/api/admin/letters', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: json,
      });
      expect(created.status).toBe(201);

      const browser = new AdminBrowser(site);
      await browser.login(token);
      const form = { slug: 'long-form-letter', title: 'A long letter by form', body: long(60_000), status: 'draft', lang: 'en' };
      expect(new URLSearchParams(form).toString().length).toBeGreaterThan(500 * 1024);
      const posted = await browser.post('/admin/letters', form);
      expect(posted.status).toBe(303);
      expect((await site.store.letterBySlug('long-form-letter'))?.body).toHaveLength(60_000);
    } finally {
      await site.close();
    }
  });
});
