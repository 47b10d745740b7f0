import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, SCREENSHOTS, seriousViolations, signInAdmin } from '../support/browser.ts';
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
      await signInAdmin(page, ctx.site.url, token);
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

  it('gives a page on another site, which sends Alice to the export with emails and to the PDF, only the sign-in form', async () => {
    const browser = browsers[1]!;
    const page = await browser.page();
    await page.goto(`${ctx.site.url}/admin`);
    if (await page.getByLabel('Organizer token').count()) {
      await page.getByLabel('Organizer token').fill(token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/admin$/);
    }
    const exportsBefore = (await ctx.site.store.auditLog({ limit: 200 })).filter((e) => e.action === 'export').length;
    // "localhost" is another site than "127.0.0.1": the session cookie is SameSite=Strict, so the
    // browser leaves it out of a navigation that another site starts.
    const target = `${ctx.site.url}/admin/letters/${SLUG}`;
    const evil = createServer((_, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(
        `<form id="csv" method="get" action="${target}/export.csv"><input name="includeEmail" value="true"></form>` +
          `<a id="pdf" href="${target}/edition.pdf">PDF</a>`,
      );
    });
    await new Promise<void>((resolve) => evil.listen(0, 'localhost', resolve));
    try {
      const evilUrl = `http://localhost:${(evil.address() as AddressInfo).port}/`;
      for (const [id, action] of [
        ['csv', (p: typeof page) => p.evaluate(() => (document.getElementById('csv') as HTMLFormElement).submit())],
        ['pdf', (p: typeof page) => p.click('#pdf')],
      ] as const) {
        await page.goto(evilUrl);
        const [response] = await Promise.all([page.waitForEvent('response', (r) => r.url().startsWith(target)), action(page)]);
        expect(response.status(), id).toBe(401);
        expect(await response.text(), id).not.toContain('@example.org');
      }
    } finally {
      evil.closeAllConnections();
      await new Promise((resolve) => evil.close(resolve));
    }
    expect((await ctx.site.store.auditLog({ limit: 200 })).filter((e) => e.action === 'export')).toHaveLength(exportsBefore);
    // While from the site itself, the same browser is signed in.
    expect((await page.goto(`${target}/deliver`))!.status()).toBe(200);
    await page.close();
  });
});
