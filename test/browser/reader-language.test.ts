import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { drizzle } from 'drizzle-orm/libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../src/db/schema.ts';
import { storedCountKey } from '../../src/db/settings.ts';
import { LANGUAGES, messagesFor } from '../../src/i18n/index.ts';
import { staticCopyFiles } from '../../src/mirror/static-copy.tsx';
import { openBrowser, screenshot, seriousViolations } from '../support/browser.ts';
import { PUBLIC_URL, startSite, type Site } from '../support/site.ts';

const LETTER = {
  slug: 'library',
  lang: 'en',
  title: 'Keep the public library open',
  body: 'We ask the council to keep the public library open on Sundays.',
  status: 'open',
  goal: 100,
  organisedBy: 'Friends of the Library',
  translations: {
    be: { title: 'Захавайце бібліятэку адчыненай', body: 'Мы просім гарсавет не зачыняць бібліятэку па нядзелях.', organisedBy: 'Сябры бібліятэкі' },
    ru: { title: 'Сохраните библиотеку открытой', body: 'Мы просим горсовет не закрывать библиотеку по воскресеньям.', organisedBy: 'Друзья библиотеки' },
    uk: { title: 'Збережіть бібліотеку відкритою', body: 'Ми просимо міськраду не зачиняти бібліотеку в неділю.', organisedBy: 'Друзі бібліотеки' },
  },
};
const titleIn = (lang: string) => (lang === 'en' ? LETTER.title : LETTER.translations[lang as 'be'].title);

// Story: a reader whose browser speaks Belarusian, Russian, Ukrainian or English meets the widget on
// a news site, a broken link and an expired one, and the letter's static copy, all in that language.
describe('the pages around a letter in the reader’s language', () => {
  let site: Site;
  let mirror: string;

  beforeAll(async () => {
    site = await startSite();
    expect((await site.admin(await site.organizerToken(), 'POST', '/letters', LETTER)).status).toBe(201);
    mirror = await mkdtemp(join(tmpdir(), 'undersigned-mirror-'));
    const deps = {
      store: site.store,
      key: await storedCountKey(drizzle(site.db, { schema })),
      publicUrl: PUBLIC_URL,
      stylesheet: await readFile('public/style.css', 'utf8'),
      minDomainSigners: 5,
    };
    for await (const file of staticCopyFiles(deps, (await site.store.letterBySlug(LETTER.slug))!)) {
      await mkdir(dirname(join(mirror, file.path)), { recursive: true });
      await writeFile(join(mirror, file.path), file.content);
    }
  });
  afterAll(async () => {
    await site?.close();
    await rm(mirror, { recursive: true, force: true });
  });

  it.each(LANGUAGES.map((lang) => [lang]))('shows the widget, the 404 and 410 pages and the copy in %s', async (lang) => {
    const m = messagesFor(lang);
    for (const width of [375, 1280]) {
      const browser = await openBrowser({ locale: lang, viewport: { width, height: 800 } });
      try {
        const page = await browser.page();
        const look = async (name: string) => {
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          expect(await seriousViolations(page)).toEqual([]);
          await screenshot(page, `${name}-${lang}-${width}`);
        };

        await page.goto(`${site.url}/embed/${LETTER.slug}`);
        expect(await page.locator('.title').textContent()).toBe(titleIn(lang));
        expect(await page.getByRole('link', { name: m.signTheLetter }).count()).toBe(1);
        await look('widget');

        await page.goto(`${site.url}/l/no-such-letter`);
        expect(await page.locator('h1').textContent()).toBe(m.errors.not_found![0]);
        await look('error-404');

        await page.goto(`${site.url}/confirm/${'A'.repeat(43)}`);
        expect(await page.locator('h1').textContent()).toBe(m.errors.token_gone![0]);
        await look('error-410');

        await page.goto(`file://${mirror}/${lang === 'en' ? 'index' : lang}.html`);
        expect(await page.getByRole('link', { name: m.mirror.checkIt }).count()).toBe(1);
        await screenshot(page, `mirror-${lang}-${width}`);
        await page.getByRole('link', { name: m.mirror.checkIt }).click();
        expect(await page.locator('h1').textContent()).toBe(m.mirror.howToCheck);
        await screenshot(page, `mirror-verify-${lang}-${width}`);
      } finally {
        await browser.close();
      }
    }
  });
});
