import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { be, en, uk } from '../../src/i18n/index.ts';
import { AdminBrowser } from '../support/admin-browser.ts';
import { SLUG, startSite, type Site } from '../support/site.ts';

const htmlLang = (html: string) => html.match(/<html lang="([^"]+)"/)?.[1];

// Organizers read the admin pages in their own language, chosen as a reader's is: ?lang= (then
// remembered), the browser's Accept-Language, English.
describe('the admin pages in the organizer’s language', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(async () => {
    await site?.close();
  });

  it('answers in the language the browser asks for, and in English when it asks for none the site speaks', async () => {
    for (const [acceptLanguage, lang, token] of [
      ['be-BY,be;q=0.9,en;q=0.5', 'be', be.admin.login.token],
      ['en-GB,en;q=0.9', 'en', en.admin.login.token],
      ['de-DE,de;q=0.9', 'en', en.admin.login.token],
    ] as const) {
      const res = await new AdminBrowser(site, { 'accept-language': acceptLanguage }).get('/admin');
      const html = await res.text();
      expect(res.status).toBe(401);
      expect(htmlLang(html), acceptLanguage).toBe(lang);
      expect(html).toContain(token);
      expect(res.headers.get('vary')).toMatch(/Accept-Language/);
    }
  });

  it('remembers a language picked with ?lang= on the next pages, the answer to a wrong token included', async () => {
    const organizer = new AdminBrowser(site, { 'accept-language': 'en' });
    await organizer.get('/admin?lang=uk');
    expect(organizer.cookies.get('lang')).toBe('uk');
    const wrong = await organizer.post('/admin/login', { token: 'wrong' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain(uk.admin.login.failed);

    await organizer.login(await site.organizerToken('Оксана'));
    const dashboard = await (await organizer.get('/admin')).text();
    expect(htmlLang(dashboard)).toBe('uk');
    expect(dashboard).toContain(`<h1>${uk.admin.dashboard.title}</h1>`);
    const form = await (await organizer.get(`/admin/letters/${SLUG}`)).text();
    expect(form).toContain(uk.admin.letterForm.proofOfWork);
    expect(form).toContain(`<option value="open" selected="">${uk.admin.statuses.open}</option>`);

    await organizer.get('/admin/domains?lang=en');
    const named = await (await organizer.post('/admin/domains', { domain: 'company.by', organisation: 'Company' })).text();
    expect(named).toContain(en.admin.domains.named('company.by', 'Company'));
  });
});
