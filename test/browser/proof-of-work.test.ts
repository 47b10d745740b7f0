import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, SCREENSHOTS, seriousViolations } from '../support/browser.ts';
import { rows, SLUG, siteWithMail } from '../support/site.ts';

type Browser = Awaited<ReturnType<typeof openBrowser>>;

// Story: an organizer asks every signer for a proof of work; a signer's browser makes it with the
// ALTCHA widget, served from this site under the site's own strict CSP, and the signing goes through.
describe('a signer whose letter asks for a proof of work', () => {
  const ctx = siteWithMail({ PROOF_OF_WORK_COST: '10' });
  let browser: Browser;
  beforeAll(async () => {
    const token = await ctx.site.organizerToken();
    const on = await ctx.site.fetch(`/api/admin/letters/${SLUG}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ proofOfWork: true }),
    });
    expect(on.status).toBe(200);
    // The site's own CSP applies, so a widget that needed inline script or style would fail here.
    browser = await openBrowser({ bypassCSP: false });
  });
  afterAll(async () => {
    await browser.close();
    // Nothing any page loaded came from anywhere but this machine.
    const hosts = new Set(browser.requested.map((url) => new URL(url).host));
    expect([...hosts].every((host) => host.startsWith('127.0.0.1:'))).toBe(true);
  });

  it('signs once the widget has solved the challenge, with no request to another host and no CSP violation', async () => {
    const page = await browser.page();
    const problems: string[] = [];
    // CSP violations and script errors; a failed load shows as its response (Chromium's own favicon
    // request, which no page makes, only as a console line).
    page.on('console', (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (res) => res.status() >= 400 && problems.push(`${res.status()} ${res.url()}`));
    await page.goto(`${ctx.site.url}/l/${SLUG}`);
    await page.getByLabel('Your name').fill('Pavel Worker');
    await page.getByLabel('Email', { exact: true }).fill('pavel@example.org');
    // Focusing the form starts the work; the widget says when it is done.
    await expect.poll(() => page.locator('altcha-widget .altcha').getAttribute('data-state'), { timeout: 30_000 }).toBe('verified');
    await page.locator('form.sign').screenshot({ path: `${SCREENSHOTS}/proof-of-work-form-1280.png` });
    await page.getByRole('button', { name: 'Sign' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check your email');
    expect(await rows(ctx.site, "SELECT name FROM signatures WHERE status = 'pending'")).toHaveLength(1);
    expect(problems).toEqual([]);
    expect(browser.requested.some((url) => url.endsWith('/altcha/pbkdf2.js'))).toBe(true);
  });

  it('shows the widget tidily on a phone and in Russian, and stays accessible', async () => {
    const phone = await openBrowser({ bypassCSP: true, viewport: { width: 375, height: 740 }, locale: 'ru-RU' });
    try {
      const page = await phone.page();
      await page.goto(`${ctx.site.url}/l/${SLUG}?lang=ru`);
      await page.locator('#field-name').focus();
      await expect.poll(() => page.locator('altcha-widget .altcha').getAttribute('data-state'), { timeout: 30_000 }).toBe('verified');
      await expect.poll(() => page.locator('altcha-widget').textContent()).toContain('Проверено');
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      await page.locator('form.sign').screenshot({ path: `${SCREENSHOTS}/proof-of-work-form-375.png` });
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
