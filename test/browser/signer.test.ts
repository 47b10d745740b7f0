import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, seriousViolations } from '../support/browser.ts';
import { linkPath } from '../support/smtp.ts';
import { addVerifiedSignatures, rows, SLUG, signAndConfirm, siteWithMail } from '../support/site.ts';

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
      // The snippets are there to select; the copy buttons, which need a script, are not shown.
      await page.getByText('Share and embed').click();
      expect(await page.getByLabel('Badge (HTML)').isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Copy' }).count()).toBe(0);
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

  it('fits a 375 px phone without sideways scrolling, and weighs under 30 KB compressed with its CSS, scripts and icons', async () => {
    const phone = await openBrowser({ viewport: { width: 375, height: 667 } });
    try {
      const page = await phone.page();
      // What the page loads, each file as gzip would send it; the count's stream never ends and is left out.
      const files: Promise<number>[] = [];
      page.on('requestfinished', (request) => {
        if (request.resourceType() === 'eventsource' || request.resourceType() === 'fetch') return;
        files.push(request.response().then(async (res) => gzipSync(await res!.body()).length + (await request.sizes()).responseHeadersSize));
      });
      for (const path of [`/l/${SLUG}`, `/l/${SLUG}/signatories`, '/']) {
        await page.goto(`${ctx.site.url}${path}`, { waitUntil: 'load' });
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        expect(scrollWidth, path).toBeLessThanOrEqual(clientWidth);
        await screenshot(page, `${path.split('/').filter(Boolean).join('-') || 'home'}-375`);
        if (path === `/l/${SLUG}`) {
          const bytes = (await Promise.all(files.splice(0))).reduce((a, b) => a + b, 0);
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

  it('shows the title, the count and the Sign action above the fold, on a phone and on a desktop', async () => {
    for (const viewport of [{ width: 375, height: 667 }, { width: 1280, height: 800 }]) {
      const sized = await openBrowser({ viewport });
      try {
        const page = await sized.page();
        await page.goto(`${ctx.site.url}/l/${SLUG}`);
        // On a phone the Sign action is the bar at the bottom; on a desktop, the button under the count.
        for (const selector of ['h1', '.count-number', viewport.width < 1000 ? 'a.sign-bar' : '.tally a.button']) {
          const box = (await page.locator(selector).boundingBox())!;
          expect(box.y + box.height, `${selector} at ${viewport.width}`).toBeLessThanOrEqual(viewport.height);
        }
        // On a desktop the form itself is beside the letter, its first field in view.
        if (viewport.width === 1280) {
          const field = (await page.locator('#field-name').boundingBox())!;
          expect(field.y + field.height).toBeLessThanOrEqual(viewport.height);
        }
      } finally {
        await sized.close();
      }
    }
  });

  it('keeps a slim Sign bar at the bottom of a phone while the letter is read, and it leads to the form', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const phone = await openBrowser({ viewport: { width: 375, height: 667 }, javaScriptEnabled });
      try {
        const page = await phone.page();
        await page.goto(`${ctx.site.url}/l/${SLUG}`);
        await page.mouse.wheel(0, 500);
        const bar = page.locator('a.sign-bar');
        await expect.poll(async () => (await bar.boundingBox())?.y).toBeCloseTo(667 - (await bar.boundingBox())!.height, 0);
        expect(await bar.textContent()).toMatch(/^Sign \d/);
        await bar.click();
        expect(new URL(page.url()).hash).toBe('#sign');
        const field = (await page.locator('#field-name').boundingBox())!;
        expect(field.y).toBeGreaterThanOrEqual(0);
        expect(field.y + field.height).toBeLessThanOrEqual(667);
      } finally {
        await phone.close();
      }
    }
    // On a desktop the form is beside the letter: no bar.
    const page = await browser.page();
    await page.goto(`${ctx.site.url}/l/${SLUG}`);
    expect(await page.locator('a.sign-bar').isVisible()).toBe(false);
  });

  it('moves nothing on the page when the live count changes, the goal’s numbers included', async () => {
    // From a count of at least one: the first signature replaces "No signatures yet." with a number, once.
    await signAndConfirm(ctx, { name: 'First Reader', email: 'first.reader@example.org', listed: false });
    // A goal whose count grows by a digit meanwhile.
    const token = await ctx.site.organizerToken();
    const patched = await ctx.site.fetch(`/api/admin/letters/${SLUG}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ goal: 1000 }),
    });
    expect(patched.status).toBe(200);
    await addVerifiedSignatures(ctx.site, 9 - (await ctx.site.count()), { listed: false });
    for (const viewport of [{ width: 375, height: 667 }, { width: 1280, height: 800 }]) {
      const sized = await openBrowser({ viewport });
      try {
        const page = await sized.page();
        await page.addInitScript(() => {
          const shifts: number[] = [];
          (window as unknown as { shifts: number[] }).shifts = shifts;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
              if (!entry.hadRecentInput) shifts.push(entry.value);
            }
          }).observe({ type: 'layout-shift', buffered: true });
        });
        await page.goto(`${ctx.site.url}/l/${SLUG}`);
        const before = Number(await page.locator('.tally .live-count').getAttribute('data-count'));
        await signAndConfirm(ctx, { name: viewport.width < 1000 ? 'Phone Reader' : 'Desktop Reader', email: `shift${viewport.width}@example.org`, listed: false });
        await expect.poll(() => page.locator('.tally .live-count').getAttribute('data-count')).toBe(String(before + 1));
        expect(await page.locator('.sign-bar .live-count').textContent()).toBe(String(before + 1));
        expect(await page.locator('.goal-text').textContent()).toBe(`${before + 1} of 1,000`);
        await page.waitForTimeout(200);
        expect(await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts)).toEqual([]);
      } finally {
        await sized.close();
      }
    }
  });

  it('renders a dark theme for a reader who prefers one, with the same contrast checks passing', async () => {
    const page = await browser.page();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${ctx.site.url}/l/${SLUG}`);
    const colours = await page.evaluate(() => ({
      background: getComputedStyle(document.documentElement).backgroundColor,
      text: getComputedStyle(document.querySelector('h1')!).color,
    }));
    expect(colours).toEqual({ background: 'rgb(18, 20, 22)', text: 'rgb(243, 242, 241)' });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'letter-dark-1280');
  });

  it('prints the letter and its count without the form, the sign bar or the share controls', async () => {
    const page = await browser.page();
    await page.emulateMedia({ media: 'print' });
    await page.goto(`${ctx.site.url}/l/${SLUG}`);
    expect(await page.locator('.letter-body').isVisible()).toBe(true);
    expect(await page.locator('.count').isVisible()).toBe(true);
    for (const selector of ['form.sign', '.tally a.button', 'a.sign-bar', 'details.embed', 'header.site nav']) {
      expect(await page.locator(selector).isVisible(), selector).toBe(false);
    }
  });

  it('keeps the embed snippets behind "Share and embed", each with a copy button', async () => {
    const page = await browser.page();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ctx.site.url });
    await page.goto(`${ctx.site.url}/l/${SLUG}`);
    const markdown = page.getByLabel('Badge (Markdown)');
    expect(await markdown.isVisible()).toBe(false);
    await page.getByText('Share and embed').click();
    expect(await markdown.isVisible()).toBe(true);
    await page.locator('button[data-copy-from="embed-badgeMarkdown"]').click();
    await expect.poll(() => page.locator('button[data-copy-from="embed-badgeMarkdown"]').textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await markdown.inputValue());
    expect(await seriousViolations(page)).toEqual([]);
  });
});

