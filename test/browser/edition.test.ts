import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, SCREENSHOTS, seriousViolations } from '../support/browser.ts';
import { pdfText } from '../support/pdf-text.ts';
import { addVerifiedSignatures, SLUG, signAndConfirm, siteWithMail } from '../support/site.ts';

type Browser = Awaited<ReturnType<typeof openBrowser>>;

// Alice, on a phone and on a desktop, exports the list for Excel from the
// letter's "Export and print" page (plain GET forms, no script), opens the print edition, prints it, and gets its PDF.
describe('the edition of a letter in a browser', () => {
  const ctx = siteWithMail();
  const browsers: Browser[] = [];
  let token: string;
  beforeAll(async () => {
    for (const width of [375, 1280]) browsers.push(await openBrowser({ viewport: { width, height: 900 } }));
    token = await ctx.site.organizerToken('Alice');
    expect(
      (await ctx.site.admin(token, 'PATCH', `/letters/${SLUG}`, { organisedBy: 'Friends of Code', addressee: 'The Minister', publishedOn: '2026-03-25' })).status,
    ).toBe(200);
    await signAndConfirm(ctx, { name: 'Алесь Бяляцкі', email: 'ales@example.org', listed: true, organisation: 'Вясна', city: 'Мінск' });
    await signAndConfirm(ctx, { name: 'Hanna Hale', email: 'hanna@example.org', listed: true });
    const { signatures } = (await (await ctx.site.admin(token, 'GET', `/letters/${SLUG}/signatures`)).json()) as { signatures: { id: number; name: string }[] };
    const hanna = signatures.find((s) => s.name === 'Hanna Hale')!.id;
    expect((await ctx.site.admin(token, 'POST', `/letters/${SLUG}/signatures/moderate`, { action: 'hide', ids: [hanna] })).status).toBe(200);
    await addVerifiedSignatures(ctx.site, 150, { name: 'Signer' });
  });
  afterAll(async () => {
    for (const browser of browsers) await browser.close();
  });

  it('exports for Excel, shows the print page at 375 and 1280 px, prints it on A4 and gives its PDF, all accessible and from this site only', async () => {
    for (const [i, browser] of browsers.entries()) {
      const width = i === 0 ? 375 : 1280;
      const page = await browser.page();
      await page.goto(`${ctx.site.url}/admin`);
      await page.getByLabel('Organizer token').fill(token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/admin$/);

      await page.goto(`${ctx.site.url}/admin/letters/${SLUG}`);
      await page.getByRole('link', { name: 'Export and print' }).click();
      await page.waitForURL(/\/deliver$/);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `admin-deliver-${width}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

      await page.getByLabel('For Excel').check();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      expect(download.suggestedFilename()).toBe(`${SLUG}-signatures.csv`);
      const csv = await readFile((await download.path())!);
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(csv.toString('utf8')).toContain('Алесь Бяляцкі');
      expect(csv.toString('utf8')).not.toContain('@example.org');

      await page.getByRole('button', { name: 'Print page' }).click();
      await page.waitForURL(/\/edition\?lang=en$/);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Code does not grow in fear');
      expect(await page.locator('.signature-list li').count()).toBe(151);
      expect(await page.locator('body').textContent()).not.toContain('Hanna Hale');
      expect(await page.locator('header.site, footer.site, form').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await screenshot(page, `edition-${width}`);

      await page.emulateMedia({ media: 'print' });
      await screenshot(page, `edition-print-media-${width}`);
      if (width === 1280) {
        // Chromium's own print to PDF, with the page's @page size: what "Print" on this page gives.
        const printed = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        await writeFile(join(SCREENSHOTS, 'edition-printed.pdf'), printed);
        const { pages, text } = await pdfText(printed);
        expect(pages).toBeGreaterThanOrEqual(2);
        expect(text).toContain('Алесь Бяляцкі');
        expect(text).not.toContain('Hanna Hale');
        const firstPage = (await pdfText(await page.pdf({ preferCSSPageSize: true, pageRanges: '1' }))).text;
        // The list starts on a page of its own.
        expect(firstPage).not.toContain('Signer 1');
      }
      await page.emulateMedia({ media: 'screen' });

      const pdf = await page.request.get(`${ctx.site.url}/admin/letters/${SLUG}/edition.pdf?lang=en`);
      expect(pdf.status()).toBe(200);
      const { text } = await pdfText(await pdf.body());
      expect(text).toContain('Алесь Бяляцкі');
      expect(text).toContain('Signer 150');
      expect(text).not.toContain('Hanna Hale');
      await page.close();
    }
    for (const browser of browsers) {
      expect(browser.requested.filter((url) => !url.startsWith(ctx.site.url))).toEqual([]);
    }
  });
});
