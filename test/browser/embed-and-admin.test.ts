import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, seriousViolations } from '../support/browser.ts';
import { linkPath } from '../support/smtp.ts';
import { SLUG, siteWithMail } from '../support/site.ts';

type Browser = Awaited<ReturnType<typeof openBrowser>>;

describe('embeds and organizers in the browser', () => {
  const ctx = siteWithMail();
  let browser: Browser;
  let newsSite: Server;
  let newsUrl = '';
  beforeAll(async () => {
    browser = await openBrowser();
    // A news site on another origin (another port) that embeds the widget and tries the letter page.
    newsSite = createServer((req, res) => {
      const src = req.url === '/letter' ? `/l/${SLUG}` : `/embed/${SLUG}`;
      res.writeHead(200, { 'content-type': 'text/html' }).end(
        `<!doctype html><title>News</title><h1>News</h1><iframe id="embed" title="Signatures" src="${ctx.site.url}${src}" width="320" height="220"></iframe>`,
      );
    });
    await new Promise<void>((resolve) => newsSite.listen(0, '127.0.0.1', resolve));
    newsUrl = `http://127.0.0.1:${(newsSite.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await browser.close();
    await new Promise((resolve) => newsSite.close(resolve));
  });

  const signAndConfirm = async (name: string, email: string) => {
    await ctx.site.signJson({ name, email, listed: true });
    const [mail] = await ctx.mail.mailTo(email);
    await ctx.site.fetch(linkPath(mail!, 'confirm'), { method: 'POST' });
  };

  it('shows the widget in an iframe on another site, and keeps its count live', async () => {
    const page = await browser.page();
    await page.goto(`${newsUrl}/`);
    const widget = page.frameLocator('#embed');
    await expect.poll(() => widget.locator('.count').textContent()).toBe('0 signatures');
    expect(await widget.getByRole('link', { name: 'Sign the letter' }).getAttribute('target')).toBe('_blank');
    await signAndConfirm('Embedded Reader', 'reader@example.org');
    await expect.poll(() => widget.locator('.count').textContent()).toBe('1 signature');
    await screenshot(page, 'widget-on-news-site');
  });

  it('refuses to show the letter page in a frame, and shows the widget', async () => {
    const strict = await openBrowser({ bypassCSP: false });
    try {
      const framed = async (path: string) => {
        const page = await strict.page();
        await page.goto(`${newsUrl}${path}`);
        await page.waitForTimeout(500);
        const frame = page.frames().find((f) => f !== page.mainFrame())!;
        // A refused frame shows the browser's own error page, not ours.
        return { url: frame.url(), text: await frame.locator('body').textContent().catch(() => '') };
      };
      const letter = await framed('/letter');
      expect(letter.text).not.toContain('Code does not grow in fear');
      expect(letter.url).not.toBe(`${ctx.site.url}/l/${SLUG}`);
      expect((await framed('/')).text).toContain('Code does not grow in fear');
    } finally {
      await strict.close();
    }
  });

  it('lets an organizer sign in, hide a signature, and download the list', async () => {
    await signAndConfirm('Spam Spammer', 'spam@example.org');
    const token = await ctx.site.organizerToken('Alice');
    const page = await browser.page();
    await page.goto(`${ctx.site.url}/admin`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Organizer token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Letters');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${ctx.site.url}/admin/letters/${SLUG}/signatures`);
    expect(await seriousViolations(page)).toEqual([]);
    const row = page.locator('tr', { hasText: 'Spam Spammer' });
    await row.getByRole('checkbox').check();
    await page.getByLabel('With the selected:').selectOption('hide');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toBe('hide: 1 signature changed.');
    await screenshot(page, 'admin-signatures-1280');

    const letter = await (await ctx.site.fetch(`/l/${SLUG}/signatories`)).text();
    expect(letter).not.toContain('Spam Spammer');
    expect(await ctx.site.count()).toBe(1);

    await page.goto(`${ctx.site.url}/admin/letters/${SLUG}`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Export and print' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const rows = parse(await readFile((await download.path())!, 'utf8'), { columns: true }) as { name: string; status: string }[];
    expect(rows.find((r) => r.name === 'Spam Spammer')!.status).toBe('hidden');
    expect(rows.some((r) => r.name === 'Embedded Reader')).toBe(true);
  });
});
