import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/i18n/index.ts';
import { openBrowser, screenshot, seriousViolations, signInAdmin } from '../support/browser.ts';
import { SLUG, siteWithMail } from '../support/site.ts';

type Browser = Awaited<ReturnType<typeof openBrowser>>;

/** Every admin page an organizer moves between, by a short name for its screenshot. */
const PAGES = {
  dashboard: '/admin',
  'new-letter': '/admin/new-letter',
  domains: '/admin/domains',
  'letter-form': `/admin/letters/${SLUG}`,
  growth: `/admin/letters/${SLUG}/growth`,
  signatures: `/admin/letters/${SLUG}/signatures`,
  deliver: `/admin/letters/${SLUG}/deliver`,
};

// An organizer runs the letter from a phone in their own language: every admin page fits the screen
// (tables turn into cards), every button is a finger's size, and axe finds nothing serious; the same
// pages on a desktop.
describe('the admin pages on a phone and a desktop, in every interface language', () => {
  const ctx = siteWithMail();
  const browsers = new Map<number, Browser>();
  beforeAll(async () => {
    for (const width of [375, 1280]) browsers.set(width, await openBrowser({ viewport: { width, height: 800 } }));
  });
  afterAll(async () => {
    for (const browser of browsers.values()) await browser.close();
  });

  it('fits 375 px without sideways scrolling, with reachable actions, at 1280 px too, in en, be, ru and uk', async () => {
    // Signers with long details, the kind that used to push a table wider than a phone.
    for (let i = 0; i < 3; i++) {
      const signed = await ctx.site.signJson({
        name: `Аляксандра Мікалаеўская-Раманоўская ${i}`,
        email: `a.very.long.address.of.a.signer.${i}@department-of-something.example.org`,
        organisation: 'Нацыянальная акадэмія навук Беларусі',
        city: 'Мінск',
        listed: true,
      });
      expect(signed.status).toBe(202);
    }
    const token = await ctx.site.organizerToken('Алеся Кавалёва');

    for (const [width, browser] of browsers) {
      const page = await browser.page();
      await signInAdmin(page, ctx.site.url, token);
      await expect.poll(() => page.locator('h1').textContent()).toBe('Letters');
      if (width === 375) {
        await page.goto(`${ctx.site.url}/admin/domains`);
        await page.getByLabel('Domain').fill('department-of-something.example.org');
        await page.getByLabel('Organisation').fill('Міністэрства вельмі доўгіх назваў арганізацый');
        await page.getByRole('button', { name: 'Save' }).click();
        await expect.poll(() => page.locator('.notice').textContent()).toContain('department-of-something.example.org');
      }

      for (const lang of LANGUAGES) {
        for (const [name, path] of Object.entries(PAGES)) {
          await page.goto(`${ctx.site.url}${path}?lang=${lang}`);
          const where = `${name} in ${lang} at ${width} px`;
          expect(await page.locator('html').getAttribute('lang'), where).toBe(lang);
          const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
          expect(scrollWidth, where).toBeLessThanOrEqual(innerWidth);
          // Buttons and fields a finger can hit: at least 44 px high.
          const heights = await page.locator('main :is(button, select, input:not([type=checkbox], [type=hidden])), header button').evaluateAll((elements) =>
            elements.filter((e) => e.getClientRects().length > 0).map((e) => `${e.outerHTML.slice(0, 60)} ${e.getBoundingClientRect().height}`),
          );
          expect(heights.filter((h) => Number(h.split(' ').at(-1)) < 44), where).toEqual([]);
          expect(await seriousViolations(page), where).toEqual([]);
          await screenshot(page, `admin-${name}-${lang}-${width}`);
        }
      }
    }

    // On the phone the signatures are cards: each detail is named, and the checkbox beside the name.
    const phone = await browsers.get(375)!.page();
    await phone.goto(`${ctx.site.url}/admin/letters/${SLUG}/signatures?lang=be`);
    const card = phone.locator('table.signatures tbody tr').first();
    expect(await card.evaluate((row) => getComputedStyle(row).display)).toBe('grid');
    const box = await card.getByRole('checkbox').boundingBox();
    const name = await card.locator('td.name').boundingBox();
    expect(Math.abs(box!.y - name!.y)).toBeLessThan(12);
    expect(await card.locator('td[data-label="Пошта"]').evaluate((cell) => getComputedStyle(cell, '::before').content)).toBe('"Пошта: "');
  }, 300_000);
});
