import { createServer, type Server } from 'node:http';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LetterInput } from '../../src/domain/letter-input.ts';
import { openBrowser } from '../support/browser.ts';
import { startSite, type Site } from '../support/site.ts';

type Browser = Awaited<ReturnType<typeof openBrowser>>;

// Each title tries to leave the text it is put in: an attribute (either quote), the textarea it is
// shown in, Markdown's brackets and parentheses (a backslash before a bracket, a line break that ends
// the paragraph), a tag, a javascript: link. Any script that runs calls alert() or sets a flag.
const HOSTILE_TITLES = [
  'Free them" onload="alert(document.domain)',
  "Free them' onerror='alert(document.domain)",
  '</textarea><script>alert(document.domain)</script>',
  '<img src=x onerror=alert(document.domain)>',
  'javascript:alert(document.domain)',
  'Free them](javascript:alert(document.domain))',
  'Free them\\](javascript:alert(document.domain)) \\\\](javascript:alert(1))',
  'Free them)](javascript:alert(1)) [x](javascript:alert(1) "t")',
  'Free them\n\n<script>window.pwned = true</script>\n\n[x](javascript:alert(1))',
  'Free them\r\n<img src=x onerror="window.pwned = true">',
  '`code` *em* &lt;script&gt;alert(1)&lt;/script&gt; &#x5D;(javascript:alert(1))',
];

// A lax Markdown renderer, as a news site's CMS may have: raw HTML on, any link scheme allowed. The
// snippet must stay an image in a link even there.
const cms = new MarkdownIt({ html: true, linkify: false });
cms.validateLink = () => true;

describe('an embed snippet pasted into another site', () => {
  let site: Site;
  let browser: Browser;
  let newsSite: Server;
  let newsUrl = '';
  // The news site serves what its editors pasted, as its own page.
  const pasted = new Map<string, string>();

  beforeAll(async () => {
    // The snippets name the site by its public address: here, the address it really has.
    const port = await freePort();
    site = await startSite({ env: { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` } });
    browser = await openBrowser({ bypassCSP: false });
    newsSite = createServer((req, res) => {
      const body = pasted.get(req.url ?? '');
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => newsSite.listen(0, '127.0.0.1', resolve));
    newsUrl = `http://127.0.0.1:${(newsSite.address() as { port: number }).port}`;
    // Titles as an organizer's account (or an older version's rules) may have stored them: the store
    // takes any title, so the snippets must be safe whatever is there.
    const actor = { organizerId: null, name: 'Test' };
    for (const [i, title] of HOSTILE_TITLES.entries()) {
      const input = LetterInput.parse({ slug: `hostile-${i}`, title: 'placeholder', body: 'Text.', status: 'open' });
      expect(await site.store.createLetter({ ...input, title }, actor, new Date())).not.toBe('slug_taken');
    }
  });
  afterAll(async () => {
    await browser.close();
    await new Promise((resolve) => newsSite.close(resolve));
    await site.close();
  });

  it.each(HOSTILE_TITLES.map((title, i) => [i, title] as const))(
    'runs no script of a hostile title (%i) and still shows the badge and the widget',
    async (i, title) => {
      const page = await browser.page();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      // Copied exactly as the letter page shows them, as an editor would.
      await page.goto(`${site.url}/l/hostile-${i}`);
      const snippets = await page.locator('details.embed textarea').evaluateAll((areas) =>
        (areas as HTMLTextAreaElement[]).map((area) => ({ label: area.labels?.[0]?.textContent ?? '', code: area.value })),
      );
      expect(snippets.map((s) => s.label)).toEqual(['Badge (HTML)', 'Badge (Markdown)', 'Widget (iframe)']);
      expect(dialogs).toEqual([]);

      const [html, markdown, iframe] = snippets.map((s) => s.code) as [string, string, string];
      const path = `/article-${i}`;
      pasted.set(
        path,
        `<!doctype html><meta charset="utf-8"><title>News</title><h1>News</h1>
         <div id="html">${html}</div><div id="markdown">${cms.render(markdown)}</div><div id="widget">${iframe}</div>`,
      );
      await page.goto(`${newsUrl}${path}`, { waitUntil: 'load' });

      expect(dialogs).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
      // Each snippet is still one link around one loaded badge, or one widget frame, and nothing else.
      for (const id of ['html', 'markdown']) {
        const block = page.locator(`#${id}`);
        expect(await block.locator('a').count(), id).toBe(1);
        expect(await block.locator('a').getAttribute('href'), id).toBe(`${site.url}/l/hostile-${i}?src=embed-badge`);
        const img = block.locator('a > img');
        expect(await img.count(), id).toBe(1);
        expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth), id).toBeGreaterThan(0);
        expect(await img.getAttribute('alt'), id).toBe(`Signatures of ${title.replace(/\s+/g, ' ').trim()}`);
        expect(await block.locator('script, [onload], [onerror]').count(), id).toBe(0);
      }
      const frame = page.frameLocator('#widget iframe');
      await expect.poll(() => frame.locator('.count').textContent()).toBe('0 signatures');
      expect(await page.locator('#widget iframe').getAttribute('title')).toBe(title.replace(/\s+/g, ' ').trim());
      expect(dialogs).toEqual([]);
      await page.close();
    },
  );
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
