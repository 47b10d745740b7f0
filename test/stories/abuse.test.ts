import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AdminBrowser } from '../support/admin-browser.ts';
import { rows, SLUG, startSite, type Site } from '../support/site.ts';

const LIMITED = {
  TRUST_PROXY: 'x-forwarded-for',
  LIMIT_SIGN_PER_ADDRESS: '5/minute',
  LIMIT_LOGIN_PER_ADDRESS: '3/minute',
};

const from = (address: string) => ({ 'x-forwarded-for': `198.51.100.7, ${address}` });
const signFrom = (site: Site, address: string, email: string) =>
  site.fetch(`/api/letters/${SLUG}/signatures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...from(address) },
    body: JSON.stringify({ name: 'Burst', email, listed: true }),
  });
const stored = async (site: Site) => (await rows(site, 'SELECT id FROM signatures')).length;

// Story: a bot hammers the letter from one address, and from one email; real signers elsewhere carry on.
describe('rate limits and bot friction', () => {
  it('cuts a burst from one address off at the limit with 429, stores nothing over it, and spares other addresses', async () => {
    const site = await startSite({ env: LIMITED });
    try {
      const answers = [];
      for (let i = 0; i < 8; i++) answers.push(await signFrom(site, '203.0.113.1', `burst${i}@example.org`));
      expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 202, 202, 429, 429, 429]);
      const refused = answers[5]!;
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
      expect(await stored(site)).toBe(5);

      expect((await signFrom(site, '203.0.113.2', 'other@example.org')).status).toBe(202);
      expect(await stored(site)).toBe(6);

      // The form answers with a readable page.
      const page = await site.fetch(`/l/${SLUG}/sign`, {
        method: 'POST',
        headers: from('203.0.113.1'),
        body: new URLSearchParams({ name: 'Form', email: 'form@example.org', listed: 'true' }),
      });
      expect(page.status).toBe(429);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toContain('Too many requests');
      expect(await stored(site)).toBe(6);

      // No address is stored anywhere: not in the database file, not in the log.
      const file = await readFile(site.databaseUrl.slice('file:'.length));
      for (const address of ['203.0.113.1', '203.0.113.2', '198.51.100.7']) {
        expect(file.includes(address)).toBe(false);
        expect(site.logs.join('\n')).not.toContain(address);
      }
    } finally {
      await site.close();
    }
  });

  it('trusts no address header unless told to', async () => {
    const site = await startSite({ env: { LIMIT_SIGN_PER_ADDRESS: '3/minute' } });
    try {
      const statuses = [];
      // A client that makes up a new X-Forwarded-For each time is still one address.
      for (let i = 0; i < 5; i++) statuses.push((await signFrom(site, `192.0.2.${i}`, `spoof${i}@example.org`)).status);
      expect(statuses).toEqual([202, 202, 202, 429, 429]);
    } finally {
      await site.close();
    }
  });

  it('limits sign-in attempts per address', async () => {
    const site = await startSite({ env: LIMITED });
    try {
      const token = await site.organizerToken();
      const guesser = new AdminBrowser(site, from('203.0.113.9'));
      await guesser.get('/admin');
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await guesser.post('/admin/login', { token: `guess${i}` })).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      // Even the right token waits now; another address signs in.
      expect((await guesser.post('/admin/login', { token })).status).toBe(429);
      expect((await new AdminBrowser(site, from('203.0.113.10')).login(token)).status).toBe(303);
    } finally {
      await site.close();
    }
  });

  // A form sent too fast is a person's too (autofill): it is shown again, see bot-friction.test.ts.
  it('answers a bot like a person but stores nothing: honeypot, missing or forged stamp', async () => {
    const site = await startSite({ env: { FORM_MIN_SECONDS: '1' } });
    try {
      const page = await (await site.fetch(`/l/${SLUG}`)).text();
      const shown = page.match(/name="shown" value="([^"]+)"/)![1]!;
      const post = (fields: Record<string, string>) =>
        site.fetch(`/l/${SLUG}/sign`, {
          method: 'POST',
          body: new URLSearchParams({ name: 'Bot', email: 'bot@example.org', listed: 'true', ...fields }),
        });
      const [time] = shown.split('.');
      for (const fields of <Record<string, string>[]>[
        { shown, website: 'http://spam.example' },
        {},
        { shown: `${time}.forged` },
        { shown: `${Number(time) - 60_000}.${shown.split('.')[1]}` },
      ]) {
        const res = await post(fields);
        expect(res.status).toBe(303);
        expect(res.headers.get('location')).toBe(`/l/${SLUG}/check-email`);
      }
      expect(await stored(site)).toBe(0);

      // The stamp names the second the page was shown in: a second after that second's end, it passes.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect((await post({ shown, website: '' })).status).toBe(303);
      expect(await stored(site)).toBe(1);
    } finally {
      await site.close();
    }
  });
});