// Story: a signer whose browser fills the form in at once presses Sign within the second.
describe('a signer whose browser fills in the form at once', () => {
  const ctx = siteWithMail({ FORM_MIN_SECONDS: '2' });

  it('is shown the form again with what was typed and asked calmly to press Sign again: never a false success', async () => {
    const browser = await openBrowser({ viewport: { width: 375, height: 667 } });
    try {
      const page = await browser.page();
      await page.goto(`${ctx.site.url}/l/${SLUG}`);
      await page.getByLabel('Your name').fill('Olga Autofill');
      await page.getByLabel('Email', { exact: true }).fill('olga.autofill@example.org');
      await page.getByLabel('City (optional)').fill('Minsk');
      await page.getByRole('button', { name: 'Sign', exact: true }).click();

      const notice = page.locator('#form-problems');
      await expect.poll(() => notice.textContent()).toBe('Your signature is not sent yet: please check the form and press Sign again.');
      expect(await page.locator('h1').textContent()).not.toBe('Check your email');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('form-problems');
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(await page.getByLabel('Your name').inputValue()).toBe('Olga Autofill');
      expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe('olga.autofill@example.org');
      expect(await page.getByLabel('City (optional)').inputValue()).toBe('Minsk');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'letter-too-fast-375');
      // Nothing was taken: no signature stored, so no mail can follow.
      expect(await rows(ctx.site, 'SELECT id FROM signatures')).toHaveLength(0);

      // A stamp names the second the form was shown in: the wait counts from that second's end.
      await page.waitForTimeout(3100);
      await page.getByRole('button', { name: 'Sign', exact: true }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Check your email');
      expect(await ctx.mail.mailTo('olga.autofill@example.org')).toHaveLength(1);
    } finally {
      await browser.close();
    }
  });
});
