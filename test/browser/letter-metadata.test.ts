import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, seriousViolations } from '../support/browser.ts';
import { startSite, type Site } from '../support/site.ts';

const LANGUAGES = ['en', 'be', 'ru', 'uk'] as const;

// A reader sees at a glance who is behind the letter, to whom it goes, its date and how long it
// stays open, in their language, on a phone and on a desktop, and in the widget.
describe('letter metadata in the browser', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
    const token = await site.organizerToken();
    const res = await site.admin(token, 'POST', '/letters', {
      slug: 'library',
      title: 'Keep the Central Library open',
      summary: 'A letter to the city council.',
      body: 'We, the undersigned, ask the council to keep the Central Library open.\n\nIt serves thousands of readers.',
      status: 'open',
      goal: 5000,
      organisedBy: 'Friends of the Central Library, Readers’ Union',
      addressee: 'Minsk City Council',
      publishedOn: '2026-03-25',
      deadline: new Date(Date.now() + 3 * 24 * 60 * 60 * 1000 + 60_000).toISOString(),
      translations: {
        be: { title: 'Захавайце Цэнтральную бібліятэку', body: 'Мы просім.', organisedBy: 'Сябры Цэнтральнай бібліятэкі', addressee: 'Мінскі гарвыканкам' },
        ru: { title: 'Сохраните Центральную библиотеку', body: 'Мы просим.', organisedBy: 'Друзья Центральной библиотеки', addressee: 'Минский горисполком' },
        uk: { title: 'Збережіть Центральну бібліотеку', body: 'Ми просимо.', organisedBy: 'Друзі Центральної бібліотеки', addressee: 'Мінський міськвиконком' },
      },
    });
    expect(res.status).toBe(201);
  });
  afterAll(() => site.close());

  it('counts down while the page stays open, and says the letter is closed at the deadline', async () => {
    const token = await site.organizerToken('Bob');
    const deadline = new Date(Date.now() + 4000);
    await site.admin(token, 'POST', '/letters', { slug: 'soon', title: 'Soon', body: 'Text', status: 'open', deadline: deadline.toISOString() });
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await page.goto(`${site.url}/l/soon?lang=uk`);
      const countdown = page.locator('.countdown');
      expect(await countdown.textContent()).toBe('збір підписів завершиться через 1 хвилину');
      await expect
        .poll(() => countdown.textContent(), { timeout: 10_000 })
        .toBe('Цей лист закрито, він більше не приймає підписи.');
    } finally {
      await browser.close();
    }
  });

  for (const width of [375, 1280]) {
    it(`shows them under the title at ${width} px in four languages, with no serious axe violation`, async () => {
      const browser = await openBrowser({ viewport: { width, height: width === 375 ? 667 : 800 } });
      try {
        const page = await browser.page();
        for (const lang of LANGUAGES) {
          await page.goto(`${site.url}/l/library?lang=${lang}`, { waitUntil: 'networkidle' });
          const meta = page.locator('article.letter h1 + dl.letter-meta');
          await expect.poll(() => meta.isVisible()).toBe(true);
          expect(await meta.locator('dt').count()).toBe(4);
          expect(await page.locator('.countdown').textContent()).toMatch(/3/);
          const { scrollWidth, clientWidth } = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            clientWidth: document.documentElement.clientWidth,
          }));
          expect(scrollWidth, lang).toBeLessThanOrEqual(clientWidth);
          expect(await seriousViolations(page), lang).toEqual([]);
          await screenshot(page, `letter-meta-${lang}-${width}`);

          await page.goto(`${site.url}/embed/library?lang=${lang}`, { waitUntil: 'networkidle' });
          expect(await page.locator('p.meta').textContent()).toMatch(/3/);
          await screenshot(page, `widget-meta-${lang}-${width}`);
        }
        expect(browser.requested.filter((url) => !url.startsWith(site.url))).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  }
});
