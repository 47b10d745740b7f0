import { describe, expect, it } from 'vitest';
import { messagesFor, LANGUAGES } from '../../src/i18n/index.ts';
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

  it.each(LANGUAGES)('signs on a 375 px phone in %s, fixing a mistyped address on the way', async (lang) => {
    const m = messagesFor(lang);
    const phone = await openBrowser({ viewport: { width: 375, height: 667 } });
    try {
      const page = await phone.page();
      await page.goto(`${ctx.site.url}/l/${SLUG}?lang=${lang}`);
      await screenshot(page, `letter-${lang}-375`);
      await page.getByLabel(m.yourName, { exact: true }).fill('Alesia Phone');
      await page.getByLabel(m.email, { exact: true }).fill(`${lang}.phone@example`);
      await page.getByRole('button', { name: m.sign, exact: true }).click();

      // The page comes back at the form: the summary focused and in view, the field marked, what was typed kept.
      const summary = page.getByRole('alert');
      await expect.poll(() => summary.textContent()).toContain(m.checkTheForm);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('form-problems');
      const box = (await summary.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeLessThan(667);
      const email = page.locator('#field-email');
      expect(await email.getAttribute('aria-invalid')).toBe('true');
      expect(await email.evaluate((el) => getComputedStyle(el).borderTopColor)).toBe('rgb(179, 38, 30)');
      expect(await page.locator('#field-email-error').textContent()).toBe(
        lang === 'en' ? 'Enter a valid email address, like name@example.org.' : m.fieldErrors.email,
      );
      expect(await page.getByLabel(m.yourName, { exact: true }).inputValue()).toBe('Alesia Phone');
      expect(await email.inputValue()).toBe(`${lang}.phone@example`);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `letter-error-${lang}-375`);

      await email.fill(`${lang}.phone@example.org`);
      await page.getByRole('button', { name: m.sign, exact: true }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe(m.checkEmailTitle);
      expect(await ctx.mail.mailTo(`${lang}.phone@example.org`)).toHaveLength(1);

      const desktop = await openBrowser();
      try {
        const wide = await desktop.page();
        await wide.goto(`${ctx.site.url}/l/${SLUG}?lang=${lang}`);
        await screenshot(wide, `letter-${lang}-1280`);
      } finally {
        await desktop.close();
      }
    } finally {
      await phone.close();
    }
  });

  it('leads the language switcher of a form shown again back to the letter, never to a 404', async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.page();
      await page.goto(`${ctx.site.url}/l/${SLUG}?lang=be`);
      await page.getByRole('button', { name: 'Падпісаць', exact: true }).click();
      await expect.poll(() => page.getByRole('alert').count()).toBe(1);
      expect(new URL(page.url()).pathname).toBe(`/l/${SLUG}/sign`);
      const response = await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Русский' }).click()]).then(([res]) => res);
      expect(response!.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe(`/l/${SLUG}`);
      expect(await page.getAttribute('html', 'lang')).toBe('ru');
      expect(await page.locator('#sign-heading').textContent()).toBe('Подписать это письмо');
      // The address of a form shown again, opened by itself, leads to the letter too.
      const reopened = await page.goto(`${ctx.site.url}/l/${SLUG}/sign?lang=uk`);
      expect(reopened!.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe('uk');
    } finally {
      await browser.close();
    }
  });
});
