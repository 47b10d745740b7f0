import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac, webHashing } from '../../src/domain/tokens.ts';
import { AdminBrowser } from '../support/admin-browser.ts';
import { solvedChallenge } from '../support/proof-of-work.ts';
import { PUBLIC_URL, rows, SLUG, startSite, type Site } from '../support/site.ts';

const SECRET = 'a-secret-for-the-bot-friction-tests-0123456789';
const HOUR = 3_600_000;
const stored = async (site: Site) => (await rows(site, 'SELECT id FROM signatures')).length;
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; fields?: Record<string, string> } }).error;
/** The stamp of a form shown `ago` milliseconds before now, as the site makes them. */
const stampFrom = async (ago: number) => {
  const time = Math.floor((Date.now() - ago) / 1000) * 1000;
  return `${time}.${await createHmac(webHashing, SECRET)(`form\u0000${time}`)}`;
};
const post = (site: Site, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  site.fetch(`/l/${SLUG}/sign`, { method: 'POST', headers, body: new URLSearchParams({ website: '', listed: 'true', ...fields }) });
const organizerApi = async (site: Site) => {
  const token = await site.organizerToken();
  return (method: string, path: string, body?: unknown) =>
    site.fetch(`/api/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
};

// Story: bots post the sign form from anywhere, with one stamp for hours, and flood the JSON API;
// a person with autofill sends the form within a second and must not lose their signature silently.
describe('bot friction on the sign form and the JSON API', () => {
  describe('the form’s time stamp', () => {
    let site: Site;
    beforeAll(async () => {
      site = await startSite({ env: { SECRET, FORM_MIN_SECONDS: '30', FORM_MAX_SECONDS: '7200' } });
    });
    afterAll(() => site.close());

    it('shows the form again, with what was typed, to a person who sent it too fast: nothing is stored, nothing is lost', async () => {
      const shown = await stampFrom(0);
      const res = await post(site, { shown, name: 'Olga Autofill', email: 'olga@example.org', city: 'Minsk' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      const page = await res.text();
      expect(page).toContain('Your signature is not sent yet: please check the form and press Sign again.');
      expect(page).toContain('value="Olga Autofill"');
      expect(page).toContain('value="olga@example.org"');
      expect(page).toContain('value="Minsk"');
      // A fresh stamp comes with it: sent again later, it goes through.
      expect(page.match(/name="shown" value="([^"]+)"/)![1]).not.toBe('');
      expect(await stored(site)).toBe(0);
    });

    it('says so in the page’s language', async () => {
      const res = await post(site, { shown: await stampFrom(0), name: 'Вольга', email: 'volha@example.org', lang: 'be' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('Подпіс яшчэ не адпраўлены: праверце форму і націсніце «Падпісаць» яшчэ раз.');
    });

    it('takes no stamp older than its lifetime: a stamp kept for hours serves no more signings', async () => {
      const old = await stampFrom(3 * HOUR);
      const res = await post(site, { shown: old, name: 'Replayed Stamp', email: 'replay@example.org' });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('press Sign again');
      expect(await stored(site)).toBe(0);
      // Within its lifetime the same kind of stamp is taken.
      expect((await post(site, { shown: await stampFrom(HOUR), name: 'Fresh Stamp', email: 'fresh@example.org' })).status).toBe(303);
      expect(await stored(site)).toBe(1);
    });

    it('still answers a filled honeypot as if it had worked, and stores nothing', async () => {
      const before = await stored(site);
      const res = await post(site, { shown: await stampFrom(60_000), name: 'Bot', email: 'bot@example.org', website: 'http://spam.example' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/l/${SLUG}/check-email`);
      expect(await stored(site)).toBe(before);
    });
  });

  describe('posts from other sites', () => {
    let site: Site;
    beforeAll(async () => {
      site = await startSite();
    });
    afterAll(() => site.close());

    const form = (email: string) => ({ shown: '', name: 'Cross Site', email });
    const signForm = async (email: string, headers: Record<string, string>) => {
      const page = await (await site.fetch(`/l/${SLUG}`)).text();
      const shown = page.match(/name="shown" value="([^"]+)"/)![1]!;
      return post(site, { ...form(email), shown }, headers);
    };

    it('refuses a form posted from another site’s page with a readable 403, and stores nothing', async () => {
      for (const headers of <Record<string, string>[]>[
        { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
        { 'sec-fetch-site': 'same-site', origin: 'https://user-content.letters.test' },
        // A browser without Sec-Fetch-Site: its Origin tells.
        { origin: 'https://evil.example' },
      ]) {
        const res = await signForm('cross@example.org', headers);
        expect(res.status).toBe(403);
        expect(res.headers.get('content-type')).toMatch(/text\/html/);
        expect(await res.text()).toContain('Signatures are taken only from the form on this site’s own page');
      }
      expect(await stored(site)).toBe(0);
    });

    it('takes the form from its own page, from browsers old and new', async () => {
      const statuses = [];
      for (const [i, headers] of (<Record<string, string>[]>[
        { 'sec-fetch-site': 'same-origin', origin: 'null' },
        { 'sec-fetch-site': 'same-origin', origin: PUBLIC_URL },
        { origin: PUBLIC_URL },
        // Our pages send no referrer, so browsers send `Origin: null` with our own forms.
        { origin: 'null' },
        {},
      ]).entries()) {
        statuses.push((await signForm(`own${i}@example.org`, headers)).status);
      }
      expect(statuses).toEqual([303, 303, 303, 303, 303]);
      expect(await stored(site)).toBe(5);
    });

    it('refuses a browser’s cross-site JSON signing, and keeps the API open to clients that are not browsers', async () => {
      const body = JSON.stringify({ name: 'Json Client', email: 'json@example.org', listed: false });
      const headers = { 'content-type': 'application/json' };
      const cross = await site.fetch(`/api/letters/${SLUG}/signatures`, { method: 'POST', headers: { ...headers, origin: 'https://evil.example' }, body });
      expect(cross.status).toBe(403);
      expect((await errorOf(cross)).code).toBe('forbidden');
      const fetchSite = await site.fetch(`/api/letters/${SLUG}/signatures`, {
        method: 'POST',
        headers: { ...headers, 'sec-fetch-site': 'cross-site' },
        body,
      });
      expect(fetchSite.status).toBe(403);
      const before = await stored(site);
      expect((await site.signJson(JSON.parse(body))).status).toBe(202);
      expect(await stored(site)).toBe(before + 1);
    });
  });

  describe('proof of work', () => {
    let site: Site;
    let api: Awaited<ReturnType<typeof organizerApi>>;
    beforeAll(async () => {
      site = await startSite({
        env: {
          PROOF_OF_WORK_COST: '1',
          PROOF_OF_WORK_ABOVE: '5/minute',
          LIMIT_SIGN_WITHOUT_PROOF_PER_ADDRESS: '2/hour',
        },
      });
      api = await organizerApi(site);
      for (const slug of ['guarded-letter', 'quiet-letter']) {
        expect((await api('POST', '/letters', { slug, title: `The ${slug}`, body: 'Text.', status: 'open' })).status).toBe(201);
      }
    });
    afterAll(() => site.close());

    it('lets an organizer ask every signer of a letter for a proof of work, and then the API takes a solved challenge once', async () => {
      const on = await api('PATCH', '/letters/guarded-letter', { proofOfWork: true });
      expect(on.status).toBe(200);
      expect(((await on.json()) as { proofOfWork: boolean }).proofOfWork).toBe(true);
      const signer = { name: 'Pow Signer', email: 'pow@example.org', listed: false };

      const without = await site.signJson(signer, 'guarded-letter');
      expect(without.status).toBe(400);
      const error = await errorOf(without);
      expect(error.code).toBe('invalid_input');
      expect(error.fields?.altcha).toContain('GET /api/letters/guarded-letter/challenge');

      const altcha = await solvedChallenge(site, 'guarded-letter');
      expect((await site.signJson({ ...signer, altcha }, 'guarded-letter')).status).toBe(202);
      const replayed = await site.signJson({ ...signer, email: 'pow2@example.org', altcha }, 'guarded-letter');
      expect(replayed.status).toBe(400);
      expect((await errorOf(replayed)).fields?.altcha).toContain('used already');
      expect((await site.signJson({ ...signer, altcha: 'not-a-solution' }, 'guarded-letter')).status).toBe(400);
      expect(await stored(site)).toBe(1);

      // The page shows the widget, served from this site.
      const page = await (await site.fetch('/l/guarded-letter')).text();
      expect(page).toContain('<altcha-widget');
      expect(page).toContain('challenge="/api/letters/guarded-letter/challenge"');
      for (const file of ['/altcha/altcha.js', '/altcha/pbkdf2.js', '/altcha/altcha.css', '/proof-of-work.js']) {
        expect((await site.fetch(file)).status, file).toBe(200);
      }
      expect((await api('PATCH', '/letters/guarded-letter', { proofOfWork: false })).status).toBe(200);
      expect((await site.signJson({ ...signer, email: 'pow3@example.org' }, 'guarded-letter')).status).toBe(202);
    });

    it('asks for a proof of work once a letter is flooded, and takes the form without one only under a stricter limit', async () => {
      const sign = (i: number, extra: Record<string, unknown> = {}) =>
        site.signJson({ name: 'Flood', email: `flood${i}@example.org`, listed: false, ...extra });
      expect((await (await site.fetch(`/l/${SLUG}`)).text()).includes('<altcha-widget')).toBe(false);
      const statuses = [];
      for (let i = 0; i < 7; i++) statuses.push((await sign(i)).status);
      expect(statuses).toEqual([202, 202, 202, 202, 202, 400, 400]);
      expect((await sign(9, { altcha: await solvedChallenge(site, SLUG) })).status).toBe(202);
      // Another letter is not flooded by it.
      expect((await site.signJson({ name: 'Quiet', email: 'quiet@example.org', listed: false }, 'quiet-letter')).status).toBe(202);

      // The form now carries the widget; without JavaScript it is taken, at most twice an hour per address.
      const page = await (await site.fetch(`/l/${SLUG}`)).text();
      expect(page).toContain('<altcha-widget');
      const shown = page.match(/name="shown" value="([^"]+)"/)![1]!;
      const noScript = [];
      for (let i = 0; i < 3; i++) noScript.push((await post(site, { shown, name: 'No Script', email: `noscript${i}@example.org` })).status);
      expect(noScript).toEqual([303, 303, 429]);
      // With a solved challenge the same address goes on; with a bad one the form is shown again.
      const altcha = await solvedChallenge(site, SLUG);
      expect((await post(site, { shown, name: 'With Script', email: 'script@example.org', altcha })).status).toBe(303);
      const bad = await post(site, { shown, name: 'Bad Proof', email: 'bad@example.org', altcha });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('value="Bad Proof"');
    });

    it('lets an organizer turn it on from the admin page', async () => {
      const browser = new AdminBrowser(site);
      await browser.login(await site.organizerToken('Bob'));
      const edit = await (await browser.get('/admin/letters/quiet-letter')).text();
      expect(edit).toContain('Ask every signer for a proof of work');
      const res = await browser.post('/admin/letters/quiet-letter', {
        title: 'The quiet-letter',
        slug: 'quiet-letter',
        body: 'Text.',
        status: 'open',
        proofOfWork: 'true',
      });
      expect(res.status).toBe(303);
      expect((await (await site.fetch('/l/quiet-letter')).text()).includes('<altcha-widget')).toBe(true);
      expect(await (await browser.get('/admin/letters/quiet-letter')).text()).toMatch(/name="proofOfWork" type="checkbox" value="true" checked/);
    });

    it('hands out signed challenges that expire, and no cache keeps them', async () => {
      const res = await site.fetch(`/api/letters/${SLUG}/challenge`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const challenge = (await res.json()) as { parameters: { algorithm: string; expiresAt: number }; signature: string };
      expect(challenge.parameters.algorithm).toBe('PBKDF2/SHA-256');
      expect(challenge.parameters.expiresAt * 1000).toBeGreaterThan(Date.now());
      expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);
      expect((await site.fetch('/api/letters/no-such-letter/challenge')).status).toBe(404);
    });
  });
});
