import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, seriousViolations, signInAdmin } from '../support/browser.ts';
import { rows, SLUG, siteWithMail } from '../support/site.ts';

type Browser = Awaited<ReturnType<typeof openBrowser>>;

const HOUR = 60 * 60 * 1000;
const STATES = [
  ['verified', 0],
  ['verified', 0],
  ['verified', 0],
  ['pending', 0],
  ['withdrawn', 0],
  ['verified', 1],
] as const;

// What an organizer sees of a letter that has been signed for a few weeks: the charts, their legend
// and tables, the confirmation rate, the mail and the sources, on a phone and on a desktop.
describe("a letter's dashboard in a browser", () => {
  const ctx = siteWithMail();
  const browsers: Browser[] = [];
  beforeAll(async () => {
    for (const width of [375, 1280]) browsers.push(await openBrowser({ viewport: { width, height: 900 } }));
  });
  afterAll(async () => {
    for (const browser of browsers) await browser.close();
  });

  it('draws signatures over time readably and accessibly at 375 and 1280 px, with the figures in a table', async () => {
    // Signatures made over three weeks, more of them lately, in every state.
    const now = Date.now();
    const [letter] = await rows(ctx.site, 'SELECT id FROM letters WHERE slug = ?', [SLUG]);
    for (let i = 0; i < 400; i++) {
      const at = now - Math.floor(((i * 7919) % 1000) ** 2 / 1000) * 0.5 * HOUR;
      const [status, hidden] = STATES[i % STATES.length]!;
      await ctx.site.db.execute({
        sql: `INSERT INTO signatures (letter_id, status, hidden, name, listed, lang, mail_window_start, created_at, verified_at, withdrawn_at)
              VALUES (?, ?, ?, ?, 1, 'en', ?, ?, ?, ?)`,
        args: [Number(letter!.id), status, hidden, `Signer ${i}`, at, at, status === 'pending' ? null : at + HOUR, status === 'withdrawn' ? at + 2 * HOUR : null],
      });
    }
    await ctx.site.db.execute({
      sql: `INSERT INTO signing_sources (letter_id, day, source, signings) VALUES (?1, ?2, 'share-telegram', 120), (?1, ?2, 'embed-widget', 40), (?1, ?2, 'direct', 240)`,
      args: [Number(letter!.id), new Date(now).toISOString().slice(0, 10)],
    });
    const token = await ctx.site.organizerToken();

    for (const [i, browser] of browsers.entries()) {
      const width = i === 0 ? 375 : 1280;
      const page = await browser.page();
      await signInAdmin(page, ctx.site.url, token);
      await page.getByRole('link', { name: 'dashboard' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('grows');

      const hours = page.getByRole('img', { name: /Signatures per hour, last 48 hours/ });
      const days = page.getByRole('img', { name: /Signatures per day since the first one/ });
      expect(await hours.count()).toBe(1);
      expect(await days.count()).toBe(1);
      expect(await page.locator('.growth-legend').first().textContent()).toMatch(/Confirmed.*Pending.*Withdrawn.*Hidden/);
      expect(await page.locator('.growth-rate').textContent()).toMatch(/^\d+% \(\d+ of \d+ signings confirmed\)$/);
      expect(await page.getByRole('row', { name: /Shared on Telegram/ }).first().textContent()).toContain('120');

      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `admin-letter-dashboard-${width}`);

      // The table behind the daily chart, opened: its columns name each state, its rows add up.
      await page.getByText('The figures as a table').nth(1).click();
      const table = page.getByRole('table', { name: /Signatures per day/ });
      expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Day (UTC)', 'Confirmed', 'Pending', 'Withdrawn', 'Hidden']);
      const cells = (await table.locator('tbody td').allTextContents()).map(Number);
      expect(cells.reduce((a, b) => a + b, 0)).toBe(400);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await table.scrollIntoViewIfNeeded();
      await screenshot(page, `admin-letter-dashboard-table-${width}`);
    }
  });
});
