import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, seriousViolations } from '../support/browser.ts';
import { linkPath } from '../support/smtp.ts';
import { SLUG, siteWithMail } from '../support/site.ts';

// Story: a cautious signer picks "list my name once 100 have signed" with the keyboard and mouse,
// shows her verified company domain, and sees both choices confirmed.
describe('choosing when to be listed, in the browser', () => {
  const ctx = siteWithMail();
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    browser = await openBrowser();
    const token = await ctx.site.organizerToken();
    const res = await ctx.site.fetch(`/api/admin/letters/${SLUG}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ listThresholds: [100, 1000] }),
    });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await browser.close();
  });

  it('offers the thresholds as one accessible choice and keeps what was chosen', async () => {
    const page = await browser.page();
    await page.goto(`${ctx.site.url}/l/${SLUG}`);
    const choice = page.getByRole('group', { name: 'Public list' });
    expect(await choice.getByRole('radio').count()).toBe(4);
    // Each option says what it means; the thresholds also what they do not protect.
    const described = async (label: string) => {
      const id = await choice.getByLabel(label).getAttribute('aria-describedby');
      return page.locator(`#${id}`).textContent();
    };
    expect(await described('List my name now')).toBe('Your name is shown as soon as you confirm your signature.');
    expect(await described('List my name once at least 1,000 people have signed')).toContain('hard, not impossible');
    expect(await described('List my name once at least 1,000 people have signed')).toContain('does not keep your name private for good');
    expect(await described('Do not list my name; only count me')).toBe('You are counted, and your name is never shown on the site.');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'letter-thresholds-1280');

    await page.getByLabel('Your name').fill('Zoya Cautious');
    await page.getByLabel('Email', { exact: true }).fill('zoya@company.by');
    await choice.getByLabel('List my name once at least 1,000 people have signed').check();
    await page.getByLabel(/verified at @company\.by/).check();
    await page.getByRole('button', { name: 'Sign' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check your email');

    const [mail] = await ctx.mail.mailTo('zoya@company.by');
    await page.goto(`${ctx.site.url}${linkPath(mail!, 'confirm')}`);
    // The confirm page offers the choices the request made, to keep or take back.
    await expect.poll(() => page.getByLabel('List my name once at least 1,000 people have signed').isChecked()).toBe(true);
    expect(await page.getByLabel('Show my email domain as verified: @company.by').isChecked()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Confirm my signature' }).click();
    await expect.poll(() => page.locator('.signatory-number').textContent()).toContain('You are signatory #1');
    const body = page.locator('main');
    expect(await body.textContent()).toContain('once the letter has 1,000 signatures');
    expect(await body.textContent()).toContain('Your email domain will be shown as verified: @company.by.');

    await page.goto(`${ctx.site.url}/l/${SLUG}/signatories`);
    expect(await page.locator('.signature-list').count()).toBe(0);
    expect(await page.locator('.waiting').textContent()).toContain('1 name waits to be listed');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
