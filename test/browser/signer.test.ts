import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, seriousViolations } from '../support/browser.ts';
import { linkPath } from '../support/smtp.ts';
import { SLUG, siteWithMail } from '../support/site.ts';

type Browser = Awaited<ReturnType<typeof openBrowser>>;

// Stories of signers, in a real Chromium against the real server and a real SMTP server.
describe('a signer in the browser', () => {
  const ctx = siteWithMail();
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
    // Nothing any page loaded came from anywhere but this machine.
    const hosts = new Set(browser.requested.map((url) => new URL(url).host));
    expect([...hosts].every((host) => host.startsWith('127.0.0.1:'))).toBe(true);
  });

  it('signs, confirms from the mail, and a second tab sees the count rise without reloading', async () => {
    const watcher = await browser.page();
    await watcher.goto(`${ctx.site.url}/l/${SLUG}`);
    await expect.poll(async () => (await watcher.locator('.count').textContent())?.trim()).toBe('No signatures yet.');

    const page = await browser.page();
    await page.goto(`${ctx.site.url}/l/${SLUG}`);
    await page.getByLabel('Your name').fill('Hanna Browser');
    await page.getByLabel('Email', { exact: true }).fill('hanna@example.org');
    await page.getByLabel('Organisation (optional)').fill('Open Labs');
    await page.getByLabel('Show my name in the public list of signatories').check();
    await page.getByRole('button', { name: 'Sign' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check your email');

    const [mail] = await ctx.mail.mailTo('hanna@example.org');
    await page.goto(`${ctx.site.url}${linkPath(mail!, 'confirm')}`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'confirm-1280');
    await page.getByRole('button', { name: 'Confirm my signature' }).click();
    await expect.poll(() => page.locator('.signatory-number').textContent()).toContain('You are signatory #1');

    await expect.poll(() => watcher.locator('.count').textContent()).toBe('1 signature');
    expect(watcher.url()).toBe(`${ctx.site.url}/l/${SLUG}`);
  });

  it('signs with JavaScript off', async () => {
    const noScript = await openBrowser({ javaScriptEnabled: false });
    try {
      const page = await noScript.page();
      await page.goto(`${ctx.site.url}/l/${SLUG}`);
      await page.getByLabel('Your name').fill('Ivan NoScript');
      await page.getByLabel('Email', { exact: true }).fill('noscript@example.org');
      await page.getByRole('button', { name: 'Sign' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Check your email');
      const [mail] = await ctx.mail.mailTo('noscript@example.org');
      await page.goto(`${ctx.site.url}${linkPath(mail!, 'confirm')}`);
      await page.getByRole('button', { name: 'Confirm my signature' }).click();
      await expect.poll(() => page.locator('.signatory-number').textContent()).toContain('You are signatory #2');
    } finally {
      await noScript.close();
    }
  });

  it('can be filled and sent with the keyboard, and says what is wrong, linked to each field', async () => {
    const page = await browser.page();
    await page.goto(`${ctx.site.url}/l/${SLUG}`);
    await page.locator('#field-name').focus();
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.type('K');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not-an-email');
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert');
    await expect.poll(() => summary.textContent()).toContain('Enter a valid email address');
    const email = page.locator('#field-email');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-describedby')).toBe('field-email-error');
    expect(await page.locator('#field-email-error').textContent()).toContain('Enter a valid email address');
    expect(await email.inputValue()).toBe('not-an-email');
    await summary.getByRole('link').first().click();
    expect(await page.evaluate(() => location.hash)).toBe('#field-email');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows names full of markup as text, and runs none of it', async () => {
    const name = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    await ctx.site.signJson({ name, email: 'xss@example.org', organisation: '<b onmouseover=alert(3)>Org</b>', listed: true });
    const [mail] = await ctx.mail.mailTo('xss@example.org');
    await ctx.site.fetch(linkPath(mail!, 'confirm'), { method: 'POST' });
    const page = await browser.page();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => errors.push(error.message));
    for (const path of [`/l/${SLUG}`, `/l/${SLUG}/signatories`]) {
      await page.goto(`${ctx.site.url}${path}`);
      await page.waitForTimeout(300);
      expect(await page.locator('.signatory-name', { hasText: '<script>alert(2)</script>' }).count()).toBe(1);
      expect(await page.locator('img[src=x]').count()).toBe(0);
    }
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('meets accessibility checks on the letter, the list, the widget and the withdraw page', async () => {
    const page = await browser.page();
    for (const path of [`/l/${SLUG}`, `/l/${SLUG}/signatories`, `/embed/${SLUG}`]) {
      await page.goto(`${ctx.site.url}${path}`);
      expect(await seriousViolations(page), path).toEqual([]);
    }
    const [mail] = await ctx.mail.mailTo('hanna@example.org');
    await page.goto(`${ctx.site.url}${linkPath(mail!, 'withdraw')}`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'withdraw-1280');
  });

  it('fits a 375 px phone without sideways scrolling, and weighs under 30 KB', async () => {
    const phone = await openBrowser({ viewport: { width: 375, height: 740 } });
    try {
      const page = await phone.page();
      let bytes = 0;
      page.on('requestfinished', async (request) => {
        const sizes = await request.sizes();
        bytes += sizes.responseBodySize + sizes.responseHeadersSize;
      });
      for (const path of [`/l/${SLUG}`, `/l/${SLUG}/signatories`, '/']) {
        await page.goto(`${ctx.site.url}${path}`, { waitUntil: 'networkidle' });
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        expect(scrollWidth, path).toBeLessThanOrEqual(clientWidth);
        await screenshot(page, `${path.split('/').filter(Boolean).join('-') || 'home'}-375`);
        if (path === `/l/${SLUG}`) {
          expect(bytes).toBeGreaterThan(1000);
          expect(bytes).toBeLessThan(30 * 1024);
        }
      }
      const desktop = await browser.page();
      for (const path of [`/l/${SLUG}`, `/l/${SLUG}/signatories`, '/']) {
        await desktop.goto(`${ctx.site.url}${path}`);
        await screenshot(desktop, `${path.split('/').filter(Boolean).join('-') || 'home'}-1280`);
      }
    } finally {
      await phone.close();
    }
  });
});
