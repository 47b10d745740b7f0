import { describe, expect, it } from 'vitest';
import { openBrowser, screenshot, seriousViolations } from '../support/browser.ts';
import { linkPath } from '../support/smtp.ts';
import { SLUG, siteWithMail } from '../support/site.ts';

// Story: signers in Minsk, Kyiv and elsewhere use the site in their own language.
describe('the interface in other languages', () => {
  const ctx = siteWithMail();

  it('switches to Belarusian with the switcher, remembers it, and says what is wrong in Belarusian', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await page.goto(`${ctx.site.url}/l/${SLUG}`);
      await page.getByRole('link', { name: 'Беларуская' }).click();
      expect(await page.getAttribute('html', 'lang')).toBe('be');
      await expect.poll(() => page.locator('h2').first().textContent()).toBe('Падпісаць гэты ліст');
      await page.getByRole('button', { name: 'Падпісаць' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('Калі ласка, праверце форму');
      expect(await page.locator('#field-name-error').textContent()).toBe(
        'Увядзіце імя адным алфавітам (не змешвайце кірыліцу і лацініцу, як у «i» з лацінскай раскладкі), да 120 знакаў, без нябачных сімвалаў і без слоў, якімі сайт пазначае пацверджаных падпісантаў.',
      );
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'letter-be-1280');

      // The choice is remembered on the next page, without ?lang=.
      await page.goto(`${ctx.site.url}/l/${SLUG}/signatories`);
      expect(await page.getAttribute('html', 'lang')).toBe('be');
      expect(await page.locator('h1').textContent()).toBe('Падпісанты');
    } finally {
      await browser.close();
    }
  });

  it('follows the browser language, and mails and confirms in it', async () => {
    const browser = await openBrowser({ locale: 'ru-RU' });
    try {
      const page = await browser.page();
      await page.goto(`${ctx.site.url}/l/${SLUG}`);
      expect(await page.getAttribute('html', 'lang')).toBe('ru');
      await page.getByLabel('Ваше имя').fill('Ольга');
      await page.getByLabel('Электронная почта').fill('olga.ru@example.org');
      await page.getByLabel('Показать моё имя в публичном списке подписантов').check();
      await page.getByRole('button', { name: 'Подписать', exact: true }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Проверьте почту');

      const [mail] = await ctx.mail.mailTo('olga.ru@example.org');
      expect(mail!.subject).toBe('Подтвердите подпись: Code does not grow in fear');
      expect(mail!.text).toContain('Здравствуйте!');
      expect(mail!.text).toContain('Ваше имя: «Ольга»');
      await page.goto(`${ctx.site.url}${linkPath(mail!, 'confirm')}`);
      await page.getByRole('button', { name: 'Подтвердить подпись' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Спасибо, что подписали');
      expect(await page.locator('.signatory-number').textContent()).toContain('Вы подписант №1');
    } finally {
      await browser.close();
    }
  });

  it('shows the widget and the count in Ukrainian, with the right plural', async () => {
    for (let i = 0; i < 4; i++) {
      await ctx.site.signJson({ name: `Signer ${i}`, email: `uk${i}@example.org`, listed: true });
      const [mail] = await ctx.mail.mailTo(`uk${i}@example.org`);
      await ctx.site.fetch(linkPath(mail!, 'confirm'), { method: 'POST' });
    }
    const browser = await openBrowser({ locale: 'uk-UA' });
    try {
      const page = await browser.page();
      await page.goto(`${ctx.site.url}/embed/${SLUG}`);
      expect(await page.getAttribute('html', 'lang')).toBe('uk');
      expect(await page.locator('.count').textContent()).toBe('5 підписів');
      expect(await page.getByRole('link', { name: 'Підписати лист' }).count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      const badge = await (await ctx.site.fetch(`/badge/${SLUG}.svg?locale=uk`)).text();
      expect(badge).toContain('<title>підписи: 5</title>');
    } finally {
      await browser.close();
    }
  });
});
