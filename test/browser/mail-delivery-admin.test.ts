import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, seriousViolations, signInAdmin } from '../support/browser.ts';
import { rows, SLUG, siteWithMail } from '../support/site.ts';
import { waitFor } from '../support/wait.ts';

type Browser = Awaited<ReturnType<typeof openBrowser>>;

// What an organizer sees of the mail: the alarm at the top of the dashboard while the mail server
// refuses the site, and each letter's delivery on its page, on a phone and on a desktop.
describe("the mail on organizers' pages", () => {
  const ctx = siteWithMail();
  const browsers: Browser[] = [];
  beforeAll(async () => {
    for (const width of [375, 1280]) browsers.push(await openBrowser({ viewport: { width, height: 900 } }));
  });
  afterAll(async () => {
    for (const browser of browsers) await browser.close();
  });

  it('shows the mail alarm and the letter delivery, readable and accessible at 375 and 1280 px', async () => {
    expect((await ctx.site.signJson({ name: 'Delivered Signer', email: 'delivered@example.org', listed: true })).status).toBe(202);
    await waitFor(async () => (await rows(ctx.site, 'SELECT id FROM outbox')).length === 0, 'the mail sent');
    await ctx.site.store.raiseMailAlarm({ since: new Date('2026-12-07T20:15:00Z'), reason: 'SMTP 535 on AUTH PLAIN' });
    const token = await ctx.site.organizerToken();

    for (const [i, browser] of browsers.entries()) {
      const width = i === 0 ? 375 : 1280;
      const page = await browser.page();
      await signInAdmin(page, ctx.site.url, token);
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('No mail is going out');
      expect(await page.getByRole('alert').textContent()).toContain('SMTP 535 on AUTH PLAIN');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `admin-mail-alarm-${width}`);

      await page.goto(`${ctx.site.url}/admin/letters/${SLUG}`);
      const mail = page.locator('table.mail-delivery');
      expect(await mail.locator('tr', { hasText: /^Sent/ }).locator('td').textContent()).toBe('1');
      expect(await mail.locator('tr', { hasText: 'Retrying' }).locator('td').textContent()).toBe('0');
      expect(await mail.locator('tr', { hasText: 'Not sent (refused by the recipient' }).locator('td').textContent()).toBe('0');
      expect(await seriousViolations(page)).toEqual([]);
      await mail.scrollIntoViewIfNeeded();
      await screenshot(page, `admin-letter-mail-${width}`);
    }
  });
});
