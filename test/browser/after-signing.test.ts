import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, messagesFor } from '../../src/i18n/index.ts';
import { openBrowser, screenshot, seriousViolations } from '../support/browser.ts';
import { linkPath } from '../support/smtp.ts';
import { PUBLIC_URL, SLUG, siteWithMail } from '../support/site.ts';

type Browser = Awaited<ReturnType<typeof openBrowser>>;

const LETTER_URL = `${PUBLIC_URL}/l/${SLUG}`;
// The sample letter is in English: the networks its readers use most come first.
const NETWORKS = ['whatsapp', 'facebook', 'x', 'telegram', 'viber', 'vk', 'email'];

const networks = (page: Page) => page.locator('.share-links a').evaluateAll((links) => links.map((a) => a.getAttribute('data-network')));

/** Screenshots of the page as it is, on a phone and on a desktop. */
async function screenshots(page: Page, name: string) {
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: width === 375 ? 667 : 800 });
    await screenshot(page, `${name}-${width}`);
  }
}

// Story: a signer in each of the site's languages signs on a phone, waits for the mail, asks for it
// again, confirms, and passes the letter on.
describe('after signing, in the browser', () => {
  const ctx = siteWithMail();
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser({ viewport: { width: 375, height: 667 } });
  });
  afterAll(async () => {
    await browser.close();
    const hosts = new Set(browser.requested.map((url) => new URL(url).host));
    expect([...hosts].every((host) => host.startsWith('127.0.0.1:'))).toBe(true);
  });

  it.each(LANGUAGES)('in %s: says what comes next, sends the mail again, and offers sharing once confirmed', async (lang) => {
    const m = messagesFor(lang);
    const email = `after.${lang}@example.org`;
    const page = await browser.page();
    await page.setViewportSize({ width: 375, height: 667 });
    await page.goto(`${ctx.site.url}/l/${SLUG}?lang=${lang}`);
    await page.locator('#field-name').fill('Alesia Test');
    await page.locator('#field-email').fill(email);
    await page.locator('form.sign button[type=submit]').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(m.checkEmailTitle);
    expect(await page.getByText(m.noMailTips[0]!).isVisible()).toBe(true);
    expect(await networks(page)).toEqual(NETWORKS);
    expect(await page.locator('#share-url').inputValue()).toBe(`${LETTER_URL}?src=share-link`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, `check-email-${lang}`);

    // The page at its own address knows no address: the button is filled in from this tab's storage.
    expect(page.url()).toBe(`${ctx.site.url}/l/${SLUG}/check-email`);
    expect(await (await page.request.get(page.url())).text()).not.toContain(email);
    expect(await page.getByText(m.signAgainHint).isVisible()).toBe(false);
    await ctx.mail.mailTo(email);
    await page.getByRole('button', { name: m.resendButton }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: m.resentNote }).isVisible()).toBe(true);
    expect(await page.locator('h1').textContent()).toBe(m.checkEmailTitle);
    // Sent once more, it offers the way back to the form rather than the button, and keeps nothing.
    expect(await page.getByRole('button', { name: m.resendButton }).count()).toBe(0);
    expect(await page.getByText(m.signAgainHint).isVisible()).toBe(true);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    if (lang === 'en') await screenshots(page, 'check-email-resent-en');
    const mails = await ctx.mail.mailTo(email, 2);

    await page.goto(`${ctx.site.url}${linkPath(mails[1]!, 'confirm')}`);
    await page.getByRole('button', { name: m.confirmButton }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(m.thankYou);
    expect(await networks(page)).toEqual(NETWORKS);
    expect(await page.locator('.share-qr img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, `confirmed-${lang}`);
    await page.close();
  });

  it('shows the QR code on the page that a phone’s camera reads as the letter’s address', async () => {
    const page = await browser.page();
    await page.goto(`${ctx.site.url}/l/${SLUG}/check-email?lang=en`);
    // Drawn as the browser draws it: to pixels, then decoded.
    const image = await page.locator('.share-qr img').evaluate(async (img: HTMLImageElement) => {
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 400;
      const context = canvas.getContext('2d')!;
      context.drawImage(img, 0, 0, 400, 400);
      return Array.from(context.getImageData(0, 0, 400, 400).data);
    });
    expect(jsQR(new Uint8ClampedArray(image), 400, 400)?.data).toBe(`${LETTER_URL}?src=share-qr`);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: messagesFor('en').qrDownload }).click();
    expect((await download).suggestedFilename()).toBe(`${SLUG}-qr.svg`);
    await page.close();
  });

  it('opens the device’s share sheet where the browser has one, and copies the link', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await browser.page();
    await page.addInitScript(() => {
      const shared: ShareData[] = [];
      Object.assign(window, { shared });
      Object.defineProperty(navigator, 'share', { value: (data: ShareData) => (shared.push(data), Promise.resolve()) });
    });
    await page.goto(`${ctx.site.url}/l/${SLUG}/check-email?lang=en`);
    await page.getByRole('button', { name: 'Share…' }).click();
    expect(await page.evaluate(() => (window as unknown as { shared: ShareData[] }).shared)).toEqual([
      { title: 'Code does not grow in fear', text: 'Open letter: Code does not grow in fear', url: `${LETTER_URL}?src=share-native` },
    ]);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Link copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${LETTER_URL}?src=share-link`);
    await page.close();
  });

  it('offers the link back to the form when the tab kept nothing to send again', async () => {
    const page = await browser.page();
    await page.goto(`${ctx.site.url}/l/${SLUG}/check-email?lang=en`);
    const m = messagesFor('en');
    await page.getByRole('link', { name: m.signAgainHint }).click();
    await expect.poll(() => page.url()).toBe(LETTER_URL.replace(PUBLIC_URL, ctx.site.url));
    expect(await page.getByRole('button', { name: m.resendButton }).count()).toBe(0);
    await page.close();
  });

  it('signs, and keeps the plain links, the link to select and the link back to the form without JavaScript, and no button that cannot work', async () => {
    const noScript = await openBrowser({ javaScriptEnabled: false });
    try {
      const m = messagesFor('en');
      const page = await noScript.page();
      await page.goto(`${ctx.site.url}/l/${SLUG}?lang=en`);
      await page.locator('#field-name').fill('No Script');
      await page.locator('#field-email').fill('after.noscript@example.org');
      await page.locator('form.sign button[type=submit]').click();
      await expect.poll(() => page.locator('h1').textContent()).toBe(m.checkEmailTitle);
      expect(page.url()).toBe(`${ctx.site.url}/l/${SLUG}/check-email`);
      expect(await networks(page)).toEqual(NETWORKS);
      expect(await page.locator('#share-url').inputValue()).toBe(`${LETTER_URL}?src=share-link`);
      expect(await page.getByRole('link', { name: m.signAgainHint }).isVisible()).toBe(true);
      expect(await page.getByRole('button').count()).toBe(0);
      await screenshots(page, 'check-email-noscript-en');
    } finally {
      await noScript.close();
    }
  });
});
