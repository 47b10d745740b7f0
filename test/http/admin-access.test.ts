import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '../../src/domain/organizers.ts';
import type { Store } from '../../src/domain/store.ts';
import { hashToken } from '../../src/domain/tokens.ts';
import { AdminBrowser } from '../support/admin-browser.ts';
import { SLUG, startSite, type Site } from '../support/site.ts';

const API: [string, string][] = [
  ['GET', '/api/admin/letters'],
  ['POST', '/api/admin/letters'],
  ['GET', `/api/admin/letters/${SLUG}`],
  ['PATCH', `/api/admin/letters/${SLUG}`],
  ['GET', `/api/admin/letters/${SLUG}/signatures`],
  ['POST', `/api/admin/letters/${SLUG}/signatures/moderate`],
  ['GET', `/api/admin/letters/${SLUG}/export.csv`],
  ['GET', `/api/admin/letters/${SLUG}/export.jsonl`],
  ['GET', '/api/admin/audit'],
];

const PAGES: [string, string][] = [
  ['GET', '/admin'],
  ['GET', '/admin/new-letter'],
  ['POST', '/admin/letters'],
  ['GET', `/admin/letters/${SLUG}`],
  ['POST', `/admin/letters/${SLUG}`],
  ['POST', `/admin/letters/${SLUG}/translations`],
  ['GET', `/admin/letters/${SLUG}/preview`],
  ['GET', `/admin/letters/${SLUG}/signatures`],
  ['POST', `/admin/letters/${SLUG}/signatures`],
  ['GET', `/admin/letters/${SLUG}/export.csv`],
  ['GET', `/admin/letters/${SLUG}/export.jsonl`],
  ['GET', `/admin/letters/${SLUG}/deliver`],
  ['GET', `/admin/letters/${SLUG}/edition`],
  ['GET', `/admin/letters/${SLUG}/edition.pdf`],
  ['POST', '/admin/logout'],
];

describe('organizer access', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site.close());

  const api = (method: string, path: string, token?: string) =>
    site.fetch(path, {
      method,
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      ...(method !== 'GET' && { body: '{}' }),
    });

  it.each(API)('%s %s answers 401 without a token, with a wrong one, and after it is revoked', async (method, path) => {
    const token = await site.organizerToken('Temporary');
    expect((await api(method, path, token)).status).not.toBe(401);

    for (const wrong of [undefined, 'not-a-token', `${token.slice(0, -1)}x`]) {
      const res = await api(method, path, wrong);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }

    const [organizer] = (await site.store.organizers()).filter((o) => o.name === 'Temporary' && !o.revokedAt);
    await site.store.revokeOrganizer(organizer!.id, { organizerId: null, name: 'test' }, new Date());
    expect((await api(method, path, token)).status).toBe(401);
  });

  it.each(PAGES)('%s %s answers 401 without a session, and after the token is revoked', async (method, path) => {
    const anonymous = new AdminBrowser(site);
    await anonymous.get('/admin');
    const res = method === 'GET' ? await anonymous.get(path) : await anonymous.post(path);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('Organizer token');

    const token = await site.organizerToken('Session holder');
    const browser = new AdminBrowser(site);
    expect((await browser.login(token)).status).toBe(303);
    expect((await browser.get('/admin')).status).toBe(200);
    const [organizer] = (await site.store.organizers()).filter((o) => o.name === 'Session holder' && !o.revokedAt);
    await site.store.revokeOrganizer(organizer!.id, { organizerId: null, name: 'test' }, new Date());
    const after = method === 'GET' ? await browser.get(path) : await browser.post(path);
    expect(after.status).toBe(401);
  });

  it.each(PAGES.filter(([method]) => method === 'POST'))(
    '%s %s answers 403 to a form without a valid CSRF field, and changes nothing',
    async (_, path) => {
      const browser = new AdminBrowser(site);
      await browser.login(await site.organizerToken('Csrf'));
      const auditBefore = (await site.store.auditLog({ limit: 1000 })).length;
      for (const csrf of ['', 'forged', browser.csrf.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'))]) {
        const res = await browser.post(path, { csrf, ids: ['1'], action: 'hide', title: 'Changed', slug: 'changed' });
        expect(res.status).toBe(403);
      }
      expect((await browser.get('/admin')).status).toBe(200); // still signed in: logout was refused too
      expect((await site.store.auditLog({ limit: 1000 })).length).toBe(auditBefore);
    },
  );

  it('refuses the login form without a valid CSRF field, and a wrong token with 401', async () => {
    const token = await site.organizerToken('Login');
    const browser = new AdminBrowser(site);
    await browser.get('/admin');
    expect((await browser.post('/admin/login', { token, csrf: 'forged' })).status).toBe(403);
    expect((await browser.post('/admin/login', { token: 'wrong' })).status).toBe(401);
    const ok = await browser.post('/admin/login', { token });
    expect(ok.status).toBe(303);
    const cookie = ok.headers.getSetCookie().find((c) => c.startsWith('undersigned_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/); // PUBLIC_URL is http in the tests
  });

  it('ends the session on sign-out', async () => {
    const browser = new AdminBrowser(site);
    await browser.login(await site.organizerToken('Leaver'));
    await browser.get('/admin');
    expect((await browser.post('/admin/logout')).status).toBe(303);
    expect((await browser.get('/admin')).status).toBe(401);
  });
});

describe('token check', () => {
  it('takes the same steps for a right, a wrong and a malformed token: hash, one lookup, one constant-time compare', async () => {
    const right = 'r'.repeat(43);
    const rightHash = await hashToken(right);
    const trace: string[] = [];
    const store = {
      organizerByTokenHash: async (hash: string) => {
        trace.push('lookup');
        return hash === rightHash ? { id: 1, name: 'Alice', tokenHash: rightHash } : undefined;
      },
    } as unknown as Store;
    const compare = (a: string, b: string) => {
      trace.push(`compare ${a.length}:${b.length}`);
      return a === b;
    };
    const steps = async (token: string) => {
      trace.length = 0;
      const ok = await authenticate(store, token, compare).then(
        () => true,
        () => false,
      );
      return { ok, trace: [...trace] };
    };
    const good = await steps(right);
    expect(good.ok).toBe(true);
    for (const token of ['w'.repeat(43), '', 'x'.repeat(1000)]) {
      const bad = await steps(token);
      expect(bad.ok).toBe(false);
      expect(bad.trace).toEqual(good.trace);
    }
    expect(good.trace).toEqual(['lookup', 'compare 64:64']);
  });
});
